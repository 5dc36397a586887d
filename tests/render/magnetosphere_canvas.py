"""One plain offscreen canvas at PJ1 for the magnetosphere layers' render tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from jovianview.core.timescale import utc_to_tdb
from jovianview.model.camera import View
from jovianview.model.settings import Settings

PJ1 = float(utc_to_tdb("2016-08-27T12:50:44"))
SIZE = (480, 360)


@contextmanager
def pj1_canvas() -> Iterator[object]:
    """An offscreen canvas at PJ1 with labels, paths, JunoCam and stars off."""
    from jovianview.render.headless import _pick_backend, offscreen_canvas

    _pick_backend()
    settings = Settings(show_labels=False, show_trail=False, show_moon_orbits=False,
                        background="plain", show_junocam=False)
    c = offscreen_canvas(lambda: PJ1, settings, SIZE)
    try:
        yield c
    finally:
        c.close()


def draw_with(canvas, setting: str, show: bool, view: View) -> np.ndarray:  # noqa: ANN001
    """RGB (float) of one frame from ``view`` with the layer's ``setting`` on or off."""
    setattr(canvas.renderer.settings, setting, show)
    canvas.renderer.camera.go_to(view, smooth=False)
    return canvas.render_offscreen(SIZE)[:, :, :3].astype(float)
