"""JunoCam's field of view (a frustum from Juno) and its footprint on Jupiter, as lines.

The geometry is :mod:`jovianview.core.junocam`'s (nominal attitude, see there). The outline's
directions in the camera's axes never change, so they are uploaded once; each frame sends
the camera's axes and Juno's place as uniforms, and the vertex shader turns the directions
and meets Jupiter's ellipsoid with the footprint's rays (``JUNOCAM_VERT``, the arithmetic of
:func:`jovianview.core.geometry.ray_ellipsoid`). Computing the outline on the CPU and
uploading it cost 0.3-0.4 ms a frame; the uniforms cost a few microseconds. Where the
outline runs past Jupiter's limb, the footprint's segments with an end off the disc are left
out (the CPU outline used to join the hits on either side of the gap with a chord).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from vispy import gloo

from jovianview.core.junocam import (
    JunoCamView,
    camera_axes,
    junocam_view,
    nominal_boresight,
    outline_unit,
)
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.legend import LegendEntry, register
from jovianview.render.shaders import JUNOCAM_FRAG, JUNOCAM_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import gl

FRUSTUM_COLOUR = (1.0, 0.55, 0.1, 0.9)
FOOTPRINT_COLOUR = (1.0, 0.9, 0.2, 1.0)
register(LegendEntry("JunoCam's field of view", FRUSTUM_COLOUR, "line", "show_junocam"))
register(LegendEntry("What JunoCam sees on Jupiter", FOOTPRINT_COLOUR, "line", "show_junocam"))
MAX_RANGE_RJ = 12.0  # drawn near perijove only: farther out the footprint is the whole disc
SAMPLES_PER_SIDE = 16
LIFT = 1.002  # the footprint just above the cloud tops (from Jupiter's centre), against z-fighting
DTYPE = [("a_dir", np.float32, 3), ("a_kind", np.float32)]


def outline_vertices(samples_per_side: int = SAMPLES_PER_SIDE) -> NDArray[np.void]:
    """The line vertices: four edges from Juno to the corners, the far outline's segments,
    the footprint's segments (one per pair of neighbouring outline rays)."""
    out = outline_unit(samples_per_side).T  # (N, 3), closed
    corners = out[::samples_per_side][:4]
    n = len(out)
    data = np.zeros(2 * (4 + 2 * (n - 1)), dtype=DTYPE)
    data["a_dir"][0:8:2] = corners  # kind 0: at Juno
    data["a_dir"][1:8:2] = corners
    data["a_kind"][1:8:2] = 1.0
    k = 8 + 2 * (n - 1)
    data["a_dir"][8:k:2], data["a_dir"][9:k:2] = out[:-1], out[1:]
    data["a_kind"][8:k] = 1.0
    data["a_dir"][k::2], data["a_dir"][k + 1::2] = out[:-1], out[1:]
    data["a_kind"][k:] = 2.0
    return data


def _mat4(m3: NDArray[np.float64]) -> NDArray[np.float32]:
    m = np.zeros((4, 4))
    m[:3, :3] = m3
    return gl(m)


class JunoCamLayer:
    """Frustum and footprint in one static vertex buffer and one draw call (GL lines)."""

    def __init__(self) -> None:
        self.visible = True
        prog = gloo.Program(JUNOCAM_VERT, JUNOCAM_FRAG)
        u = Uniforms(prog).log_depth()
        u["u_colour"] = FRUSTUM_COLOUR
        u["u_footprint_colour"] = FOOTPRINT_COLOUR
        u["u_lift_scale"] = LIFT
        self.program, self.uniforms = prog, u
        self.direct = DirectDraw(prog)
        data = outline_vertices()
        prog.bind(gloo.VertexBuffer(data))
        self._count = len(data)
        self._inputs: tuple | None = None  # what the last frame drew, for last_view
        self._view: JunoCamView | None = None

    @property
    def last_view(self) -> JunoCamView | None:
        """The core's geometry of what the last frame showed (None: nothing), computed
        when asked (the window does not need it every frame)."""
        if self._inputs is None:
            return None
        if self._view is None:
            self._view = junocam_view(*self._inputs)
        return self._view

    def draw(self, fd: FrameData, radii_km: tuple[float, float, float]) -> None:
        """Draw the frustum and footprint near perijove; nothing (and no last view) else."""
        snap = fd.snap
        self._inputs = self._view = None
        if not (self.visible and snap.has("juno") and snap.earth_direction is not None
                and "jupiter" in snap.rotations):
            return
        juno = np.asarray(snap.positions["juno"], dtype=np.float64)
        reach = math.hypot(*juno)  # draw the frustum out to Jupiter's distance
        if reach > MAX_RANGE_RJ * radii_km[0]:
            return
        rot = np.asarray(snap.rotations["jupiter"], dtype=np.float64)
        self._inputs = (juno, snap.earth_direction, rot, tuple(radii_km))
        axes = camera_axes(*nominal_boresight(juno, snap.earth_direction))
        inv_radii = 1.0 / np.asarray(radii_km, dtype=np.float64)
        to_render = fd.units.frame / fd.units.radius_km
        self.direct.draw("lines", {
            "u_viewproj": fd.viewproj_gl, "u_offset": fd.units.point(juno),
            "u_render_axes": _mat4(to_render @ axes),
            "u_bf_axes": _mat4(inv_radii[:, None] * (rot @ axes)),
            "u_origin": ((rot @ juno) * inv_radii).astype(np.float32),
            "u_lift": (to_render @ ((LIFT - 1.0) * juno)).astype(np.float32),
            "u_reach": reach}, count=self._count)
