"""The Io plasma torus (model/torus.py): a faint glowing ring turning with System III.

:class:`GlowMeshLayer` draws any such translucent mesh fixed in System III (the radiation belts
use it too); a subclass names its mesh and colour.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from vispy import gloo

from jovianview.core.field.model import R_J_KM
from jovianview.model.torus import torus_mesh
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw, G
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.legend import LegendEntry, register
from jovianview.render.shaders import AURORA_FRAG, AURORA_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import gl

TORUS_COLOUR = (0.95, 0.45, 0.85, 0.32)  # the red-violet of the torus' sulphur ion emission
register(LegendEntry("Io plasma torus", TORUS_COLOUR, "disc", "show_io_torus"))
DTYPE = [("a_position", np.float32, 3), ("a_alpha", np.float32), ("a_size", np.float32)]


class GlowMesh(Protocol):
    """What :class:`GlowMeshLayer` draws (model/torus.py's and model/radiation_belts.py's)."""

    @property
    def vertices(self) -> NDArray[np.float64]:
        """System III R_J, (3, N)."""

    @property
    def opacity(self) -> NDArray[np.float64]:
        """0..1 per vertex, (N,)."""

    @property
    def triangles(self) -> NDArray[np.uint32]:
        """Vertex indices, (M, 3)."""


class GlowMeshLayer:
    """One translucent mesh in System III, additive, uploaded once."""

    COLOUR: tuple[float, float, float, float] = TORUS_COLOUR

    def mesh(self) -> GlowMesh:
        """The mesh to draw: System III R_J vertices (3, N), opacity (N,), triangles (M, 3)."""
        return torus_mesh()

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
        mesh = self.mesh()
        data = np.zeros(mesh.vertices.shape[1], dtype=DTYPE)
        data["a_position"] = (mesh.vertices * scale).T
        data["a_alpha"] = mesh.opacity
        program = gloo.Program(AURORA_VERT, AURORA_FRAG)
        u = Uniforms(program).log_depth()
        u["u_colour"] = self.COLOUR
        u["u_points"] = 0.0
        program.bind(gloo.VertexBuffer(data))
        self._draw = (DirectDraw(program), gloo.IndexBuffer(mesh.triangles.reshape(-1)))

    def draw(self, fd: FrameData) -> None:
        """Draw the mesh, turned with System III."""
        rot = fd.snap.rotations.get("jupiter")
        if not self.visible or rot is None or "jupiter" not in fd.centres:
            return
        if self._draw is None:
            self._upload(R_J_KM / fd.units.radius_km)
        assert self._draw is not None
        model = np.eye(4)
        model[:3, :3] = fd.units.frame @ np.asarray(rot).T
        model[:3, 3] = fd.centres["jupiter"]
        # Front faces only: half the fill of a screen-filling translucent mesh (llvmpipe); the
        # meshes' faces point outwards.
        set_gl_state(blend=True, additive=True, depth_mask=False, cull_face=True)
        G.glCullFace(G.GL_BACK)
        self._draw[0].draw("triangles", {"u_viewproj": fd.viewproj_gl, "u_model": gl(model)},
                           self._draw[1])
        set_gl_state(depth_mask=True, blend=False, alpha_blend=True, cull_face=False)


class TorusLayer(GlowMeshLayer):
    """The Io plasma torus on the centrifugal equator."""
