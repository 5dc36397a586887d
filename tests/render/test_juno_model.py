"""Juno's model has the published parts at the published sizes, and draws as Juno."""

from __future__ import annotations

import math

import numpy as np
import pytest

from jovianview.render.juno_model import _CELLS, _WHITE, juno_mesh


def parts_of(colour: tuple[float, float, float]) -> np.ndarray:
    pos, _, col = juno_mesh()
    return pos[np.all(np.abs(col - np.asarray(colour)) < 0.01, axis=1)]


def test_three_wings_of_published_size_120_degrees_apart() -> None:
    cells = parts_of(_CELLS)
    reach = []
    for centre in (0.0, 120.0, 240.0):
        c, s = math.cos(math.radians(centre)), math.sin(math.radians(centre))
        along, across = cells @ np.array([c, s, 0.0]), cells @ np.array([-s, c, 0.0])
        mine = (along > 1.0) & (np.abs(across) < 1.4)
        assert across[mine].max() - across[mine].min() == pytest.approx(2.65, abs=0.01)
        reach.append((along[mine].min(), along[mine].max()))
    lengths = [r - start for start, r in reach]
    assert lengths[1] == pytest.approx(8.9, abs=0.15) and lengths[2] == pytest.approx(8.9, abs=0.15)
    assert lengths[0] == pytest.approx(8.9 * 3 / 4, abs=0.2)  # three panels, then the boom
    assert len(cells) == 3 * 12 * (3 + 4 + 4)  # 11 panels of 12 triangles


def test_magnetometer_boom_and_antenna() -> None:
    pos, _, _ = juno_mesh()
    assert np.hypot(pos[:, 0], pos[:, 1]).max() == pytest.approx(12.25, abs=0.05)
    dish = parts_of(_WHITE)
    dish = dish[dish[:, 2] > 1.75]  # above the bus (the radiometer plates are on its sides)
    assert 2 * np.hypot(dish[:, 0], dish[:, 1]).max() == pytest.approx(2.5, abs=0.01)


@pytest.mark.gui
def test_juno_close_up_shows_cells_and_dish() -> None:
    from jovianview.core.timescale import utc_to_tdb
    from jovianview.model.settings import Settings
    from jovianview.render.headless import render_image

    # 09:30, six minutes before the Europa flyby's closest approach: at closest approach Juno
    # is in Europa's shadow (core.shadows), where the model is drawn almost black
    image = render_image(float(utc_to_tdb("2022-09-29T09:30:00")), "juno", (640, 400),
                         Settings(show_labels=False, background="plain"))[:, :, :3]
    rgb = image.astype(int)
    blue = (rgb[:, :, 2] > rgb[:, :, 0] + 25) & (rgb[:, :, 2] > 40)
    white = rgb.min(axis=2) > 170
    gold = (rgb[:, :, 0] > rgb[:, :, 2] + 40) & (rgb[:, :, 1] > 40)
    assert blue.sum() > 2000  # the three wings
    assert white.sum() > 100  # the high-gain antenna
    assert gold.sum() > 50  # the bus


def test_far_model_has_the_same_parts_with_fewer_vertices() -> None:
    full, far = juno_mesh("full"), juno_mesh("far")
    assert len(far[0]) < len(full[0]) / 3  # the dish's facets were most of the vertices
    for a, b in zip(full, far, strict=True):  # same extent, colours and unit normals
        assert np.allclose(a.min(axis=0), b.min(axis=0), atol=0.02)
        assert np.allclose(a.max(axis=0), b.max(axis=0), atol=0.02)
    assert {tuple(c) for c in np.round(full[2], 3)} == {tuple(c) for c in np.round(far[2], 3)}
    with pytest.raises(ValueError, match="unknown Juno model detail 'near'"):
        juno_mesh("near")


@pytest.mark.gui
def test_juno_far_model_is_used_when_small_and_looks_like_the_full_one() -> None:
    from jovianview.core.timescale import utc_to_tdb
    from jovianview.model.camera import View
    from jovianview.model.settings import Settings
    from jovianview.render.headless import _pick_backend, offscreen_canvas
    from jovianview.render.layers import juno as juno_layer

    _pick_backend()
    size = (640, 400)
    tdb = float(utc_to_tdb("2022-09-29T09:00:00"))
    settings = Settings(show_labels=False, background="plain", scale_mode="true",
                        show_junocam=False, show_trail=False, show_moon_orbits=False)
    canvas = offscreen_canvas(lambda: tdb, settings, size)
    try:
        r = canvas.renderer
        ppr = size[1] / 2 / math.tan(math.radians(40.0 / 2))
        # Juno (half-span 10 m) just under the threshold, then at twice it
        images = {}
        for factor in (0.95, 2.0):
            dist_km = ppr * 0.010 / (juno_layer.FAR_BELOW_PX * factor)
            r.camera.go_to(View("juno", dist_km / r.units.radius_km, 30.0, 15.0, 40.0),
                           smooth=False)
            image = canvas.render_offscreen(size)[:, :, :3].astype(int)
            radius = r.last.pixel_radius["juno"]
            assert radius == pytest.approx(juno_layer.FAR_BELOW_PX * factor, rel=0.02)
            assert r.juno.detail == ("far" if factor < 1 else "full")
            images[factor] = image
        # the same small Juno drawn with the full model
        dist_km = ppr * 0.010 / (juno_layer.FAR_BELOW_PX * 0.95)
        r.camera.go_to(View("juno", dist_km / r.units.radius_km, 30.0, 15.0, 40.0),
                       smooth=False)
        old = juno_layer.FAR_BELOW_PX
        juno_layer.FAR_BELOW_PX = 0.0
        try:
            full = canvas.render_offscreen(size)[:, :, :3].astype(int)
        finally:
            juno_layer.FAR_BELOW_PX = old
        assert r.juno.detail == "full"
    finally:
        canvas.close()
    far = images[0.95]
    centre = (slice(100, 300), slice(220, 420))  # Juno; the notice and scale bar lie outside
    drawn = (far[centre].max(axis=2) > 40) | (full[centre].max(axis=2) > 40)
    differ = np.abs(far[centre] - full[centre]).max(axis=2) > 40
    assert drawn.sum() > 600  # Juno is there, about 70 px tip to tip (thin wings)
    assert differ.sum() <= 0.01 * drawn.sum()
