"""Screen-space overlays: body labels beside (never over) their discs, a scale bar, and the
notice that sizes are enlarged. Drawn last, in pixels, without depth."""

from __future__ import annotations

import functools
import math
import textwrap
from typing import TYPE_CHECKING

import numpy as np
from vispy import gloo, visuals

from jovianview.render import vispy_private
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw, upload
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.layers.overlay_shapes import PixelRect

if TYPE_CHECKING:
    from vispy import app

LABEL_GAP_PX = 6.0
LABEL_CHAR_PX = 7.0  # a generous width of one label character at the 10 pt label size
LABEL_POINTS = 10.0  # the label size at text size 100 %
LINE_PX = 18.0  # notice lines' spacing at 100 %
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
    """A distance for a label: whole km, metres below 1 km, centimetres below 1 m (a scale
    bar right beside Juno is a few tens of centimetres, not "0 m")."""
    if km >= 1.0:
        return f"{km:,.0f} km"
    if km >= 1e-3:
        return f"{km * 1000:,.0f} m"
    return f"{km * 1e5:,.0f} cm"


class OverlayText(visuals.TextVisual):
    """VisPy's text visual, drawn by direct GL calls while only positions change.

    The base class re-sends seven uniforms, re-maps its transforms and re-creates the
    positions' vertex buffer on every draw that follows a move. That preparation matters
    only after new text, colours or transforms (the base class flags the first two,
    this layer sets :attr:`transforms_dirty` when the viewport changes); then the base class
    draws. Otherwise positions go into one reused buffer and :class:`DirectDraw` draws.
    """

    transforms_dirty = True
    shown_pos: list[tuple[float, float]] | None = None  # whole-pixel positions set last
    _direct: DirectDraw | None = None
    _pos_buffer: gloo.VertexBuffer | None = None

    def draw(self) -> None:
        """Draw the text, directly once VisPy has built the glyphs."""
        if not self.visible or len(self.text) == 0:
            return
        if (self._vertices is None or self._color_changed or self.transforms_dirty
                or self._direct is None):
            self._pos_changed = True
            super().draw()
            self.transforms_dirty = False
            self._direct = DirectDraw(self._program)
            self._pos_buffer = None  # the base class bound its own
            return
        if self._pos_changed:
            texts = [self.text] if isinstance(self.text, str) else self.text
            pos = np.repeat(self._pos[:len(texts)], [4 * len(t) for t in texts], axis=0)
            if self._pos_buffer is None or self._pos_buffer.size != len(pos):
                self._pos_buffer = gloo.VertexBuffer(pos)
                self.shared_program["a_pos"] = self._pos_buffer
            else:
                upload(self._pos_buffer, pos)
            self._pos_changed = False
        set_gl_state(depth_test=False, blend=True, cull_face=False, alpha_blend=True)
        self._direct.draw("triangles", {}, self._index_buffer)



def configure_text(text: visuals.TextVisual, canvas: app.Canvas,
                   viewport: tuple[int, int, int, int], configured: tuple | None) -> tuple:
    """Point ``text``'s pixel transforms at this canvas and viewport, unless ``configured``
    (the key this returns) says they already are; returns the new key."""
    key = (id(canvas), tuple(viewport), tuple(canvas.physical_size))
    if key != configured:
        text.transforms.configure(canvas=canvas, viewport=viewport)
        text.transforms_dirty = True
    return key

class LabelsLayer:
    """Labels, scale bar and scale-mode notice: one text visual, one line, two draw calls."""

    LABEL_COLOUR = (0.9, 0.92, 1.0, 1.0)
    NOTICE_COLOUR = (1.0, 0.85, 0.3, 1.0)
    BAR_COLOUR = (1.0, 1.0, 1.0, 1.0)

    def __init__(self) -> None:
        self.text = OverlayText("", color=self.LABEL_COLOUR, font_size=LABEL_POINTS,
                                anchor_x="left", anchor_y="center")
        # blend colours, keep the frame's alpha at 1 (as gldirect.set_state does)
        self.text.set_gl_state(blend=True, depth_test=False, cull_face=False,
                               blend_func=("src_alpha", "one_minus_src_alpha", "zero", "one"))
        # VisPy hands the glyph-filter kernel over as a numpy array, which re-uploads it as
        # a new texture on every draw (~3 ms on llvmpipe): upload it once.
        kernel = vispy_private.font_kernel(self.text)
        if not isinstance(kernel, gloo.Texture2D):
            vispy_private.set_font_kernel(self.text, gloo.Texture2D(kernel))
        self.bar = PixelRect(self.BAR_COLOUR)
        self.show_labels = True
        self.notice_text = ""
        self.show_notice = True  # presentation mode shows the notice in its caption instead
        self.text_scale = 1.0  # the "Text size" setting: labels, notice and scale bar
        self.bottom_inset = 0.0  # pixels covered at the bottom (a caption): the bar sits above
        self.arrow_labels: list[tuple[str, tuple[float, float]]] = []  # edge arrows' names
        self.placed: dict[str, tuple[float, float, float]] = {}  # body -> (x, y, radius px)
        self.target_radius = 0.0  # render units: the scale bar's distance is to its surface
        self.occluded: set[str] = set()  # hidden behind Jupiter or a moon: no label, no pick
        self.extents: dict[str, tuple[float, float]] = {}  # body -> outline's x range, px
        self._colours: list[tuple[float, ...]] = []
        self._configured: tuple | None = None
        self.defer_first_frame = False  # the window sets it; an image render never does
        self.deferred = False  # True after a frame drawn without its text

    def set_text_scale(self, scale: float) -> None:
        """Scale the labels, the notice and the scale bar's text (1.0: 10 pt labels)."""
        scale = float(scale)
        if scale != self.text_scale:
            self.text_scale = scale
            self.text.font_size = LABEL_POINTS * scale
            self.text.transforms_dirty = True  # the glyph size is set with the transforms

    def set_colours(self, label: tuple[float, float, float, float],
                    notice: tuple[float, float, float, float]) -> None:
        """Label and notice colours (the high-contrast option makes both white)."""
        self.LABEL_COLOUR, self.NOTICE_COLOUR = label, notice

    def configure(self, canvas: app.Canvas, viewport: tuple[int, int, int, int]) -> None:
        """Pixel transforms for this canvas and viewport (rebuilt only when they change)."""
        self._configured = configure_text(self.text, canvas, viewport, self._configured)

    def place(self, fd: FrameData, radii_render: dict[str, float]) -> None:
        """Screen position and apparent radius of each body (also used for picking).

        Plain Python floats: for six bodies numpy's per-call overhead is most of the cost.
        """
        names = [b for b in NAMES if b in fd.centres]
        self.placed = {}
        self.occluded = set()
        if not names:
            return
        centres = [fd.centres[b].tolist() for b in names]
        (a0, a1, a2, a3), (b0, b1, b2, b3), _, (w0, w1, w2, w3) = fd.m.viewproj.tolist()
        width, height = fd.m.size
        ex, ey, ez = fd.pose.eye.tolist()
        behind = _behind_any(fd, names, centres, radii_render)
        ppr = fd.m.pixels_per_radian
        from_juno = fd.pose.mode == "from_juno"
        for body, (x, y, z), hidden in zip(names, centres, behind, strict=True):
            depth = w0 * x + w1 * y + w2 * z + w3  # clip w: the distance along the view
            if depth <= 0 or (body == "juno" and from_juno):
                continue
            safe = 1e-300 if abs(depth) < 1e-300 else depth
            px = ((a0 * x + a1 * y + a2 * z + a3) / safe + 1.0) * 0.5 * width
            py = (1.0 - (b0 * x + b1 * y + b2 * z + b3) / safe) * 0.5 * height
            r = radii_render.get(body, 0.0)
            eye_dist = math.sqrt((x - ex) ** 2 + (y - ey) ** 2 + (z - ez) ** 2)
            ang = math.asin(min(1.0, r / max(eye_dist, 1e-300)))
            self.placed[body] = (px, py, math.tan(ang) * ppr)
            if hidden:
                self.occluded.add(body)
        self.extents = silhouette_extents(fd, list(self.placed), radii_render)
        self.target_radius = radii_render.get(fd.pose.target, 0.0)

    def draw(self, fd: FrameData) -> None:
        """Draw this frame's labels (the first frame defers them to the next)."""
        if self.defer_first_frame:
            # Building the glyphs (FreeType + distance fields) takes ~0.3 s on a slow
            # machine: the window's first frame shows the scene at once, text the next.
            self.defer_first_frame = False
            self.deferred = True
            return
        self.deferred = False
        w, h = fd.m.size
        k = self.text_scale
        char_px = LABEL_CHAR_PX * k
        texts: list[str] = []
        pos: list[tuple[float, float]] = []
        colours: list[tuple[float, ...]] = []
        if self.show_labels:
            boxes: list[tuple[float, float, float, float]] = []
            line_px = LINE_PX * k
            for body in _label_order(self.placed, fd.pose.target):
                x, y, r = self.placed[body]
                if body in self.occluded:
                    continue
                # beside the disc's projected outline (its bounding box), never over it:
                # right of it, or left where the right side runs off the picture
                left, right = self.extents.get(body, (x - r, x + r))
                if right < 0.0 or left > w:  # the body is off the picture: no stray label
                    continue
                name = NAMES[body]
                lx = right + LABEL_GAP_PX
                if lx + char_px * len(name) > w and left > w - right:
                    lx = left - LABEL_GAP_PX - char_px * len(name)
                # never one label over another: the next free line below or above instead
                for dy in (0.0, line_px, -line_px, None):
                    if dy is None:
                        break
                    box = (lx, y + dy - line_px / 2, lx + char_px * len(name),
                           y + dy + line_px / 2)
                    if not any(_overlap(box, b) for b in boxes):
                        break
                if dy is None:
                    continue
                y += dy
                if -50 < lx < w + 50 and -50 < y < h + 50:
                    boxes.append(box)
                    texts.append(name)
                    pos.append((lx, y))
                    colours.append(self.LABEL_COLOUR)
            for name, at in self.arrow_labels:
                texts.append(name)
                pos.append(at)
                colours.append(self.LABEL_COLOUR)
        if self.notice_text and self.show_notice:
            width = max(int((w - 20.0) / char_px), 20)  # characters per line
            lines = _wrapped(self.notice_text, width)
            for i, line in enumerate(lines):
                texts.append(line)
                pos.append((10.0, (16.0 + LINE_PX * i) * k))
                colours.append(self.NOTICE_COLOUR)
        bar_text, bar_pos = self._scale_bar(fd)
        texts.append(bar_text)
        pos.append(bar_pos)
        colours.append(self.BAR_COLOUR)
        if colours != self._colours:
            self.text.color = colours
            self._colours = colours
        _set_text(self.text, texts, pos)
        self.bar.draw(fd.m.size)
        self.text.draw()

    def _scale_bar(self, fd: FrameData) -> tuple[str, tuple[float, float]]:
        w, h = fd.m.size
        # measured where the eye meets the target's surface (what fills the view close up,
        # e.g. Jupiter's clouds from Juno), not at the target's centre
        surface = max(fd.pose.distance - self.target_radius, 0.01 * fd.pose.distance)
        km_per_px = surface * fd.units.radius_km / fd.m.pixels_per_radian
        k = self.text_scale
        length_km = nice_length(km_per_px * min(180.0 * k, w * 0.25))
        px = length_km / km_per_px
        x0, y0 = w - 20 - px, h - 20 - self.bottom_inset
        self.bar.set_rect(x0, y0 - 1.0 * k, x0 + px, y0 + 1.0 * k)
        text = format_km(length_km)
        width = LABEL_CHAR_PX * k * len(text)  # about the text's width
        x = min(x0 + px / 2 - width / 2, w - 8.0 - width)
        return text, (x, y0 - 12 * k)


@functools.lru_cache(maxsize=16)
def _wrapped(text: str, width: int) -> list[str]:
    """The notice's lines, each wrapped at ``width`` characters (cached: it rarely changes)."""
    return [part for line in text.split("\n") for part in textwrap.wrap(line, width)]


def _label_order(placed: dict, target: str) -> list[str]:
    """Whose label wins where two would overlap: the view's target, Juno, Jupiter, moons."""
    first = [b for b in (target, "juno", "jupiter") if b in placed]
    return list(dict.fromkeys(first + list(placed)))


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]
             ) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def silhouette_extents(fd: FrameData, bodies: list[str],
                       radii_render: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Leftmost and rightmost pixel of each body's outline as projected (perspective).

    A sphere seen off the view's centre projects to an ellipse larger than its angular
    radius suggests. Its extreme columns are where the planes through the eye that contain
    the screen's vertical axis touch the sphere: with the centre (x, z) in camera axes and
    a plane x = k (-z), tangency gives (x + k z)^2 = r^2 (1 + k^2), a quadratic in k, and
    the column follows from k as from any projected point. Bodies reaching behind the eye
    plane are left out (their label falls back to the centre and radius).
    """
    view = fd.m.view.tolist()
    (v00, v01, v02, v03), (v20, v21, v22, v23) = view[0], view[2]
    p00 = float(fd.m.proj[0, 0])
    half_width = 0.5 * fd.m.size[0]
    out = {}
    for body in bodies:
        r = radii_render.get(body, 0.0)
        if r <= 0.0:
            continue
        cx, cy, cz = fd.centres[body].tolist()
        x = v00 * cx + v01 * cy + v02 * cz + v03  # camera axes
        z = v20 * cx + v21 * cy + v22 * cz + v23
        if not -z > r * 1.0001:  # not wholly in front of the eye (or the eye inside)
            continue
        a = z * z - r * r
        root = r * math.sqrt(x * x + a)
        k1, k2 = (-x * z - root) / a, (-x * z + root) / a
        c1, c2 = (p00 * k1 + 1.0) * half_width, (p00 * k2 + 1.0) * half_width
        out[body] = (min(c1, c2), max(c1, c2))
    return out


OCCLUDERS = ("jupiter", "io", "europa", "ganymede", "callisto")


def _behind_any(fd: FrameData, names: list[str], centres: np.ndarray | list[list[float]],
                radii_render: dict[str, float]) -> list[bool]:
    """For the centres (N, 3) of bodies ``names``: which are hidden from the eye by the disc
    of Jupiter or of a (displayed, possibly enlarged) moon that is larger than they are.
    The disc counts at 93% of its radius (about the polar radius), so a body just past the
    limb keeps its label."""
    ex, ey, ez = fd.pose.eye.tolist()
    occ = [(fd.centres[b].tolist(), radii_render.get(b, 0.0))
           for b in OCCLUDERS if b in fd.centres]
    rows = centres.tolist() if isinstance(centres, np.ndarray) else centres
    out = []
    for body, (x, y, z) in zip(names, rows, strict=True):
        sx, sy, sz = x - ex, y - ey, z - ez  # the sight line from the eye to the body
        seg2 = max(sx * sx + sy * sy + sz * sz, 1e-300)
        own = radii_render.get(body, 0.0)
        hidden = False
        for (ox, oy, oz), r_occ in occ:
            if not own < r_occ:  # a moon cannot hide Jupiter's label
                continue
            t = ((ox - ex) * sx + (oy - ey) * sy + (oz - ez) * sz) / seg2
            if not 0.0 < t < 1.0:  # the occluder is not between the eye and the body
                continue
            mx, my, mz = ex + t * sx - ox, ey + t * sy - oy, ez + t * sz - oz
            if math.sqrt(mx * mx + my * my + mz * mz) < 0.93 * r_occ:
                hidden = True
                break
        out.append(hidden)
    return out


def _set_text(visual: OverlayText, texts: list[str], pos: list[tuple[float, float]]) -> None:
    """Change a text visual only where it changed (a new text means a new layout).

    Positions are rounded to whole pixels (crisp glyphs, and most frames then move no
    label) and compared as plain Python values: numpy's per-call overhead for a handful of
    labels cost more than the comparison.
    """
    current = visual.text  # a list once set here; the empty string before
    if (current if isinstance(current, list) else [current]) != texts:
        visual.text = texts
    rounded = [(float(round(x)), float(round(y))) for x, y in pos]
    if rounded != visual.shown_pos:
        visual.pos = np.array(rounded, dtype=np.float32).reshape(-1, 2)
        visual.shown_pos = rounded
