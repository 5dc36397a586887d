"""The view from Earth: moons and shadows where the core's light-time geometry puts them.

Each image is rendered with the telescope preset; the expected pixel of a moon comes from
the core's apparent directions (:func:`jovianview.core.phenomena_geometry.sky`), the offset
from Jupiter on the sky in arcseconds, east and north, turned into pixels by the field of
view: an independent path from the renderer's camera and projection.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from jovianview.core import phenomena_geometry as geo
from jovianview.core.ephemeris import MOONS, state
from jovianview.core.telescope import earth_view, shadow_on_jupiter
from jovianview.core.timescale import utc_to_tdb
from jovianview.model.settings import Settings

pytestmark = pytest.mark.gui

# A double shadow transit: Europa's shadow 01:45:51-04:34:00, Io's 02:21:16-04:36:36 UT.
DOUBLE_SHADOW = float(utc_to_tdb("2016-03-15T03:30"))
SIZE = (1024, 768)


def render(fov_arcmin: float, image: str = "north_up", tdb: float = DOUBLE_SHADOW,
           shadows: bool = True):
    from jovianview.render.headless import render_image

    settings = Settings(show_labels=False, background="plain", earth_fov_arcmin=fov_arcmin,
                        telescope_image=image, show_moon_shadows=shadows)
    return render_image(tdb, "earth", SIZE, settings)[:, :, :3].astype(float)


def sky_axes(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    u = u / np.linalg.norm(u)
    east = np.cross([0.0, 0.0, 1.0], u)
    east /= np.linalg.norm(east)
    return east, np.cross(u, east)


def expected_pixel(direction: np.ndarray, centre_dir: np.ndarray, fov_arcmin: float,
                   image: str = "north_up") -> tuple[float, float]:
    """Pixel of a sky direction, Jupiter's direction at the centre (east left, north up)."""
    east, north = sky_axes(centre_dir)
    d = direction / np.linalg.norm(direction) - centre_dir / np.linalg.norm(centre_dir)
    ppr = (SIZE[1] / 2) / math.tan(math.radians(fov_arcmin / 60) / 2)
    dx, dy = -float(d @ east) * ppr, -float(d @ north) * ppr
    if image == "inverted":
        dx, dy = -dx, -dy
    elif image == "mirrored":
        dx = -dx
    return SIZE[0] / 2 + dx, SIZE[1] / 2 + dy


def blob_centroid(img: np.ndarray, x: float, y: float, half: int = 12) -> tuple[float, float]:
    x0, y0 = int(round(x)) - half, int(round(y)) - half
    patch = img[max(y0, 0):y0 + 2 * half + 1, max(x0, 0):x0 + 2 * half + 1].sum(axis=2)
    ys, xs = np.nonzero(patch > 60)
    assert xs.size, f"nothing bright near ({x:.0f}, {y:.0f})"
    return x0 + float(xs.mean()), y0 + float(ys.mean())


@pytest.mark.parametrize("image", ["north_up", "inverted", "mirrored"])
def test_outer_moons_sit_at_their_apparent_offsets(image):
    fov = 24.0
    img = render(fov, image)
    g = geo.sky(np.array([DOUBLE_SHADOW]))
    centre = g.jup_app[:, 0]
    jx, jy = blob_centroid(img, SIZE[0] / 2, SIZE[1] / 2, half=30)
    assert abs(jx - SIZE[0] / 2) < 1.5 and abs(jy - SIZE[1] / 2) < 1.5
    checked = 0
    for k, moon in enumerate(MOONS):
        x, y = expected_pixel(g.moon_app[k][:, 0], centre, fov, image)
        if math.hypot(x - jx, y - jy) < 40:  # on or beside the disc: not measurable here
            continue
        mx, my = blob_centroid(img, x, y)
        assert math.hypot(mx - x, my - y) < 1.5, (moon, (mx, my), (x, y))
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("shown", [True, False])
def test_both_shadows_are_dark_discs_where_the_core_puts_them(shown):
    fov = 1.5
    img = render(fov, shadows=shown)
    seen = earth_view(DOUBLE_SHADOW)
    sun = state("sun", seen.tdb_seen)[0]
    centre = -seen.eye_km
    lum = img.sum(axis=2) / 3
    for moon in ("io", "europa"):
        point = shadow_on_jupiter(state(moon, seen.tdb_seen)[0], sun, seen.tdb_seen)
        assert point is not None
        x, y = expected_pixel(point - seen.eye_km, centre, fov)
        xi, yi = int(round(x)), int(round(y))
        core = lum[yi - 1:yi + 2, xi - 1:xi + 2].mean()
        ring = np.concatenate([lum[yi - 12, xi - 12:xi + 13], lum[yi + 12, xi - 12:xi + 13]])
        if not shown:  # the toggle is off: the clouds show there
            assert core > 40, (moon, core)
            continue
        assert core < 25, (moon, core)
        assert ring.mean() > 3 * core + 30, (moon, ring.mean(), core)


def test_the_view_from_earth_shows_the_past_by_the_light_time():
    seen = earth_view(DOUBLE_SHADOW)
    assert 33 * 60 < seen.light_time_s < 55 * 60
    assert seen.tdb_seen == pytest.approx(DOUBLE_SHADOW - seen.light_time_s / 86400)
