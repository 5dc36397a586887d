"""Rendered images checked by their properties (real OpenGL: Xvfb + Mesa, or EGL).

Each test draws the scene for a known time and camera and compares pixels with what the
geometry predicts: Jupiter's disc centre and size, each moon where the projection of the
core's position puts it, the lit side facing the Sun, Juno's trail present.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from jovianview.core.ephemeris import available_bodies
from jovianview.core.events import perijove
from jovianview.core.timescale import utc_to_tdb
from jovianview.model.camera import View
from jovianview.model.settings import Settings
from jovianview.render.view import project

pytestmark = pytest.mark.gui

EUROPA_FLYBY = float(utc_to_tdb("2022-09-29T09:36:28"))
# Juno's trail two hours before PJ12 (2018-04-01), inside the embedded trajectory's span.
BEFORE_PJ12 = perijove(12).tdb - 2.0 / 24.0
SIZE = (640, 400)


def needs(*bodies: str) -> None:
    missing = [b for b in bodies if b not in available_bodies()]
    if missing:
        pytest.skip(f"no embedded ephemeris for {', '.join(missing)} yet")


@pytest.fixture(scope="module")
def canvas():
    from jovianview.render.headless import _pick_backend, offscreen_canvas

    _pick_backend()
    # lit for teaching: these tests find the whole disc, night side too (issue 11 made the
    # night side black by default; test_night_side_is_dark_by_default checks that)
    settings = Settings(show_labels=False, show_trail=True, show_moon_orbits=False,
                        background="plain", lit_for_teaching=True, show_rings=False)
    c = offscreen_canvas(lambda: EUROPA_FLYBY, settings, SIZE)
    yield c
    c.close()


def draw(canvas, view: View, tdb: float = EUROPA_FLYBY) -> np.ndarray:
    canvas.time_source = lambda: tdb
    canvas.renderer.camera.go_to(view, smooth=False)
    return canvas.render_offscreen(SIZE)[:, :, :3].astype(float)


def lit_mask(image: np.ndarray, level: float = 14.0) -> np.ndarray:
    return image.sum(axis=2) > level


def longest_run(line: np.ndarray) -> np.ndarray:
    """Indices of the longest run of True (the disc, not a caption crossing the line)."""
    idx = np.flatnonzero(line)
    runs = np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)
    return max(runs, key=len)


def test_jupiter_disc_centre_and_size(canvas) -> None:
    distance, fov = 3.6, 40.0
    image = draw(canvas, View("jupiter", distance, 0.0, 0.0, fov))
    w, h = SIZE
    mask = lit_mask(image, level=9.0)  # anything not background (sum 5): night side too
    row = longest_run(mask[h // 2])
    col = longest_run(mask[:, w // 2])
    f = (h / 2) / math.tan(math.radians(fov / 2))
    expected = math.tan(math.asin(1.0 / distance)) * f  # equatorial radius, pixels
    assert (row[0] + row[-1]) / 2 == pytest.approx(w / 2, abs=1.5)
    assert (col[0] + col[-1]) / 2 == pytest.approx(h / 2, abs=1.5)
    assert (row[-1] - row[0] + 1) / 2 == pytest.approx(expected, abs=2.0)
    # seen from the equator plane, the oblate disc is ~6.5 % shorter pole to pole
    ratio = (col[-1] - col[0]) / (row[-1] - row[0])
    assert 0.90 < ratio < 0.96


def test_terminator_faces_away_from_the_sun(canvas) -> None:
    needs("sun")
    canvas.renderer.prepare(EUROPA_FLYBY, SIZE)
    fd = canvas.renderer.last
    from jovianview.model.camera import angles_of

    sun_az, _ = angles_of(fd.units.frame @ fd.snap.sun_direction)
    # Eye 90 deg from the Sun: the Sun is to the left or right on screen
    image = draw(canvas, View("jupiter", 4.0, sun_az + 90.0, 0.0, 40.0))
    fd = canvas.renderer.last
    sun_view = fd.m.view[:3, :3] @ fd.sun
    side = np.sign(sun_view[0])  # +1: the Sun is to the right
    w, h = SIZE
    r = math.tan(math.asin(1 / 4.0)) * (h / 2) / math.tan(math.radians(20))
    bright = image[h // 2 - 5:h // 2 + 5, int(w / 2 + side * 0.6 * r)].mean()
    dark = image[h // 2 - 5:h // 2 + 5, int(w / 2 - side * 0.6 * r)].mean()
    assert bright > 1.6 * dark  # lit for teaching: the night side is filled to 30 %
    assert dark > 3.0  # the night side is dim, not black
    canvas.renderer.settings.lit_for_teaching = False
    try:
        night = draw(canvas, View("jupiter", 4.0, sun_az + 90.0, 0.0, 40.0))
    finally:
        canvas.renderer.settings.lit_for_teaching = True
    dark = night[h // 2 - 5:h // 2 + 5, int(w / 2 - side * 0.6 * r)].mean()
    assert dark < 2.5  # by default the night side is dark (the sky's blue is 5 / 3)
    assert night[h // 2 - 5:h // 2 + 5, int(w / 2 + side * 0.6 * r)].mean() > 20 * max(dark, 0.5)


def test_moons_where_the_projection_puts_them(canvas) -> None:
    needs("io", "europa", "ganymede", "callisto")
    image = draw(canvas, View("jupiter", 70.0, 30.0, 60.0, 40.0))
    fd = canvas.renderer.last
    mask = lit_mask(image)
    for moon in ("io", "europa", "ganymede", "callisto"):
        pix, depth = project(fd.m, fd.centres[moon][None, :])
        x, y = (int(round(v)) for v in pix[0])
        assert depth[0] > 0, moon
        assert 0 <= x < SIZE[0] and 0 <= y < SIZE[1], moon
        r = 6
        patch = mask[y - r:y + r + 1, x - r:x + r + 1]
        assert patch[r - 1:r + 2, r - 1:r + 2].any(), f"{moon} not drawn at ({x}, {y})"
        # the drawn disc is centred where the projection says (its night side dims it,
        # so allow the lit part's centroid a couple of pixels of offset)
        ys, xs = np.nonzero(patch)
        assert abs(xs.mean() - r) < 2.5 and abs(ys.mean() - r) < 2.5, moon


def test_trail_present(canvas) -> None:
    needs("juno")
    from jovianview.core.ephemeris import juno

    assert juno.covers(BEFORE_PJ12)
    image = draw(canvas, View("jupiter", 60.0, 0.0, 80.0, 40.0), BEFORE_PJ12)
    # the trail colour is cyan-ish: blue and green well above red
    cyan = (image[:, :, 2] > 60) & (image[:, :, 1] > 50) & (image[:, :, 0] < image[:, :, 2] * 0.7)
    assert cyan.sum() > 200


def test_catalogue_stars_follow_the_background_setting(canvas) -> None:
    view = View("jupiter", 3.0, 180.0, 60.0, 40.0)  # Jupiter fills the middle only
    settings = canvas.renderer.settings
    # Juno's trail and JunoCam's view cross this corner at the Europa flyby; the notice is
    # top left and wraps further right at larger text sizes
    settings.show_trail = settings.show_junocam = False
    canvas.renderer.labels.show_notice = False
    try:
        draw(canvas, view)  # the first frame of a fresh canvas builds the maps' mipmaps
        plain = draw(canvas, view)
        settings.background = "stars"
        try:
            stars = draw(canvas, view)
        finally:
            settings.background = "plain"
        again = draw(canvas, view)
    finally:
        settings.show_trail = settings.show_junocam = True
        canvas.renderer.labels.show_notice = True
    corner = (slice(0, 90), slice(SIZE[0] - 130, SIZE[0]))  # sky, away from the captions
    assert plain[corner].max() <= 6  # the plain background colour, nothing else
    bright = stars[corner].sum(axis=2) > 120
    assert 0 < bright.sum() < 0.05 * bright.size  # a few points of light, not a wash
    assert np.array_equal(again, plain)  # switched off again


def test_frame_stays_opaque_under_translucent_lines_and_text(canvas) -> None:
    """Alpha is 1 everywhere after a frame with the faded trail, the orbits and the labels:
    the window shows the frame without VisPy's extra alpha-clearing pass (render.canvas)."""
    needs("juno")
    settings = canvas.renderer.settings
    settings.show_moon_orbits = settings.show_labels = True
    try:
        canvas.time_source = lambda: BEFORE_PJ12
        canvas.renderer.camera.go_to(View("jupiter", 60.0, 0.0, 80.0, 40.0), smooth=False)
        canvas.render_offscreen(SIZE)  # the first frame defers nothing here, but be sure
        rgba = canvas.render_offscreen(SIZE)
    finally:
        settings.show_moon_orbits = settings.show_labels = False
    drawn = rgba[:, :, :3].sum(axis=2) > 40  # trail, orbits, text and bodies
    assert drawn.sum() > 500
    assert rgba[:, :, 3].min() == 255


def test_enlarged_moon_never_swallows_juno_at_a_flyby(canvas) -> None:
    """At the Europa flyby (352 km) an x8 Europa would hold Juno inside: it is drawn at its
    true size through the hours around closest approach, and the caption says so."""
    needs("europa", "juno")
    from jovianview.render.renderer import FLYBY_CLEARANCE, MOON_ENLARGEMENT

    assert canvas.renderer.settings.scale_mode == "enlarged"
    draw(canvas, View("europa", 0.5, 0.0, 10.0, 40.0, "free"))
    fd = canvas.renderer.last
    scale = fd.display_scale["europa"]
    assert scale == 1.0
    gap = float(np.linalg.norm(fd.centres["juno"] - fd.centres["europa"]))
    radius = canvas.renderer._max_radius["europa"]
    assert radius * scale <= max(radius, FLYBY_CLEARANCE * gap) + 1e-12
    assert "Europa drawn at its true size for Juno's close flyby (closest approach now)" in (
        canvas.renderer.notice(fd))
    assert fd.display_scale["io"] == MOON_ENLARGEMENT  # far from Juno: the usual x8
