"""Mission events: the tables, their statuses and the next/previous lookups."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from jovianview.core.assets import assets_dir
from jovianview.core.errors import JovianviewError
from jovianview.core.events import (
    KINDS,
    Event,
    events_between,
    events_of_kind,
    flyby_altitude,
    flyby_altitudes,
    last_flown_perijove,
    load_events,
    next_event,
    next_event_index,
    perijove,
    perijoves,
    previous_event,
)
from jovianview.core.timescale import utc_to_tdb

# Key facts, so these checks run without ../shared (sources: Juno mission-operations perijove
# table; NAIF juno_rec_orbit_v08.orb for PJ1-PJ33; flyby times from SPICE geometry on the
# reconstructed Juno kernels, published by a JunoCam team member).
PJ1_UTC = "2016-08-27T12:50:44"
PJ76_UTC = "2025-09-14T23:52:03.861"
PJ110_UTC = "2028-09-29T11:00:15.805"
EUROPA_FLYBY_UTC = "2022-09-29T09:36:28.58"


def test_events_sorted_and_typed():
    events = load_events()
    assert len(events) > 200
    times = [e.tdb for e in events]
    assert times == sorted(times)
    assert {e.kind for e in events} == set(KINDS)
    assert all(isinstance(e, Event) for e in events)
    with pytest.raises(AttributeError):
        events[0].tdb = 0.0  # frozen


def test_perijove_table_and_statuses():
    pjs = perijoves()
    assert [p.number for p in pjs] == list(range(111))
    assert perijove(1).utc == PJ1_UTC
    assert perijove(76).utc == PJ76_UTC and perijove(76).status == "flown"
    assert perijove(110).utc == PJ110_UTC
    assert perijove(0).label.startswith("PJ0")
    assert last_flown_perijove().number == 76
    for p in pjs:
        assert p.planned == (p.number >= 77)
        assert ("planned" in p.label) == p.planned
    assert perijove(33).status == "reconstructed"
    assert abs(perijove(1).tdb - utc_to_tdb(PJ1_UTC)) < 1e-8


@pytest.mark.parametrize("bad", [-1, 111, "x", None])
def test_unknown_perijove_names_range(bad):
    with pytest.raises(JovianviewError, match="choose 0 to 110"):
        perijove(bad)


def test_flybys_and_milestones():
    flybys = events_of_kind("flyby")
    assert len(flybys) == 22
    io_passes = {f.number for f in flybys if f.body == "io"}
    assert {47, 49, 51, 53, 55, 57, 58, 60, 62} <= io_passes
    europa = [f for f in flybys if f.body == "europa" and f.number == 45][0]
    assert europa.utc == EUROPA_FLYBY_UTC and europa.number == 45
    alt = flyby_altitudes()
    assert alt[europa.tdb] == 352.0
    unpublished = [f for f in flybys if alt[f.tdb] is None]
    assert len(unpublished) == 11
    for f in flybys:  # every encounter has a distance, and says where it is from
        a = flyby_altitude(f)
        assert 0 < a.km <= 100_000 and a.published == (alt[f.tdb] is not None)
        assert ("no published figure" in f.note) == (not a.published)
        assert f.source
    labels = [m.label for m in events_of_kind("milestone")]
    assert "Jupiter orbit insertion" in labels


def test_next_and_previous():
    t = perijove(45).tdb
    assert next_event(t, "perijove").number == 46
    assert previous_event(t, "perijove").number == 45  # at or before
    assert previous_event(t - 1e-6, "perijove").number == 44
    assert next_event(t - 1.0, "flyby").body == "europa"
    assert next_event(perijove(110).tdb, "perijove") is None
    assert previous_event(perijove(0).tdb - 1, "perijove") is None
    any_next = next_event(t)
    assert any_next is not None and any_next.tdb > t


def test_vectorised_lookup_matches_scalar():
    times = np.linspace(perijove(0).tdb - 10, perijove(110).tdb + 10, 500)
    idx = next_event_index(times, "perijove")
    pjs = events_of_kind("perijove")
    for t, i in zip(times, idx, strict=True):
        ev = next_event(t, "perijove")
        assert (ev is None and i == -1) or pjs[i] is ev
    prev = next_event_index(times, "perijove", after=False)
    assert prev[0] == -1 and prev[-1] == len(pjs) - 1


def test_events_between():
    start, end = utc_to_tdb("2021-06-01"), utc_to_tdb("2021-07-01")
    kinds = [e.kind for e in events_between(start, end)]
    assert "flyby" in kinds and kinds.count("perijove") == 1
    assert events_between(end, start) == ()
    with pytest.raises(JovianviewError, match="choose one of"):
        events_between(start, end, kind="comet")


def test_assets_are_own_tables_with_sources(shared_reference):
    for name in ("perijoves", "apojoves", "flybys", "milestones"):
        path = assets_dir() / "events" / f"{name}.csv"
        text = path.read_text()
        assert text.startswith("#") and "tools/make_events.py" in text
        rows = list(csv.DictReader(io.StringIO(
            "\n".join(ln for ln in text.splitlines() if not ln.startswith("#")))))
        assert all(r["source"] for r in rows)
        shared = shared_reference / f"{name}.csv"
        if shared.exists():
            assert shared.read_bytes() != path.read_bytes()


def test_perijoves_agree_with_reference(shared_reference):
    lines = [ln for ln in (shared_reference / "perijoves.csv").read_text().splitlines()
             if ln and not ln.startswith("#")]
    ref = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert len(ref) == len(perijoves())
    for r in ref:
        p = perijove(int(r["pj"]))
        assert p.utc == r["perijove_utc"] and p.status == r["status"]
