"""Timeline mapping, tick labelling, readout formatting."""

from __future__ import annotations

import pytest

from jovianview.model.readouts import format_countdown, format_distance
from jovianview.model.sources import TimelineEvent, jupiter_radius_km
from jovianview.model.timeline import TimelineScale, labelled_perijoves


def test_scale_round_trip_and_clamp() -> None:
    sc = TimelineScale(100.0, 200.0, 10.0, 1010.0)
    assert sc.x_of(150.0) == pytest.approx(510.0)
    assert sc.tdb_of(sc.x_of(123.4)) == pytest.approx(123.4)
    assert sc.tdb_of(-50.0) == 100.0 and sc.tdb_of(5000.0) == 200.0


def test_perijove_labels_thin_out_when_crowded() -> None:
    events = tuple(TimelineEvent(100.0 + i, f"PJ{i}", "perijove", i, False, None, "")
                   for i in range(80))
    wide = labelled_perijoves(events, TimelineScale(100.0, 180.0, 0.0, 8000.0))
    narrow = labelled_perijoves(events, TimelineScale(100.0, 180.0, 0.0, 400.0))
    assert wide == set(range(80))
    assert narrow < wide and all(n % 10 == 0 for n in narrow)


def test_formatting() -> None:
    assert format_distance(None, "km") == "\u2014"
    assert format_distance(123456.4, "km") == "123,456 km"
    assert format_distance(jupiter_radius_km() * 2.5, "RJ") == "2.500 RJ"
    assert format_countdown(1.5) == "T-1d 12:00:00"
    assert format_countdown(-1.0 / 24) == "T+01:00:00"


def test_absent_juno_is_one_short_row_with_the_reason_in_its_tooltip() -> None:
    from jovianview.model import sources
    from jovianview.model.readouts import compute, lines
    from jovianview.model.scene import SceneModel

    tdb = sources.default_start_tdb()
    scene = SceneModel(tdb)
    snap = scene.snapshot(tdb)
    absent = sources.juno_absence(tdb, scene.ephemeris)
    rows = lines(compute(snap), "km")
    assert [r.label for r in rows[:3]] == ["UTC", "Previous", "Next"]
    if absent is None:
        assert {r.label for r in rows} >= {"Altitude", "Speed", "Io", "Callisto"}
        return
    juno = [r for r in rows if r.section == "Juno"]
    assert len(juno) == 1 and juno[0].value == absent[0] and len(juno[0].value) < 30
    assert juno[0].tip == absent[1]
    assert "unknown body" not in juno[0].value


def test_juno_absence_before_and_after_the_trajectory(monkeypatch) -> None:
    from jovianview.core.ephemeris import Ephemeris
    from jovianview.model import sources

    eph = Ephemeris()
    monkeypatch.setattr(sources, "juno_span", lambda e: (100.0, 200.0))
    assert sources.juno_absence(150.0, eph) is None
    assert sources.juno_absence(50.0, eph)[0] == "before orbit insertion"
    assert sources.juno_absence(250.0, eph)[0] == "after the end of its data"
    monkeypatch.setattr(sources, "juno_span", lambda e: None)
    short, detail = sources.juno_absence(150.0, eph)
    assert short == "no trajectory loaded" and "trajectory" in detail


def test_detail_ticks_are_round_utc_times_and_jog_pulls_like_a_tape() -> None:
    from jovianview.core.timescale import tdb_to_iso, utc_to_tdb
    from jovianview.model.timeline import detail_ticks, jog

    centre = float(utc_to_tdb("2022-09-29T09:36:29"))
    ticks = detail_ticks(TimelineScale(centre - 0.5, centre + 0.5, 0.0, 1000.0))
    assert 6 <= len(ticks) <= 18
    for tdb, label in ticks:
        iso = str(tdb_to_iso(tdb, 0))
        assert iso.endswith(":00:00")  # whole UTC hours at this span
        assert label == "Sep 29" or label == iso[11:16]
    assert ("Sep 29" in [label for _, label in ticks])
    assert jog(100.0, 50.0, 2.0, 1000.0) == pytest.approx(99.9)  # drag right: earlier
    assert format_countdown(0.0) == "T+00:00:00"


def test_juno_plan_starts_no_later_than_today(monkeypatch) -> None:
    from types import SimpleNamespace

    from jovianview.model import sources

    monkeypatch.setattr(sources, "core_juno", SimpleNamespace(
        load_juno=lambda: SimpleNamespace(planned_after=100.0)))
    assert sources.juno_plan_starts(200.0) == 100.0  # the data's own boundary
    assert sources.juno_plan_starts(50.0) == 50.0  # beyond today nothing is flown
    monkeypatch.setattr(sources, "core_juno", SimpleNamespace(load_juno=lambda: None))
    assert sources.juno_plan_starts(200.0) == 200.0


def test_planned_event_says_planned_once() -> None:
    from jovianview.model.readouts import _event_row

    labelled = TimelineEvent(110.0, "PJ77 (planned)", "perijove", 77, True, None, "")
    bare = TimelineEvent(110.0, "Apojove", "apojove", 77, True, None, "")
    flown = TimelineEvent(110.0, "PJ76", "perijove", 76, False, None, "")
    assert _event_row("Next", labelled, 100.0).value.count("planned") == 1
    assert _event_row("Next", bare, 100.0).value.startswith("Apojove (planned)  ")
    assert "planned" not in _event_row("Next", flown, 100.0).value
