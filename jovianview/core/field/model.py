"""The whole field model: JRM33 inside plus the Con2020 disc, with checked inputs.

Everything is System III Cartesian, R_J for positions and nT for fields. ``field(xyz)`` is
the one entry point the CLI, the readouts and the scene use.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.constants import JUPITER_REFERENCE_RADIUS_KM
from jovianview.core.errors import JovianviewError
from jovianview.core.field.con2020 import con2020_field
from jovianview.core.field.internal import MAX_DEGREE, dipole_axis, internal_field
from jovianview.core.iau import JUPITER_EQUATORIAL_RADIUS, JUPITER_POLAR_RADIUS

FloatArray = NDArray[np.float64]

R_J_KM = JUPITER_REFERENCE_RADIUS_KM  # 71,492 km: the models' unit of length
# Jupiter's 1-bar ellipsoid in R_J (IAU 2015 radii, core/iau.py).
ELLIPSOID_A = JUPITER_EQUATORIAL_RADIUS / R_J_KM
ELLIPSOID_C = JUPITER_POLAR_RADIUS / R_J_KM


class FieldPointError(JovianviewError):
    """A point where the field model cannot be evaluated (NaN, inside Jupiter)."""


def ellipsoid_level(xyz: FloatArray) -> FloatArray:
    """``(x^2 + y^2)/a^2 + z^2/c^2 - 1``: negative inside the 1-bar ellipsoid."""
    x, y, z = xyz
    return (x * x + y * y) / ELLIPSOID_A**2 + z * z / ELLIPSOID_C**2 - 1.0


def check_points(xyz: ArrayLike) -> FloatArray:
    """Points as float64 ``(3,)``/``(3, N)``; NaN or points inside Jupiter raise FieldPointError."""
    pts = np.asarray(xyz, dtype=np.float64)
    if pts.ndim not in (1, 2) or pts.shape[0] != 3:
        raise FieldPointError(f"points must be x, y, z triples, got shape {pts.shape}")
    flat = pts.reshape(3, -1)
    bad = ~np.isfinite(flat).all(axis=0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise FieldPointError(
            f"point {i + 1} is not a number ({flat[:, i].tolist()}): give finite R_J values"
        )
    inside = ellipsoid_level(flat) < 0.0
    if inside.any():
        i = int(np.flatnonzero(inside)[0])
        x, y, z = flat[:, i]
        raise FieldPointError(
            f"point {i + 1} ({x:g}, {y:g}, {z:g}) R_J is inside Jupiter's 1-bar surface, where "
            "the models do not apply: give points outside it (r >= 1 R_J at the equator)"
        )
    return pts


def field(xyz: ArrayLike, internal_only: bool = False, degree: int = MAX_DEGREE) -> FloatArray:
    """Magnetic field (nT, System III Cartesian) at ``xyz`` (R_J, unchecked), ``(3,)``/``(3, N)``.

    JRM33 to ``degree`` plus, unless ``internal_only``, the Con2020 disc.
    """
    b = internal_field(xyz, degree)
    if not internal_only:
        b = b + con2020_field(xyz)
    return b


def magnetic_latitude(xyz: ArrayLike) -> FloatArray:
    """Latitude (deg) above the JRM33 dipole equator of points ``xyz`` (System III, R_J)."""
    pts = np.asarray(xyz, dtype=np.float64)
    axis = dipole_axis()
    r = np.linalg.norm(pts, axis=0)
    return np.degrees(np.arcsin(np.clip(np.tensordot(axis, pts, axes=1) / r, -1.0, 1.0)))
