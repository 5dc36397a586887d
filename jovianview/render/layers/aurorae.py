"""Jupiter's aurorae (model/aurorae.py): the main ovals and the moons' footprint spots.

Ovals are uploaded once (fixed in System III, turned with Jupiter each frame). The spots and
Io's tail move with the moons without any buffer upload: the six spots are placed by six
uniforms (interpolated on the model's footprint tracks each frame, ~0.1 ms), and Io's tail
is Io's whole track, uploaded once, whose vertices the shader shows while they lie within
``IO_TAIL_DEG`` behind Io. Drawn with additive blending, so they glow over the night side.
"""

from __future__ import annotations

import numpy as np
from vispy import gloo

from jovianview.core.field.model import R_J_KM
from jovianview.model.aurorae import IO_TAIL_DEG, main_oval, moon_spots, oval_band, track_points
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.legend import LegendEntry, register
from jovianview.render.shaders import AURORA_FRAG, AURORA_VERT, SPOT_VERT, TAIL_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import gl

# Pink-red, as the main emission's H-alpha glows in visible light (and apart from the
# field lines' blue-green-yellow scale)
OVAL_COLOUR = (1.0, 0.3, 0.6, 0.9)
SPOT_COLOUR = (1.0, 0.85, 0.5, 1.0)
register(LegendEntry("Aurora, main oval", OVAL_COLOUR, "line", "show_aurorae"))
register(LegendEntry("Aurora, moon footprints", SPOT_COLOUR, "disc", "show_aurorae"))
LIFT = 1.01  # drawn 1% above the 1-bar surface, clear of the planet's mesh
SPOT_PX = {"io": 14.0, "europa": 11.0, "ganymede": 12.0}  # pixels across (a soft glow)
DTYPE = [("a_position", np.float32, 3), ("a_alpha", np.float32), ("a_size", np.float32)]
SPOT_DTYPE = [("a_pick1", np.float32, 3), ("a_pick2", np.float32, 3), ("a_size", np.float32)]
TAIL_DTYPE = [("a_position", np.float32, 3), ("a_west", np.float32), ("a_size", np.float32)]
TAIL_STEP_DEG = 0.5  # spacing of the tail's points along Io's track


def _vertices(points_rj: np.ndarray, scale: float, alpha: float | np.ndarray,
              size: float | np.ndarray) -> np.ndarray:
    data = np.zeros(points_rj.shape[1], dtype=DTYPE)
    data["a_position"] = (points_rj * LIFT * scale).T
    data["a_alpha"], data["a_size"] = alpha, size
    return data


class AuroraeLayer:
    """Main ovals (glowing bands) and footprint spots with Io's tail (points)."""

    def __init__(self) -> None:
        self.visible = False
        self._oval: tuple[DirectDraw, Uniforms, list[tuple[int, int]]] | None = None
        self._spots: DirectDraw | None = None
        self._tail: tuple[DirectDraw, int] | None = None
        self.uploads = 0  # vertex-buffer uploads so far (tests: none while the moons move)

    def _on_visible_change(self, value: bool) -> None:
        self.visible = bool(value)

    def reset(self) -> None:
        """Forget the uploaded oval and spots (they are rebuilt on the next draw)."""
        self._oval = self._spots = self._tail = None

    def close(self) -> None:
        """Release the GPU buffers."""
        self.reset()

    def _program(self, colour: tuple[float, ...], points: bool,
                 vert: str = AURORA_VERT) -> tuple[gloo.Program, Uniforms]:
        program = gloo.Program(vert, AURORA_FRAG)
        u = Uniforms(program).log_depth()
        u["u_colour"] = colour
        u["u_points"] = 1.0 if points else 0.0
        return program, u

    def _upload_ovals(self, scale: float) -> None:
        """Each main oval as a band (two triangle strips: pole-ward edge to the traced line,
        the line to the equator-ward edge), bright on the line and fading to both edges."""
        parts = []
        for oval in main_oval():
            if oval.shape[1] <= 2:
                continue
            closed = np.concatenate([oval, oval[:, :1]], axis=1)
            inner, outer = oval_band(closed)
            for edge in (inner, outer):
                points = np.empty((3, 2 * closed.shape[1]))
                points[:, 0::2], points[:, 1::2] = edge, closed
                alpha = np.tile([0.0, 1.0], closed.shape[1])
                parts.append(_vertices(points, scale, alpha, 1.0))
        program, u = self._program(OVAL_COLOUR, points=False)
        program.bind(gloo.VertexBuffer(np.concatenate(parts)))
        ranges, first = [], 0
        for p in parts:
            ranges.append((first, len(p)))
            first += len(p)
        self._oval = (DirectDraw(program), u, ranges)

    def _upload_spots(self, scale: float) -> None:
        """Six spot vertices (Io, Europa, Ganymede; north, south) and Io's track for its tail."""
        data = np.zeros(6, dtype=SPOT_DTYPE)
        picks = np.eye(6, dtype=np.float32)
        data["a_pick1"], data["a_pick2"] = picks[:, :3], picks[:, 3:]
        data["a_size"] = np.repeat([SPOT_PX[m] for m in SPOT_PX], 2)
        program, _ = self._program(SPOT_COLOUR, points=True, vert=SPOT_VERT)
        program.bind(gloo.VertexBuffer(data))
        self._spots = DirectDraw(program)
        at = np.arange(0.0, 360.0, TAIL_STEP_DEG)
        tail = np.zeros(2 * at.size, dtype=TAIL_DTYPE)
        tail["a_position"] = (np.concatenate(track_points("io", at), axis=1) * LIFT * scale).T
        tail["a_west"] = np.concatenate([at, at])
        tail["a_size"] = 3.0
        program, u = self._program(SPOT_COLOUR, points=True, vert=TAIL_VERT)
        u["u_tail_deg"] = IO_TAIL_DEG
        program.bind(gloo.VertexBuffer(tail))
        self._tail = (DirectDraw(program), len(tail))
        self.uploads += 2

    def spot_uniforms(self, fd: FrameData, scale: float) -> dict[str, np.ndarray | float]:
        """This frame's spot positions (System III render units, w: shown) and Io's longitude."""
        rot = np.asarray(fd.snap.rotations["jupiter"])
        values: dict[str, np.ndarray | float] = {"u_io_west": -1000.0}
        for i, moon in enumerate(SPOT_PX):
            spots = (np.zeros(4, np.float32), np.zeros(4, np.float32))
            if fd.snap.has(moon):
                x, y, _ = rot @ fd.snap.positions[moon]
                west = float(np.mod(-np.degrees(np.arctan2(y, x)), 360.0))
                for spot, at in zip(spots, moon_spots(moon, west), strict=True):
                    spot[:3], spot[3] = at * LIFT * scale, 1.0
                if moon == "io":
                    values["u_io_west"] = west
            values[f"u_spot{2 * i}"], values[f"u_spot{2 * i + 1}"] = spots
        return values

    def draw(self, fd: FrameData) -> None:
        """Draw the ovals and the moons' footprint spots, turned with System III."""
        rot = fd.snap.rotations.get("jupiter")
        if not self.visible or rot is None or "jupiter" not in fd.centres:
            return
        scale = R_J_KM / fd.units.radius_km
        if self._oval is None:
            self._upload_ovals(scale)
        if self._spots is None:
            self._upload_spots(scale)
        assert self._spots is not None and self._tail is not None
        model = np.eye(4)
        model[:3, :3] = fd.units.frame @ np.asarray(rot).T
        model[:3, 3] = fd.centres["jupiter"]
        values = {"u_viewproj": fd.viewproj_gl, "u_model": gl(model)}
        set_gl_state(blend=True, additive=True, depth_mask=False)  # a glow
        assert self._oval is not None
        self._oval[0].draw("triangle_strip", values, ranges=self._oval[2])
        moving = self.spot_uniforms(fd, scale)
        self._tail[0].draw("points", {**values, "u_io_west": moving.pop("u_io_west")},
                           count=self._tail[1])
        self._spots.draw("points", {**values, **moving}, count=6)
        set_gl_state(depth_mask=True, blend=False, alpha_blend=True)
