"""Screen-space overlays: body labels beside (never over) their discs, a scale bar, and the
notice that sizes are enlarged. Drawn last, in pixels, without depth."""

from __future__ import annotations

import math

import numpy as np
from vispy import gloo, visuals

from jovianview.render.frame import FrameData
from jovianview.render.view import project

LABEL_GAP_PX = 6.0
NAMES = {"jupiter": "Jupiter", "io": "Io", "europa": "Europa", "ganymede": "Ganymede",
         "callisto": "Callisto", "juno": "Juno"}


def nice_length(max_value: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``max_value``."""
    exp = math.floor(math.log10(max_value))
    for mult in (5.0, 2.0, 1.0):
        if mult * 10**exp <= max_value:
            return mult * 10**exp
    return 10**exp


def format_km(km: float) -> str:
    if km >= 1.0:
        return f"{km:,.0f} km"
    return f"{km * 1000:,.0f} m"


class LabelsLayer:
    """Labels, scale bar and scale-mode notice: one text visual, one line, two draw calls."""

    LABEL_COLOUR = (0.9, 0.92, 1.0, 1.0)
    NOTICE_COLOUR = (1.0, 0.85, 0.3, 1.0)
    BAR_COLOUR = (1.0, 1.0, 1.0, 1.0)

    def __init__(self) -> None:
        self.text = visuals.TextVisual("", color=self.LABEL_COLOUR, font_size=10,
                                       anchor_x="left", anchor_y="center")
        # VisPy hands the glyph-filter kernel over as a numpy array, which re-uploads it as
        # a new texture on every draw (~3 ms on llvmpipe): upload it once.
        font = self.text._font
        if not isinstance(font._kernel, gloo.Texture2D):
            font._kernel = gloo.Texture2D(font._kernel)
        self.bar = visuals.LineVisual(np.zeros((2, 2), np.float32), color="white", width=2)
        self.show_labels = True
        self.notice_text = ""
        self.placed: dict[str, tuple[float, float, float]] = {}  # body -> (x, y, radius px)
        self._colours: list[tuple[float, ...]] = []

    def configure(self, canvas, viewport: tuple[int, int, int, int]) -> None:  # noqa: ANN001
        for v in (self.text, self.bar):
            v.transforms.configure(canvas=canvas, viewport=viewport)

    def place(self, fd: FrameData, radii_render: dict[str, float]) -> None:
        """Screen position and apparent radius of each body (also used for picking)."""
        names = [b for b in NAMES if b in fd.centres]
        if not names:
            self.placed = {}
            return
        pts = np.array([fd.centres[b] for b in names])
        pix, depth = project(fd.m, pts)
        eye_dist = np.linalg.norm(pts - fd.pose.eye[None, :], axis=1)
        self.placed = {}
        for i, body in enumerate(names):
            if depth[i] <= 0 or (body == "juno" and fd.pose.mode == "from_juno"):
                continue
            r = radii_render.get(body, 0.0)
            ang = math.asin(min(1.0, r / max(eye_dist[i], 1e-300)))
            self.placed[body] = (float(pix[i, 0]), float(pix[i, 1]),
                                 math.tan(ang) * fd.m.pixels_per_radian)

    def draw(self, fd: FrameData) -> None:
        w, h = fd.m.size
        texts: list[str] = []
        pos: list[tuple[float, float]] = []
        colours: list[tuple[float, ...]] = []
        if self.show_labels:
            for body, (x, y, r) in self.placed.items():
                if -50 < x < w + 50 and -50 < y < h + 50:
                    texts.append(NAMES[body])
                    # right of the disc's bounding box: never over the body it names
                    pos.append((x + r + LABEL_GAP_PX, y))
                    colours.append(self.LABEL_COLOUR)
        if self.notice_text:
            for i, line in enumerate(self.notice_text.split("\n")):
                texts.append(line)
                pos.append((10.0, 16.0 + 18.0 * i))
                colours.append(self.NOTICE_COLOUR)
        bar_text, bar_pos = self._scale_bar(fd)
        texts.append(bar_text)
        pos.append(bar_pos)
        colours.append(self.BAR_COLOUR)
        if colours != self._colours:
            self.text.color = colours
            self._colours = colours
        _set_text(self.text, texts, pos)
        self.bar.draw()
        self.text.draw()

    def _scale_bar(self, fd: FrameData) -> tuple[str, tuple[float, float]]:
        w, h = fd.m.size
        km_per_px = fd.pose.distance * fd.units.radius_km / fd.m.pixels_per_radian
        length_km = nice_length(km_per_px * min(180.0, w * 0.25))
        px = length_km / km_per_px
        x0, y0 = w - 20 - px, h - 20
        ends = np.array([[x0, y0], [x0 + px, y0]], np.float32)
        if not np.array_equal(ends, self.bar.pos):
            self.bar.set_data(ends)
        text = format_km(length_km)
        return text, (x0 + px / 2 - 3.3 * len(text), y0 - 12)


def _set_text(visual: visuals.TextVisual, texts: list[str],
              pos: list[tuple[float, float]]) -> None:
    """Change a text visual only where it changed (a new text means a new layout)."""
    if list(np.atleast_1d(visual.text)) != texts:
        visual.text = texts
    p = np.asarray(pos, dtype=np.float32)
    if visual.pos.shape[0] != p.shape[0] or not np.array_equal(visual.pos[:, :2], p):
        visual.pos = p
