"""The Great Red Spot drift model, System II -> III, and the sphere geometry."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.geometry import east_longitude_latitude, ray_ellipsoid, uv_sphere
from jovianview.core.grs import (
    grs_system2_longitude,
    grs_system3_longitude,
    system2_to_system3,
    table_span,
)
from jovianview.core.timescale import J2000_TDB, utc_to_tdb


def test_grs_table_values_and_extrapolation() -> None:
    # JUPOS via projectpluto: 2019-01-01 300 deg, 2022-11-01 386 (= 26) deg
    assert grs_system2_longitude(float(utc_to_tdb("2019-01-01T00:00:00"))) == pytest.approx(300)
    assert grs_system2_longitude(float(utc_to_tdb("2022-11-01T00:00:00"))) == pytest.approx(26)
    end = table_span()[1]
    assert grs_system2_longitude(end + 365.25) == pytest.approx(50.0)


def test_system2_to_system3_offset() -> None:
    # W_III - W_II = 241.65 deg at J2000, growing 0.266 deg/day
    assert system2_to_system3(0.0, J2000_TDB) == pytest.approx(241.65)
    assert system2_to_system3(0.0, J2000_TDB + 1000) == pytest.approx((241.65 + 266.0) % 360)


def test_uv_sphere_has_no_degenerate_triangles_and_a_duplicated_seam() -> None:
    vert, tex, faces = uv_sphere(8, 16)
    p = vert.T[faces]
    area = np.linalg.norm(np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]), axis=1)
    assert area.min() > 1e-6
    seam = np.isclose(np.abs(np.arctan2(vert[1], vert[0])), np.pi) & (np.abs(vert[2]) < 0.99)
    assert set(np.round(tex[seam, 0], 6)) == {0.0, 1.0}
    # no triangle's u spans more than one column (nothing wraps across the seam)
    span = np.ptp(tex[faces, 0], axis=1)
    assert span.max() <= 1 / 16 + 1e-9


def test_ray_ellipsoid_hits_and_misses() -> None:
    origin = np.array([10.0, 0.0, 0.0])
    dirs = np.array([[-1.0, 0.0, 0.0], [-1.0, 0.0, 0.5], [1.0, 0.0, 0.0]]).T
    t = ray_ellipsoid(origin, dirs, (2.0, 2.0, 1.0))
    assert t[0] == pytest.approx(8.0)
    assert np.isnan(t[1]) or t[1] > 0
    assert np.isnan(t[2])
    hit = origin[:, None] + t[0] * dirs[:, :1]
    lon, lat = east_longitude_latitude(hit)
    assert lon[0] == pytest.approx(0.0) and lat[0] == pytest.approx(0.0)


def test_grs_system3_scalar_path_matches_the_array_maths() -> None:
    times = np.concatenate([np.linspace(2450000.0, 2470000.0, 997),
                            np.asarray(utc_to_tdb(["2016-04-01T00:00:00", "2022-11-01T00:00:00",
                                                   "2010-10-10T00:00:00"]))])
    for t in times:
        expect = float(system2_to_system3(grs_system2_longitude(np.array([t]))[0], t))
        got = grs_system3_longitude(float(t))
        assert abs((got - expect + 180.0) % 360.0 - 180.0) < 1e-9
        over = grs_system3_longitude(float(t), 123.0)
        assert abs((over - float(system2_to_system3(123.0, t)) + 180.0) % 360.0 - 180.0) < 1e-9
