"""Jupiter's magnetic field lines (model/field_lines.py), turning with System III.

The bundle is uploaded once; each frame sets only the rotation System III -> render axes
and Jupiter's centre. Colour follows the field strength (log scale, 50 nT to 2 mT).
"""

from __future__ import annotations

import numpy as np
from vispy import gloo

from jovianview.core.field.model import R_J_KM
from jovianview.model.field_lines import FieldLine, field_lines
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.legend import LegendEntry, register
from jovianview.render.shaders import FIELD_LINE_FRAG, FIELD_LINE_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import gl

LOG_RANGE_NT = (np.log10(50.0), np.log10(2.0e6))
ALPHA = 0.7
# The ends of FIELD_LINE_FRAG's colour ramp (weak: violet, strong: yellow), for the legend.
WEAK_COLOUR = (0.55, 0.35, 1.0, ALPHA)
STRONG_COLOUR = (1.0, 0.95, 0.35, ALPHA)
register(LegendEntry("Magnetic field, weak (50 nT)", WEAK_COLOUR, "line", "show_field_lines"))
register(LegendEntry("Magnetic field, strong (2 mT)", STRONG_COLOUR, "line",
                     "show_field_lines"))
DTYPE = [("a_position", np.float32, 3), ("a_strength", np.float32)]


def strength_scale(b_nt: np.ndarray) -> np.ndarray:
    """|B| in nT to the shader's 0..1 colour coordinate (logarithmic)."""
    lo, hi = LOG_RANGE_NT
    return np.clip((np.log10(np.maximum(b_nt, 1e-3)) - lo) / (hi - lo), 0.0, 1.0)


class FieldLinesLayer:
    """Draws the cached bundle when :attr:`visible`; traces it on first need."""

    def __init__(self) -> None:
        self.program: gloo.Program | None = None
        self.direct: DirectDraw | None = None
        self.uniforms: Uniforms | None = None
        self.ranges: list[tuple[int, int]] = []
        self.visible = False
        self.lines: tuple[FieldLine, ...] | None = None

    def _on_visible_change(self, value: bool) -> None:
        self.visible = bool(value)

    def reset(self) -> None:
        """Forget the uploaded buffer (a new GL context uploads again)."""
        self.program = None
        self.direct = None
        self.uniforms = None

    def close(self) -> None:
        """Release the GPU buffers and the traced lines."""
        self.reset()
        self.lines = None

    def _upload(self, radius_km: float) -> None:
        if self.lines is None:
            self.lines = field_lines()
        scale = R_J_KM / radius_km
        parts = [ln.points.T * scale for ln in self.lines]
        data = np.zeros(sum(len(p) for p in parts), dtype=DTYPE)
        data["a_position"] = np.concatenate(parts)
        data["a_strength"] = strength_scale(np.concatenate([ln.strength_nt for ln in self.lines]))
        self.ranges, first = [], 0
        for p in parts:
            self.ranges.append((first, len(p)))
            first += len(p)
        self.program = gloo.Program(FIELD_LINE_VERT, FIELD_LINE_FRAG)
        self.uniforms = Uniforms(self.program).log_depth()
        self.uniforms["u_alpha"] = ALPHA
        self.program.bind(gloo.VertexBuffer(data))
        self.direct = DirectDraw(self.program)

    def draw(self, fd: FrameData) -> None:
        """Draw the cached bundle, turned with System III (traced on first need)."""
        rot = fd.snap.rotations.get("jupiter")
        if not self.visible or rot is None or "jupiter" not in fd.centres:
            return
        if self.direct is None:
            self._upload(fd.units.radius_km)
        assert self.direct is not None
        model = np.eye(4)
        model[:3, :3] = fd.units.frame @ np.asarray(rot).T  # System III -> ICRF -> render
        model[:3, 3] = fd.centres["jupiter"]
        set_gl_state(blend=True, alpha_blend=True, depth_mask=False)
        self.direct.draw("line_strip", {"u_viewproj": fd.viewproj_gl, "u_model": gl(model)},
                         ranges=self.ranges)
        set_gl_state(depth_mask=True, blend=False)
