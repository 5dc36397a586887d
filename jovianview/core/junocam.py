"""JunoCam's field of view from Juno and its footprint on Jupiter's cloud tops.

Instrument geometry: JunoCam is a push-frame camera with a 58 deg field of view across its
detector's long axis (Hansen et al. 2017, Space Sci. Rev. 213, 475; NAIF instrument kernel
``juno_junocam_v03.ti``: 1648 pixels of about 0.67 mrad each). Its four filter strips together
span about 20 deg along the other axis. The camera looks perpendicular to Juno's spin axis and
sweeps the sky once per 30-second spin; the 58 deg side lies along the spin axis.

Attitude: this module assumes the nominal attitude, the spin axis pointing at Earth, and shows
the camera at the moment of each spin when it faces Jupiter (boresight in the plane of the spin
axis and the direction to Jupiter's centre). It is NOT the reconstructed attitude from the C
kernels, which tilts for some perijoves; footprints are indicative, to within several degrees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.geometry import east_longitude_latitude, ray_ellipsoid

CROSS_TRACK_DEG = 58.0  # along the spin axis
ALONG_TRACK_DEG = 20.0  # the four filter strips, across the spin axis


@dataclass(frozen=True)
class JunoCamView:
    """Frustum and footprint, ICRF, km, relative to Jupiter's centre."""

    apex: NDArray[np.float64]  # Juno's position (3,)
    boresight: NDArray[np.float64]  # unit (3,)
    edge_directions: NDArray[np.float64]  # unit (3, N): the frustum's outline, closed
    footprint: NDArray[np.float64]  # (3, M) surface points where the outline hits Jupiter
    footprint_lonlat: NDArray[np.float64]  # (2, M) System III east longitude, latitude (deg)
    centre_lonlat: tuple[float, float] | None  # where the boresight hits, if it does


@cache
def _outline(samples_per_side: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Tangent-plane coordinates (x along the spin axis, y across) of the outline, closed."""
    tx, ty = np.tan(np.radians(CROSS_TRACK_DEG / 2)), np.tan(np.radians(ALONG_TRACK_DEG / 2))
    t = np.linspace(-1.0, 1.0, samples_per_side, endpoint=False)
    xs = np.concatenate([t, np.ones_like(t), -t, -np.ones_like(t), [-1.0]]) * tx
    ys = np.concatenate([-np.ones_like(t), t, np.ones_like(t), -t, [-1.0]]) * ty
    xs.flags.writeable = ys.flags.writeable = False  # shared by every call
    return xs, ys


@cache
def outline_unit(samples_per_side: int) -> NDArray[np.float64]:
    """(3, N) unit directions of the outline in the camera's axes (spin, across, boresight).

    With orthonormal axes, ``b + x s + y a`` has length ``sqrt(1 + x^2 + y^2)``: the
    directions are fixed in those axes, so each frame needs one 3x3 product, not a
    normalisation of every ray.
    """
    xs, ys = _outline(samples_per_side)
    out = np.stack([xs, ys, np.ones_like(xs)]) / np.sqrt(1.0 + xs * xs + ys * ys)
    out.flags.writeable = False
    return out


def camera_axes(boresight: NDArray[np.float64], spin_axis: NDArray[np.float64]
                ) -> NDArray[np.float64]:
    """(3, 3) ICRF columns of the camera's axes: along the spin axis, across (spin x
    boresight), and the boresight; :func:`outline_unit` directions turn to ICRF by it."""
    bx, by, bz = (float(v) for v in boresight)
    n = math.sqrt(bx * bx + by * by + bz * bz)
    bx, by, bz = bx / n, by / n, bz / n
    sx, sy, sz = (float(v) for v in spin_axis)
    along = sx * bx + sy * by + sz * bz
    sx, sy, sz = sx - along * bx, sy - along * by, sz - along * bz
    n = math.sqrt(sx * sx + sy * sy + sz * sz)
    sx, sy, sz = sx / n, sy / n, sz / n
    # columns: s, a = s x b, b (plain floats: numpy costs more than the arithmetic here)
    return np.array([[sx, sy * bz - sz * by, bx],
                     [sy, sz * bx - sx * bz, by],
                     [sz, sx * by - sy * bx, bz]])


def frustum_directions(boresight: NDArray[np.float64], spin_axis: NDArray[np.float64],
                       samples_per_side: int = 16) -> NDArray[np.float64]:
    """Unit directions around the rectangular field of view's outline (closed loop)."""
    return camera_axes(boresight, spin_axis) @ outline_unit(samples_per_side)


def nominal_boresight(juno_km: NDArray[np.float64], earth_direction: NDArray[np.float64]
                      ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The boresight and spin axis (unit, ICRF) under the nominal attitude: spin axis to
    Earth, boresight in the plane of the spin axis and the direction to Jupiter."""
    ex, ey, ez = (float(v) for v in earth_direction)
    n = math.sqrt(ex * ex + ey * ey + ez * ez)
    ex, ey, ez = ex / n, ey / n, ez / n
    jx, jy, jz = (float(v) for v in juno_km)
    n = math.sqrt(jx * jx + jy * jy + jz * jz)
    tx, ty, tz = -jx / n, -jy / n, -jz / n  # towards Jupiter
    along = tx * ex + ty * ey + tz * ez
    bx, by, bz = tx - along * ex, ty - along * ey, tz - along * ez
    if math.sqrt(bx * bx + by * by + bz * bz) < 1e-9:
        # Jupiter exactly along the spin axis: the camera cannot see it; spin x z instead
        bx, by, bz = ey, -ex, 0.0
    n = math.sqrt(bx * bx + by * by + bz * bz)
    return np.array([bx / n, by / n, bz / n]), np.array([ex, ey, ez])


def junocam_view(juno_km: NDArray[np.float64], earth_direction: NDArray[np.float64],
                 jupiter_rotation: NDArray[np.float64],
                 radii_km: tuple[float, float, float]) -> JunoCamView:
    """JunoCam's frustum and footprint under the nominal attitude (spin axis to Earth).

    Parameters
    ----------
    juno_km : (3,)
        Juno relative to Jupiter's centre, ICRF, km.
    earth_direction : (3,)
        Unit vector to Earth (the spin axis), ICRF.
    jupiter_rotation : (3, 3)
        ICRF -> System III (core.frames.body_rotation("jupiter", t)).
    radii_km : (a, b, c)
        Jupiter's ellipsoid.
    """
    juno = np.asarray(juno_km, dtype=np.float64)
    b, spin = nominal_boresight(juno, earth_direction)
    edges = frustum_directions(b, spin)
    rot = np.asarray(jupiter_rotation, dtype=np.float64)
    origin_bf = rot @ juno
    # the outline's rays and the boresight (last) in one go: this runs every frame
    rays_bf = rot @ np.column_stack([edges, b])
    t = ray_ellipsoid(origin_bf, rays_bf, radii_km)
    hit = np.isfinite(t)
    hit_b, hit[-1] = bool(hit[-1]), False
    points_bf = origin_bf[:, None] + t[hit] * rays_bf[:, hit]
    lon, lat = east_longitude_latitude(points_bf)
    centre = None
    if hit_b:
        cx, cy, cz = (float(v) for v in origin_bf + float(t[-1]) * rays_bf[:, -1])
        centre = (math.degrees(math.atan2(cy, cx)),
                  math.degrees(math.atan2(cz, math.hypot(cx, cy))))
    return JunoCamView(juno, b, edges, rot.T @ points_bf, np.stack([lon, lat]), centre)
