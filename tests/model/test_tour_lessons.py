"""The shipped lessons in assets/tours/: each checks clean, lasts 2-6 minutes, and says
what the project's own event tables say."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.assets import assets_dir
from jovianview.core.events import perijove, perijoves
from jovianview.model.tour import load_tour

TOURS = sorted((assets_dir() / "tours").glob("*.toml"))


def test_there_are_lessons():
    assert len(TOURS) >= 2


@pytest.mark.parametrize("path", TOURS, ids=lambda p: p.name)
def test_each_lesson_is_valid_and_2_to_6_minutes(path):
    tour = load_tour(path)
    assert 120 <= tour.seconds <= 360
    assert path.read_text(encoding="utf-8").startswith("#")  # the sources comment
    assert "Sources" in path.read_text(encoding="utf-8")


def _period_days(first: int, last: int) -> float:
    """Mean perijove-to-perijove interval from PJ``first`` to PJ``last``."""
    return float(np.mean(np.diff([perijove(n).tdb for n in range(first, last + 1)])))


def test_mission_lesson_periods_match_the_perijove_table():
    # 53 days before the Ganymede flyby (PJ34); the orbit right after it 43 days (later ones
    # drift to 43.9), after Europa (PJ45) 38, after the second Io flyby (PJ58) 33 to the end
    # of the extended mission: the figures the lesson's captions give.
    assert round(_period_days(1, 33)) == 53
    assert round(_period_days(34, 35)) == 43
    assert round(_period_days(45, 46)) == 38 and round(_period_days(45, 56)) == 38
    assert round(_period_days(58, 76)) == 33
    text = (assets_dir() / "tours" / "juno-mission.toml").read_text(encoding="utf-8")
    for days in ("53 days", "43 days", "38 days", "33 days"):
        assert days in text


def test_mission_lesson_runs_from_orbit_insertion_to_the_extended_mission_end():
    tour = load_tour(assets_dir() / "tours" / "juno-mission.toml")
    assert tour.steps[0].tdb == pytest.approx(perijoves()[0].tdb - 1.0)
    assert tour.steps[-1].tdb == pytest.approx(perijove(76).tdb)


def test_europa_lesson_reaches_closest_approach():
    tour = load_tour(assets_dir() / "tours" / "europa-flyby.toml")
    flyby = 2459851.9011315089  # assets/events/flybys.csv
    assert any(s.tdb <= flyby <= s.end_tdb for s in tour.steps)
    text = (assets_dir() / "tours" / "europa-flyby.toml").read_text(encoding="utf-8")
    assert "352 km" in text and "23.6 km/s" in text
