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
