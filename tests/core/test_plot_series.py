"""core.plot_series: sampled values equal the readouts, windows around events, markers."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.ephemeris import MOONS, default_ephemeris
from jovianview.core.ephemeris import juno_readouts as jr
from jovianview.core.errors import JovianviewError, TimeRangeError
from jovianview.core.events import events_of_kind, flyby_altitude, perijove
from jovianview.core.plot_series import (
    FLYBY_HALF_DAYS,
    PERIJOVE_HALF_DAYS,
    QUANTITIES,
    markers,
    sample,
    sample_times,
    window_around,
)
from jovianview.core.timescale import utc_to_tdb

EUROPA_CA_UTC = "2022-09-29T09:36:28"
ALL = tuple(QUANTITIES)


def europa_flyby():
    t = float(utc_to_tdb(EUROPA_CA_UTC))
    return min((e for e in events_of_kind("flyby") if e.body == "europa"),
               key=lambda e: abs(e.tdb - t))


def test_values_equal_the_readout_functions_at_pj45():
    t0 = perijove(45).tdb
    s = sample(ALL, t0 - PERIJOVE_HALF_DAYS, t0 + PERIJOVE_HALF_DAYS)
    # spot checks at a few sampled times, each readout function called on its own
    for i in (0, s.tdb.size // 3, int(np.argmin(np.abs(s.tdb - t0))), s.tdb.size - 1):
        t = s.tdb[i]
        assert s.values["altitude"][i] == pytest.approx(float(jr.altitude_km(t)), abs=1e-6)
        assert s.values["speed"][i] == pytest.approx(float(jr.speed_km_s(t)), abs=1e-9)
        assert s.values["latitude"][i] == pytest.approx(float(jr.latitude_deg(t)), abs=1e-9)
        assert s.values["longitude"][i] == pytest.approx(float(jr.west_longitude_deg(t)),
                                                         abs=1e-9)
        dist = jr.moon_distances_km(t)
        for moon in MOONS:
            assert s.values[f"distance-{moon}"][i] == pytest.approx(float(dist[moon]), abs=1e-6)
    # the perijove itself is sampled; the lowest altitude above the oblate 1-bar ellipsoid is
    # within minutes of it (the perijove is the closest approach to Jupiter's centre)
    assert np.min(np.abs(s.tdb - t0)) < 1e-9
    assert abs(s.tdb[np.argmin(s.values["altitude"])] - t0) * 1440 <= 5.0
    juno, _ = default_ephemeris().state("juno", s.tdb)
    assert abs(s.tdb[np.argmin(np.linalg.norm(juno, axis=0))] - t0) * 86400 <= 30.0


def test_moon_distance_is_from_the_surface_of_the_ephemeris_positions():
    eph = default_ephemeris()
    t = perijove(45).tdb - 0.1
    s = sample(("distance-europa", "distance-io"), t, t + 0.01, step_days=0.001)
    juno, _ = eph.state("juno", s.tdb)
    for moon in ("europa", "io"):
        body, _ = eph.state(moon, s.tdb)
        centre = np.linalg.norm(juno - body, axis=0)
        np.testing.assert_allclose(s.values[f"distance-{moon}"],
                                   centre - jr.MOON_MEAN_RADIUS_KM[moon], atol=1e-6)


def test_europa_flyby_minimum_matches_the_event_data():
    event = europa_flyby()
    published = flyby_altitude(event)
    assert published.published
    s = sample(("distance-europa",), event.tdb - FLYBY_HALF_DAYS, event.tdb + FLYBY_HALF_DAYS)
    d = s.values["distance-europa"]
    assert abs(float(d.min()) - published.km) < 5.0
    assert abs(s.tdb[np.argmin(d)] - event.tdb) * 86400 <= 30.0
    assert event in s.events and s.events[0].kind in ("flyby", "perijove")


def test_step_grid_and_its_limits():
    t0 = perijove(45).tdb
    grid = sample_times(t0, t0 + 1.0, 1.0 / 24)
    assert grid.size == 25 and grid[0] == t0 and grid[-1] == t0 + 1.0
    assert np.allclose(np.diff(grid), 1.0 / 24)
    dense = sample_times(t0 - 1.0, t0 + 1.0)  # default: 1500 points plus 30 s near PJ45
    near = dense[np.abs(dense - t0) < 1.0 / 24]
    assert np.max(np.diff(near)) * 86400 <= 30.0 + 1e-6
    with pytest.raises(JovianviewError):
        sample_times(t0, t0 + 1000.0, 1e-6)
    with pytest.raises(JovianviewError):
        sample(("altitude", "temperature"), t0, t0 + 0.1)


def test_span_outside_the_data():
    first, last = default_ephemeris().juno_extent()
    with pytest.raises(TimeRangeError):
        sample(("altitude",), first - 2.0, first + 1.0)
    with pytest.raises(TimeRangeError):
        sample(("altitude",), last - 1.0, last + 2.0)


def test_markers_are_the_events_inside_the_span_in_order():
    t0 = perijove(45).tdb
    found = markers(t0 - 0.5, t0 + 0.5)
    labels = [e.label for e in found]
    assert "PJ45" in labels and "Europa flyby" in labels
    assert labels.index("Europa flyby") < labels.index("PJ45")
    assert all(e.kind in ("perijove", "flyby") for e in found)
    assert all(t0 - 0.5 <= e.tdb <= t0 + 0.5 for e in found)


def test_window_perijove_is_the_nearest_perijove_plus_minus_6h():
    pj = perijove(45)
    start, end, event = window_around("perijove", pj.tdb + 3.0)  # PJ46 is 38 days later
    assert event == pj
    assert start == pytest.approx(pj.tdb - 0.25) and end == pytest.approx(pj.tdb + 0.25)


def test_window_flyby_is_the_nearest_flyby_plus_minus_2h():
    fb = europa_flyby()
    start, end, event = window_around("flyby", fb.tdb + 0.3)
    assert event == fb
    assert (end - start) * 24 == pytest.approx(4.0)
    assert (start + end) / 2 == pytest.approx(fb.tdb)


def test_window_orbit_runs_apojove_to_apojove_around_the_time():
    pj = perijove(45)
    start, end, event = window_around("orbit", pj.tdb + 1.0)
    apojoves = [e.tdb for e in events_of_kind("apojove")]
    assert start in apojoves and end in apojoves
    assert start <= pj.tdb + 1.0 < end
    assert start < pj.tdb < end and event == pj
    assert apojoves.index(end) == apojoves.index(start) + 1
    assert 30.0 < end - start < 45.0  # PJ45's orbit: about 38 days after the Europa flyby
    with pytest.raises(JovianviewError):
        window_around("week", pj.tdb)  # type: ignore[arg-type]


def test_caption_names_the_embedded_trajectory_and_plans():
    s = sample(("altitude",), perijove(45).tdb, perijove(45).tdb + 0.1)
    assert s.caption.startswith("Trajectory: jovianview's embedded Juno trajectory")
    assert "planned" not in s.caption
    late = perijove(80).tdb
    assert "planned" in sample(("altitude",), late, late + 0.1).caption
