"""JunoCam's field of view (a frustum from Juno) and its footprint on Jupiter, as lines.

The geometry comes from :func:`jovianview.core.junocam.junocam_view` (nominal attitude, see
there); this layer only turns it into a few dozen line vertices per frame.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from vispy import gloo

from jovianview.core.junocam import JunoCamView, junocam_view
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw, upload
from jovianview.render.layers.paths import DTYPE
from jovianview.render.legend import LegendEntry, register
from jovianview.render.shaders import PATH_FRAG, PATH_VERT
from jovianview.render.uniforms import Uniforms

FRUSTUM_COLOUR = (1.0, 0.55, 0.1, 0.9)
FOOTPRINT_COLOUR = (1.0, 0.9, 0.2, 1.0)
register(LegendEntry("JunoCam's field of view", FRUSTUM_COLOUR, "line", "show_junocam"))
register(LegendEntry("What JunoCam sees on Jupiter", FOOTPRINT_COLOUR, "line", "show_junocam"))
MAX_RANGE_RJ = 12.0  # drawn near perijove only: farther out the footprint is the whole disc


class JunoCamLayer:
    """Frustum and footprint in one vertex buffer and one draw call (GL lines).

    The path program picks a vertex's colour by its ``a_planned`` flag: 0 for the frustum,
    1 for the footprint. The buffer is reused; only its contents change with Juno's place.
    """

    def __init__(self) -> None:
        self.visible = True
        prog = gloo.Program(PATH_VERT, PATH_FRAG)
        u = Uniforms(prog).log_depth()
        u["u_colour"] = FRUSTUM_COLOUR
        u["u_planned_colour"] = FOOTPRINT_COLOUR
        u["u_mode"] = 1.0
        u["u_fade"] = 1.0
        self.program, self.uniforms = prog, u
        self.direct = DirectDraw(prog)
        # room for the usual outline and footprint (2 x (4 + 64 + 64) vertices): later
        # frames overwrite its start (a direct glBufferSubData) instead of reallocating it
        self._capacity = 264
        self._buffer = gloo.VertexBuffer(np.zeros(self._capacity, dtype=DTYPE))
        prog.bind(self._buffer)
        self._count = 0
        self._key: tuple | None = None  # inputs of the uploaded geometry
        self.last_view: JunoCamView | None = None  # what the last frame showed

    def draw(self, fd: FrameData, radii_km: tuple[float, float, float]) -> None:
        """Draw the frustum and footprint near perijove; clear :attr:`last_view` otherwise."""
        snap = fd.snap
        if not (self.visible and snap.has("juno") and snap.earth_direction is not None
                and "jupiter" in snap.rotations):
            self.last_view = None
            return
        juno = snap.positions["juno"]
        if math.hypot(*juno) > MAX_RANGE_RJ * radii_km[0]:
            self.last_view = None
            return
        key = (snap.tdb, juno.tobytes(), snap.earth_direction.tobytes(),
               fd.units.frame.tobytes(), tuple(radii_km))
        if key != self._key:  # a new moment: new geometry (a paused clock keeps the buffer)
            view = junocam_view(juno, snap.earth_direction, snap.rotations["jupiter"],
                                radii_km)
            self.last_view = view
            self._upload(view, juno, fd)
            self._key = key
        if self._count < 2:
            return
        self.direct.draw("lines", {"u_viewproj": fd.viewproj_gl,
                                   "u_offset": fd.units.point(juno), "u_now": 0.0},
                         count=self._count)

    def _upload(self, view: JunoCamView, juno: NDArray[np.float64], fd: FrameData) -> None:
        """The frustum's edges and outline, and the footprint, as line segments from Juno."""
        reach = math.hypot(*juno)  # draw the frustum out to Jupiter's distance
        far = juno[:, None] + view.edge_directions * reach  # (3, N) closed outline
        corners = far[:, ::16][:, :4]
        n_far = far.shape[1]
        n_foot = view.footprint.shape[1] if view.footprint.shape[1] > 1 else 0
        # 4 edges from Juno, the outline's N - 1 segments, the footprint's M - 1 segments
        n = 2 * (4 + (n_far - 1) + max(n_foot - 1, 0))
        pts = np.empty((3, n))
        pts[:, 0:8:2] = juno[:, None]
        pts[:, 1:8:2] = corners
        k = 8 + 2 * (n_far - 1)
        pts[:, 8:k:2], pts[:, 9:k:2] = far[:, :-1], far[:, 1:]
        planned = np.zeros(n, np.float32)
        if n_foot:
            lift = view.footprint * 1.002  # just above the cloud tops, against z-fighting
            pts[:, k::2], pts[:, k + 1::2] = lift[:, :-1], lift[:, 1:]
            planned[k:] = 1.0
        data = np.zeros(n, dtype=DTYPE)
        data["a_position"] = fd.units.vertices(pts, juno)
        data["a_planned"] = planned
        if n > self._capacity:  # a finer outline than usual: a larger buffer
            self._capacity = n
            self._buffer.set_data(data)
        else:
            upload(self._buffer, data)
        self._count = n
