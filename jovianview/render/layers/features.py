"""Named features (volcanoes, craters, storms): a marker and a name at each, near side only.

The model puts each feature's ICRF offset from its body's centre and its surface normal in the
snapshot (:class:`~jovianview.model.features.FeatureSpots`); this layer scales them with the
body's display size (enlarged moons), projects them and draws text in pixels. A feature is
drawn only where its body is large enough on screen to carry labels, on the hemisphere facing
the eye, and not hidden behind another body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from vispy import gloo

from jovianview.model.settings import Settings
from jovianview.render import vispy_private
from jovianview.render.frame import FrameData
from jovianview.render.layers.labels import OverlayText, _set_text, configure_text
from jovianview.render.view import project

if TYPE_CHECKING:
    from vispy import app

MIN_BODY_PX = 45.0  # a disc smaller than this (radius, pixels) gets no feature labels
FACING_MIN = 0.08  # cosine between normal and eye direction: hides labels at the very limb
MARKER = "•"
MARKER_HALF_PX = 3.0  # the marker glyph's half width at the label size
CHAR_PX = 8.0  # a generous width of one label character at 10 pt (M, W: 9)
GAP_PX = 5.0
OCCLUDERS = ("jupiter", "io", "europa", "ganymede", "callisto")


@dataclass(frozen=True)
class PlacedFeature:
    """A drawn feature: its key, marker pixel and the label's box (for picking)."""

    key: str
    x: float
    y: float
    box: tuple[float, float, float, float] | None  # x0, y0, x1, y1 of the name; None: no name


class FeaturesLayer:
    """Markers and names of the snapshot's features: one text visual, one draw call."""

    COLOUR = (1.0, 0.8, 0.5, 1.0)
    SHADOW = (0.0, 0.0, 0.0, 0.9)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.text = OverlayText("", color=self.COLOUR, font_size=10,
                                anchor_x="left", anchor_y="center")
        self.text.set_gl_state(blend=True, depth_test=False, cull_face=False,
                               blend_func=("src_alpha", "one_minus_src_alpha", "zero", "one"))
        kernel = vispy_private.font_kernel(self.text)
        if not isinstance(kernel, gloo.Texture2D):  # upload once (see LabelsLayer)
            vispy_private.set_font_kernel(self.text, gloo.Texture2D(kernel))
        self.visible = False
        self.placed: list[PlacedFeature] = []
        self._configured: tuple | None = None
        self._colours: list[tuple[float, float, float, float]] = []
        settings.events.show_features.connect(self._on_show_features_change)
        self.reset()

    # ---------------------------------------------------------------- adapter
    def _on_show_features_change(self, value: bool) -> None:
        self.visible = bool(value)
        if not self.visible:
            self.placed = []

    def reset(self) -> None:
        """Replay the settings this layer follows."""
        self._on_show_features_change(self.settings.show_features)

    def close(self) -> None:
        """Stop following the settings."""
        self.settings.events.show_features.disconnect(self._on_show_features_change)

    def configure(self, canvas: app.Canvas, viewport: tuple[int, int, int, int]) -> None:
        """Pixel transforms for this canvas and viewport (rebuilt only when they change)."""
        self._configured = configure_text(self.text, canvas, viewport, self._configured)

    # ---------------------------------------------------------------- per frame
    def points(self, fd: FrameData) -> tuple[list[str], np.ndarray, np.ndarray] | None:
        """Keys, render-unit positions (N, 3) and normals (N, 3) of the snapshot's features."""
        spots = fd.snap.features
        if spots is None:
            return None
        keys, pts, normals = [], [], []
        frame = fd.units.frame
        for i, f in enumerate(spots.features):
            if f.body not in fd.centres:
                continue
            scale = fd.display_scale.get(f.body, 1.0) / fd.units.radius_km
            keys.append(f.key)
            pts.append(fd.centres[f.body] + scale * (frame @ spots.offsets[:, i]))
            normals.append(frame @ spots.normals[:, i])
        if not keys:
            return None
        return keys, np.array(pts), np.array(normals)

    def place(self, fd: FrameData, radii_render: dict[str, float],
              hidden_bodies: set[str]) -> None:
        """Decide which features show and where (pixels); ``hidden_bodies``: occluded ones."""
        self.placed = []
        if not self.visible:
            return
        found = self.points(fd)
        if found is None:
            return
        keys, pts, normals = found
        bodies = [k.split(":", 1)[0] for k in keys]
        big = np.array([fd.pixel_radius.get(b, 0.0) >= MIN_BODY_PX and b not in fd.off_screen
                        and b not in hidden_bodies for b in bodies])
        to_eye = fd.pose.eye[None, :] - pts
        dist = np.sqrt((to_eye * to_eye).sum(axis=1))
        facing = (normals * to_eye).sum(axis=1) / np.maximum(dist, 1e-300) > FACING_MIN
        shown = big & facing & ~behind_other(fd, bodies, pts, radii_render)
        if not shown.any():
            return
        pix, depth = project(fd.m, pts)
        w, h = fd.m.size
        boxes: list[tuple[float, float, float, float]] = []
        for i in np.flatnonzero(shown & (depth > 0)):
            x, y = float(pix[i, 0]), float(pix[i, 1])
            if not (0.0 <= x <= w and 0.0 <= y <= h):
                continue
            name = keys[i].split(":", 1)[1]
            box = _free_box(x, y, len(name) * CHAR_PX, boxes, w)
            if box is not None:
                boxes.append(box)
            self.placed.append(PlacedFeature(keys[i], x, y, box))

    def draw(self, fd: FrameData) -> None:
        """Draw the placed features' markers and names (nothing when hidden)."""
        if not self.visible or not self.placed:
            return
        items: list[tuple[str, float, float]] = []
        for p in self.placed:
            items.append((MARKER, p.x - MARKER_HALF_PX, p.y))
            if p.box is not None:
                items.append((p.key.split(":", 1)[1], p.box[0], (p.box[1] + p.box[3]) / 2))
        # a dark copy one pixel down-right first: names stay legible on bright terrain
        texts = [t for t, _, _ in items] * 2
        pos = [(x + 1.0, y + 1.0) for _, x, y in items] + [(x, y) for _, x, y in items]
        colours = [self.SHADOW] * len(items) + [self.COLOUR] * len(items)
        if colours != self._colours:
            self.text.color = colours
            self._colours = colours
        _set_text(self.text, texts, pos)
        self.text.draw()

    def pick(self, px: float, py: float, margin: float = 4.0) -> str | None:
        """The key of the feature whose marker or name is at physical pixel (px, py)."""
        for p in self.placed:
            if abs(px - p.x) <= MARKER_HALF_PX + margin and abs(py - p.y) <= 6.0 + margin:
                return p.key
            if p.box is not None:
                x0, y0, x1, y1 = p.box
                if x0 - margin <= px <= x1 + margin and y0 - margin <= py <= y1 + margin:
                    return p.key
        return None


def _free_box(x: float, y: float, width: float, taken: list[tuple[float, float, float, float]],
              w: float) -> tuple[float, float, float, float] | None:
    """A label box right of the marker, or left of it, that overlaps no other; else None."""
    for x0 in (x + GAP_PX, x - GAP_PX - width):
        box = (x0, y - 7.0, x0 + width, y + 7.0)
        if box[0] < 0 or box[2] > w:
            continue
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                   for b in taken):
            return box
    return None


def behind_other(fd: FrameData, bodies: list[str], pts: np.ndarray,
                 radii_render: dict[str, float]) -> np.ndarray:
    """Which (N, 3) points are hidden from the eye by a body other than their own."""
    eye = fd.pose.eye
    seg = pts - eye
    seg2 = np.maximum((seg * seg).sum(axis=1), 1e-300)
    hidden = np.zeros(len(pts), dtype=bool)
    for occ in OCCLUDERS:
        if occ not in fd.centres or occ not in radii_render:
            continue
        c = fd.centres[occ]
        t = ((c - eye) @ seg.T) / seg2
        miss = eye + t[:, None] * seg - c
        near = np.sqrt((miss * miss).sum(axis=1)) < radii_render[occ]
        own = np.array([b == occ for b in bodies])
        hidden |= near & (t > 0.0) & (t < 1.0) & ~own
    return hidden
