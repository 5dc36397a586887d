"""JunoCam's frustum and footprint, computed in the vertex shader, lie where the core's
geometry (core.junocam.junocam_view, on the CPU) puts them."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.timescale import utc_to_tdb
from jovianview.model.camera import View, angles_of
from jovianview.model.settings import Settings
from jovianview.render.view import project

pytestmark = pytest.mark.gui
TDB = float(utc_to_tdb("2022-09-29T09:36:28"))
SIZE = (800, 600)


def _dense(points: np.ndarray, step: float) -> np.ndarray:
    """(3, N) polyline -> (M, 3) points at most ``step`` apart along it."""
    out = []
    for a, b in zip(points.T[:-1], points.T[1:], strict=True):
        n = max(2, int(np.ceil(np.linalg.norm(b - a) / step)) + 1)
        out.append(a + np.linspace(0.0, 1.0, n)[:, None] * (b - a))
    return np.concatenate(out)


def _nearest(pixels: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """For (P, 2) pixels, the distance to the nearest of (T, 2) targets."""
    return np.array([np.hypot(*(targets - p).T).min() for p in pixels])


@pytest.mark.parametrize("height_km", [10000.0, 30000.0])
def test_footprint_and_frustum_pixels_follow_the_core_geometry(height_km: float) -> None:
    from vispy import gloo

    from jovianview.render.headless import _pick_backend, offscreen_canvas

    _pick_backend()
    settings = Settings(show_labels=False, show_trail=False, show_moon_orbits=False,
                        background="plain", scale_mode="true")
    canvas = offscreen_canvas(lambda: TDB, settings, SIZE)
    try:
        r = canvas.renderer
        sun = r.scene.snapshot(TDB).sun_direction
        sun_az, sun_el = angles_of(r.units.frame @ sun)
        r.camera.go_to(View("jupiter", 3.2, sun_az + 25.0, sun_el, 40.0), smooth=False)
        fd = r.prepare(TDB, SIZE)
        # Juno over the sub-solar point, spin axis across it: the footprint faces the camera
        fd.snap.positions["juno"] = sun * (71492.0 + height_km)
        earth = np.cross(sun, [0.0, 0.0, 1.0])
        fd.snap.earth_direction = earth / np.linalg.norm(earth)
        fd.centres["juno"] = r.units.point64(fd.snap.positions["juno"])
        fbo = gloo.FrameBuffer(gloo.Texture2D((SIZE[1], SIZE[0], 4)),
                               gloo.RenderBuffer((SIZE[1], SIZE[0]), "depth"))

        def image(show: bool) -> np.ndarray:
            r.junocam.visible = show
            with fbo:
                r.draw(fd, canvas, (0, 0, *SIZE))
                return gloo.read_pixels((0, 0, *SIZE), alpha=False).astype(int)

        without, drawn = image(False), image(True)
        view = r.junocam.last_view
    finally:
        canvas.close()
    assert view is not None and view.footprint.shape[1] > 10
    changed = np.abs(drawn - without).max(axis=2) > 60
    yellow = changed & (drawn[:, :, 0] > 200) & (drawn[:, :, 1] > 180) & (drawn[:, :, 2] < 120)
    orange = changed & (drawn[:, :, 0] > 200) & (drawn[:, :, 1] > 80) & (drawn[:, :, 1] < 170)
    to_px = lambda km: project(fd.m, r.units.point64(km.T).T)[0] - 0.5  # noqa: E731
    foot = to_px(_dense(view.footprint * 1.002, 50.0))
    far = view.apex[:, None] + view.edge_directions * np.linalg.norm(view.apex)
    edges = [np.stack([view.apex, c], axis=1) for c in far[:, ::16][:, :4].T]
    frustum = to_px(np.concatenate([_dense(p, 200.0) for p in (far, *edges)]))
    ys, xs = np.nonzero(yellow)
    assert len(xs) > 100
    # every footprint pixel lies on the core's footprint, and the footprint is all drawn
    assert np.percentile(_nearest(np.stack([xs, ys], 1), foot), 99) < 2.0
    on_screen = foot[(foot[:, 0] > 2) & (foot[:, 0] < SIZE[0] - 2) & (foot[:, 1] > 2)
                     & (foot[:, 1] < SIZE[1] - 2)]
    assert (_nearest(on_screen[::5], np.stack([xs, ys], 1)) < 2.0).mean() > 0.95
    ys, xs = np.nonzero(orange)
    assert len(xs) > 50
    assert np.percentile(_nearest(np.stack([xs, ys], 1), frustum), 99) < 2.0
