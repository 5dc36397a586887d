"""Flat shapes in pixel coordinates (the scale bar): one tiny program, no VisPy visual.

A VisPy LineVisual re-evaluates its transform chain on every draw; a filled rectangle in
pixels needs only the viewport size, so this costs one draw call and, while nothing moves,
no uniform or buffer upload at all.
"""

from __future__ import annotations

import numpy as np
from vispy import gloo

from jovianview.render.gldirect import DirectDraw, upload
from jovianview.render.uniforms import Uniforms

RECT_VERT = """
uniform vec2 u_size;        // viewport, pixels
attribute vec2 a_position;  // pixels, top-left origin
void main() {
    gl_Position = vec4(a_position.x / u_size.x * 2.0 - 1.0,
                       1.0 - a_position.y / u_size.y * 2.0, 0.0, 1.0);
}
"""

RECT_FRAG = """
uniform vec4 u_colour;
void main() {
    gl_FragColor = u_colour;
}
"""


class PixelRect:
    """A filled, axis-aligned rectangle given in pixels."""

    def __init__(self, colour: tuple[float, float, float, float]) -> None:
        self.program = gloo.Program(RECT_VERT, RECT_FRAG)
        self.uniforms = Uniforms(self.program)
        self.uniforms["u_colour"] = colour
        self._buffer = gloo.VertexBuffer(np.zeros((4, 2), np.float32))
        self.program["a_position"] = self._buffer
        self._corners = (0.0, 0.0, 0.0, 0.0)  # the uploaded rectangle (the buffer's zeros)
        self.direct = DirectDraw(self.program)

    def set_rect(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Set the rectangle's corners in pixels (uploaded only when they change; call
        while drawing, as the upload is a direct GL call)."""
        key = (float(x0), float(y0), float(x1), float(y1))
        if key != self._corners:
            self._corners = key
            upload(self._buffer, np.array([[x0, y0], [x1, y0], [x0, y1], [x1, y1]], np.float32))

    def draw(self, size: tuple[int, int]) -> None:
        """Draw the rectangle in a viewport of ``size`` pixels."""
        self.direct.draw("triangle_strip",
                         {"u_size": np.asarray(size, np.float32)}, count=4)
