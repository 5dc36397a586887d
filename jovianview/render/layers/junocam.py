"""JunoCam's field of view (a frustum from Juno) and its footprint on Jupiter, as lines.

The geometry comes from :func:`jovianview.core.junocam.junocam_view` (nominal attitude, see
there); this layer only turns it into a few dozen line vertices per frame.
"""

from __future__ import annotations

import numpy as np
from vispy import gloo

from jovianview.core.junocam import junocam_view
from jovianview.render.frame import FrameData
from jovianview.render.shaders import PATH_FRAG, PATH_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import gl

FRUSTUM_COLOUR = (1.0, 0.55, 0.1, 0.9)
FOOTPRINT_COLOUR = (1.0, 0.9, 0.2, 1.0)
MAX_RANGE_RJ = 12.0  # drawn near perijove only: farther out the footprint is the whole disc


class JunoCamLayer:
    def __init__(self) -> None:
        self.visible = True
        self.programs = {}
        for key, colour in (("frustum", FRUSTUM_COLOUR), ("footprint", FOOTPRINT_COLOUR)):
            prog = gloo.Program(PATH_VERT, PATH_FRAG)
            prog["u_colour"] = colour
            prog["u_planned_colour"] = colour
            prog["u_mode"] = 1.0
            prog["u_fade"] = 1.0
            prog["u_now"] = 0.0
            Uniforms(prog).log_depth()
            self.programs[key] = prog
        self.last_view = None

    def draw(self, fd: FrameData, radii_km: tuple[float, float, float]) -> None:
        snap = fd.snap
        self.last_view = None
        if not (self.visible and snap.has("juno") and snap.earth_direction is not None
                and "jupiter" in snap.rotations):
            return
        juno = snap.positions["juno"]
        if np.linalg.norm(juno) > MAX_RANGE_RJ * radii_km[0]:
            return
        view = junocam_view(juno, snap.earth_direction, snap.rotations["jupiter"], radii_km)
        self.last_view = view
        reach = np.linalg.norm(juno)  # draw the frustum out to Jupiter's distance
        far = juno[:, None] + view.edge_directions * reach
        corners = far[:, ::16][:, :4]
        segments = [np.column_stack([juno, c]) for c in corners.T] + [far]
        self._lines("frustum", segments, fd, juno)
        if view.footprint.shape[1] > 1:
            lift = view.footprint * 1.002  # just above the cloud tops, against z-fighting
            self._lines("footprint", [lift], fd, juno)

    def _lines(self, key: str, polylines, fd: FrameData, origin) -> None:  # noqa: ANN001
        prog = self.programs[key]
        prog["u_viewproj"] = gl(fd.m.viewproj)
        prog["u_offset"] = fd.units.point(origin)
        for line in polylines:
            data = np.zeros(line.shape[1], dtype=[("a_position", np.float32, 3),
                                                  ("a_time", np.float32),
                                                  ("a_planned", np.float32)])
            data["a_position"] = fd.units.vertices(line, origin)
            prog.bind(gloo.VertexBuffer(data))
            prog.draw("line_strip")
