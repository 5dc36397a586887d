"""The magnetic field-line layer, rendered (real OpenGL: Xvfb + Mesa, or EGL)."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.model.camera import View
from jovianview.model.field_lines import field_lines
from tests.render.magnetosphere_canvas import draw_with, pj1_canvas

pytestmark = pytest.mark.gui

VIEW = View("jupiter", 14.0, 0.0, 89.0, 40.0, "free")


@pytest.fixture(scope="module")
def canvas():
    with pj1_canvas() as c:
        yield c


def _draw(canvas, show: bool) -> np.ndarray:
    return draw_with(canvas, "show_field_lines", show, VIEW)


def test_field_lines_drawn_from_above_the_north_pole_at_pj1(canvas):
    off = _draw(canvas, False)
    on = _draw(canvas, True)
    changed = np.abs(on - off).sum(axis=2) > 30
    assert changed.mean() > 0.01  # a bundle of lines, not a stray pixel
    # Away from the planet (outer quarter of the frame) the lines are blue-violet or cyan
    # (weak field), never the yellow of the strong field near the surface.
    h, w = changed.shape
    yy, xx = np.mgrid[0:h, 0:w]
    outer = changed & (np.hypot(xx - w / 2, yy - h / 2) > 0.4 * h)
    assert outer.sum() > 100
    px = on[outer]
    assert np.median(px[:, 2]) > np.median(px[:, 0])  # blue over red
    again = _draw(canvas, False)  # the toggle takes them away
    assert (np.abs(again - off).sum(axis=2) > 30).mean() < 0.1 * changed.mean()


def test_bundle_is_closed_lines_foot_to_foot():
    lines = field_lines()
    assert len(lines) >= 30
    for ln in lines:
        r = np.linalg.norm(ln.points, axis=0)
        assert r[0] < 1.01 and r[-1] < 1.01  # both feet on the 1-bar surface
        assert r.max() >= 0.95 * ln.shell_rj  # reaches (about) its shell at the equator
        assert ln.points[2, 0] > 0 > ln.points[2, -1]  # north foot first
