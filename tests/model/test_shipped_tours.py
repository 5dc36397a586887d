"""The four lessons added with the tour player: their numbers measured again on the project's
own data (perijove latitudes, moon periods, the Laplace relation, flyby altitudes)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from jovianview.core.assets import assets_dir
from jovianview.core.body_facts import fact
from jovianview.core.ephemeris import state
from jovianview.core.events import perijove
from jovianview.core.timescale import utc_to_tdb
from jovianview.model import readouts
from jovianview.model.scene import SceneModel
from jovianview.model.tour import load_tour
from jovianview.model.tour_values import LAYERS

TOURS = assets_dir() / "tours"


def _text(name: str) -> str:
    return (TOURS / name).read_text(encoding="utf-8")


def test_six_lessons_are_shipped():
    titles = {load_tour(p).title for p in TOURS.glob("*.toml")}
    assert {"Io up close: PJ57 and PJ58", "Why Juno flies over the poles", "Inside Jupiter",
            "The moons' dance", "The Europa flyby, 29 September 2022",
            "Juno's mission in five minutes"} <= titles


@pytest.mark.parametrize("number, degrees", [(1, 4), (20, 23), (40, 37), (57, 51), (76, 68)])
def test_polar_lesson_perijove_latitudes(number, degrees):
    tdb = perijove(number).tdb
    values = readouts.compute(SceneModel(tdb).snapshot(tdb))
    assert values.latitude_deg is not None
    assert round(values.latitude_deg) == degrees
    assert 2000 < values.altitude_km < 6000  # "a few thousand km above the clouds"
    assert f"{degrees}° north" in _text("polar-orbit.toml")


def test_polar_lesson_shows_the_radiation_belts_and_its_dates():
    tour = load_tour(TOURS / "polar-orbit.toml")
    assert tour.settings_at(0)[LAYERS["radiation_belts"]] is True
    text = _text("polar-orbit.toml")
    for n in (1, 20, 40, 57, 76):
        day = perijove(n).utc[:10]
        y, m, d = (int(x) for x in day.split("-"))
        month = ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"][m - 1]
        assert f"Perijove {n}, {d} {month} {y}" in text


def test_moons_lesson_periods_and_ratios():
    text = _text("moons-dance.toml")
    for body, shown in (("io", "1.77"), ("europa", "3.55"), ("ganymede", "7.15")):
        assert f"{float(fact(f'{body}.period_days')):.2f}" == shown and shown in text
    assert round(float(fact("resonance.europa_to_io"))) == 2
    assert round(float(fact("resonance.ganymede_to_io"))) == 4
    assert f"{float(fact('callisto.period_days')):.1f} days" in text
    assert "11.6 days" in text and abs(1e6 / 86400 - 11.6) < 0.05


def test_moons_lesson_laplace_relation_holds_on_the_ephemeris():
    # Io - 3 Europa + 2 Ganymede (longitudes) stays near 180 deg: never all on one side
    tour = load_tour(TOURS / "moons-dance.toml")
    t = tour.steps[0].tdb + np.arange(0.0, tour.steps[-1].end_tdb - tour.steps[0].tdb, 0.1)
    lam = {b: np.degrees(np.arctan2(*state(b, t)[0][1::-1])) for b in ("io", "europa",
                                                                      "ganymede")}
    laplace = (lam["io"] - 3 * lam["europa"] + 2 * lam["ganymede"]) % 360.0
    assert np.all(np.abs(laplace - 180.0) < 25.0)  # projection on the frame's xy plane
    assert t[-1] - t[0] > 3 * float(fact("ganymede.period_days"))  # several Ganymede orbits


def test_io_lesson_flybys_and_altitudes():
    tour = load_tour(TOURS / "io-up-close.toml")
    text = _text("io-up-close.toml")
    assert "1500 km" in text and "200 km" in text and "33 days" in text
    pj57 = float(utc_to_tdb("2023-12-30T08:36:00.84"))  # assets/events/flybys.csv
    pj58 = float(utc_to_tdb("2024-02-03T17:48:35.13"))
    for flyby in (pj57, pj58):
        assert any(s.tdb <= flyby <= s.end_tdb + 2 / 24 for s in tour.steps)
    assert round(pj58 - pj57) == 35 and "35 days after" in text
    assert tour.settings_at(1)[LAYERS["features"]] is True


def test_inside_jupiter_uses_only_layers_that_exist():
    text = _text("inside-jupiter.toml")
    used = set(re.findall(r"(\w+) = (?:true|false)", text))
    assert used <= set(LAYERS) | {"fly", "wait"}
    assert "3,000 km" in text and "dilute core" in text

