"""Juno: the trimesh model, spinning, its spin axis (and high-gain antenna) towards Earth."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from vispy import gloo

from jovianview.core.timescale import SECONDS_PER_DAY
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.juno_model import juno_mesh
from jovianview.render.lighting import JUNO_NIGHT
from jovianview.render.shaders import JUNO_FRAG, JUNO_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import cross3, gl

SPIN_RPM = 2.0  # Juno's science spin rate
# Below this on-screen radius (half the span) the far model's facets are smaller than a
# pixel's worth of shading difference (test_juno_far_model_looks_like_the_full_one)
FAR_BELOW_PX = 40.0


def attitude(spin_axis: NDArray[np.float64], tdb: float) -> NDArray[np.float64]:
    """Rotation from Juno's model axes (+z spin axis) to render axes at ``tdb``.

    The attitude shown is nominal, not reconstructed: spin axis along ``spin_axis`` (Earth's
    direction, where the high-gain antenna points) and a spin phase from the nominal rate.
    """
    z = spin_axis / math.hypot(*spin_axis)
    ref = np.array([0.0, 0.0, 1.0]) if abs(z[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    x = cross3(ref, z)
    x /= math.hypot(*x)
    y = cross3(z, x)
    phase = math.fmod(tdb * SECONDS_PER_DAY * SPIN_RPM / 60.0, 1.0) * 2.0 * math.pi
    c, s = math.cos(phase), math.sin(phase)
    return np.stack([c * x + s * y, -s * x + c * y, z], axis=1)


class JunoLayer:
    """The Juno spacecraft model: flat-shaded triangles, spinning, turned to Earth.

    Two vertex buffers, the full model and the far one (:data:`FAR_BELOW_PX`); the program
    is re-bound only when the level changes.
    """

    def __init__(self) -> None:
        self.buffers: dict[str, tuple[gloo.VertexBuffer, int]] = {}
        for detail in ("full", "far"):
            pos, normal, colour = juno_mesh(detail)
            data = np.zeros(len(pos), dtype=[("a_position", np.float32, 3),
                                             ("a_normal", np.float32, 3),
                                             ("a_colour", np.float32, 3)])
            data["a_position"], data["a_normal"], data["a_colour"] = pos, normal, colour
            self.buffers[detail] = (gloo.VertexBuffer(data), len(data))
        self.program = gloo.Program(JUNO_VERT, JUNO_FRAG)
        self.detail = "full"
        self.program.bind(self.buffers["full"][0])
        self.count = self.buffers["full"][1]
        self.uniforms = Uniforms(self.program).log_depth()
        self.direct = DirectDraw(self.program)
        self.visible = True
        self.light = 1.0  # share of the Sun Juno sees (render/lighting.py sets it each frame)

    def model_matrix(self, fd: FrameData) -> NDArray[np.float64]:
        """Model -> render matrix: Juno's place, size, spin, antenna to Earth (or the Sun)."""
        axis = fd.snap.earth_direction if fd.snap.earth_direction is not None \
            else fd.snap.sun_direction
        axis_r = fd.units.frame @ axis if axis is not None else np.array([0.0, 0.0, 1.0])
        scale = fd.display_scale["juno"] / 1000.0 / fd.units.radius_km  # metres -> render
        m = np.eye(4)
        m[:3, :3] = attitude(axis_r, fd.snap.tdb) * scale
        m[:3, 3] = fd.centres["juno"]
        return m

    def draw(self, fd: FrameData) -> None:
        """Draw the spacecraft (not from Juno's own point of view, nor when hidden)."""
        if not self.visible or "juno" not in fd.centres or fd.pose.mode == "from_juno":
            return
        detail = "far" if fd.pixel_radius.get("juno", math.inf) < FAR_BELOW_PX else "full"
        if detail != self.detail:
            vbo, self.count = self.buffers[detail]
            self.program.bind(vbo)
            self.detail = detail
        self.direct.draw("triangles", {"u_model": gl(self.model_matrix(fd)),
                                       "u_viewproj": fd.viewproj_gl, "u_sun": fd.sun,
                                       "u_light": self.light, "u_night": JUNO_NIGHT},
                         count=self.count)
