"""Blank polar caps are filled and the poles made seamless, the equator left alone."""

from __future__ import annotations

import numpy as np

from jovianview.core.polar_caps import blank_cap_rows, fill_polar_caps, smooth_poles


def synthetic_map(h: int = 128, blank_top: int = 5, blank_bottom: int = 9) -> np.ndarray:
    rng = np.random.default_rng(3)
    rgb = rng.integers(40, 220, size=(h, 2 * h, 3)).astype(np.uint8)
    rgb[:blank_top] = (10, 20, 30)
    rgb[h - blank_bottom:] = (200, 200, 200)
    return rgb


def test_blank_caps_found_and_filled_towards_the_mean() -> None:
    rgb = synthetic_map()
    assert blank_cap_rows(rgb) == (5, 9)
    filled, rows = fill_polar_caps(rgb)
    assert rows == (5, 9)
    assert blank_cap_rows(filled) == (1, 1) or blank_cap_rows(filled)[0] <= 1
    edge = rgb[5].astype(float)
    assert np.allclose(filled[0].astype(float).mean(axis=0), edge.mean(axis=0), atol=1.0)
    assert np.array_equal(filled[5:-9], rgb[5:-9])  # real rows untouched
    assert not (filled[-9:] == 200).all()


def test_poles_become_one_colour_and_the_equator_keeps_its_detail() -> None:
    rgb = synthetic_map(blank_top=0, blank_bottom=0)
    out = smooth_poles(rgb)
    # pole rows: at most one smooth cycle round the pole is left (a gradient across it), under a
    # tenth of the noise they had
    noise = rgb.astype(float).std(axis=1).mean()
    assert out[0].astype(float).std(axis=0).max() < 0.1 * noise
    assert out[-1].astype(float).std(axis=0).max() < 0.1 * noise
    h = rgb.shape[0]
    equator = slice(h // 2 - 2, h // 2 + 2)
    assert np.abs(out[equator].astype(int) - rgb[equator]).max() <= 1
    # detail falls off towards the poles: the row's variation shrinks with latitude
    spread = out.astype(float).std(axis=1).mean(axis=1)
    assert spread[h // 2] > spread[h // 8] > spread[2]


def test_taper_smooths_high_latitudes_more() -> None:
    rgb = synthetic_map(blank_top=0, blank_bottom=0)
    plain, tapered = smooth_poles(rgb), smooth_poles(rgb, taper_from_deg=70.0)
    h = rgb.shape[0]
    row = h // 18  # 80 deg N
    assert tapered[row].std(axis=0).mean() < 0.7 * plain[row].std(axis=0).mean()
    assert np.array_equal(tapered[h // 2], plain[h // 2])
