"""Where Juno is relative to a Galilean moon: height, speed, the point below it, the moon's phase.

Used when Juno is within :data:`NEAR_MOON_KM` of a moon's surface. Heights are above the moon's
mean radius (IAU 2015, as the published flyby altitudes are); latitude is planetocentric and
longitude west-positive in the moon's IAU body-fixed frame (the planetographic convention for
these synchronously rotating moons); the phase is the Sun-moon-Juno angle, and the lit fraction
of the disc Juno sees is ``(1 + cos(phase)) / 2``.

Examples
--------
>>> import numpy as np
>>> r = moon_relative("io", np.array([3321.49, 0.0, 0.0]), np.zeros(3), np.zeros(3),
...                   np.zeros(3), np.eye(3), np.array([1.0, 0.0, 0.0]))
>>> round(r.altitude_km), round(r.phase_deg), r.lit_fraction
(1500, 0, 1.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris.juno_readouts import MOON_MEAN_RADIUS_KM
from jovianview.core.events import Event, events_of_kind

NEAR_MOON_KM = 100_000.0  # the readouts switch on within this height above a moon's surface
CLOSEST_APPROACH_WINDOW_DAYS = 1.0  # a flyby event further off is not this pass's

__all__ = ["NEAR_MOON_KM", "MoonRelative", "moon_relative", "nearest_moon", "closest_approach"]

Vec = NDArray[np.float64]


@dataclass(frozen=True)
class MoonRelative:
    """Juno relative to one moon at one instant.

    Attributes
    ----------
    moon : str
        The moon's name (lower case).
    altitude_km : float
        Height above the moon's mean radius.
    speed_km_s : float
        Speed relative to the moon's centre.
    latitude_deg, west_longitude_deg : float
        The point on the moon below Juno (planetocentric latitude, west longitude in [0, 360)).
    phase_deg : float
        Angle Sun-moon-Juno: 0 when Juno sees the moon fully lit, 180 when it sees its night side.
    lit_fraction : float
        The fraction of the moon's disc that Juno sees lit, 0 to 1.
    """

    moon: str
    altitude_km: float
    speed_km_s: float
    latitude_deg: float
    west_longitude_deg: float
    phase_deg: float
    lit_fraction: float


def moon_relative(moon: str, juno_km: Vec, juno_km_s: Vec, moon_km: Vec, moon_km_s: Vec,
                  rotation: NDArray[np.float64], sun_direction: Vec) -> MoonRelative:
    """Juno relative to ``moon`` from positions and velocities on one set of axes (ICRF).

    Parameters
    ----------
    moon : str
        io, europa, ganymede or callisto.
    juno_km, juno_km_s, moon_km, moon_km_s : ndarray, shape (3,)
        Positions (km) and velocities (km/s) of Juno and the moon, Jupiter-centred.
    rotation : ndarray, shape (3, 3)
        ICRF to the moon's body-fixed frame (:func:`jovianview.core.frames.body_rotation`).
    sun_direction : ndarray, shape (3,)
        Unit vector towards the Sun (from Jupiter: at 5 AU the direction from the moon differs
        by under 0.1 degree).
    """
    rel = np.asarray(juno_km, float) - np.asarray(moon_km, float)
    dist = float(np.linalg.norm(rel))
    fixed = np.asarray(rotation, float) @ rel
    lat = math.degrees(math.asin(max(-1.0, min(1.0, fixed[2] / dist)))) if dist else 0.0
    west = (-math.degrees(math.atan2(fixed[1], fixed[0]))) % 360.0
    sun = np.asarray(sun_direction, float)
    cos_phase = float(rel @ sun) / (dist * float(np.linalg.norm(sun))) if dist else 1.0
    cos_phase = max(-1.0, min(1.0, cos_phase))
    return MoonRelative(
        moon=moon,
        altitude_km=dist - MOON_MEAN_RADIUS_KM[moon],
        speed_km_s=float(np.linalg.norm(np.asarray(juno_km_s, float)
                                        - np.asarray(moon_km_s, float))),
        latitude_deg=lat,
        west_longitude_deg=west,
        phase_deg=math.degrees(math.acos(cos_phase)),
        lit_fraction=0.5 * (1.0 + cos_phase),
    )


def nearest_moon(juno_km: Vec, moons_km: Mapping[str, Vec],
                 within_km: float = NEAR_MOON_KM) -> tuple[str, float] | None:
    """The moon whose surface is nearest Juno, and that height, if within ``within_km``."""
    best: tuple[str, float] | None = None
    for moon, pos in moons_km.items():
        if moon not in MOON_MEAN_RADIUS_KM:
            continue
        height = math.dist(juno_km, pos) - MOON_MEAN_RADIUS_KM[moon]  # per frame: no numpy
        if height <= within_km and (best is None or height < best[1]):
            best = (moon, height)
    return best


def closest_approach(moon: str, tdb: float,
                     window_days: float = CLOSEST_APPROACH_WINDOW_DAYS) -> Event | None:
    """The flyby event of ``moon`` nearest ``tdb`` (within ``window_days``), or None."""
    near = [e for e in events_of_kind("flyby")
            if e.body == moon and abs(e.tdb - tdb) <= window_days]
    return min(near, key=lambda e: abs(e.tdb - tdb)) if near else None
