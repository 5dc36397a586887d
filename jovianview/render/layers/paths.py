"""Juno's trail (the past fading, the future faint, planned orbits in another colour) and
the moons' orbit paths. Vertices are uploaded once per sampled window; each frame only moves
uniforms (the window origin's offset and the current time)."""

from __future__ import annotations

import numpy as np
from vispy import gloo

from jovianview.core.timescale import SECONDS_PER_DAY
from jovianview.model.trail import Polyline
from jovianview.render.frame import FrameData
from jovianview.render.shaders import PATH_FRAG, PATH_VERT
from jovianview.render.view import gl

TRAIL_COLOUR = (0.35, 0.85, 1.0, 1.0)
PLANNED_COLOUR = (1.0, 0.62, 0.2, 0.9)
ORBIT_COLOUR = (0.75, 0.75, 0.8, 0.35)
FADE_DAYS = 20.0


class PathLine:
    """One polyline on the GPU, positions relative to Jupiter's centre."""

    def __init__(self, colour: tuple[float, ...], constant: bool) -> None:
        self.program = gloo.Program(PATH_VERT, PATH_FRAG)
        self.program["u_colour"] = colour
        self.program["u_planned_colour"] = PLANNED_COLOUR
        self.program["u_mode"] = 1.0 if constant else 0.0
        self.program["u_fade"] = FADE_DAYS * SECONDS_PER_DAY
        self.start_tdb = 0.0
        self.count = 0

    def upload(self, line: Polyline, fd_units) -> None:  # noqa: ANN001 - RenderUnits
        data = np.zeros(line.times.size, dtype=[("a_position", np.float32, 3),
                                                ("a_time", np.float32),
                                                ("a_planned", np.float32)])
        data["a_position"] = fd_units.vertices(line.positions, np.zeros(3))
        self.start_tdb = line.start
        # seconds from the window start in float32: 120 days resolve to about a second
        data["a_time"] = (line.times - line.start) * SECONDS_PER_DAY
        data["a_planned"] = line.planned
        self.program.bind(gloo.VertexBuffer(data))
        self.count = line.times.size

    def draw(self, fd: FrameData) -> None:
        if self.count < 2:
            return
        fd.common_uniforms(self.program)
        self.program["u_viewproj"] = gl(fd.m.viewproj)
        self.program["u_offset"] = fd.centres["jupiter"].astype(np.float32)
        self.program["u_now"] = float((fd.snap.tdb - self.start_tdb) * SECONDS_PER_DAY)
        self.program.draw("line_strip")


class PathsLayer:
    """Juno's trail and the four moon orbits; ``set_trail``/``set_orbits`` on new samples."""

    def __init__(self) -> None:
        self.trail = PathLine(TRAIL_COLOUR, constant=False)
        self.orbits = {m: PathLine(ORBIT_COLOUR, constant=True)
                       for m in ("io", "europa", "ganymede", "callisto")}
        self.show_trail = True
        self.show_orbits = True
        self._pending_trail: Polyline | None = None
        self._pending_orbits: dict[str, Polyline] = {}
        self._trail_dirty = False

    def set_trail(self, line: Polyline | None) -> None:
        self._pending_trail, self._trail_dirty = line, True

    def set_orbits(self, lines: dict[str, Polyline]) -> None:
        self._pending_orbits = dict(lines)
        for name, path in self.orbits.items():
            if name not in lines:
                path.count = 0

    def draw(self, fd: FrameData) -> None:
        if self._trail_dirty:
            if self._pending_trail is None:
                self.trail.count = 0
            else:
                self.trail.upload(self._pending_trail, fd.units)
            self._trail_dirty = False
        for name, line in self._pending_orbits.items():
            self.orbits[name].upload(line, fd.units)
        self._pending_orbits = {}
        gloo.set_state(blend=True, blend_func=("src_alpha", "one_minus_src_alpha"),
                       depth_mask=False)
        if self.show_orbits:
            for path in self.orbits.values():
                path.draw(fd)
        if self.show_trail:
            self.trail.draw(fd)
        gloo.set_state(depth_mask=True, blend=False)
