"""Shadows, eclipses, the night side and the rings, measured on rendered pixels.

The expected places and times come from the core: the phenomena search
(:func:`jovianview.core.phenomena.moon_events`) finds an Io shadow transit and an eclipse;
:func:`jovianview.core.telescope.shadow_on_jupiter` gives the shadow's centre on the clouds.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from jovianview.core.ephemeris import state
from jovianview.core.phenomena import moon_events
from jovianview.core.telescope import earth_view, shadow_on_jupiter
from jovianview.core.timescale import SECONDS_PER_DAY, utc_to_tdb
from jovianview.model.camera import View, angles_of
from jovianview.model.settings import Settings
from jovianview.render.view import project

pytestmark = pytest.mark.gui

START = float(utc_to_tdb("2023-05-01T00:00:00"))
SIZE = (640, 480)


def _events():
    return moon_events(START, START + 2, moons=["io"], kinds=["shadow", "eclipse"])


def _settings(**over) -> Settings:
    base = dict(show_labels=False, background="plain", show_trail=False,
                show_moon_orbits=False, show_junocam=False)
    base.update(over)
    return Settings(**base)


class Shots:
    """One offscreen canvas whose clock and camera the test sets."""

    def __init__(self, settings: Settings, tdb: float) -> None:
        from jovianview.render import headless

        headless._pick_backend()
        self.tdb = tdb
        self.canvas = headless.offscreen_canvas(lambda: self.tdb, settings, SIZE)
        self.renderer = self.canvas.renderer

    def look(self, view: View) -> None:
        self.renderer.camera.go_to(view, view.target, smooth=False)

    def image(self) -> np.ndarray:
        return self.canvas.render_offscreen(SIZE)[:, :, :3].astype(float)

    def close(self) -> None:
        self.canvas.close()


def test_io_shadow_sits_within_two_pixels_of_the_core_geometry():
    shadow = [e for e in _events() if e.kind == "shadow"][:2]
    tdb = 0.5 * (shadow[0].tdb + shadow[1].tdb)  # mid-transit (Earth time); the scene's time
    sun = state("sun", tdb)[0]
    images = {}
    for shown in (True, False):
        shots = Shots(_settings(show_moon_shadows=shown, show_rings=False), tdb)
        try:
            r = shots.renderer
            point = shadow_on_jupiter(r.scene.snapshot(tdb).positions["io"], sun, tdb)
            assert point is not None
            az, el = angles_of(r.units.frame @ point)
            shots.look(View("jupiter", 2.2, az + 4.0, el - 2.0, 40.0, "free"))
            images[shown] = shots.image()
            fd = r.last
            pix, depth = project(fd.m, fd.units.point64(point)[None, :])
        finally:
            shots.close()
    x, y = float(pix[0, 0]), float(pix[0, 1])
    assert depth[0] > 0 and 50 < x < SIZE[0] - 50 and 50 < y < SIZE[1] - 50
    on, off = images[True].sum(axis=2), images[False].sum(axis=2)
    # the share of the light taken away (independent of the clouds' brightness there)
    dark = np.clip(1.0 - on / np.maximum(off, 1.0), 0.0, 1.0) * (off > 30)
    dark[dark < 0.1] = 0.0
    ys, xs = np.nonzero(dark)
    assert xs.size > 10, "no shadow drawn"
    w = dark[ys, xs]
    cx, cy = float((xs * w).sum() / w.sum()), float((ys * w).sum() / w.sum())
    print("shadow centroid", (cx, cy), "geometry", (x, y))
    assert math.hypot(cx - x, cy - y) < 2.0, ((cx, cy), (x, y))
    assert np.ptp(xs) < 60 and np.ptp(ys) < 60  # one compact spot, nothing else darkened
    # the umbra is black and the penumbra a gradient
    assert on[int(round(y)), int(round(x))] < 10


def test_a_body_nothing_shades_is_drawn_without_the_shadow_code_and_looks_the_same():
    """The sunlit variant (no shadow code: ~9 ms a frame less for a full-screen Jupiter on
    llvmpipe) is chosen only while nothing shades a body, and draws the same pixels."""
    shadow = [e for e in _events() if e.kind == "shadow"][:2]
    mid = 0.5 * (shadow[0].tdb + shadow[1].tdb)
    shots = Shots(_settings(show_rings=False), mid)
    try:
        r = shots.renderer
        shots.look(View("jupiter", 2.2, 30.0, 10.0, 40.0, "free"))
        shots.image()
        assert r.bodies.drawn_shadowed["jupiter"]  # Io's shadow is on the clouds
        shots.tdb = mid + 0.5  # half a day later: no shadow on Jupiter
        sunlit = shots.image()
        assert not r.lighting.pairs.get("jupiter") and not r.bodies.drawn_shadowed["jupiter"]
        r.bodies.direct_sunlit["jupiter"] = r.bodies.direct["jupiter"]  # force the other
        shadowed = shots.image()
    finally:
        shots.close()
    assert sunlit.sum() > 1000.0 * 255  # Jupiter is on the picture
    assert np.abs(sunlit - shadowed).max() <= 1.0


@pytest.mark.parametrize("scale", ["true", "enlarged"])
def test_io_dims_within_a_minute_of_the_eclipse(scale):
    start = next(e for e in _events() if e.event == "eclipse_start")
    # the event is when half of Io's light is gone, seen from Earth: the light left Io tau
    # earlier, and the scene shows the system at the time it is given
    geometric = start.tdb - earth_view(start.tdb).light_time_s / SECONDS_PER_DAY
    offsets = np.arange(-300.0, 301.0, 30.0)
    shots = Shots(_settings(scale_mode=scale, show_rings=False), geometric)
    try:
        r = shots.renderer
        sun_dir = r.units.frame @ state("sun", geometric)[0]
        az, el = angles_of(sun_dir)
        view = r.preset_view("io", geometric)
        shots.look(View("io", view.distance, az, el, 40.0, "free"))  # full phase
        flux = []
        for dt in offsets:
            shots.tdb = geometric + dt / SECONDS_PER_DAY
            flux.append(np.clip(shots.image().sum(axis=2) - 8.0, 0.0, None).sum())  # no sky
    finally:
        shots.close()
    flux = np.asarray(flux)
    lit, dark = flux[0], flux[-1]
    assert dark < 0.05 * lit  # in the umbra Io is black by default
    half = np.interp(0.5, (flux[::-1] - dark) / (lit - dark), offsets[::-1])
    print("half light at", half, "s from the geometric time")
    assert abs(half) < 60.0, half


def test_lit_for_teaching_keeps_the_eclipsed_moon_and_night_side_visible():
    start = next(e for e in _events() if e.event == "eclipse_start")
    t = start.tdb - earth_view(start.tdb).light_time_s / SECONDS_PER_DAY + 600 / SECONDS_PER_DAY
    sums = {}
    for teaching in (False, True):
        shots = Shots(_settings(scale_mode="true", lit_for_teaching=teaching,
                                show_rings=False), t)
        try:
            shots.look(shots.renderer.preset_view("io", t))
            sums[teaching] = shots.image().sum()
        finally:
            shots.close()
    assert sums[True] > 5 * max(sums[False], 1.0)


def _ring_view(shots: Shots, tdb: float, sun_side: bool) -> np.ndarray:
    sun_dir = shots.renderer.units.frame @ state("sun", tdb)[0]
    az = angles_of(sun_dir)[0] + (0.0 if sun_side else 180.0)
    shots.look(View("jupiter", 9.0, az + 20.0, 10.0, 40.0, "free"))
    return shots.image()


def test_rings_are_faint_glow_brighter_forward_and_enhanced():
    tdb = START
    result = {}
    for rings, enhanced in ((False, False), (True, False), (True, True)):
        shots = Shots(_settings(show_rings=rings, rings_enhanced=enhanced), tdb)
        try:
            result[(rings, enhanced)] = (_ring_view(shots, tdb, True),
                                         _ring_view(shots, tdb, False))
        finally:
            shots.close()
    for side in (0, 1):
        off = result[(False, False)][side].sum(axis=2)
        faint = result[(True, False)][side].sum(axis=2) - off
        bright = result[(True, True)][side].sum(axis=2) - off
        assert faint.min() >= -3  # additive: the rings never darken what is behind them
        ring_px = faint > 6
        assert ring_px.sum() > 500  # the rings show
        assert faint[ring_px].mean() < 150  # faint by default
        assert bright[ring_px].mean() > 2.5 * faint[ring_px].mean()
    # the Sun behind the rings: the dust's forward glow (the brightest ring pixels; much of
    # the ring is then in Jupiter's shadow or behind the planet)
    back, forward = (np.percentile((result[(True, False)][side]
                                    - result[(False, False)][side]).sum(axis=2), 99.5)
                     for side in (0, 1))
    print("ring brightness, 99.5th percentile: Sun behind the eye", back, "Sun behind", forward)
    assert forward > 3 * back
