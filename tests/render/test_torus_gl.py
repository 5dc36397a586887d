"""The Io plasma torus layer: geometry on the centrifugal equator, and a rendered glow."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.field.internal import dipole_axis
from jovianview.core.timescale import utc_to_tdb
from jovianview.model.camera import View
from jovianview.model.settings import Settings
from jovianview.model.torus import RIBBON_RJ, centrifugal_axis, torus_mesh

PJ1 = float(utc_to_tdb("2016-08-27T12:50:44"))
SIZE = (480, 360)


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
    from jovianview.render.headless import _pick_backend, offscreen_canvas

    _pick_backend()
    settings = Settings(show_labels=False, show_trail=False, show_moon_orbits=False,
                        background="plain", show_junocam=False)
    c = offscreen_canvas(lambda: PJ1, settings, SIZE)
    try:
        def draw(show: bool) -> np.ndarray:
            c.renderer.settings.show_io_torus = show
            c.renderer.camera.go_to(View("jupiter", 25.0, 0.0, 25.0, 40.0, "free"),
                                    smooth=False)
            return c.render_offscreen(SIZE)[:, :, :3].astype(float)

        draw(False)
        off, on = draw(False), draw(True)
    finally:
        c.close()
    diff = on - off
    glow = diff.sum(axis=2) > 6
    assert glow.mean() > 0.03  # a ring across a good part of the frame
    px = diff[glow]
    assert np.median(px[:, 0]) > np.median(px[:, 1])  # red-violet, not green
