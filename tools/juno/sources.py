"""Where the generator gets the Sun and the moons: the project's own ephemeris.

``jovianview.core.ephemeris.state`` answers for every body it has an embedded table of. While
the project's tables lack the Sun (early development only), a two-body Jupiter orbit from
Standish's published mean elements (JPL "Approximate Positions of the Planets", Table 1,
1800-2050) stands in; it places the Sun within about 0.05 deg as seen from Jupiter, far below
what the Sun's tide on Juno can show. Provenance records which source was used.
"""

from __future__ import annotations

import numpy as np

from jovianview.core.ephemeris import available_bodies, state

AU_KM = 149597870.7
OBLIQUITY_J2000 = np.radians(23.43928)
# Jupiter: a (au), e, I, L, long. perihelion, long. node (deg) and their rates per century.
STANDISH_JUPITER = (
    (5.20288700, -0.00011607), (0.04838624, -0.00013253), (1.30439695, -0.00183714),
    (34.39644051, 3034.74612775), (14.72847983, 0.21252668), (100.47390909, 0.20469106),
)


def _jupiter_heliocentric(tdb: np.ndarray) -> np.ndarray:
    T = (np.asarray(tdb, dtype=float) - 2451545.0) / 36525.0
    a, e, inc, mlon, peri, node = (c0 + c1 * T for c0, c1 in STANDISH_JUPITER)
    inc, node = np.radians(inc), np.radians(node)
    w = np.radians(peri) - node
    M = np.radians(np.mod(mlon - peri, 360.0))
    E = M.copy()
    for _ in range(30):
        E = M + e * np.sin(E)
    xp, yp = a * (np.cos(E) - e), a * np.sqrt(1 - e * e) * np.sin(E)
    cw, sw, cn, sn, ci, si = np.cos(w), np.sin(w), np.cos(node), np.sin(node), np.cos(inc), np.sin(inc)
    x = (cw * cn - sw * sn * ci) * xp + (-sw * cn - cw * sn * ci) * yp
    y = (cw * sn + sw * cn * ci) * xp + (-sw * sn + cw * cn * ci) * yp
    z = sw * si * xp + cw * si * yp
    ce, se = np.cos(OBLIQUITY_J2000), np.sin(OBLIQUITY_J2000)
    return np.array([x, ce * y - se * z, se * y + ce * z]) * AU_KM


def _standish_sun(tdb):
    t = np.atleast_1d(np.asarray(tdb, dtype=float))
    dt = 1e-3
    p = -_jupiter_heliocentric(t)
    v = (-_jupiter_heliocentric(t + dt) + _jupiter_heliocentric(t - dt)) / (2 * dt * 86400.0)
    return p, v


def body_states(name: str, tdb):
    """Position (3, N) km and velocity (3, N) km/s of ``name`` relative to Jupiter, ICRF."""
    t = np.atleast_1d(np.asarray(tdb, dtype=float))
    if name in available_bodies():
        return state(name, t)
    if name == "sun":
        return _standish_sun(t)
    raise LookupError(f"no ephemeris for {name}")


def source_names(names) -> dict[str, str]:
    """Which source each perturbing body comes from (for provenance)."""
    have = set(available_bodies())
    return {
        n: ("jovianview embedded ephemeris" if n in have else
            "Standish mean elements (fallback)" if n == "sun" else "absent")
        for n in names
    }


def available(names) -> tuple[str, ...]:
    """The subset of ``names`` that has a source."""
    have = set(available_bodies()) | {"sun"}
    return tuple(n for n in names if n in have)
