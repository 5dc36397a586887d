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
