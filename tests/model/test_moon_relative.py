"""Moon-relative readouts: the core's geometry, and the numbers the panel shows near a flyby."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.ephemeris import state
from jovianview.core.ephemeris.juno_readouts import MOON_MEAN_RADIUS_KM
from jovianview.core.events import events_of_kind, flyby_altitude
from jovianview.core.frames import body_rotation
from jovianview.core.moon_relative import NEAR_MOON_KM, moon_relative, nearest_moon
from jovianview.core.timescale import SECONDS_PER_DAY
from jovianview.model import readouts
from jovianview.model.scene import SceneModel

IO_R = MOON_MEAN_RADIUS_KM["io"]


def test_geometry_of_the_point_below_and_the_phase():
    # Juno on the moon's body-fixed +y axis: east longitude 90, so 270 W; the Sun behind the moon
    r = moon_relative("io", np.array([0.0, IO_R + 1000.0, 0.0]), np.array([0.0, 0.0, 3.0]),
                      np.zeros(3), np.array([0.0, 0.0, -1.0]), np.eye(3),
                      np.array([0.0, -1.0, 0.0]))
    assert r.altitude_km == pytest.approx(1000.0)
    assert r.speed_km_s == pytest.approx(4.0)
    assert r.west_longitude_deg == pytest.approx(270.0)
    assert r.latitude_deg == pytest.approx(0.0)
    assert r.phase_deg == pytest.approx(180.0) and r.lit_fraction == pytest.approx(0.0)
    up = moon_relative("io", np.array([0.0, 0.0, 5000.0]), np.zeros(3), np.zeros(3),
                       np.zeros(3), np.eye(3), np.array([1.0, 0.0, 0.0]))
    assert up.latitude_deg == pytest.approx(90.0) and up.lit_fraction == pytest.approx(0.5)


def test_nearest_moon_only_within_the_limit():
    moons = {"io": np.zeros(3), "europa": np.array([1e6, 0.0, 0.0])}
    assert nearest_moon(np.array([IO_R + 50_000.0, 0, 0]), moons)[0] == "io"
    assert nearest_moon(np.array([IO_R + NEAR_MOON_KM + 1.0, 0, 0]), {"io": np.zeros(3)}) is None


def _closest(tdb: float, body: str) -> float:
    """TDB of least Juno-moon distance within 10 min of ``tdb`` (0.05 s grid)."""
    t = tdb + np.arange(-600.0, 600.0, 0.05) / SECONDS_PER_DAY
    d = np.linalg.norm(state("juno", t)[0] - state(body, t)[0], axis=0)
    return float(t[int(np.argmin(d))])


@pytest.fixture(scope="module")
def scene():
    return SceneModel(events_of_kind("flyby")[0].tdb)


def _values(scene, tdb):
    return readouts.compute(scene.snapshot(tdb))


@pytest.mark.parametrize("event", events_of_kind("flyby"), ids=lambda e: f"{e.body}-PJ{e.number}")
def test_height_at_closest_approach_equals_the_event_data(scene, event):
    """At closest approach the readout's height is the event table's to 1 km."""
    tc = _closest(event.tdb, event.body)
    values = _values(scene, tc)
    near = values.near_moon
    assert near is not None and near.moon == event.body
    assert near.altitude_km == pytest.approx(flyby_altitude(event).trajectory_km, abs=1.0)
    assert values.closest_approach == event
    # the relative speed at closest approach is the rate of change of the separation vector
    dt = 0.5 / SECONDS_PER_DAY
    sep = [state("juno", t)[0] - state(event.body, t)[0] for t in (tc - dt, tc + dt)]
    assert near.speed_km_s == pytest.approx(np.linalg.norm(sep[1] - sep[0]) / 1.0, rel=1e-4)


@pytest.mark.parametrize("number,body", [(34, "ganymede"), (45, "europa"), (57, "io")])
def test_close_flybys_published_height_at_the_published_time(scene, number, body):
    event = [e for e in events_of_kind("flyby") if e.number == number and e.body == body][0]
    near = _values(scene, event.tdb).near_moon
    assert near is not None
    assert near.altitude_km == pytest.approx(flyby_altitude(event).km, abs=1.0)


def test_rows_only_near_a_moon(scene):
    event = [e for e in events_of_kind("flyby") if e.number == 57][0]
    rows = readouts.lines(_values(scene, event.tdb), "km")
    near = [r for r in rows if r.section == "Near Io"]
    assert [r.label for r in near] == ["Height above Io", "Speed past Io", "Below Juno",
                                       "Io as seen", "Closest approach"]
    assert near[0].value == "1,500 km" and near[-1].value == "T+00:00:00"
    assert len({r.label for r in rows}) == len(rows)  # the panel keys its rows by label
    far = readouts.lines(_values(scene, event.tdb - 2.0), "km")
    assert not [r for r in far if r.section.startswith("Near ")]
    jupiter = {r.label: r.value for r in rows if r.section == "Juno"}
    assert jupiter["Altitude"] != near[0].value  # the Jupiter-relative group stays its own


def test_phase_matches_the_sun_direction(scene):
    event = [e for e in events_of_kind("flyby") if e.number == 45][0]
    snap = scene.snapshot(event.tdb)
    near = readouts.compute(snap).near_moon
    to_juno = snap.positions["juno"] - snap.positions["europa"]
    cos = to_juno @ snap.sun_direction / np.linalg.norm(to_juno)
    assert near.phase_deg == pytest.approx(np.degrees(np.arccos(cos)), abs=1e-6)
    below = body_rotation("europa", event.tdb) @ to_juno
    assert near.latitude_deg == pytest.approx(
        np.degrees(np.arcsin(below[2] / np.linalg.norm(below))), abs=1e-9)
