"""The aurora layer (main ovals, moon footprint spots, Io's tail), rendered and checked."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.field.bodies import moon_footprints
from jovianview.core.field.trace import planetocentric
from jovianview.model.aurorae import io_tail, main_oval, moon_spots
from jovianview.model.camera import View
from jovianview.model.scene import SceneModel
from tests.render.magnetosphere_canvas import PJ1, draw_with, pj1_canvas

pytestmark = pytest.mark.gui

VIEW = View("jupiter", 4.0, 0.0, 89.0, 40.0, "free")


@pytest.fixture(scope="module")
def canvas():
    with pj1_canvas() as c:
        yield c


def _draw(canvas, show: bool) -> np.ndarray:
    return draw_with(canvas, "show_aurorae", show, VIEW)


def test_aurorae_glow_over_the_north_pole_at_pj1(canvas):
    _draw(canvas, False)  # warm-up: the planet's maps settle in the first frames
    off = _draw(canvas, False)
    on = _draw(canvas, True)
    diff = on - off
    changed = np.abs(diff).sum(axis=2) > 20
    assert changed.sum() > 300  # the oval and the spots
    assert (diff[changed].sum(axis=1) > 0).mean() > 0.95  # additive: the glow brightens
    d = diff[changed]
    pink = (d[:, 0] > d[:, 1]) & (d[:, 0] > d[:, 2])
    assert pink.mean() > 0.5  # mostly the pink-red oval band


def test_moon_spots_agree_with_a_live_trace():
    snap = SceneModel(PJ1).snapshot(PJ1)
    rot = snap.rotations["jupiter"]
    live = {fp.moon: fp for fp in moon_footprints(PJ1)}
    for moon in ("io", "europa", "ganymede"):
        x, y, _ = rot @ snap.positions[moon]
        north, south = moon_spots(moon, float(np.mod(-np.degrees(np.arctan2(y, x)), 360)))
        lat_n, lon_n = planetocentric(north[:, None])
        # The track is traced at the mean orbital distance every 10 deg: measured within
        # ~1 deg of a trace through the moon's actual position.
        assert abs(lat_n[0] - live[moon].north_lat[0]) < 1.5
        assert abs((lon_n[0] - live[moon].north_west_lon[0] + 180) % 360 - 180) < 3.0


def test_oval_is_poleward_of_io_and_the_tail_trails():
    north, _ = main_oval()
    io_n, _, fade = io_tail(200.0)
    oval_lat = planetocentric(north)[0]
    io_lat = planetocentric(io_n)[0]
    assert north.shape[1] >= 30 and np.median(oval_lat) > np.median(io_lat)
    assert fade[0] == 1.0 and fade[-1] == 0.0


def test_spots_follow_io_by_uniforms_without_buffer_uploads():
    from jovianview.model.settings import Settings
    from jovianview.render.headless import _pick_backend, offscreen_canvas
    from jovianview.render.view import project
    from tests.render.magnetosphere_canvas import SIZE

    clock = [PJ1]
    _pick_backend()
    settings = Settings(show_labels=False, show_trail=False, show_moon_orbits=False,
                        background="plain", show_junocam=False, show_aurorae=True)
    c = c_ = offscreen_canvas(lambda: clock[0], settings, SIZE)
    try:
        c.renderer.camera.go_to(VIEW, smooth=False)
        layer = c.renderer.aurorae
        for hours in (0.0, 0.0, 1.5, 3.0):  # Io's footprint moves ~40 deg of longitude/hour
            clock[0] = PJ1 + hours / 24.0
            settings.show_aurorae = True
            on = c.render_offscreen(SIZE)[:, :, :3].astype(float)
            fd = c.renderer.last
            settings.show_aurorae = False
            off = c.render_offscreen(SIZE)[:, :, :3].astype(float)
            scale = fd.units.length(71_492.0)
            spot = layer.spot_uniforms(fd, scale)["u_spot0"]  # Io, north
            model = fd.units.frame @ np.asarray(fd.snap.rotations["jupiter"]).T
            (x, y), = project(fd.m, (fd.centres["jupiter"] + model @ spot[:3])[None, :])[0]
            i, j = int(round(y)), int(round(x))
            glow = (on - off)[i - 2:i + 3, j - 2:j + 3].sum(axis=2)
            assert glow.max() > 60, (hours, glow.max())  # the spot is drawn where it is now
        assert layer.uploads == 2  # spots and tail uploaded once, then only uniforms
    finally:
        c_.close()
