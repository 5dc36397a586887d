"""Readouts of where Juno is: altitude, latitude, System III longitude, speed, moon distances.

Every function takes a TDB Julian date or an array of them and returns a float or an array
of the same length; positions come from ``eph``, an :class:`Ephemeris` (default: the embedded
tables; pass one with Juno's kernels to use them).

Examples
--------
>>> from jovianview.core.events import perijove
>>> round(float(altitude_km(perijove(1).tdb)), -2)  # PJ1: about 4,000-4,500 km
4200.0
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core import ellipsoid
from jovianview.core.ephemeris import MOONS, Ephemeris, default_ephemeris
from jovianview.core.frames import body_rotation

# Mean radii (km): IAU WGCCRE 2015 (Archinal et al. 2018) as in NAIF pck00011; the published
# flyby altitudes are above these.
MOON_MEAN_RADIUS_KM: dict[str, float] = {
    "io": 1821.49, "europa": 1560.8, "ganymede": 2631.2, "callisto": 2410.3,
}


def _eph(eph: Ephemeris | None) -> Ephemeris:
    return eph if eph is not None else default_ephemeris()


def _body_fixed(tdb: ArrayLike, eph: Ephemeris | None) -> NDArray[np.float64]:
    pos, _ = _eph(eph).state("juno", tdb)
    rot = body_rotation("jupiter", tdb)
    if pos.ndim == 1:
        return rot @ pos
    return np.einsum("nij,jn->in", rot, pos)


def altitude_km(tdb: ArrayLike, eph: Ephemeris | None = None) -> NDArray[np.float64]:
    """Height (km) above Jupiter's 1-bar ellipsoid (71492 x 66854 km), along the normal."""
    return ellipsoid.altitude(_body_fixed(tdb, eph))


def latitude_deg(tdb: ArrayLike, eph: Ephemeris | None = None) -> NDArray[np.float64]:
    """Planetocentric latitude (deg) of Juno below it."""
    return ellipsoid.planetocentric_latitude(_body_fixed(tdb, eph))


def west_longitude_deg(tdb: ArrayLike, eph: Ephemeris | None = None) -> NDArray[np.float64]:
    """System III west longitude (deg, [0, 360)) of the point below Juno."""
    return ellipsoid.west_longitude(_body_fixed(tdb, eph))


def speed_km_s(tdb: ArrayLike, eph: Ephemeris | None = None) -> NDArray[np.float64]:
    """Speed (km/s) relative to Jupiter's centre, non-rotating axes."""
    _, vel = _eph(eph).state("juno", tdb)
    return np.linalg.norm(vel, axis=0)


def moon_distances_km(tdb: ArrayLike,
                      eph: Ephemeris | None = None) -> dict[str, NDArray[np.float64]]:
    """Distance (km) from Juno to each Galilean moon's surface (mean radius), by moon."""
    state = _eph(eph).state
    pos, _ = state("juno", tdb)
    out = {}
    for moon in MOONS:
        mpos, _ = state(moon, tdb)
        out[moon] = np.linalg.norm(pos - mpos, axis=0) - MOON_MEAN_RADIUS_KM[moon]
    return out


def readouts(tdb: ArrayLike, eph: Ephemeris | None = None) -> dict[str, NDArray[np.float64]]:
    """All readouts at once (one state lookup): altitude, latitude, longitude, speed, moons."""
    state = _eph(eph).state
    pos, vel = state("juno", tdb)
    rot = body_rotation("jupiter", tdb)
    fixed = rot @ pos if pos.ndim == 1 else np.einsum("nij,jn->in", rot, pos)
    out = {
        "altitude_km": ellipsoid.altitude(fixed),
        "latitude_deg": ellipsoid.planetocentric_latitude(fixed),
        "west_longitude_deg": ellipsoid.west_longitude(fixed),
        "speed_km_s": np.linalg.norm(vel, axis=0),
    }
    for moon in MOONS:
        mpos, _ = state(moon, tdb)
        out[f"{moon}_distance_km"] = (np.linalg.norm(pos - mpos, axis=0)
                                      - MOON_MEAN_RADIUS_KM[moon])
    return out
