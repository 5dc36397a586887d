"""gldirect.upload: a buffer written by a direct GL call shows in the next draw, after any
write VisPy still had queued, and a larger write still goes through VisPy."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.gui

VERT = "attribute vec2 a_pos; void main() { gl_Position = vec4(a_pos, 0.0, 1.0); }"
FRAG = "void main() { gl_FragColor = vec4(1.0); }"
# a triangle over pixel columns 4..12 of 32, and the same over columns 20..28
LEFT = np.array([[-0.75, -0.5], [-0.25, -0.5], [-0.5, 0.5]], np.float32)
RIGHT = LEFT + np.float32([1.0, 0.0])


@pytest.fixture
def triangle():
    from vispy import gloo

    from jovianview.render.gldirect import DirectDraw
    from tests.render.tiny_canvas import tiny_canvas

    canvas = tiny_canvas()
    program = gloo.Program(VERT, FRAG)
    buffer = gloo.VertexBuffer(LEFT.copy())
    program["a_pos"] = buffer
    direct = DirectDraw(program)
    fbo = gloo.FrameBuffer(gloo.Texture2D((32, 32, 4)))

    def draw(count: int = 3) -> np.ndarray:
        """White columns of one frame of ``count`` vertices' triangles."""
        with fbo:
            gloo.set_viewport(0, 0, 32, 32)
            gloo.set_clear_color("black")
            gloo.clear()
            direct.draw("triangles", {}, count=count)
            image = gloo.read_pixels((0, 0, 32, 32), alpha=False)
        return np.flatnonzero(image[:, :, 0].max(axis=0) > 128)

    try:
        yield buffer, draw
    finally:
        canvas.close()


def test_a_direct_upload_moves_the_triangle(triangle) -> None:
    from jovianview.render.gldirect import upload

    buffer, draw = triangle
    first = draw()  # VisPy's own first upload: the triangle on the left
    assert len(first) > 0 and set(first) <= set(range(4, 13))
    upload(buffer, RIGHT)
    assert set(draw()) <= set(range(20, 29)) and len(draw()) > 0
    upload(buffer, LEFT)
    assert set(draw()) <= set(range(4, 13)) and len(draw()) > 0


def test_a_write_vispy_still_queues_lands_before_the_direct_one(triangle) -> None:
    from jovianview.render.gldirect import upload

    buffer, draw = triangle
    draw()
    buffer.set_data(LEFT.copy())  # queued in VisPy, not yet sent
    upload(buffer, RIGHT)
    columns = draw()
    assert len(columns) > 0 and set(columns) <= set(range(20, 29))


def test_a_larger_write_grows_the_buffer_through_vispy(triangle) -> None:
    from jovianview.render.gldirect import upload

    buffer, draw = triangle
    draw()
    upload(buffer, np.concatenate([LEFT, RIGHT]))
    assert buffer.nbytes == 48
    columns = draw(count=6)
    assert any(c < 16 for c in columns) and any(c > 16 for c in columns)


def test_uniforms_skipped_when_unchanged_still_draw_right() -> None:
    """A uniform is sent only when its value changes, also between two DirectDraws of one
    program and after the value went through another."""
    from vispy import gloo

    from jovianview.render.gldirect import DirectDraw
    from tests.render.tiny_canvas import tiny_canvas

    canvas = tiny_canvas()
    try:
        program = gloo.Program("attribute vec2 a_pos; uniform vec2 u_shift; void main() "
                               "{ gl_Position = vec4(a_pos + u_shift, 0.0, 1.0); }", FRAG)
        program["a_pos"] = gloo.VertexBuffer(LEFT.copy())
        one, two = DirectDraw(program), DirectDraw(program)
        fbo = gloo.FrameBuffer(gloo.Texture2D((32, 32, 4)))

        def columns(direct: DirectDraw, shift: float) -> set[int]:
            with fbo:
                gloo.set_viewport(0, 0, 32, 32)
                gloo.set_clear_color("black")
                gloo.clear()
                direct.draw("triangles", {"u_shift": np.float32([shift, 0.0])}, count=3)
                image = gloo.read_pixels((0, 0, 32, 32), alpha=False)
            return set(np.flatnonzero(image[:, :, 0].max(axis=0) > 128).tolist())

        left, right = set(range(4, 13)), set(range(20, 29))
        for direct, shift, where in ((one, 0.0, left), (one, 0.0, left), (one, 1.0, right),
                                     (two, 0.0, left), (one, 1.0, right), (one, 0.0, left),
                                     (two, 0.0, left)):
            got = columns(direct, shift)
            assert got and got <= where, (shift, got)
    finally:
        canvas.close()
