"""Jupiter's aurorae (model/aurorae.py): the main ovals and the moons' footprint spots.

Ovals are uploaded once (fixed in System III, turned with Jupiter each frame); the spots and
Io's tail move with the moons and are refreshed when a moon's System III longitude changes by
more than a tenth of a degree. Drawn with additive blending, so they glow over the night side.
"""

from __future__ import annotations

import numpy as np
from vispy import gloo

from jovianview.core.field.model import R_J_KM
from jovianview.model.aurorae import io_tail, main_oval, moon_spots
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.legend import LegendEntry, register
from jovianview.render.shaders import AURORA_FRAG, AURORA_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import gl

OVAL_COLOUR = (0.35, 1.0, 0.55, 0.8)  # the green-white of auroral images' false colour
SPOT_COLOUR = (1.0, 0.85, 0.5, 1.0)
register(LegendEntry("Aurora, main oval", OVAL_COLOUR, "line", "show_aurorae"))
register(LegendEntry("Aurora, moon footprints", SPOT_COLOUR, "disc", "show_aurorae"))
LIFT = 1.01  # drawn 1% above the 1-bar surface, clear of the planet's mesh
SPOT_PX = {"io": 9.0, "europa": 7.0, "ganymede": 8.0}
DTYPE = [("a_position", np.float32, 3), ("a_alpha", np.float32), ("a_size", np.float32)]


def _vertices(points_rj: np.ndarray, scale: float, alpha: float | np.ndarray,
              size: float | np.ndarray) -> np.ndarray:
    data = np.zeros(points_rj.shape[1], dtype=DTYPE)
    data["a_position"] = (points_rj * LIFT * scale).T
    data["a_alpha"], data["a_size"] = alpha, size
    return data


class AuroraeLayer:
    """Main ovals (lines) and footprint spots with Io's tail (points)."""

    def __init__(self) -> None:
        self.visible = False
        self._oval: tuple[DirectDraw, Uniforms, list[tuple[int, int]]] | None = None
        self._spots: tuple[DirectDraw, Uniforms, gloo.VertexBuffer] | None = None
        self._spot_key: tuple[float, ...] | None = None
        self._spot_count = 0

    def _on_visible_change(self, value: bool) -> None:
        self.visible = bool(value)

    def reset(self) -> None:
        """Forget the uploaded oval and spots (they are rebuilt on the next draw)."""
        self._oval = self._spots = None
        self._spot_key = None

    def close(self) -> None:
        """Release the GPU buffers."""
        self.reset()

    def _program(self, colour: tuple[float, ...], points: bool) -> tuple[gloo.Program, Uniforms]:
        program = gloo.Program(AURORA_VERT, AURORA_FRAG)
        u = Uniforms(program).log_depth()
        u["u_colour"] = colour
        u["u_points"] = 1.0 if points else 0.0
        return program, u

    def _upload_ovals(self, scale: float) -> None:
        north, south = main_oval()
        parts = [_vertices(np.concatenate([o, o[:, :1]], axis=1), scale, 1.0, 1.0)
                 for o in (north, south) if o.shape[1] > 2]
        program, u = self._program(OVAL_COLOUR, points=False)
        program.bind(gloo.VertexBuffer(np.concatenate(parts)))
        ranges, first = [], 0
        for p in parts:
            ranges.append((first, len(p)))
            first += len(p)
        self._oval = (DirectDraw(program), u, ranges)

    def _spot_data(self, fd: FrameData, scale: float) -> np.ndarray | None:
        rot = np.asarray(fd.snap.rotations["jupiter"])
        west = {}
        for moon in SPOT_PX:
            if fd.snap.has(moon):
                x, y, _ = rot @ fd.snap.positions[moon]
                west[moon] = float(np.mod(-np.degrees(np.arctan2(y, x)), 360.0))
        key = tuple(round(w, 1) for w in west.values())
        if key == self._spot_key:
            return None
        self._spot_key = key
        parts = []
        for moon, w in west.items():
            n, s = moon_spots(moon, w)
            parts.append(_vertices(np.array([n, s]).T, scale, 1.0, SPOT_PX[moon]))
            if moon == "io":
                tn, ts, fade = io_tail(w)
                parts.append(_vertices(np.concatenate([tn, ts], axis=1), scale,
                                       np.concatenate([fade, fade]) * 0.6, 3.0))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=DTYPE)

    def draw(self, fd: FrameData) -> None:
        """Draw the ovals and the moons' footprint spots, turned with System III."""
        rot = fd.snap.rotations.get("jupiter")
        if not self.visible or rot is None or "jupiter" not in fd.centres:
            return
        scale = R_J_KM / fd.units.radius_km
        if self._oval is None:
            self._upload_ovals(scale)
        if self._spots is None:
            program, u = self._program(SPOT_COLOUR, points=True)
            buffer = gloo.VertexBuffer(np.zeros(1, dtype=DTYPE))
            program.bind(buffer)
            self._spots = (DirectDraw(program), u, buffer)
            self._spot_key = None
        data = self._spot_data(fd, scale)
        if data is not None:
            self._spots[2].set_data(data)
            self._spot_count = len(data)
        model = np.eye(4)
        model[:3, :3] = fd.units.frame @ np.asarray(rot).T
        model[:3, 3] = fd.centres["jupiter"]
        values = {"u_viewproj": fd.viewproj_gl, "u_model": gl(model)}
        set_gl_state(blend=True, additive=True, depth_mask=False)  # a glow
        assert self._oval is not None
        self._oval[0].draw("line_strip", values, ranges=self._oval[2])
        if self._spot_count:
            self._spots[0].draw("points", values, count=self._spot_count)
        set_gl_state(depth_mask=True, blend=False, alpha_blend=True)
