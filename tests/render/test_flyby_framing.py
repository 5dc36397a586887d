"""The "Juno and the moon" camera and the enlarged moons' size through a flyby.

Juno and the moon must project inside the frame through every close flyby, at both window
sizes the classrooms use; in the enlarged mode the moon stays at its true size through the
hours around closest approach and changes size only while Juno is far away.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from jovianview.core.events import events_of_kind
from jovianview.core.timescale import utc_to_tdb
from jovianview.model.flyby_framing import (
    FADE_HOURS,
    HOLD_HOURS,
    describe,
    flyby_for_view,
    moon_enlargement,
)
from jovianview.model.settings import Settings
from jovianview.render.renderer import FLYBY_CLEARANCE, MOON_ENLARGEMENT
from jovianview.render.view import project

SIZES = ((1024, 768), (1920, 1080))
PJ57 = utc_to_tdb("2023-12-30T08:36:00.84")
IO_R = 1829.4


def close_flybys():
    return [e for e in events_of_kind("flyby")
            if moon_enlargement(e.body, e.tdb, MOON_ENLARGEMENT, FLYBY_CLEARANCE,
                                {"io": 1829.4, "europa": 1564.13, "ganymede": 2632.4}
                                .get(e.body, 2409.4)).scale == 1.0]


@pytest.fixture(scope="module")
def canvas():
    from jovianview.render.headless import _pick_backend, offscreen_canvas

    _pick_backend()
    settings = Settings(show_labels=True, show_trail=False, show_moon_orbits=False,
                        scale_mode="enlarged")
    c = offscreen_canvas(lambda: PJ57, settings, SIZES[0])
    yield c
    c.close()


def test_enlargement_holds_true_size_around_closest_approach():
    scale = [moon_enlargement("io", PJ57 + h / 24, 8.0, 0.7, IO_R).scale
             for h in np.arange(-14, 14.01, 0.25)]
    hours = np.arange(-14, 14.01, 0.25)
    assert all(s == 1.0 for s, h in zip(scale, hours, strict=True) if abs(h) <= HOLD_HOURS)
    assert all(s == 8.0 for s, h in zip(scale, hours, strict=True)
               if abs(h) >= HOLD_HOURS + FADE_HOURS)
    before = [s for s, h in zip(scale, hours, strict=True) if h < 0]
    assert all(a >= b for a, b in zip(before, before[1:], strict=False))  # only shrinks, then holds
    steps = np.abs(np.diff(np.log(scale)))
    assert steps.max() < math.log(8.0) * 0.25 / FADE_HOURS * 1.6  # smooth: no jumps


def test_distant_pass_keeps_the_enlargement():
    pj62 = [e for e in events_of_kind("flyby") if e.number == 62][0]  # 29,000 km: clears Juno
    assert moon_enlargement("io", pj62.tdb, 8.0, 0.7, IO_R).scale == 8.0


def test_banner_words():
    words = describe("io", moon_enlargement("io", PJ57 - 1.5 / 24, 8.0, 0.7, IO_R))
    assert words.startswith("Io drawn at its true size for Juno's close flyby")
    assert "closest approach in 1 h 30 min" in words
    fading = describe("io", moon_enlargement("io", PJ57 - 7 / 24, 8.0, 0.7, IO_R))
    assert "shrinking to its true size while Juno is still far away" in fading
    assert describe("io", moon_enlargement("io", PJ57 - 3, 8.0, 0.7, IO_R)) is None


def test_close_flybys_are_the_expected_ones():
    assert {(e.body, e.number) for e in close_flybys()} == {
        ("ganymede", 34), ("europa", 45), ("io", 55), ("io", 57), ("io", 58), ("io", 60)}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_juno_and_the_moon_stay_in_frame_through_each_close_flyby(canvas, size):
    r = canvas.renderer
    w, h = size
    for event in close_flybys():
        moon = event.body
        assert flyby_for_view(event.tdb) == event
        view = r.preset_view("flyby", event.tdb)
        assert view.target == moon and view.mode == "flyby"
        r.camera.go_to(view, "flyby", smooth=False)
        radii = []
        hours_grid = np.concatenate([np.arange(-6.0, -1.0, 0.25), np.arange(-1.0, 1.0, 1 / 60),
                                     np.arange(1.0, 6.01, 0.25)])  # 1-min steps near the moon
        for hours in hours_grid:
            t = event.tdb + hours / 24.0
            fd = r.prepare(t, size)
            xy, depth = project(fd.m, np.array([fd.centres["juno"], fd.centres[moon]]))
            assert (depth > 0).all(), (event.label, hours)
            for x, y in xy:
                assert 0 <= x < w and 0 <= y < h, (event.label, event.number, hours, xy)
            x, y, rad = r.labels.placed[moon]
            assert rad <= min(x, y, w - x, h - y) + 1.0, (event.label, hours)  # whole disc
            assert "juno" not in fd.off_screen and moon not in fd.off_screen
            if abs(hours) <= HOLD_HOURS:
                assert fd.display_scale[moon] == 1.0  # true size around closest approach
            radii.append(rad)
        # smooth: the moon's apparent size changes by under a third between samples (15 min
        # apart far out, 1 min within an hour of closest approach)
        ratios = np.array(radii[1:]) / np.array(radii[:-1])
        assert ratios.max() < 1.35 and ratios.min() > 1 / 1.35, event.label


def test_pixels_show_the_moon_lit_and_juno_at_closest_approach(canvas):
    r = canvas.renderer
    w, h = SIZES[0]
    canvas.time_source = lambda: PJ57
    r.camera.go_to(r.preset_view("flyby", PJ57), "flyby", smooth=False)
    image = canvas.render_offscreen((w, h))[:, :, :3].astype(float)
    x, y, rad = r.labels.placed["io"]
    yy, xx = np.mgrid[0:h, 0:w]
    disc = np.hypot(xx - x, yy - y) < 0.9 * rad
    assert rad > 0.15 * h  # Io fills a good part of the frame at closest approach
    lit = image[disc].sum(axis=1) > 150
    assert lit.mean() > 0.3  # the lit side faces the camera
    jx, jy, jr = r.labels.placed["juno"]
    patch = image[int(jy) - 4:int(jy) + 5, int(jx) - 4:int(jx) + 5]
    assert patch.sum(axis=2).max() > 120  # Juno is drawn where it projects
    notice = r.notice(r.last)
    assert "Io drawn at its true size for Juno's close flyby" in notice
