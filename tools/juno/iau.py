"""Jupiter's IAU orientation (pck00011 values) for the Juno generator: pole and System III.

Rotation matrix from ICRF to Jupiter's body-fixed System III axes (IAU 2015, Archinal et al.
2018, as in NAIF's pck00011.tpc): ``R = Rz(W) Rx(90 - dec) Rz(90 + ra)``.
"""

from __future__ import annotations

import numpy as np

J2000 = 2451545.0
# pck00011: BODY599_POLE_RA/DEC/PM (deg, deg/century, deg/day)
RA0, RA1 = 268.056595, -0.006499
DEC0, DEC1 = 64.495303, 0.002413
W0, W1 = 284.95, 870.5360000
# Nutation-precession angles Ja..Je (deg, deg/century) and their RA / Dec amplitudes (deg).
NUT_ANGLES = np.array([
    (99.360714, 4850.4046), (175.895369, 1191.9605), (300.323162, 262.5475),
    (114.012305, 6070.2476), (49.511251, 64.3000),
])
NUT_RA = np.array([0.000117, 0.000938, 0.001432, 0.000030, 0.002150])
NUT_DEC = np.array([0.000050, 0.000404, 0.000617, -0.000013, 0.000926])


def pole_radec(tdb):
    """Pole right ascension and declination (rad) at TDB JD (scalar or array)."""
    t = np.asarray(tdb, dtype=float)
    T = (t - J2000) / 36525.0
    ang = np.radians(NUT_ANGLES[:, 0][:, None] + NUT_ANGLES[:, 1][:, None] * np.atleast_1d(T))
    ra = RA0 + RA1 * T + (NUT_RA[:, None] * np.sin(ang)).sum(0).reshape(np.shape(T))
    dec = DEC0 + DEC1 * T + (NUT_DEC[:, None] * np.cos(ang)).sum(0).reshape(np.shape(T))
    return np.radians(ra), np.radians(dec)


def pole(tdb):
    """Unit vector of Jupiter's north pole, ICRF, shape (3,) or (3, N)."""
    ra, dec = pole_radec(tdb)
    return np.array([np.cos(dec) * np.cos(ra), np.cos(dec) * np.sin(ra), np.sin(dec)])


def to_body(tdb, vec):
    """Rotate ICRF vectors ``vec`` (3,) or (3, N) at times ``tdb`` into System III axes."""
    t = np.atleast_1d(np.asarray(tdb, dtype=float))
    v = np.asarray(vec, dtype=float).reshape(3, -1)
    ra, dec = pole_radec(t)
    w = np.radians(W0 + W1 * (t - J2000))
    out = _rz(v, np.pi / 2 + ra)
    out = _rx(out, np.pi / 2 - dec)
    out = _rz(out, w)
    return out.reshape(np.shape(vec))


def from_body(tdb, vec):
    """Inverse of :func:`to_body`."""
    t = np.atleast_1d(np.asarray(tdb, dtype=float))
    v = np.asarray(vec, dtype=float).reshape(3, -1)
    ra, dec = pole_radec(t)
    w = np.radians(W0 + W1 * (t - J2000))
    out = _rz(v, -w)
    out = _rx(out, -(np.pi / 2 - dec))
    out = _rz(out, -(np.pi / 2 + ra))
    return out.reshape(np.shape(vec))


def _rz(v, a):
    c, s = np.cos(a), np.sin(a)
    return np.array([c * v[0] + s * v[1], -s * v[0] + c * v[1], v[2]])


def _rx(v, a):
    c, s = np.cos(a), np.sin(a)
    return np.array([v[0], c * v[1] + s * v[2], -s * v[1] + c * v[2]])
