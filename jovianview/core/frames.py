"""Body orientation from the IAU 2015 model: ICRF -> body-fixed, equator frames, spin vectors.

The rotation from ICRF to a body-fixed frame is, as in SPICE (``tipbod``/``pxform``),
``R = R3(W) R1(pi/2 - delta0) R3(pi/2 + alpha0)`` where ``Rk(a)`` rotates the coordinate
frame by ``a`` about axis ``k``. For Jupiter the body-fixed frame is System III. Row 2 of
``R`` is the pole in ICRF, row 0 the prime meridian's direction on the equator.

Times are TDB Julian dates, scalar or array; matrices come back with shape ``t.shape + (3, 3)``.
A float64 Julian date resolves about 40 microseconds, during which Jupiter turns about
7e-9 rad (half a millimetre at the cloud tops): that is the floor of any comparison.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.ephemeris.bodies import normalize_body
from jovianview.core.errors import JovianviewError
from jovianview.core.iau import BODIES, BODY5_NUT_PREC_ANGLES, DAYS_PER_CENTURY, ROTATION_MODELS
from jovianview.core.timescale import J2000_TDB, SECONDS_PER_DAY, check_tdb

FloatArray = NDArray[np.float64]

_N_ANGLES = len(BODY5_NUT_PREC_ANGLES)
_RAD = math.pi / 180.0


def _padded(values: tuple[float, ...]) -> list[float]:
    return list(values) + [0.0] * (_N_ANGLES - len(values))


# Coefficient tables, radians, one row per body in BODIES order.
_ANG0 = np.radians([a for a, _ in BODY5_NUT_PREC_ANGLES])  # rad
_ANG1 = np.radians([r for _, r in BODY5_NUT_PREC_ANGLES])  # rad / century
_POLY = {  # (n_bodies, 3) polynomial coefficients in degrees, in T (RA, DEC) or d (PM)
    key: np.array([getattr(ROTATION_MODELS[b], key) for b in BODIES], dtype=float)
    for key in ("pole_ra", "pole_dec", "pm")
}
_NUT = {  # (n_bodies, 15) nutation-precession coefficients, radians
    key: np.radians([_padded(getattr(ROTATION_MODELS[b], key)) for b in BODIES])
    for key in ("nut_prec_ra", "nut_prec_dec", "nut_prec_pm")
}
_INDEX = {name: i for i, name in enumerate(BODIES)}
_NONZERO = np.any([c != 0 for c in _NUT.values()], axis=0)  # (n_bodies, 15)
_USED = [np.flatnonzero(row) for row in _NONZERO]


def _body_index(body: str) -> int:
    return _INDEX[normalize_body(body, BODIES)]


def _times(tdb: ArrayLike) -> FloatArray:
    return np.asarray(check_tdb(tdb), dtype=np.float64)


def _euler(k: int, d: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Pole RA, Dec and prime meridian W (rad) of body ``k`` at ``d`` days past J2000.

    Also returns the nutation angles J (rad) this body uses (``_USED[k]``), for the rates.
    """
    t = d / DAYS_PER_CENTURY
    used = _USED[k]  # only the angles this body's terms need (5 of 15 for Jupiter)
    angles = _ANG0[used] + _ANG1[used] * t[..., None]
    sin_j = np.sin(angles)
    ra0, ra1, ra2 = _POLY["pole_ra"][k]
    de0, de1, de2 = _POLY["pole_dec"][k]
    w0, w1, w2 = _POLY["pm"][k]
    ra = np.radians(ra0 + t * (ra1 + t * ra2)) + sin_j @ _NUT["nut_prec_ra"][k, used]
    dec = np.radians(de0 + t * (de1 + t * de2)) + np.cos(angles) @ _NUT["nut_prec_dec"][k, used]
    # W grows by ~1e7 degrees per 30 years: reduce in degrees first (exact) before radians.
    w_deg = np.mod(w0 + d * (w1 + d * w2), 360.0)
    w = np.radians(w_deg) + sin_j @ _NUT["nut_prec_pm"][k, used]
    return ra, dec, w, angles


def _matrix(ra: FloatArray, dec: FloatArray, w: FloatArray | None) -> FloatArray:
    """``R3(w) R1(pi/2 - dec) R3(pi/2 + ra)``; ``w=None`` leaves out the first rotation."""
    sa, ca = np.sin(ra), np.cos(ra)
    sd, cd = np.sin(dec), np.cos(dec)
    out = np.empty(np.shape(ra) + (3, 3))
    # Rows of R1(pi/2 - dec) R3(pi/2 + ra): ascending node, its 90-degree companion, pole.
    node = (-sa, ca, np.zeros_like(ra))
    quad = (-sd * ca, -sd * sa, cd)
    pole = (cd * ca, cd * sa, sd)
    if w is None:
        rows = (node, quad, pole)
    else:
        sw, cw = np.sin(w), np.cos(w)
        rows = (
            tuple(cw * n + sw * q for n, q in zip(node, quad, strict=True)),
            tuple(-sw * n + cw * q for n, q in zip(node, quad, strict=True)),
            pole,
        )
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            out[..., i, j] = value
    return out


def body_rotation(body: str, tdb: ArrayLike) -> FloatArray:
    """Rotation matrix from ICRF to the body-fixed frame of ``body``.

    Same convention as SPICE ``pxform('J2000', 'IAU_<BODY>', et)``; for Jupiter the result
    is System III.

    Parameters
    ----------
    body : str
        One of jupiter, io, europa, ganymede, callisto.
    tdb : float or array_like
        TDB Julian date(s).

    Returns
    -------
    ndarray
        ``(3, 3)`` for a scalar time, ``tdb.shape + (3, 3)`` otherwise; ``R @ r_icrf``
        gives body-fixed coordinates.

    Raises
    ------
    UnknownBodyError
        For a body without an IAU model here.
    InvalidTimeError
        For NaN, infinite or non-numeric times.
    """
    k = _body_index(body)
    ra, dec, w, _ = _euler(k, _times(tdb) - J2000_TDB)
    return _matrix(ra, dec, w)


def equator_rotation(body: str, tdb: ArrayLike) -> FloatArray:
    """Rotation from ICRF to the body's equator frame (no prime meridian).

    z is the body's north pole, x the ascending node of the body's equator on the ICRF
    equator (right ascension alpha0 + 90 deg), y completes the right-handed set. Shapes and
    errors as :func:`body_rotation`.
    """
    k = _body_index(body)
    ra, dec, _, _ = _euler(k, _times(tdb) - J2000_TDB)
    return _matrix(ra, dec, None)


def angular_velocity(body: str, tdb: ArrayLike) -> FloatArray:
    """Angular velocity of the body-fixed frame relative to ICRF, in ICRF, rad/s.

    Includes everything the IAU model moves: the spin ``dW/dt`` about the pole and the slow
    motion of the pole itself (secular and nutation-precession terms), so ``dR/dt`` of
    :func:`body_rotation` equals ``-[omega_body]x R`` exactly, as SPICE ``sxform`` has it.

    Returns
    -------
    ndarray
        ``(3,)`` for a scalar time, ``tdb.shape + (3,)`` otherwise.
    """
    k = _body_index(body)
    d = _times(tdb) - J2000_TDB
    t = d / DAYS_PER_CENTURY
    ra, dec, _, angles = _euler(k, d)
    sin_j, cos_j = np.sin(angles), np.cos(angles)
    _, ra1, ra2 = _POLY["pole_ra"][k]
    _, de1, de2 = _POLY["pole_dec"][k]
    _, w1, w2 = _POLY["pm"][k]
    century = DAYS_PER_CENTURY * SECONDS_PER_DAY
    used, rate = _USED[k], _ANG1[_USED[k]]
    ra_dot = np.radians(ra1 + 2 * t * ra2) + cos_j @ (_NUT["nut_prec_ra"][k, used] * rate)
    dec_dot = np.radians(de1 + 2 * t * de2) - sin_j @ (_NUT["nut_prec_dec"][k, used] * rate)
    w_dot = np.radians(w1 + 2 * d * w2) * DAYS_PER_CENTURY + cos_j @ (
        _NUT["nut_prec_pm"][k, used] * rate
    )
    ra_dot, dec_dot, w_dot = ra_dot / century, dec_dot / century, w_dot / century
    # Euler rates along their axes: pi/2+ra about ICRF z, pi/2-dec about the node, W about the pole.
    sa, ca, sd, cd = np.sin(ra), np.cos(ra), np.sin(dec), np.cos(dec)
    omega = np.stack(
        [
            -dec_dot * -sa + w_dot * cd * ca,
            -dec_dot * ca + w_dot * cd * sa,
            ra_dot + w_dot * sd,
        ],
        axis=-1,
    )
    return omega


FRAMES: tuple[str, ...] = ("icrf", "jupiter-equator", "system3")


def _frame_key(frame: str) -> str:
    key = str(frame).strip().lower()
    if key not in FRAMES:
        raise JovianviewError(f"unknown frame {frame!r}: choose one of {', '.join(FRAMES)}")
    return key


def _apply(matrix: FloatArray, vec: FloatArray, transpose: bool = False) -> FloatArray:
    """``matrix @ vec`` for (3, 3) or (N, 3, 3) matrices and (3,) or (3, N) vectors."""
    if matrix.ndim == 2:
        return (matrix.T if transpose else matrix) @ vec
    spec = "nji,jn->in" if transpose else "nij,jn->in"
    return np.einsum(spec, matrix, np.broadcast_to(vec.reshape(3, -1), (3, matrix.shape[0])))


def _cross(omega: FloatArray, pos: FloatArray) -> FloatArray:
    """``omega x pos`` with omega (3,) or (N, 3) and pos (3,) or (3, N), xyz-first result."""
    w = omega if omega.ndim == 1 else omega.T
    if w.ndim == 2 and pos.ndim == 1:
        pos = pos[:, None]
    if w.ndim == 1 and pos.ndim == 2:
        w = w[:, None]
    return np.cross(w, pos, axis=0)


def _state_inputs(pos: ArrayLike, vel: ArrayLike | None, tdb: ArrayLike, frame: str,
                  ) -> tuple[str, FloatArray, FloatArray | None, FloatArray]:
    key = _frame_key(frame)
    r = np.asarray(pos, dtype=np.float64)
    v = None if vel is None else np.asarray(vel, dtype=np.float64)
    if r.ndim not in (1, 2) or r.shape[0] != 3 or (v is not None and v.shape != r.shape):
        shapes = f"{r.shape}" + ("" if v is None else f" and {v.shape}")
        raise JovianviewError(f"positions/velocities must be (3,) or (3, N), got {shapes}")
    t = _times(tdb)
    if t.ndim > 1 or (t.ndim == 1 and r.ndim == 2 and t.shape[0] != r.shape[1]):
        raise JovianviewError(f"times of shape {t.shape} do not match positions {r.shape}")
    return key, r, v, t


def transform_state(
    pos: ArrayLike, vel: ArrayLike | None, tdb: ArrayLike, frame: str
) -> tuple[FloatArray, FloatArray | None]:
    """Express ICRF positions and velocities in another frame centred on Jupiter.

    Parameters
    ----------
    pos, vel : array_like
        ICRF position (km) and velocity (km/s), each (3,) or (3, N); ``vel`` may be None.
    tdb : float or array_like
        TDB Julian date, scalar or (N,) (one epoch per column).
    frame : str
        ``"icrf"`` (unchanged), ``"jupiter-equator"`` (z = Jupiter's pole, x = node on the
        ICRF equator; velocities only rotated, as the pole moves negligibly) or
        ``"system3"`` (Jupiter body-fixed; velocity relative to the rotating frame,
        ``R (v - omega x r)``).

    Returns
    -------
    (pos, vel)
        Arrays of the input shape (a scalar time with (3,) stays (3,)).

    Raises
    ------
    JovianviewError
        For an unknown frame or mismatched shapes; InvalidTimeError for NaN times.
    """
    key, r, v, t = _state_inputs(pos, vel, tdb, frame)
    if key == "icrf":
        return r.copy(), None if v is None else v.copy()
    if key == "jupiter-equator":
        m = equator_rotation("jupiter", t)
        return _apply(m, r), None if v is None else _apply(m, v)
    m = body_rotation("jupiter", t)
    if v is not None:
        v = _apply(m, v - _cross(angular_velocity("jupiter", t), r))
    return _apply(m, r), v


def state_to_icrf(
    pos: ArrayLike, vel: ArrayLike | None, tdb: ArrayLike, frame: str
) -> tuple[FloatArray, FloatArray | None]:
    """Inverse of :func:`transform_state`: from ``frame`` back to ICRF (same arguments)."""
    key, r, v, t = _state_inputs(pos, vel, tdb, frame)
    if key == "icrf":
        return r.copy(), None if v is None else v.copy()
    if key == "jupiter-equator":
        m = equator_rotation("jupiter", t)
        return _apply(m, r, True), None if v is None else _apply(m, v, True)
    m = body_rotation("jupiter", t)
    r_icrf = _apply(m, r, True)
    if v is not None:
        v = _apply(m, v, True) + _cross(angular_velocity("jupiter", t), r_icrf)
    return r_icrf, v


def all_rotations(tdb: float) -> FloatArray:
    """ICRF -> body-fixed matrices of jupiter, io, europa, ganymede, callisto at one epoch.

    The per-frame path of the app: plain ``math`` on precomputed coefficients, one numpy
    call at the end. Equals ``np.stack([body_rotation(b, tdb) for b in BODIES])``.

    Returns
    -------
    ndarray
        Shape ``(5, 3, 3)``.
    """
    try:
        t = float(tdb)
    except (TypeError, ValueError):
        t = math.nan
    if not math.isfinite(t):
        check_tdb(tdb)  # raises InvalidTimeError with the standard message
        raise AssertionError("unreachable")  # pragma: no cover
    d = t - J2000_TDB
    tc = d / DAYS_PER_CENTURY
    sin_j = {}
    cos_j = {}
    for i, a0, a1 in _FAST_ANGLES:
        a = a0 + a1 * tc
        sin_j[i] = math.sin(a)
        cos_j[i] = math.cos(a)
    values: list[float] = []
    sin, cos = math.sin, math.cos
    for (ra0, ra1, de0, de1, w0, w1), terms in _FAST_BODIES:
        ra = ra0 + ra1 * tc
        dec = de0 + de1 * tc
        w = math.fmod(w0 + w1 * d, 360.0) * _RAD
        for i, cra, cde, cpm in terms:
            s = sin_j[i]
            ra += cra * s
            dec += cde * cos_j[i]
            w += cpm * s
        sa, ca, sd, cd, sw, cw = sin(ra), cos(ra), sin(dec), cos(dec), sin(w), cos(w)
        q0, q1 = sd * ca, sd * sa
        values += (
            -cw * sa - sw * q0, cw * ca - sw * q1, sw * cd,
            sw * sa - cw * q0, -sw * ca - cw * q1, cw * cd,
            cd * ca, cd * sa, sd,
        )  # fmt: skip
    return np.array(values).reshape(len(BODIES), 3, 3)


def _fast_tables() -> tuple[list[tuple[int, float, float]], list[tuple[tuple, list]]]:
    """Flatten the coefficients into tuples of floats for :func:`all_rotations`."""
    used: set[int] = set()
    bodies = []
    for k in range(len(BODIES)):
        ra, de, pm = _POLY["pole_ra"][k], _POLY["pole_dec"][k], _POLY["pm"][k]
        if ra[2] or de[2] or pm[2]:  # no quadratic terms in pck00011; the fast path needs none
            raise NotImplementedError("quadratic rotation terms are not supported")
        terms = [
            (i, float(_NUT["nut_prec_ra"][k, i]), float(_NUT["nut_prec_dec"][k, i]),
             float(_NUT["nut_prec_pm"][k, i]))
            for i in range(_N_ANGLES)
            if _NUT["nut_prec_ra"][k, i] or _NUT["nut_prec_dec"][k, i] or _NUT["nut_prec_pm"][k, i]
        ]  # fmt: skip
        used.update(i for i, *_ in terms)
        poly = (ra[0] * _RAD, ra[1] * _RAD, de[0] * _RAD, de[1] * _RAD, float(pm[0]), float(pm[1]))
        bodies.append((poly, terms))
    angles = [(i, float(_ANG0[i]), float(_ANG1[i])) for i in sorted(used)]
    return angles, bodies


_FAST_ANGLES, _FAST_BODIES = _fast_tables()
