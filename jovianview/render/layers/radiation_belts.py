"""Jupiter's radiation belts (model/radiation_belts.py): translucent shells near the planet."""

from __future__ import annotations

import numpy as np
from vispy import gloo

from jovianview.core.field.model import R_J_KM
from jovianview.model.radiation_belts import belt_mesh
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw, G
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.legend import LegendEntry, register
from jovianview.render.shaders import AURORA_FRAG, AURORA_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import gl

BELT_COLOUR = (0.3, 0.75, 1.0, 0.22)  # a cold blue no other layer uses (schematic colour)
register(LegendEntry("Radiation belts (schematic)", BELT_COLOUR, "disc", "show_radiation_belts"))
DTYPE = [("a_position", np.float32, 3), ("a_alpha", np.float32), ("a_size", np.float32)]


class RadiationBeltsLayer:
    """One translucent mesh of every belt, additive, uploaded once."""

    def __init__(self) -> None:
        self.visible = False
        self._draw: tuple[DirectDraw, gloo.IndexBuffer] | None = None

    def _on_visible_change(self, value: bool) -> None:
        self.visible = bool(value)

    def reset(self) -> None:
        """Forget the uploaded mesh (rebuilt on the next draw)."""
        self._draw = None

    def close(self) -> None:
        """Release the GPU buffers."""
        self.reset()

    def _upload(self, scale: float) -> None:
        mesh = belt_mesh()
        data = np.zeros(mesh.vertices.shape[1], dtype=DTYPE)
        data["a_position"] = (mesh.vertices * scale).T
        data["a_alpha"] = mesh.opacity
        program = gloo.Program(AURORA_VERT, AURORA_FRAG)
        u = Uniforms(program).log_depth()
        u["u_colour"] = BELT_COLOUR
        u["u_points"] = 0.0
        program.bind(gloo.VertexBuffer(data))
        self._draw = (DirectDraw(program), gloo.IndexBuffer(mesh.triangles.reshape(-1)))

    def draw(self, fd: FrameData) -> None:
        """Draw the belts about the dipole axis, turned with System III."""
        rot = fd.snap.rotations.get("jupiter")
        if not self.visible or rot is None or "jupiter" not in fd.centres:
            return
        if self._draw is None:
            self._upload(R_J_KM / fd.units.radius_km)
        assert self._draw is not None
        model = np.eye(4)
        model[:3, :3] = fd.units.frame @ np.asarray(rot).T
        model[:3, 3] = fd.centres["jupiter"]
        # Front faces only (the profile is anticlockwise, so they face outwards): the near
        # outer shell and the far inner one, as for the torus.
        set_gl_state(blend=True, additive=True, depth_mask=False, cull_face=True)
        G.glCullFace(G.GL_BACK)
        self._draw[0].draw("triangles", {"u_viewproj": fd.viewproj_gl, "u_model": gl(model)},
                           self._draw[1])
        set_gl_state(depth_mask=True, blend=False, alpha_blend=True, cull_face=False)
