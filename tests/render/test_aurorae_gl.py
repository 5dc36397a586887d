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
    green = diff[changed][:, 1] > diff[changed][:, 2]
    assert green.mean() > 0.5  # mostly the green oval


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
