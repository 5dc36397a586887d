"""The VisPy canvas the window embeds (and the headless renderer's offscreen target).

The mouse steers the :class:`CameraModel`: left drag orbits, right or middle drag (or
shift + left drag) pans, the wheel or a trackpad scroll zooms. A click that did not drag
picks the named feature or else the body under the pointer. Keys (A/D/W/S orbit, +/-
zoom...) are the window's, routed wherever the focus is (``jovianview.qt.shortcuts``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from psygnal import Signal
from vispy import app, gloo
from vispy.app.canvas import DrawEvent, MouseEvent, ResizeEvent

from jovianview.model.camera import CameraModel
from jovianview.render import vispy_private
from jovianview.render.renderer import SceneRenderer

ORBIT_DEG_PER_PX = 0.3
PICK_MARGIN_PX = 8.0


def _skip_alpha_clear(canvas: app.Canvas) -> None:
    """Paint without VisPy's alpha-channel clear after each frame (Qt's QOpenGLWidget).

    VisPy's Qt widget clears the alpha channel after every draw so that translucent
    drawing cannot leave see-through pixels. A colour-masked clear is a full-window pass on
    software GL (about 2 ms a frame at 1280x720 on llvmpipe). The renderer keeps alpha at 1
    by itself: an opaque clear and blending that keeps the destination's alpha
    (:func:`~jovianview.render.gldirect.set_state`). PyQt looks a virtual method up on the
    instance first, so this replaces ``paintGL`` for this widget only.
    """
    native = getattr(canvas, "native", None)
    if native is None or not hasattr(native, "paintGL") \
            or not hasattr(native, "defaultFramebufferObject"):  # not a QOpenGLWidget
        return

    def paint_gl() -> None:
        if not vispy_private.is_vispy_qt_widget(native):
            return
        canvas.set_current()
        canvas.events.draw(region=None)
        canvas.context.flush()

    native.paintGL = paint_gl


class JovianCanvas(app.Canvas):
    """A GL canvas that draws the scene at the time :attr:`time_source` gives."""

    picked = Signal(str)
    feature_picked = Signal(str)  # "body:name" of a named feature clicked

    def __init__(self, make_renderer: Callable[[], SceneRenderer],
                 time_source: Callable[[], float], size: tuple[int, int] = (1280, 720),
                 **kwargs: Any) -> None:
        super().__init__(size=size, keys=None, **kwargs)
        self.time_source = time_source
        self.renderer = make_renderer()
        self._press: tuple[float, float] | None = None
        self._last: tuple[float, float] | None = None
        self._dragged = False
        self.frames_drawn = 0
        _skip_alpha_clear(self)

    @property
    def camera(self) -> CameraModel:
        """The renderer's camera model, which mouse and keys steer."""
        return self.renderer.camera

    # ---------------------------------------------------------------- drawing
    def on_draw(self, event: DrawEvent) -> None:
        """Draw one frame at the time :attr:`time_source` gives."""
        w, h = self.physical_size
        self.renderer.frame(self.time_source(), (w, h), self)
        self.frames_drawn += 1
        if self.renderer.labels.deferred:  # text was left for the next frame
            self.update()

    def on_resize(self, event: ResizeEvent) -> None:
        """Follow the new size with the GL viewport."""
        gloo.set_viewport(0, 0, *self.physical_size)

    def render_offscreen(self, size: tuple[int, int]) -> np.ndarray:
        """Draw one frame into an offscreen framebuffer; returns (h, w, 4) uint8 RGBA."""
        w, h = size
        fbo = gloo.FrameBuffer(gloo.Texture2D((h, w, 4)), gloo.RenderBuffer((h, w), "depth"))
        with fbo:
            self.renderer.frame(self.time_source(), (w, h), self)
            image = gloo.read_pixels((0, 0, w, h), alpha=True)
        return image

    # ---------------------------------------------------------------- mouse
    def on_mouse_press(self, event: MouseEvent) -> None:
        """Start a possible drag (or click) where the button went down."""
        self._press = self._last = tuple(event.pos)
        self._dragged = False

    def on_mouse_move(self, event: MouseEvent) -> None:
        """Orbit (left drag) or pan (right, middle or shift drag) the camera."""
        if self._last is None or self._press is None or not event.is_dragging:
            return
        x, y = event.pos
        dx, dy = x - self._last[0], y - self._last[1]
        self._last = (x, y)
        if abs(x - self._press[0]) + abs(y - self._press[1]) > 3:
            self._dragged = True
        pan = event.button in (2, 3) or "Shift" in [k.name for k in event.modifiers]
        if pan:
            h = max(self.size[1], 1)
            self.camera.pan_by(dx / h, dy / h)
        else:
            self.camera.orbit(-dx * ORBIT_DEG_PER_PX, dy * ORBIT_DEG_PER_PX)
        self.update()

    def on_mouse_release(self, event: MouseEvent) -> None:
        """Pick the feature or body under a click that did not drag."""
        if self._press is not None and not self._dragged:
            feature = self.pick_feature(*event.pos)
            body = None if feature else self.pick(*event.pos)
            if feature:
                self.feature_picked.emit(feature)
            elif body:
                self.picked.emit(body)
        self._press = self._last = None

    def on_mouse_wheel(self, event: MouseEvent) -> None:
        """Zoom the camera with the wheel or a trackpad scroll."""
        self.camera.zoom(0.87 ** float(event.delta[1]))
        self.update()

    def pick(self, x: float, y: float) -> str | None:
        """The body whose disc (plus a margin) contains logical pixel (x, y), nearest first."""
        ratio = self.physical_size[0] / max(self.size[0], 1)
        px, py = x * ratio, y * ratio
        best, best_d = None, np.inf
        labels = self.renderer.labels
        for body, (bx, by, r) in labels.placed.items():
            if body in labels.occluded:
                continue
            d = float(np.hypot(px - bx, py - by))
            if d <= r + PICK_MARGIN_PX * ratio and d - r < best_d:
                best, best_d = body, d - r
        return best

    def pick_feature(self, x: float, y: float) -> str | None:
        """The named feature (``body:name``) drawn at logical pixel (x, y), if any."""
        ratio = self.physical_size[0] / max(self.size[0], 1)
        return self.renderer.features.pick(x * ratio, y * ratio, 4.0 * ratio)
