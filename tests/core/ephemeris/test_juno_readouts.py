"""Readouts and the trail sampler."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core import ellipsoid
from jovianview.core.ephemeris import juno as juno_table
from jovianview.core.ephemeris import state
from jovianview.core.ephemeris.juno_readouts import (
    altitude_km,
    latitude_deg,
    moon_distances_km,
    readouts,
    speed_km_s,
    west_longitude_deg,
)
from jovianview.core.ephemeris.juno_trail import trail
from jovianview.core.errors import TimeRangeError
from jovianview.core.events import perijove
from jovianview.core.frames import body_rotation
from jovianview.core.timescale import utc_to_tdb

pytestmark = pytest.mark.skipif(not juno_table.available(), reason="no Juno trajectory asset")


def test_readouts_at_pj1_and_vectorised():
    t = perijove(1).tdb
    assert 3000 < altitude_km(t) < 5000
    assert 55 < speed_km_s(t) < 60  # about 58 km/s at perijove
    assert -10 < latitude_deg(t) < 15  # early perijoves were a few degrees north
    assert 0 <= west_longitude_deg(t) < 360
    times = t + np.linspace(-1, 1, 7)
    r = readouts(times)
    assert all(v.shape == (7,) for v in r.values())
    np.testing.assert_allclose(r["altitude_km"], altitude_km(times))
    np.testing.assert_allclose(r["speed_km_s"], speed_km_s(times))
    assert r["altitude_km"][3] == pytest.approx(altitude_km(t))


def test_readouts_match_frames():
    t = perijove(14).tdb + 0.01
    fixed = body_rotation("jupiter", t) @ state("juno", t)[0]
    assert latitude_deg(t) == pytest.approx(ellipsoid.planetocentric_latitude(fixed))
    assert west_longitude_deg(t) == pytest.approx(ellipsoid.west_longitude(fixed))


def test_moon_distances_at_europa_flyby():
    t = utc_to_tdb("2022-09-29T09:36:28.58")
    if not juno_table.covers(t):  # beyond the supported span: refused, not guessed
        with pytest.raises(TimeRangeError, match="after the end of Juno's data"):
            moon_distances_km(t)
        return
    d = moon_distances_km(t)
    assert set(d) == {"io", "europa", "ganymede", "callisto"}
    assert abs(d["europa"] - 352) < 50
    assert d["io"] > 1e5


@pytest.mark.parametrize("pj", [1, 8, 14])
def test_trail_chord_error_and_never_inside(pj):
    t0 = perijove(pj).tdb
    times, pos = trail(t0 - 3, t0 + 3)
    assert np.all(np.diff(times) > 0)
    # Check chords densely: 20 points inside each interval against the true trajectory.
    f = np.linspace(0, 1, 22)[1:-1]
    a, b = times[:-1], times[1:]
    probe_t = (a[None, :] + (b - a)[None, :] * f[:, None]).ravel()
    true = state("juno", probe_t)[0].reshape(3, f.size, -1)
    chord = pos[:, None, :-1] + f[None, :, None] * (pos[:, None, 1:] - pos[:, None, :-1])
    err = np.linalg.norm(true - chord, axis=0)
    dist = np.linalg.norm(true, axis=0)
    assert np.all(err < 1e-3 * dist), (err / dist).max()
    rot = body_rotation("jupiter", probe_t)
    chord_flat = chord.reshape(3, -1)
    fixed = np.einsum("nij,jn->in", rot, chord_flat)
    assert ellipsoid.altitude(fixed).min() > 1000.0
    # Dense near perijove, sparse near apojove.
    near = np.abs(times - t0) < 0.1
    assert near.sum() > 10 and times.size < 2000


def test_trail_outside_span_is_empty():
    first, last = juno_table.span()
    t, p = trail(first - 10, first - 5)
    assert t.size == 0 and p.shape == (3, 0)
    t, p = trail(last - 1, last + 5)
    assert t[-1] == last
