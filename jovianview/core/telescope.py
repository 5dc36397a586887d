"""Jupiter as a telescope on Earth shows it: where the eye is, what it sees, and the shadows.

Light takes 35-55 minutes from Jupiter to Earth, and in that time Io moves 0.6 Jupiter radii:
the picture seen at TDB ``t`` is the system as it was at ``t - tau``, looked at from where
Earth is at ``t`` (relative to Jupiter's centre at ``t - tau``). :func:`earth_view` gives both,
from the same light-time solution as the phenomena (:mod:`jovianview.core.phenomena_geometry`),
so a shadow drawn in the view touches the limb at the listed ``shadow_start``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from jovianview.core import phenomena_geometry as geo
from jovianview.core.frames import equator_rotation
from jovianview.core.iau import JUPITER_EQUATORIAL_RADIUS, JUPITER_POLAR_RADIUS
from jovianview.core.timescale import SECONDS_PER_DAY

Vec = NDArray[np.float64]
CALLISTO_ORBIT_KM = 1.8827e6  # semi-major axis (JPL SSD mean elements)
FIELD_MARGIN = 1.15  # the default field shows Callisto's orbit with this much room
MIN_FOV_ARCMIN, MAX_FOV_ARCMIN = 0.2, 120.0
TELESCOPE_IMAGES = ("north_up", "inverted", "mirrored")


@dataclass(frozen=True)
class EarthView:
    """The view from Earth's centre at one reception time.

    ``tdb_seen``: when the light now arriving left Jupiter; ``eye_km``: the observer relative
    to Jupiter's centre at ``tdb_seen`` (ICRF km); ``north``: the celestial north pole (ICRF
    unit vector, for "north up"); ``light_time_s``: Jupiter's light time.
    """

    tdb_seen: float
    eye_km: Vec
    north: Vec
    light_time_s: float

    @property
    def distance_km(self) -> float:
        """Distance from the eye (Earth's centre) to Jupiter's centre (km)."""
        return float(math.hypot(*self.eye_km))


def earth_view(tdb: float) -> EarthView:
    """Where the eye is and which instant it sees, for a telescope at Earth's centre."""
    g = geo.sky(np.array([float(tdb)]))
    tau = float(g.tau_jup[0])
    return EarthView(tdb_seen=float(tdb) - tau / SECONDS_PER_DAY, eye_km=-g.jup[:, 0].copy(),
                     north=np.array([0.0, 0.0, 1.0]), light_time_s=tau)


def four_moon_fov_deg(distance_km: float, aspect: float) -> float:
    """Vertical field of view (degrees) whose width shows Callisto's whole orbit."""
    half_width = math.atan(FIELD_MARGIN * CALLISTO_ORBIT_KM / distance_km)
    return math.degrees(2.0 * half_width / max(aspect, 1e-6))


def clamp_fov_arcmin(arcmin: float) -> float:
    """A telescope field between 0.2 and 120 arcminutes."""
    return float(min(max(arcmin, MIN_FOV_ARCMIN), MAX_FOV_ARCMIN))


def shadow_on_jupiter(moon_km: Vec, sun_km: Vec, tdb: float) -> Vec | None:
    """Where the ray from the Sun's centre through a moon's centre meets Jupiter's clouds.

    ``moon_km`` and ``sun_km`` are relative to Jupiter's centre (ICRF km) at ``tdb``; the
    result is the point on the IAU ellipsoid (ICRF km), or None when the ray misses or the
    moon is on Jupiter's night side.
    """
    rot = equator_rotation("jupiter", tdb)
    scale = np.array([1.0, 1.0, JUPITER_EQUATORIAL_RADIUS / JUPITER_POLAR_RADIUS])
    m = (rot @ moon_km) * scale
    ray = moon_km - sun_km
    d = (rot @ (ray / math.hypot(*ray))) * scale
    a, b = float(d @ d), float(m @ d)
    c = float(m @ m) - JUPITER_EQUATORIAL_RADIUS**2
    disc = b * b - a * c
    if disc < 0.0 or b >= 0.0:  # misses, or the ray leads away from Jupiter
        return None
    s = (-b - math.sqrt(disc)) / a
    return rot.T @ ((m + s * d) / scale)


def _ellipsoid_matrix(tdb: float) -> NDArray[np.float64]:
    rot = equator_rotation("jupiter", tdb)
    inv = np.diag([JUPITER_EQUATORIAL_RADIUS**-2] * 2 + [JUPITER_POLAR_RADIUS**-2])
    return rot.T @ inv @ rot


def faces(point_km: Vec, viewer_km: Vec, tdb: float) -> bool:
    """Whether a point on Jupiter's ellipsoid is on the hemisphere facing ``viewer_km``."""
    normal = _ellipsoid_matrix(tdb) @ point_km
    return float(normal @ (viewer_km - point_km)) > 0.0


def limb_axes(view_dir: Vec, tdb: float) -> tuple[Vec, Vec]:
    """Semi-major and semi-minor axes (ICRF km vectors) of Jupiter's outline seen along
    ``view_dir`` from far away: the ellipse where lines of sight graze the ellipsoid."""
    u = view_dir / math.hypot(*view_dir)
    a_mat = _ellipsoid_matrix(tdb)
    au = a_mat @ u
    sil = a_mat - np.outer(au, au) / float(u @ au)
    e1 = np.cross(u, [0.0, 0.0, 1.0])
    if math.hypot(*e1) < 1e-9:
        e1 = np.cross(u, [1.0, 0.0, 0.0])
    e1 /= math.hypot(*e1)
    e2 = np.cross(u, e1)
    basis = np.stack([e1, e2])  # (2, 3)
    vals, vecs = np.linalg.eigh(basis @ sil @ basis.T)  # ascending: the major axis first
    major = basis.T @ vecs[:, 0] / math.sqrt(vals[0])
    minor = basis.T @ vecs[:, 1] / math.sqrt(vals[1])
    return major, minor
