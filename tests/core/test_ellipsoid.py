"""Latitude, longitude and altitude on Jupiter's 1-bar ellipsoid."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.ellipsoid import (
    A_JUPITER,
    B_JUPITER,
    altitude,
    planetocentric_latitude,
    planetographic_latitude,
    surface_point,
    west_longitude,
)
from jovianview.core.errors import JovianviewError

# Computed once with SpiceyPy 6 (CSPICE N0067) and pck00011.tpc loaded:
#   lon, lat, alt = recpgr("JUPITER", p, 71492.0, (71492.0 - 66854.0) / 71492.0)
#   clat = reclat(p)[2]      (all angles converted to degrees)
# columns: position (km), planetographic lat, west lon, altitude (km), planetocentric lat
REFERENCE_RECPGR = [
    ([107238.0, -30000.0, 20000.0],
     11.038227311702814, 15.629046993890217, 41797.10055629811, 10.182071968019255),
    ([1000.0, 2000.0, -66000.0],
     -88.3056635908088, 296.565051177078, -820.9364188401288, -88.05957163502299),
    ([-2500000.0, 1000000.0, 800000.0],
     16.597719353121537, 201.80140948635182, 2737788.404808017, 16.547344781816648),
    ([3000.0, -4000.0, 500.0],
     60.024717124045175, 53.13010235415598, -65110.13103213016, 5.710593137499642),
]  # fmt: skip


@pytest.fixture()
def spice(shared_reference):
    """SpiceyPy with pck00011 loaded (recpgr reads Jupiter's spin sense); cleared after."""
    sp = pytest.importorskip("spiceypy")
    sp.kclear()
    sp.furnsh(str(shared_reference / "pck00011.tpc"))
    yield sp
    sp.kclear()


def _test_points(n: int = 3000) -> np.ndarray:
    """Points from 1 m to 1.6e7 km from the centre, plus the awkward ones."""
    rng = np.random.default_rng(11)
    dirs = rng.normal(size=(3, n))
    dirs /= np.linalg.norm(dirs, axis=0)
    random = dirs * 10 ** rng.uniform(-3, 7.2, n)
    near_surface = surface_point(
        rng.uniform(-90, 90, n), rng.uniform(0, 360, n), rng.uniform(-2000, 2000, n)
    )
    special = np.array([
        [0, 0, 1000.0], [0, 0, -5.0], [100.0, 0, 0], [5000.0, 0, 0], [8000.0, 0, 0],
        [9000.0, 0, 0], [1e-3, 0, 30000.0], [0, 0, 1e7], [1e7, 0, 0], [0, 0, 66854.0],
        [71492.0, 0, 0], [1e-9, 1e-9, 66854.001], [0.0, 0.0, 0.0],
    ]).T  # fmt: skip
    return np.concatenate([random, near_surface, special], axis=1)


@pytest.mark.parametrize(("pos", "lat", "lon", "alt", "clat"), REFERENCE_RECPGR)
def test_matches_committed_spice_values(pos, lat, lon, alt, clat):
    assert planetographic_latitude(pos) == pytest.approx(lat, abs=1e-10)
    assert west_longitude(pos) == pytest.approx(lon, abs=1e-10)
    assert altitude(pos) == pytest.approx(alt, abs=1e-6)
    assert planetocentric_latitude(pos) == pytest.approx(clat, abs=1e-10)


def test_matches_spice_recpgr_everywhere(spice):
    points = _test_points()
    lat, lon, alt = planetographic_latitude(points), west_longitude(points), altitude(points)
    flat = (A_JUPITER - B_JUPITER) / A_JUPITER
    for i in range(points.shape[1]):
        p = np.ascontiguousarray(points[:, i])
        s_lon, s_lat, s_alt = spice.recpgr("JUPITER", p, A_JUPITER, flat)
        assert abs(alt[i] - s_alt) < 1e-3 * 1e-3, p  # 1 mm; the brief asks for < 1 m
        if np.hypot(p[0], p[1]) > 1e-6 or p[2] != 0:
            assert abs(lat[i] - np.degrees(s_lat)) < 1e-9, p
        if np.hypot(p[0], p[1]) > 1e-6:
            d_lon = abs(lon[i] - np.degrees(s_lon)) % 360.0
            assert min(d_lon, 360.0 - d_lon) < 1e-9, p


def test_altitude_is_the_true_shortest_distance():
    """Brute force on the meridian quarter-ellipse, independent of SPICE, inside and out."""
    rng = np.random.default_rng(5)
    pts = np.vstack([rng.uniform(0, 9e4, 40), np.zeros(40), rng.uniform(0, 8e4, 40)])
    pts[:, :5] = np.array([[0, 0, 0], [1e3, 0, 1e2], [8e3, 0, 1.0], [2e4, 0, 1e4],
                           [7e4, 0, 6.6e4]]).T  # fmt: skip
    h = altitude(pts)
    coarse = np.linspace(0, np.pi / 2, 20001)  # parametric latitude, ~6 km steps
    for i in range(pts.shape[1]):
        rho, z = pts[0, i], pts[2, i]
        k = np.argmin(np.hypot(A_JUPITER * np.cos(coarse) - rho, B_JUPITER * np.sin(coarse) - z))
        fine = np.linspace(coarse[max(k - 2, 0)], coarse[min(k + 2, len(coarse) - 1)], 40001)
        dist = np.hypot(A_JUPITER * np.cos(fine) - rho, B_JUPITER * np.sin(fine) - z).min()
        assert abs(abs(h[i]) - dist) < 1e-6, pts[:, i]  # km


def test_round_trip_from_surface_to_far_away():
    rng = np.random.default_rng(3)
    lat = rng.uniform(-90, 90, 5000)
    lon = rng.uniform(0, 360, 5000)
    alt = np.concatenate([rng.uniform(-1, 1, 2500), 10 ** rng.uniform(0, 7, 2500)])
    pos = surface_point(lat, lon, alt)
    assert np.abs(altitude(pos) - alt).max() < 1e-6  # km: a millimetre
    assert np.abs(planetographic_latitude(pos) - lat).max() < 1e-10
    d_lon = np.abs(west_longitude(pos) - lon) % 360
    assert np.minimum(d_lon, 360 - d_lon)[np.abs(lat) < 89.9].max() < 1e-9


def test_poles_equator_and_centre():
    assert altitude([0, 0, B_JUPITER + 100]) == pytest.approx(100, abs=1e-9)
    assert altitude([0, 0, -B_JUPITER]) == pytest.approx(0, abs=1e-9)
    assert altitude([A_JUPITER + 5, 0, 0]) == pytest.approx(5, abs=1e-9)
    assert altitude([0, 0, 0]) == pytest.approx(-B_JUPITER, abs=1e-9)  # the pole is nearest
    assert planetographic_latitude([0, 0, -10]) == pytest.approx(-90)
    assert planetographic_latitude([A_JUPITER, 0, 0]) == 0.0


def test_longitude_is_west_positive_in_0_360():
    # A point at +90 deg east (y > 0) is 270 deg west.
    assert west_longitude([0, 1e5, 0]) == pytest.approx(270)
    assert west_longitude([0, -1e5, 0]) == pytest.approx(90)
    assert west_longitude([1e5, 1e-30, 0]) == 0.0  # -tiny east is 360 - tiny: never 360
    lon = west_longitude(np.random.default_rng(0).normal(size=(3, 1000)))
    assert lon.min() >= 0 and lon.max() < 360


def test_planetographic_exceeds_planetocentric_in_north():
    pos = surface_point(45.0, 10.0, 0.0)
    assert planetocentric_latitude(pos) < 45.0 == pytest.approx(planetographic_latitude(pos))


def test_shapes_and_generic_radii():
    assert np.shape(altitude([1e5, 0, 0])) == ()
    assert altitude(np.ones((3, 7)) * 1e5).shape == (7,)
    assert altitude(np.empty((3, 0))).shape == (0,)
    assert surface_point(0.0, 0.0).shape == (3,)
    assert surface_point(np.zeros(4), 0.0, np.arange(4.0)).shape == (3, 4)
    # a sphere: altitude is |r| - R, geodetic = geocentric
    p = np.array([3.0, 4.0, 12.0])
    assert altitude(p, a=10.0, b=10.0) == pytest.approx(3.0)
    assert planetographic_latitude(p, a=10.0, b=10.0) == pytest.approx(
        planetocentric_latitude(p)
    )


def test_bad_inputs():
    with pytest.raises(JovianviewError, match=r"\(3, N\)"):
        altitude(np.ones((2, 4)))
    with pytest.raises(JovianviewError, match="polar radius"):
        altitude([1.0, 0, 0], a=1.0, b=2.0)
    with pytest.raises(JovianviewError, match="-90..90"):
        surface_point(91.0, 0.0, 0.0)
