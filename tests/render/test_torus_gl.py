"""The Io plasma torus layer: geometry on the centrifugal equator, and a rendered glow."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.field.internal import dipole_axis
from jovianview.model.camera import View
from jovianview.model.torus import RIBBON_RJ, centrifugal_axis, torus_mesh
from tests.render.magnetosphere_canvas import draw_with, pj1_canvas


def test_torus_sits_on_the_centrifugal_equator_between_5_and_7_5_rj():
    n = centrifugal_axis()
    tilt = np.degrees(np.arccos(n[2]))
    dipole_tilt = np.degrees(np.arccos(dipole_axis()[2]))
    assert abs(tilt - dipole_tilt * 2 / 3) < 1e-9 and 6.0 < tilt < 7.5
    mesh = torus_mesh()
    height = n @ mesh.vertices
    rho = np.linalg.norm(mesh.vertices - np.outer(n, height), axis=0)
    assert rho.min() > 4.99 and rho.max() < 7.51 and np.abs(height).max() <= 1.0 + 1e-9
    densest = rho[np.argmax(mesh.opacity)]
    assert abs(densest - RIBBON_RJ) < 0.2


@pytest.mark.gui
def test_torus_glows_around_jupiter():
    view = View("jupiter", 25.0, 0.0, 25.0, 40.0, "free")
    with pj1_canvas() as c:
        draw_with(c, "show_io_torus", False, view)  # warm-up: the maps settle first
        off = draw_with(c, "show_io_torus", False, view)
        on = draw_with(c, "show_io_torus", True, view)
    diff = on - off
    glow = diff.sum(axis=2) > 6
    assert glow.mean() > 0.03  # a ring across a good part of the frame
    px = diff[glow]
    assert np.median(px[:, 0]) > np.median(px[:, 1])  # red-violet, not green
