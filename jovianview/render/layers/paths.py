"""Juno's trail (the past fading, the future faint, planned orbits in another colour) and
the moons' orbit paths. Vertices are uploaded once per sampled window; each frame only moves
uniforms (the window origin's offset and the current time)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from vispy import gloo

from jovianview.core.timescale import SECONDS_PER_DAY
from jovianview.model.trail import Polyline
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.legend import LegendEntry, register
from jovianview.render.shaders import PATH_FRAG, PATH_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.units import RenderUnits

TRAIL_COLOUR = (0.35, 0.85, 1.0, 1.0)
PLANNED_COLOUR = (1.0, 0.62, 0.2, 0.9)
ORBIT_COLOUR = (0.75, 0.75, 0.8, 0.35)
FADE_DAYS = 20.0
register(LegendEntry("Juno's path, flown", TRAIL_COLOUR, "line", "show_trail"))
register(LegendEntry("Juno's path, planned", PLANNED_COLOUR, "line", "show_trail"))
register(LegendEntry("Moon orbits", ORBIT_COLOUR, "faint_line", "show_moon_orbits"))
# Orbits drawn small skip vertices: software GL sets up every line segment on the drawing
# thread. A chord over an arc of angle a of a circle of radius R sags R (1 - cos(a / 2));
# every k-th vertex is used while that sag, seen from the nearest point of the orbit, stays
# under SAG_PX (a conservative bound for any tilt of the orbit).
ORBIT_STEPS = (8, 4, 2)
SAG_PX = 0.4


DTYPE = [("a_position", np.float32, 3), ("a_time", np.float32), ("a_planned", np.float32)]


class PathLine:
    """Polylines on the GPU, positions relative to Jupiter's centre, in one buffer."""

    def __init__(self, colour: tuple[float, ...], constant: bool) -> None:
        self.program = gloo.Program(PATH_VERT, PATH_FRAG)
        self.uniforms = u = Uniforms(self.program).log_depth()
        u["u_colour"] = colour
        u["u_planned_colour"] = PLANNED_COLOUR
        u["u_mode"] = 1.0 if constant else 0.0
        u["u_fade"] = FADE_DAYS * SECONDS_PER_DAY
        u["u_now"] = 0.0  # a trail's is set per frame (directly), an orbit's is unused
        self.direct = DirectDraw(self.program)
        self.constant = constant
        self.start_tdb = 0.0
        self.count = 0
        self.primitive = "line_strip"
        self.ranges: list[tuple[int, int]] | None = None  # strips in one buffer (orbits)
        self._index_buffer: gloo.IndexBuffer | None = None  # orbits: strips of every k-th
        self._lod: list[tuple[float, float, dict[int, tuple[int, int]]]] = []

    def upload(self, line: Polyline, fd_units: RenderUnits) -> None:
        """One polyline, drawn as a strip."""
        data = np.zeros(line.times.size, dtype=DTYPE)
        data["a_position"] = fd_units.vertices(line.positions, np.zeros(3))
        self.start_tdb = line.start
        # seconds from the window start in float32: 120 days resolve to about a second
        data["a_time"] = (line.times - line.start) * SECONDS_PER_DAY
        data["a_planned"] = line.planned
        self._send(data, "line_strip")

    def upload_many(self, lines: list[Polyline], fd_units: RenderUnits) -> None:
        """Several constant polylines in one buffer, drawn as strips by one setup.

        For each also an index list of every k-th vertex (k in :data:`ORBIT_STEPS`, ends
        kept) with its radius (farthest vertex from Jupiter) and widest step, so that
        :meth:`draw` can pick the coarsest strip that still looks like the full one.
        """
        parts = [fd_units.vertices(line.positions, np.zeros(3)) for line in lines]
        data = np.zeros(sum(len(p) for p in parts), dtype=DTYPE)
        if parts:
            data["a_position"] = np.concatenate(parts)
        self.ranges, first = [], 0
        indices: list[np.ndarray] = []
        self._lod = []
        n_index = 0
        for p in parts:
            if len(p) >= 2:
                self.ranges.append((first, len(p)))
                pos = p.astype(np.float64)
                radius = float(np.sqrt((pos * pos).sum(axis=1)).max())
                # widest angle between neighbouring vertices, seen from Jupiter's centre
                unit = pos / np.maximum(np.linalg.norm(pos, axis=1, keepdims=True), 1e-300)
                cos_step = np.clip((unit[1:] * unit[:-1]).sum(axis=1), -1.0, 1.0)
                step = float(np.arccos(cos_step.min()))
                runs: dict[int, tuple[int, int]] = {}
                for k in (1, *ORBIT_STEPS):
                    idx = np.arange(0, len(p), k)
                    if idx[-1] != len(p) - 1:
                        idx = np.append(idx, len(p) - 1)
                    indices.append(idx + first)
                    runs[k] = (n_index, len(idx))
                    n_index += len(idx)
                self._lod.append((radius, step, runs))
            first += len(p)
        self._send(data, "line_strip")
        self._index_buffer = (gloo.IndexBuffer(np.concatenate(indices).astype(np.uint32))
                              if indices else None)

    def lod_ranges(self, eye_from_centre: float, pixels_per_radian: float
                   ) -> list[tuple[int, int]]:
        """Index runs of each polyline at its coarsest step whose chords sag under
        :data:`SAG_PX` as seen from ``eye_from_centre`` (render units from Jupiter)."""
        out = []
        for radius, step, runs in self._lod:
            k = 1
            near = eye_from_centre - radius  # the orbit's nearest point to the eye
            if near > 0.0:
                for k_try in ORBIT_STEPS:
                    half = min(math.pi, k_try * step) / 2.0
                    if radius * (1.0 - math.cos(half)) * pixels_per_radian / near <= SAG_PX:
                        k = k_try
                        break
            out.append(runs[k])
        return out

    def _send(self, data: np.ndarray, primitive: str) -> None:
        self.count = len(data)
        self.primitive = primitive
        if self.count:
            self.program.bind(gloo.VertexBuffer(data))

    def draw(self, fd: FrameData) -> None:
        """Draw the uploaded strips (orbits: the coarsest that still looks right)."""
        if self.count < 2:
            return
        values: dict[str, Any] = {"u_viewproj": fd.viewproj_gl,
                  "u_offset": fd.centres["jupiter"].astype(np.float32)}
        if not self.constant:
            values["u_now"] = (fd.snap.tdb - self.start_tdb) * SECONDS_PER_DAY
        if self._index_buffer is not None and self._lod:
            eye = math.dist(fd.pose.eye, fd.centres["jupiter"])
            self.direct.draw(self.primitive, values, self._index_buffer,
                             ranges=self.lod_ranges(eye, fd.m.pixels_per_radian))
            return
        self.direct.draw(self.primitive, values, count=self.count, ranges=self.ranges)


class PathsLayer:
    """Juno's trail and the four moon orbits; ``set_trail``/``set_orbits`` on new samples."""

    def __init__(self) -> None:
        self.trail = PathLine(TRAIL_COLOUR, constant=False)
        self.orbits = PathLine(ORBIT_COLOUR, constant=True)
        self.show_trail = True
        self.show_orbits = True
        self._pending_trail: Polyline | None = None
        self._pending_orbits: dict[str, Polyline] | None = None
        self._trail_dirty = False

    def set_trail(self, line: Polyline | None) -> None:
        """Show ``line`` as Juno's trail from the next frame (None: no trail)."""
        self._pending_trail, self._trail_dirty = line, True

    def set_orbits(self, lines: dict[str, Polyline]) -> None:
        """Show ``lines`` (body -> polyline) as the orbits from the next frame."""
        self._pending_orbits = dict(lines)

    def draw(self, fd: FrameData) -> None:
        """Upload pending trail and orbits, then draw both."""
        if self._trail_dirty:
            if self._pending_trail is None:
                self.trail.count = 0
            else:
                self.trail.upload(self._pending_trail, fd.units)
            self._trail_dirty = False
        if self._pending_orbits is not None:
            self.orbits.upload_many(list(self._pending_orbits.values()), fd.units)
            self._pending_orbits = None
        set_gl_state(blend=True, alpha_blend=True, depth_mask=False)
        if self.show_orbits:
            self.orbits.draw(fd)
        if self.show_trail:
            self.trail.draw(fd)
        set_gl_state(depth_mask=True, blend=False)
