"""JRM33 + Con2020 against values published with the models' reference implementations.

Reference values below were produced by the community reference code of Wilson, R. J. et al.
(2023), Space Sci. Rev. 219, 15, doi:10.1007/s11214-023-00961-3:

- JRM33 internal field: libjupitermag's regression baseline ``test/data/field_baseline.csv``
  as shipped in JupiterMag 1.5.1 (columns ``internal_b*``: JRM33 truncated at degree 10, that
  library's default);
- Con2020: con2020 1.2.9, ``Model(equation_type="analytic")`` with its default (nominal
  Connerney et al. 2020) parameters, at the points listed;
- footprints: JupiterMag 1.5.1 ``TraceField(..., IntModel="jrm33", ExtModel="Con2020")``,
  surface footprints (east longitude converted to west).

Where those packages are installed, the tests also compare against them live on many points.
"""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.field.con2020 import con2020_field, con2020_params
from jovianview.core.field.internal import internal_field, jrm33, schmidt_legendre
from jovianview.core.field.model import FieldPointError, check_points, field
from jovianview.core.field.trace import (
    equator_stop,
    footprints,
    m_shell,
    planetocentric,
    trace,
)

# x, y, z (R_J) and JRM33 (degree 10) Bx, By, Bz (nT): libjupitermag field_baseline.csv.
JRM33_BASELINE = [
    (1.5, 0.1, -0.2, -51555.894278910797, -9049.8304584137986, -96818.865265539484),
    (5.0, 0.0, 0.0, -947.82084033336366, -207.71075865174919, -3137.1428106223075),
    (10.0, 2.0, -1.0, -206.82889490889175, -74.159536819801119, -345.86766090590083),
    (20.0, -10.0, 3.0, 1.9175927788230487, 0.0030204104252916641, -36.201091377684641),
    (30.0, 0.0, 15.0, 10.37918598246095, -0.55446106368273418, -6.5760920730),
]

# x, y, z (R_J) and Con2020 Bx, By, Bz (nT): con2020 1.2.9, equation_type="analytic".
CON2020_ANALYTIC = [
    (3, 0, 0, -17.102398, 9.102604, 106.725992),
    (5, 0, 0, -20.427916, 9.481018, 112.363231),
    (0, 12, 1, -7.798661, 31.132218, 67.586711),
    (-15, 5, -4, 9.985943, -3.779209, 46.688947),
    (20, -10, 3, -9.373293, 4.918512, 23.777961),
    (30, 0, 15, 18.200614, -1.260239, 12.432172),
    (40, 5, -20, -8.910447, 0.007525, 2.754424),
    (-70, 10, 5, -0.843156, 0.720872, -1.736633),
    (0, 0, 10, -17.316721, -23.911984, 61.193382),
]

# start x, y, z (R_J); north lat, west lon; south lat, west lon (deg): JupiterMag 1.5.1.
FOOTPRINTS = [
    ((5.9, 0.0, 0.0), (79.20202, 334.12605), (-61.82139, 6.80575)),
    ((0.0, 5.9, 0.0), (65.43179, 234.87807), (-70.13321, 287.17513)),
    ((-9.4, 0.0, 0.3), (53.03384, 173.93514), (-79.74537, 161.11335)),
    ((0.0, -15.0, 0.5), (60.72238, 144.01309), (-67.22275, 73.02040)),
    ((3.0, 0.0, 1.0), (66.83999, 343.73967), (-53.02038, 6.30735)),
]


def _angle_diff(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs((np.asarray(a) - np.asarray(b) + 180.0) % 360.0 - 180.0)


def test_coefficients_are_jrm33():
    coef = jrm33()
    assert coef.degree == 13
    # Connerney et al. (2022): the dipole terms of JRM33.
    assert coef.g[1, 0] == 410993.4 and coef.g[1, 1] == -71305.9 and coef.h[1, 1] == 20958.4
    assert np.count_nonzero(coef.g) + np.count_nonzero(coef.h) == 195


def test_schmidt_legendre_low_degrees():
    th = np.array([0.3, 1.1, 2.9])
    p, dp = schmidt_legendre(th, 2)  # rows (1,0) (1,1) (2,0) (2,1) (2,2)
    c, s = np.cos(th), np.sin(th)
    expected = [c, s, 1.5 * c * c - 0.5, np.sqrt(3) * c * s, np.sqrt(3) / 2 * s * s]
    np.testing.assert_allclose(p, expected, atol=1e-14)
    np.testing.assert_allclose(dp[2], -3 * c * s, atol=1e-14)


def test_internal_field_matches_published_baseline():
    rows = np.array(JRM33_BASELINE)
    b = internal_field(rows[:, :3].T, degree=10)
    np.testing.assert_allclose(b, rows[:, 3:].T, rtol=1e-9, atol=1e-8)  # nT
    # Degrees 11-13 matter only near the planet: 0.2% at 1.5 R_J, 1e-7 at 5 R_J.
    full = internal_field(rows[:, :3].T)
    np.testing.assert_allclose(full[:, 1:], rows[1:, 3:].T, rtol=1e-6)


def test_internal_field_on_the_spin_axis_is_finite_and_continuous():
    on_axis = internal_field([0.0, 0.0, 2.0])
    near = internal_field([1e-7, 0.0, 2.0])
    assert np.isfinite(on_axis).all()
    np.testing.assert_allclose(on_axis, near, atol=0.05)  # nT, of ~1e5


def test_con2020_matches_reference_analytic_values():
    rows = np.array(CON2020_ANALYTIC, dtype=float)
    b = con2020_field(rows[:, :3].T)
    np.testing.assert_allclose(b, rows[:, 3:].T, atol=0.01)  # nT


def test_con2020_parameters_are_the_nominal_model():
    p = con2020_params()
    assert (p.mu0_i0_over_2, p.i_rho, p.r0, p.r1, p.d) == (139.6, 16.7, 7.8, 51.4, 3.6)
    assert (p.tilt, p.tilt_longitude) == (9.3, 155.8)


def test_shapes_follow_the_input():
    assert field([5.0, 0.0, 0.0]).shape == (3,)
    assert field(np.ones((3, 4)) * 3).shape == (3, 4)
    np.testing.assert_allclose(field([5.0, 0, 0], internal_only=True), internal_field([5.0, 0, 0]))


@pytest.mark.parametrize("bad", [[0.5, 0.0, 0.0], [0.0, 0.0, 0.9], [np.nan, 2.0, 0.0]])
def test_check_points_rejects_nan_and_interior(bad):
    with pytest.raises(FieldPointError):
        check_points(np.array(bad))


def test_footprints_match_reference_trace():
    starts = np.array([row[0] for row in FOOTPRINTS]).T
    north, south = footprints(starts)
    for got, col in ((north, 1), (south, 2)):
        lat, west = planetocentric(got)
        ref = np.array([row[col] for row in FOOTPRINTS])
        # Measured: latitude within 0.03 deg (0.25 deg for the 15 R_J line), longitude within
        # 0.35 deg (0.7 deg at 15 R_J), the same with the disc left out, and unchanged (1e-3
        # deg) at a third of the step: JupiterMag's own tracer settings, not our steps.
        assert np.abs(lat - ref[:, 0]).max() < 0.3  # deg
        great_circle = _angle_diff(west, ref[:, 1]) * np.cos(np.radians(ref[:, 0]))
        assert great_circle.max() < 0.4  # deg


def test_m_shell_of_a_pure_dipole_is_r_over_cos_squared():
    # Degree 1 only: L = r / cos^2(magnetic latitude) exactly.
    from jovianview.core.field.internal import dipole_axis

    axis = dipole_axis()
    pts = np.array([[4.0, 1.0, 2.0], [-6.0, 2.0, -1.5], [10.0, -3.0, 4.0]]).T
    r = np.linalg.norm(pts, axis=0)
    sin_lat = axis @ pts / r
    north = sin_lat >= 0
    end = trace(pts, np.where(north, 1.0, -1.0), equator_stop(north), internal_only=True,
                degree=1).end
    np.testing.assert_allclose(np.linalg.norm(end, axis=0), r / (1 - sin_lat**2), rtol=2e-4)


def test_m_shell_near_the_equator_is_about_the_distance():
    shells = m_shell(np.array([[5.9, 0.0, 0.0], [0.0, 9.4, 0.0]]).T)
    assert np.all(np.abs(shells - [5.9, 9.4]) < 0.6)


def test_live_reference_implementations_agree():
    con2020 = pytest.importorskip("con2020", reason="con2020 (reference code) not installed")
    jrm = pytest.importorskip("jrm33", reason="jrm33 (reference code) not installed")
    rng = np.random.default_rng(7)
    pts = rng.uniform(-60, 60, (3, 1500))
    pts = pts[:, np.linalg.norm(pts, axis=0) > 1.5]
    ref_int = np.array(jrm.ModelCart(*pts, Deg=13))
    np.testing.assert_allclose(internal_field(pts), ref_int, rtol=1e-9, atol=1e-7)
    ref_ext = con2020.Model(equation_type="analytic").Field(*pts).T
    diff = np.abs(con2020_field(pts) - ref_ext).max(axis=0)
    # The disc's faces (|z| = d) are rounded over 0.1 R_J here: up to ~0.4 nT there.
    assert diff.max() < 0.5 and np.median(diff) < 1e-3
