"""Camera geometry for one frame: where the eye is, and the view and projection matrices.

Turns the camera model's pose (target, distance, angles, mode) plus the snapshot's positions
into a look-at point (ICRF km, which :class:`RenderUnits` then centres on) and an eye position
in render units. Pure linear algebra on what the model supplies; no astronomy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from jovianview.model.camera import CameraModel, View, angles_of
from jovianview.model.scene import Snapshot
from jovianview.render.units import RenderUnits

FAR = 1.0e5  # render units (Jupiter radii); log depth spans near..FAR
LOG_C = 1.0e9  # depth resolution scale near the eye (per render unit)


@dataclass
class FramePose:
    """The camera for one frame, in render units around the look-at point."""

    centre_km: NDArray[np.float64]
    eye: NDArray[np.float64]  # render units, relative to the look-at point
    up: NDArray[np.float64]
    fov: float
    mode: str
    target: str
    mirror: bool = False  # left and right swapped (a telescope with a star diagonal)

    @property
    def distance(self) -> float:
        """Distance from the eye to the look-at point (render units)."""
        return math.hypot(*self.eye)  # np.linalg.norm costs ~10x more on a 3-vector


def resolve_pose(pose: View, from_target: str | None, blend: float, snap: Snapshot,
                 units: RenderUnits) -> FramePose:
    """Where the camera is this frame, given the (blended) pose and the body positions."""
    def where(body: str | None) -> NDArray[np.float64]:
        return snap.positions.get(body or "jupiter", snap.positions["jupiter"])

    target = pose.target if pose.target in snap.positions else "jupiter"
    if target != pose.target:  # e.g. following Juno into a time without Juno: stay outside
        pose = replace(pose, distance=max(pose.distance, 4.0), mode="free", pan=(0.0, 0.0, 0.0))
    centre = where(target)
    if from_target is not None and blend < 1.0:
        centre = where(from_target) * (1.0 - blend) + centre * blend
    pan_km = units.frame.T @ np.asarray(pose.pan) * units.radius_km
    centre = centre + pan_km
    mode = pose.mode
    if mode == "from_juno" and snap.has("juno"):
        juno = units.frame @ (snap.positions["juno"] - centre) / units.radius_km
        eye = juno
    else:
        az, el = pose.azimuth, pose.elevation
        if mode == "chase" and snap.juno_velocity is not None and target == "juno":
            base_az, base_el = angles_of(-(units.frame @ snap.juno_velocity))
            az, el = base_az + az, float(np.clip(base_el + el, -89.0, 89.0))
        direction = CameraModel.eye_direction(View(azimuth=az, elevation=el))
        eye = direction * pose.distance
        if mode == "from_juno":
            mode = "free"
    up = np.array([0.0, 0.0, 1.0])
    if abs(np.dot(eye / max(math.hypot(*eye), 1e-300), up)) > 0.999:
        up = np.array([0.0, 1.0, 0.0])
    return FramePose(centre, eye, up, pose.fov, mode, target)


def blend_poses(a: FramePose, b: FramePose, s: float) -> FramePose:
    """``a`` turned into ``b`` by ``s`` in [0, 1]: centres linearly, eye distance geometrically,
    eye direction along the great circle (through a normalised linear blend)."""
    centre = a.centre_km * (1.0 - s) + b.centre_km * s
    da, db = max(a.distance, 1e-300), max(b.distance, 1e-300)
    direction = a.eye / da * (1.0 - s) + b.eye / db * s
    norm = math.hypot(*direction)
    direction = direction / norm if norm > 1e-9 else b.eye / db
    eye = direction * math.exp((1.0 - s) * math.log(da) + s * math.log(db))
    return FramePose(centre, eye, b.up, a.fov + (b.fov - a.fov) * s, b.mode, b.target, b.mirror)


def cross3(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.float64]:
    """Cross product of two 3-vectors (np.cross costs ~25 us a call in its generality)."""
    return np.array([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                     a[0] * b[1] - a[1] * b[0]])


def look_at(eye: NDArray[np.float64], up: NDArray[np.float64]) -> NDArray[np.float64]:
    """View matrix (4, 4) looking from ``eye`` at the origin."""
    f = -eye / math.hypot(*eye)
    s = cross3(f, up)
    s /= math.hypot(*s)
    u = cross3(s, f)
    m = np.eye(4)
    m[0, :3], m[1, :3], m[2, :3] = s, u, -f
    m[:3, 3] = -m[:3, :3] @ eye
    return m


def perspective(fov_deg: float, aspect: float, near: float) -> NDArray[np.float64]:
    """Projection (4, 4) with the far plane at infinity (depth comes from the shaders)."""
    f = 1.0 / math.tan(math.radians(fov_deg) / 2.0)
    eps = 1e-6
    m = np.zeros((4, 4))
    m[0, 0], m[1, 1] = f / aspect, f
    m[2, 2], m[2, 3] = -(1.0 - eps), -2.0 * near
    m[3, 2] = -1.0
    return m


@dataclass
class FrameMatrices:
    """The view, projection and their product for one frame, and the viewport size."""
    view: NDArray[np.float64]
    proj: NDArray[np.float64]
    viewproj: NDArray[np.float64]
    size: tuple[int, int]
    pixels_per_radian: float


def matrices(fp: FramePose, size: tuple[int, int]) -> FrameMatrices:
    """View, projection and their product for a viewport of ``size`` (w, h) pixels."""
    w, h = size
    dist = fp.distance
    near = max(dist * 1e-4, 1e-12)
    if fp.mode == "from_juno":
        near = max(dist * 1e-6, 1e-12)
    view = look_at(fp.eye, fp.up)
    proj = perspective(fp.fov, w / max(h, 1), near)
    if fp.mirror:
        proj[0, :] = -proj[0, :]
    ppr = (h / 2.0) / math.tan(math.radians(fp.fov) / 2.0)
    return FrameMatrices(view, proj, proj @ view, (w, h), ppr)


def project(m: FrameMatrices, points: NDArray[np.float64]) -> tuple[NDArray, NDArray]:
    """Pixel coordinates (N, 2), top-left origin, and eye depth (N,) of (N, 3) render points.

    Depth <= 0 means behind the eye.
    """
    pts = np.atleast_2d(points)
    hom = np.hstack([pts, np.ones((len(pts), 1))]) @ m.viewproj.T
    w = hom[:, 3]
    safe = np.where(np.abs(w) < 1e-300, 1e-300, w)
    x = (hom[:, 0] / safe + 1.0) * 0.5 * m.size[0]
    y = (1.0 - hom[:, 1] / safe) * 0.5 * m.size[1]
    return np.stack([x, y], axis=1), w


def gl(matrix: NDArray[np.float64]) -> NDArray[np.float32]:
    """A row-major numpy matrix as the column-major float32 array GLSL expects."""
    return np.ascontiguousarray(np.asarray(matrix).T, dtype=np.float32)
