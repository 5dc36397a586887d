"""The radiation-belt layer: shells between their L-shells, and a rendered glow beside Jupiter."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.model.camera import View
from jovianview.model.radiation_belts import belt_mesh, belts, magnetic_shell
from tests.render.magnetosphere_canvas import draw_with, pj1_canvas


def test_belt_vertices_lie_between_their_shells_and_outside_the_planet() -> None:
    mesh = belt_mesh()
    shells = magnetic_shell(mesh.vertices)
    lo = min(b.inner_l for b in belts())
    hi = max(b.outer_l for b in belts())
    assert shells.min() > lo - 1e-9 and shells.max() < hi + 1e-9
    assert np.linalg.norm(mesh.vertices, axis=0).min() > 1.0 - 1e-9
    assert mesh.triangles.max() < mesh.vertices.shape[1]
    assert 0.0 <= mesh.opacity.min() and mesh.opacity.max() <= 1.0


@pytest.mark.gui
def test_belts_glow_close_to_jupiter_only() -> None:
    view = View("jupiter", 8.0, 0.0, 10.0, 40.0, "free")
    with pj1_canvas() as c:
        draw_with(c, "show_radiation_belts", False, view)  # warm-up: the maps settle first
        off = draw_with(c, "show_radiation_belts", False, view)
        on = draw_with(c, "show_radiation_belts", True, view)
    glow = (on - off).sum(axis=2) > 6
    assert glow.mean() > 0.005  # drawn
    ys, xs = np.nonzero(glow)
    h, w = glow.shape
    # A few Jupiter radii around the planet at the centre of the frame, not the whole picture.
    assert np.abs(xs - w / 2).max() < 0.45 * w and np.abs(ys - h / 2).max() < 0.45 * h
    assert not (on - off < -6).any(axis=2).mean() > 0.001  # additive: nothing gets darker
