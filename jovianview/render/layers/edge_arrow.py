"""Arrows at the picture's edge towards what the view is about but cannot show.

In the overview Juno is often outside the picture (near apojove it is 100 Jupiter radii
out), and after a pan or zoom the target itself can be. For the view's target and Juno,
when off the picture or behind the eye, a filled arrow sits on the edge in the direction
of the body (seen from the centre of the picture), with its name beside it, inwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from vispy import gloo

from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw, upload
from jovianview.render.layers.overlay_shapes import RECT_FRAG, RECT_VERT
from jovianview.render.legend import LegendEntry, register
from jovianview.render.uniforms import Uniforms

ARROW_COLOUR = (0.45, 1.0, 0.55, 1.0)  # a green no other line or text uses
ARROW_PX = 14.0  # arrow length at text size 100 %
EDGE_MARGIN_PX = 10.0
NAMES = {"jupiter": "Jupiter", "io": "Io", "europa": "Europa", "ganymede": "Ganymede",
         "callisto": "Callisto", "juno": "Juno"}
register(LegendEntry("Arrow: Juno is that way, off the picture", ARROW_COLOUR, "arrow",
                     "show_labels"))


@dataclass(frozen=True)
class EdgeArrow:
    """An arrow whose tip is at ``(x, y)`` pixels, pointing along unit ``(ux, uy)``."""

    body: str
    x: float
    y: float
    ux: float
    uy: float


def edge_arrows(fd: FrameData, bodies: list[str], scale: float = 1.0) -> list[EdgeArrow]:
    """Arrows for those of ``bodies`` outside the picture or behind the eye.

    A body in front of the eye whose centre projects outside the picture gets an arrow on
    the edge where the line from the picture's centre to it leaves the picture; one behind
    the eye gets the arrow on the side to turn to (its direction across the screen).
    """
    w, h = fd.m.size
    view = fd.m.view
    out = []
    for body in bodies:
        if body not in fd.centres:
            continue
        cam = view[:3, :3] @ fd.centres[body] + view[:3, 3]
        ahead = -cam[2] > 0.0
        if ahead:
            f = fd.m.proj[1, 1]
            px = (cam[0] / -cam[2] * f * h / w + 1.0) * 0.5 * w
            py = (1.0 - cam[1] / -cam[2] * f) * 0.5 * h
            if 0.0 <= px <= w and 0.0 <= py <= h:
                continue
        dx, dy = float(cam[0]), float(-cam[1])
        norm = math.hypot(dx, dy)
        ux, uy = (dx / norm, dy / norm) if norm > 1e-300 else (0.0, 1.0)
        inset = EDGE_MARGIN_PX * scale
        half_w, half_h = w / 2.0 - inset, h / 2.0 - inset
        t = min(half_w / abs(ux) if abs(ux) > 1e-9 else math.inf,
                half_h / abs(uy) if abs(uy) > 1e-9 else math.inf)
        out.append(EdgeArrow(body, w / 2.0 + ux * t, h / 2.0 + uy * t, ux, uy))
    return out


def arrow_label(arrow: EdgeArrow, size: tuple[int, int], scale: float,
                char_px: float) -> tuple[str, tuple[float, float]]:
    """The body's name beside ``arrow``, inwards, kept inside the picture (left-anchored)."""
    name = NAMES.get(arrow.body, arrow.body)
    w, h = size
    back = (ARROW_PX + 6.0) * scale
    x = arrow.x - arrow.ux * back
    y = arrow.y - arrow.uy * back
    width = char_px * len(name)
    x = x - width if arrow.ux > 0.3 else (x - width / 2 if abs(arrow.ux) <= 0.3 else x)
    x = min(max(x, 4.0), w - width - 4.0)
    y = min(max(y, 12.0 * scale), h - 12.0 * scale)
    return name, (x, y)


class EdgeArrowLayer:
    """Draws :func:`edge_arrows` as filled triangles in pixels, one draw call."""

    MAX_ARROWS = 6

    def __init__(self) -> None:
        self.visible = True
        self.program = gloo.Program(RECT_VERT, RECT_FRAG)
        self.uniforms = Uniforms(self.program)
        self.uniforms["u_colour"] = ARROW_COLOUR
        self._buffer = gloo.VertexBuffer(np.zeros((3 * self.MAX_ARROWS, 2), np.float32))
        self.program["a_position"] = self._buffer
        self.direct = DirectDraw(self.program)
        self.arrows: list[EdgeArrow] = []
        self._count = 0
        self._pending: np.ndarray | None = None  # triangles update computed, not yet sent

    def update(self, fd: FrameData, scale: float = 1.0) -> list[EdgeArrow]:
        """Compute this frame's arrows (the view's target and Juno) and their triangles."""
        if not self.visible:
            self.arrows, self._count = [], 0
            return []
        bodies = [fd.pose.target]
        if fd.pose.mode != "from_juno" and "juno" not in bodies:
            bodies.append("juno")
        self.arrows = edge_arrows(fd, bodies, scale)[:self.MAX_ARROWS]
        length, half = ARROW_PX * scale, ARROW_PX * 0.55 * scale
        pts = []
        for a in self.arrows:
            bx, by = a.x - a.ux * length, a.y - a.uy * length
            pts += [(a.x, a.y), (bx - a.uy * half, by + a.ux * half),
                    (bx + a.uy * half, by - a.ux * half)]
        self._count = len(pts)
        self._pending = np.asarray(pts, np.float32) if pts else None  # uploaded by draw
        return self.arrows

    def draw(self, fd: FrameData) -> None:
        """Draw the arrows placed by the last :meth:`update`."""
        if self._pending is not None:
            upload(self._buffer, self._pending)
            self._pending = None
        if self._count:
            self.direct.draw("triangles", {"u_size": np.asarray(fd.m.size, np.float32)},
                             count=self._count)
