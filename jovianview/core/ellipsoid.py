"""Latitude, longitude and altitude on an oblate spheroid (Jupiter's 1-bar surface by default).

Positions are body-fixed (System III for Jupiter), km, (3,) or (3, N). Every function takes
the equatorial radius ``a`` and polar radius ``b`` (``b <= a``) so other spheroids can reuse
them. Latitude conventions follow SPICE: planetographic latitude is the geodetic latitude
(the angle of the surface normal), and planetographic longitude is west-positive for
Jupiter, as ``recpgr`` gives it.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.errors import JovianviewError
from jovianview.core.iau import JUPITER_EQUATORIAL_RADIUS, JUPITER_POLAR_RADIUS

FloatArray = NDArray[np.float64]

A_JUPITER = JUPITER_EQUATORIAL_RADIUS  # km
B_JUPITER = JUPITER_POLAR_RADIUS  # km
_MAX_ITERATIONS = 60  # bisection alone would reach 1e-14 rad in 47 steps
_TOLERANCE_RAD = 1e-14
_HALF_PI = np.pi / 2


def _xyz(pos: ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray]:
    r = np.asarray(pos, dtype=np.float64)
    if r.ndim not in (1, 2) or r.shape[0] != 3:
        raise JovianviewError(f"positions must be (3,) or (3, N) km, got shape {r.shape}")
    return r[0], r[1], r[2]


def _check_radii(a: float, b: float) -> None:
    if not (0 < b <= a):
        raise JovianviewError(f"need 0 < polar radius <= equatorial radius, got a={a}, b={b}")


def planetocentric_latitude(pos: ArrayLike) -> FloatArray:
    """Angle (deg) between the equatorial plane and the line from the centre to ``pos``."""
    x, y, z = _xyz(pos)
    return np.degrees(np.arctan2(z, np.hypot(x, y)))


def west_longitude(pos: ArrayLike) -> FloatArray:
    """Planetographic (west-positive) longitude in degrees, in [0, 360).

    For Jupiter this is System III west longitude, the value SPICE ``recpgr`` returns.
    """
    x, y, _ = _xyz(pos)
    lon = np.mod(-np.degrees(np.arctan2(y, x)), 360.0)
    return np.where(lon >= 360.0, 0.0, lon)[()]  # -tiny mod 360 rounds up to 360


def _geodetic(
    rho: FloatArray, z: FloatArray, a: float, b: float
) -> tuple[FloatArray, FloatArray]:
    """Geodetic latitude (rad) and height (km) of meridian-plane points (rho >= 0, any z).

    The foot of the shortest normal lies in the same quadrant as the point; with
    ``e2 = 1 - b^2/a^2`` and ``N = a / sqrt(1 - e2 sin^2 phi)`` it solves
    ``f(phi) = rho sin(phi) - |z| cos(phi) - e2 N sin(phi) cos(phi) = 0`` on
    [0, pi/2], where f(0) < 0 < f(pi/2) and the root is unique. Newton's method is kept
    inside that bracket (bisecting when a step leaves it), which converges everywhere,
    including inside the evolute near the centre where several normals exist.
    """
    e2 = 1.0 - (b / a) ** 2
    zabs = np.abs(z)
    # z = 0 exactly: phi = 0 is a root but, close to the centre (rho < a e2), not the
    # nearest foot; a denormal z picks the northern one of the two symmetric solutions.
    zabs = np.where(zabs == 0.0, np.finfo(float).tiny, zabs)
    phi = np.arctan2(zabs, rho * (1.0 - e2))  # exact on the surface
    # One step of the fixed point tan(phi) = (|z| + e2 N sin(phi)) / rho (where the normal
    # meets the axis) improves the start far away and near the centre.
    s = np.sin(phi)
    phi = np.arctan2(zabs + e2 * a * s / np.sqrt(1.0 - e2 * s * s), rho)
    lo = np.zeros_like(phi)
    hi = np.full_like(phi, _HALF_PI)
    for _ in range(_MAX_ITERATIONS):
        s, c = np.sin(phi), np.cos(phi)
        w2 = 1.0 - e2 * s * s
        n = a / np.sqrt(w2)
        f = rho * s - zabs * c - e2 * n * s * c
        # d/dphi of N sin cos = N (c^2 - s^2) + N e2 s^2 c^2 / w2
        df = rho * c + zabs * s - e2 * n * ((c * c - s * s) + e2 * s * s * c * c / w2)
        lo = np.where(f < 0, phi, lo)
        hi = np.where(f > 0, phi, hi)
        with np.errstate(divide="ignore", invalid="ignore"):
            step = phi - f / df
        bad = ~((step >= lo) & (step <= hi))  # NaN steps (df = 0) count as bad
        new = np.where(bad, 0.5 * (lo + hi), step)
        # 1e-14 rad: the rounding noise of f near the centre; 0.1 mm at 1e7 km.
        done = np.abs(new - phi) <= _TOLERANCE_RAD
        phi = new
        if np.all(done | (f == 0)):
            break
    # On the equator outside the evolute, report exactly 0 rather than a denormal.
    phi = np.where((z == 0.0) & (rho >= a * e2), 0.0, phi)
    s, c = np.sin(phi), np.cos(phi)
    # Exact for the root phi and stationary there (dh/dphi = -f), so robust to its error.
    height = rho * c + zabs * s - a * np.sqrt(1.0 - e2 * s * s)
    return np.copysign(phi, z)[()], height[()]


def planetographic_latitude(
    pos: ArrayLike, a: float = A_JUPITER, b: float = B_JUPITER
) -> FloatArray:
    """Planetographic (geodetic) latitude in degrees: the angle of the ellipsoid normal
    through the nearest surface point, as SPICE ``recpgr``/``recgeo`` give it."""
    _check_radii(a, b)
    x, y, z = _xyz(pos)
    phi, _ = _geodetic(np.hypot(x, y), z, a, b)
    return np.degrees(phi)


def altitude(pos: ArrayLike, a: float = A_JUPITER, b: float = B_JUPITER) -> FloatArray:
    """Shortest distance (km) from ``pos`` to the ellipsoid, negative inside.

    Accurate to well under a metre from the centre to beyond 1e7 km.
    """
    _check_radii(a, b)
    x, y, z = _xyz(pos)
    _, h = _geodetic(np.hypot(x, y), z, a, b)
    return h


def surface_point(
    lat_graphic_deg: ArrayLike,
    lon_west_deg: ArrayLike,
    alt_km: ArrayLike = 0.0,
    a: float = A_JUPITER,
    b: float = B_JUPITER,
) -> FloatArray:
    """Body-fixed position (km) at planetographic latitude, west longitude and altitude.

    The inverse of :func:`planetographic_latitude`, :func:`west_longitude` and
    :func:`altitude`. Arguments broadcast; the result is (3,) for scalars, else
    ``(3,) + broadcast shape``.
    """
    _check_radii(a, b)
    lat, lon, h = np.broadcast_arrays(
        np.radians(np.asarray(lat_graphic_deg, dtype=float)),
        -np.radians(np.asarray(lon_west_deg, dtype=float)),
        np.asarray(alt_km, dtype=float),
    )
    if np.any(np.abs(lat) > _HALF_PI + 1e-12):
        raise JovianviewError("planetographic latitude must lie within -90..90 degrees")
    e2 = 1.0 - (b / a) ** 2
    s, c = np.sin(lat), np.cos(lat)
    n = a / np.sqrt(1.0 - e2 * s * s)
    return np.stack([(n + h) * c * np.cos(lon), (n + h) * c * np.sin(lon), (n * (1 - e2) + h) * s])
