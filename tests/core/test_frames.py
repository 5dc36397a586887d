"""Orientation of Jupiter and the Galilean moons against SPICE and against their own algebra."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core import frames
from jovianview.core.errors import InvalidTimeError, JovianviewError, UnknownBodyError
from jovianview.core.frames import (
    BODIES,
    all_rotations,
    angular_velocity,
    body_rotation,
    equator_rotation,
    state_to_icrf,
    transform_state,
)
from jovianview.core.timescale import J2000_TDB, SECONDS_PER_DAY

# Epochs 2016..2030 chosen as exact binary fractions of a day, so that the TDB Julian date
# and SPICE's ET in seconds name exactly the same instant (a float64 JD resolves ~40 us, in
# which Jupiter turns ~7e-9 rad: more than the tolerance below).
EPOCHS = J2000_TDB + np.array([5840.5, 6000.125, 7300.75, 8400.0, 9300.375, 10500.25, 11300.0])

# Reference matrices computed once with SpiceyPy 6 (CSPICE N0067):
#   furnsh("pck00011.tpc"); pxform("J2000", "IAU_<BODY>", (tdb - 2451545.0) * 86400.0)
# (2457575.5 = 2016-07-05T23:58:51.816 UTC, 2460800.25 = 2025-05-04T17:58:50.815 UTC,
#  2459000.5 = 2020-05-30T23:58:50.815 UTC).
REFERENCE_PXFORM = [
    ("jupiter", 2457575.5, [
        [-0.9863080644396593, 0.1544885076875393, 0.05770357886448437],
        [-0.16426606997214588, -0.8893632904996422, -0.42667270333073226],
        [-0.014596584436049574, -0.4303094682947682, 0.9025634056500824]]),
    ("jupiter", 2460800.25, [
        [-0.8788143567110169, 0.43607907438531146, 0.19370174837066279],
        [-0.4769406532552427, -0.7903565957128118, -0.3845309673949776],
        [-0.014592453908233502, -0.43031557315126884, 0.902560561841936]]),
    ("io", 2459000.5, [
        [0.009147978832366857, -0.9023785424495896, -0.43084716618522284],
        [0.9998454573279211, 0.0017857091163479971, 0.017489216782699067],
        [-0.01501252623654723, -0.4309405728978257, 0.9022554220876097]]),
    ("europa", 2459000.5, [
        [-0.971963184953447, -0.2018422775492689, -0.12061203127746198],
        [0.2341373051835694, -0.8779745362232689, -0.41754093938787834],
        [-0.0216168780476655, -0.4340741972719177, 0.9006177334730938]]),
    ("ganymede", 2459000.5, [
        [0.4167710232324221, 0.8172239850029742, 0.39805385631803447],
        [-0.9089098200949787, 0.38119524383691394, 0.16903586900722917],
        [-0.013596070340848499, -0.4322443110232618, 0.9016540370115982]]),
    ("callisto", 2459000.5, [
        [-0.9480894090282885, 0.2928904395184374, 0.12386146667582874],
        [-0.3177134547979183, -0.8557764581560082, -0.4082950089167503],
        [-0.013587977360962155, -0.4264526282069963, 0.904407829890135]]),
]  # fmt: skip
# xf2rav(sxform("J2000", "IAU_JUPITER", et)) at 2460800.25 TDB: angular velocity, rad/s.
REFERENCE_JUPITER_SPIN = [-2.566130201329723e-06, -7.56723853767302e-05, 0.00015871819401380865]


def _et(tdb: float) -> float:
    return (tdb - J2000_TDB) * SECONDS_PER_DAY


@pytest.fixture()
def spice(shared_reference):
    """SpiceyPy with pck00011 and naif0012 loaded; the global kernel pool is cleared after."""
    sp = pytest.importorskip("spiceypy")
    sp.kclear()
    sp.furnsh(str(shared_reference / "pck00011.tpc"))
    sp.furnsh(str(shared_reference / "naif0012.tls"))
    yield sp
    sp.kclear()


@pytest.mark.parametrize(("body", "tdb", "matrix"), REFERENCE_PXFORM)
def test_matches_committed_spice_matrices(body, tdb, matrix):
    assert np.abs(body_rotation(body, tdb) - np.array(matrix)).max() < 1e-10


def test_matches_committed_spice_spin():
    omega = angular_velocity("jupiter", 2460800.25)
    assert np.linalg.norm(omega - REFERENCE_JUPITER_SPIN) < 1e-12 * np.linalg.norm(omega)


@pytest.mark.parametrize("body", BODIES)
def test_matches_spice_pxform(spice, body):
    ours = body_rotation(body, EPOCHS)
    for tdb, matrix in zip(EPOCHS, ours, strict=True):
        theirs = np.array(spice.pxform("J2000", f"IAU_{body.upper()}", _et(tdb)))
        # Largest rotation angle between the two matrices, radians.
        assert np.abs(matrix @ theirs.T - np.eye(3)).max() < 1e-9


@pytest.mark.parametrize("body", BODIES)
def test_angular_velocity_matches_spice_sxform(spice, body):
    ours = angular_velocity(body, EPOCHS)
    for tdb, omega in zip(EPOCHS, ours, strict=True):
        _, theirs = spice.xf2rav(spice.sxform("J2000", f"IAU_{body.upper()}", _et(tdb)))
        assert np.linalg.norm(omega - theirs) < 1e-12 * np.linalg.norm(theirs)


def test_shapes_broadcast():
    assert body_rotation("jupiter", EPOCHS[0]).shape == (3, 3)
    assert body_rotation("io", EPOCHS).shape == (len(EPOCHS), 3, 3)
    assert body_rotation("europa", np.empty(0)).shape == (0, 3, 3)
    assert equator_rotation("jupiter", EPOCHS[:3]).shape == (3, 3, 3)
    assert equator_rotation("jupiter", np.empty(0)).shape == (0, 3, 3)
    assert angular_velocity("ganymede", EPOCHS[0]).shape == (3,)
    assert angular_velocity("ganymede", EPOCHS).shape == (len(EPOCHS), 3)


@pytest.mark.parametrize("body", BODIES)
def test_rotations_are_proper_orthonormal(body):
    for func in (body_rotation, equator_rotation):
        m = func(body, EPOCHS)
        assert np.abs(m @ np.swapaxes(m, 1, 2) - np.eye(3)).max() < 1e-14
        assert np.allclose(np.linalg.det(m), 1.0, atol=1e-14)


def test_vector_and_scalar_paths_agree():
    batch = body_rotation("callisto", EPOCHS)
    for tdb, m in zip(EPOCHS, batch, strict=True):
        assert np.array_equal(body_rotation("callisto", tdb), m)


def test_fast_path_equals_general_path():
    for tdb in np.concatenate([EPOCHS, [2457575.5001234, 2462000.987654321]]):
        general = np.stack([body_rotation(b, tdb) for b in BODIES])
        fast = all_rotations(float(tdb))
        assert fast.shape == (5, 3, 3)
        assert np.abs(fast - general).max() < 1e-13


def test_equator_frame_is_body_frame_without_prime_meridian():
    tdb = EPOCHS[2]
    body, eq = body_rotation("jupiter", tdb), equator_rotation("jupiter", tdb)
    assert np.allclose(body[2], eq[2], atol=1e-15)  # same pole
    # x lies on the ICRF equator (ascending node), and the two frames differ by a z-rotation.
    assert abs(eq[0, 2]) < 1e-15 and eq[0, 0] ** 2 + eq[0, 1] ** 2 == pytest.approx(1.0)
    relative = body @ eq.T
    assert np.allclose(relative[2], [0, 0, 1], atol=1e-15)


def test_system3_advances_870_536_degrees_per_day():
    t0 = J2000_TDB + 8000.0
    # Body-fixed x-axis expressed in the equator frame: its angle there is W.
    def w_deg(tdb):
        x_axis = equator_rotation("jupiter", tdb) @ body_rotation("jupiter", tdb)[0]
        return np.degrees(np.arctan2(x_axis[1], x_axis[0]))

    turned = (w_deg(t0 + 1.0) - w_deg(t0)) % 360.0
    assert turned == pytest.approx(870.536 - 720.0, abs=1e-5)
    spin_deg_per_day = np.degrees(np.linalg.norm(angular_velocity("jupiter", t0))) * 86400
    assert spin_deg_per_day == pytest.approx(870.536, abs=1e-5)


def test_angular_velocity_matches_finite_difference():
    t0, h = EPOCHS[3], 1.0 / 8192  # days; exact binary fractions keep t0 +- h exact
    r0 = body_rotation("europa", t0)
    rdot = (body_rotation("europa", t0 + h) - body_rotation("europa", t0 - h)) / (2 * h * 86400)
    # dR/dt = -R [omega]x, with omega in ICRF
    skew = -r0.T @ rdot
    omega = angular_velocity("europa", t0)
    assert np.allclose([skew[2, 1], skew[0, 2], skew[1, 0]], omega, rtol=1e-7, atol=0)


def test_transform_state_round_trip_and_system3_velocity():
    rng = np.random.default_rng(7)
    pos = rng.normal(size=(3, len(EPOCHS))) * 4e5
    vel = rng.normal(size=(3, len(EPOCHS))) * 10
    for frame in frames.FRAMES:
        p, v = transform_state(pos, vel, EPOCHS, frame)
        back_p, back_v = state_to_icrf(p, v, EPOCHS, frame)
        assert np.allclose(back_p, pos, rtol=0, atol=1e-9)
        assert np.allclose(back_v, vel, rtol=0, atol=1e-12)
    # A point fixed in System III has zero velocity there.
    fixed = np.array([1e5, 2e4, -3e4])
    t = EPOCHS[1]
    r_icrf = body_rotation("jupiter", t).T @ fixed
    v_icrf = np.cross(angular_velocity("jupiter", t), r_icrf)
    p3, v3 = transform_state(r_icrf, v_icrf, t, "system3")
    assert np.allclose(p3, fixed, atol=1e-9) and np.abs(v3).max() < 1e-12


def test_transform_state_shapes():
    p, v = transform_state([1.0, 2.0, 3.0], None, EPOCHS[0], "jupiter-equator")
    assert p.shape == (3,) and v is None
    p, v = transform_state(np.ones((3, 4)), np.ones((3, 4)), EPOCHS[0], "system3")
    assert p.shape == v.shape == (3, 4)
    p, v = transform_state(np.ones((3, 0)), np.ones((3, 0)), np.empty(0), "system3")
    assert p.shape == v.shape == (3, 0)


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(JovianviewError, match="system3"):
        transform_state([1.0, 0, 0], None, EPOCHS[0], "galactic")
    with pytest.raises(JovianviewError, match=r"\(3, N\)"):
        transform_state(np.ones((2, 5)), None, EPOCHS[0], "icrf")
    with pytest.raises(JovianviewError, match="do not match"):
        transform_state(np.ones((3, 5)), None, EPOCHS, "system3")
    with pytest.raises(UnknownBodyError, match="callisto"):
        body_rotation("amalthea", EPOCHS[0])
    with pytest.raises(UnknownBodyError, match="jupiter"):
        angular_velocity("sun", EPOCHS[0])
    with pytest.raises(InvalidTimeError):
        body_rotation("jupiter", [EPOCHS[0], np.nan])
    with pytest.raises(InvalidTimeError):
        all_rotations(float("nan"))
    with pytest.raises(InvalidTimeError):
        all_rotations("yesterday")  # type: ignore[arg-type]


def test_body_names_are_case_insensitive():
    t = EPOCHS[0]
    assert np.array_equal(body_rotation(" Jupiter ", t), body_rotation("jupiter", t))


def test_moons_keep_one_face_to_jupiter(shared_reference):
    """Synchronous rotation: the sub-Jupiter point of each moon stays near 0 deg longitude.

    Moon states are JPL Horizons (jup365) vectors from the shared reference data. The IAU
    prime meridians are tied to surface features, so the mean sub-Jupiter longitude is off
    0 by up to 2.5 deg (Ganymede); optical libration adds about +-2e rad (+-1.1 deg, Europa).
    A spin-rate error of 0.001 deg/day would drift 5 deg over these 14 years.
    """
    start, end = J2000_TDB + 5800.0, J2000_TDB + 11000.0  # 2016..2030
    for moon in BODIES[1:]:
        table = np.loadtxt(
            shared_reference / "horizons" / f"jup365_{moon}.csv", delimiter=",", skiprows=3
        )
        rows = table[(table[:, 0] >= start) & (table[:, 0] <= end)]
        assert len(rows) > 200
        to_jupiter = np.einsum("nij,nj->ni", body_rotation(moon, rows[:, 0]), -rows[:, 1:4])
        lon = np.degrees(np.arctan2(to_jupiter[:, 1], to_jupiter[:, 0]))
        assert np.abs(lon).max() < 3.0, moon
        assert np.ptp(lon) < 2.5, moon
        lat = np.degrees(np.arcsin(to_jupiter[:, 2] / np.linalg.norm(to_jupiter, axis=1)))
        assert np.abs(lat).max() < 1.0, moon
