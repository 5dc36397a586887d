"""A small hidden canvas with a current GL context for tests of raw GL paths (skips the
test, with the reason, where no OpenGL context can be made)."""

from __future__ import annotations

import pytest


def tiny_canvas(size: tuple[int, int] = (32, 32)):  # noqa: ANN201 - a vispy app.Canvas
    """A hidden VisPy canvas of ``size``, its context current; the caller closes it."""
    from jovianview.render.headless import NoOpenGLError, _pick_backend

    try:
        _pick_backend()
        from vispy import app

        canvas = app.Canvas(size=size, show=False)
    except (NoOpenGLError, RuntimeError) as exc:
        pytest.skip(f"no OpenGL context: {exc}")
    canvas.set_current()
    return canvas
