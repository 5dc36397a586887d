"""The sky is the Bright Star Catalogue: counts, colours, and bright stars where they belong.

Reference positions (J2000, ICRS) are SIMBAD's: Antares (alf Sco, HR 6134) 16h29m24.46s
-26d25m55.2s; Spica (alf Vir, HR 5056) 13h25m11.58s -11d09m40.8s. B-V: Antares +1.83,
Spica -0.23 (Bright Star Catalogue, 5th Revised Ed.).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from jovianview.core.stars import bright_stars, bv_to_kelvin
from jovianview.core.timescale import utc_to_tdb
from jovianview.model.camera import View, angles_of
from jovianview.model.settings import Settings
from jovianview.render.star_colours import blackbody_srgb
from jovianview.render.view import project

TDB = float(utc_to_tdb("2022-09-29T09:36:28"))
SIZE = (800, 600)
STARS = {"Antares": (6134, (16, 29, 24.46), (-26, 25, 55.2), 1.83),
         "Spica": (5056, (13, 25, 11.58), (-11, 9, 40.8), -0.23)}


def sky_canvas():  # noqa: ANN201 - an offscreen JovianCanvas
    """An offscreen canvas at TDB with the stars and little else."""
    from jovianview.render.headless import _pick_backend, offscreen_canvas

    _pick_backend()
    settings = Settings(show_labels=False, show_moon_orbits=False, show_trail=False,
                        background="stars", scale_mode="true")
    return offscreen_canvas(lambda: TDB, settings, SIZE)


def beside(r, name: str) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001 - a SceneRenderer
    """Star ``name``'s direction in render axes, and one 8 deg beside it to look along."""
    _, ra, dec, _ = STARS[name]
    star = r.units.frame @ unit(ra, dec)
    side = np.cross(star, [0.0, 0.0, 1.0])
    side /= np.linalg.norm(side)
    return star, star * math.cos(math.radians(8.0)) + side * math.sin(math.radians(8.0))


def unit(ra_hms: tuple[float, float, float], dec_dms: tuple[float, float, float]) -> np.ndarray:
    ra = math.radians(15.0 * (ra_hms[0] + ra_hms[1] / 60 + ra_hms[2] / 3600))
    sign = -1.0 if dec_dms[0] < 0 else 1.0
    dec = math.radians(sign * (abs(dec_dms[0]) + dec_dms[1] / 60 + dec_dms[2] / 3600))
    return np.array([math.cos(dec) * math.cos(ra), math.cos(dec) * math.sin(ra), math.sin(dec)])


def test_catalogue_counts_and_values() -> None:
    cat = bright_stars()
    assert 9000 <= len(cat.vmag) <= 9120  # BSC5: 9,110 entries less a few novae/non-stars
    assert 8200 <= (cat.vmag <= 6.5).sum() <= 8600
    assert np.allclose(np.linalg.norm(cat.direction, axis=1), 1.0, atol=1e-6)
    for hr, ra, dec, bv in STARS.values():
        i = int(np.flatnonzero(cat.hr == hr)[0])
        sep = math.degrees(math.acos(min(1.0, float(cat.direction[i] @ unit(ra, dec)))))
        assert sep * 3600 < 10.0  # catalogue rounding (1e-4 deg, 1e-4 h)
        assert abs(cat.bv[i] - bv) < 0.1
    assert cat.vmag[0] == pytest.approx(-1.46)  # Sirius first: brightest first


def test_colours_follow_b_minus_v() -> None:
    red, white, blue = blackbody_srgb(bv_to_kelvin(np.array([1.83, 0.65, -0.23])))
    assert red[0] == 1.0 and red[2] < 0.6  # Antares orange-red
    assert white.min() > 0.9  # the Sun's B-V is about white
    assert blue[2] == 1.0 and blue[0] < 0.8  # Spica blue-white


@pytest.mark.gui
@pytest.mark.parametrize("name", list(STARS))
def test_bright_star_lands_where_projected(name: str) -> None:
    canvas = sky_canvas()
    try:
        r = canvas.renderer
        # look from far out towards a point 8 deg beside the star, Jupiter (tiny) in front
        star, look = beside(r, name)
        az, el = angles_of(-look)
        r.camera.go_to(View("jupiter", 400.0, az, el, 40.0), smooth=False)
        canvas.render_offscreen(SIZE)
        image = canvas.render_offscreen(SIZE)[:, :, :3].astype(float)
        m = r.last.m
        far = r.last.pose.eye + star * 1e6  # a point far along the star's direction
        (x, y), = project(m, far[None, :])[0]
    finally:
        canvas.close()
    assert 20 < x < SIZE[0] - 20 and 20 < y < SIZE[1] - 20
    lum = image.sum(axis=2)
    ys, xs = np.mgrid[0:SIZE[1], 0:SIZE[0]]
    near = (np.hypot(xs - x, ys - y) < 12.0)
    peak = np.unravel_index(np.argmax(np.where(near, lum, 0.0)), lum.shape)
    assert lum[peak] > 300  # a bright star, not a faint neighbour or nothing
    blob = near & (lum > 0.5 * lum[peak])
    cy, cx = (ys[blob] * lum[blob]).sum() / lum[blob].sum(), \
        (xs[blob] * lum[blob]).sum() / lum[blob].sum()
    # pixel centres are at +0.5 in the projection's pixel coordinates
    assert math.hypot(cx + 0.5 - x, cy + 0.5 - y) < 1.5
    colour = image[peak]
    if name == "Antares":
        assert colour[0] > colour[2] + 60
    else:
        assert colour[2] >= colour[0]


@pytest.mark.gui
def test_turning_the_camera_culls_the_sky_again() -> None:
    """The culled patches are kept while the camera holds still; a turn to the opposite
    sky must bring the star there back (not the runs of the previous view)."""
    canvas = sky_canvas()
    try:
        r = canvas.renderer
        star, look = beside(r, "Antares")
        lum = {}
        for name, direction in (("away", -look), ("towards", look), ("again", look)):
            az, el = angles_of(-direction)
            r.camera.go_to(View("jupiter", 400.0, az, el, 40.0), smooth=False)
            image = canvas.render_offscreen(SIZE)[:, :, :3].astype(float).sum(axis=2)
            (x, y), = project(r.last.m, (r.last.pose.eye + star * 1e6)[None, :])[0]
            ys, xs = np.mgrid[0:SIZE[1], 0:SIZE[0]]
            lum[name] = image[np.hypot(xs - x, ys - y) < 12.0].max() if name != "away" else 0
    finally:
        canvas.close()
    assert lum["towards"] > 300 and lum["again"] > 300
