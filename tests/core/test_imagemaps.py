"""Image maps in numpy: shape checks, conventions, resampling, patches (files: tests/data)."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.imagemaps import (
    ImageInfo,
    ImageMapError,
    PatchBounds,
    blend_patch,
    check_global_map,
    downsample,
    to_canonical,
    to_rgb8,
)


def test_not_two_to_one() -> None:
    with pytest.raises(ImageMapError, match="2:1"):
        check_global_map(ImageInfo(300, 200, "png"))
    check_global_map(ImageInfo(400, 200, "png"))


def marked(width: int = 360) -> np.ndarray:
    """A one-row map whose column values are the column index."""
    return np.arange(width, dtype=np.int64)[None, :]


@pytest.mark.parametrize(("convention", "east_lon_of_source_col"), [
    ("centre-east", lambda f: f * 360 - 180),
    ("edge-east", lambda f: f * 360),
    ("centre-west", lambda f: -(f * 360 - 180)),
    ("edge-west", lambda f: -(f * 360)),
])
def test_conventions_put_each_longitude_where_the_canonical_map_wants_it(
        convention, east_lon_of_source_col) -> None:
    w = 360
    out = to_canonical(marked(w), convention)[0]
    canon_east = (np.arange(w) + 0.5) / w * 360 - 180
    src_east = east_lon_of_source_col((out + 0.5) / w)
    diff = (src_east - canon_east + 180) % 360 - 180
    assert np.abs(diff).max() < 1e-9


def test_unknown_convention() -> None:
    with pytest.raises(ImageMapError, match="choose one of"):
        to_canonical(marked(), "middle")


def test_downsample_area_average_and_cancel() -> None:
    image = np.zeros((100, 200), np.uint16)
    image[:, 100:] = 1000
    small = downsample(image, 20)
    assert small.shape == (10, 20) and small.dtype == np.uint16
    assert (small[:, :10] == 0).all() and (small[:, 10:] == 1000).all()
    seen = []
    with pytest.raises(ImageMapError, match="cancelled"):
        downsample(image, 20, lambda f: seen.append(f) or False)
    assert seen


def test_to_rgb8_from_16bit_grey_with_tint() -> None:
    grey = np.full((2, 4), 65535, np.uint16)
    rgb = to_rgb8(grey, (1.0, 0.5, 0.25))
    assert rgb.dtype == np.uint8 and rgb.shape == (2, 4, 3)
    assert tuple(rgb[0, 0]) == (255, 128, 64)


def test_patch_blend_covers_its_bounds_only() -> None:
    base = np.zeros((180, 360, 3), np.uint8)
    patch = np.full((20, 40, 3), 200, np.uint8)
    # west longitudes 10..50 (east -10..-50), latitudes 20 N .. 0
    out = blend_patch(base, patch, PatchBounds(10.0, 50.0, 20.0, 0.0, west=True), feather=0.0)
    east = (np.arange(360) + 0.5) - 180
    lat = 90 - (np.arange(180) + 0.5)
    covered = out[:, :, 0] > 100
    cols = np.flatnonzero(covered.any(axis=0))
    rows = np.flatnonzero(covered.any(axis=1))
    assert east[cols].min() > -50.5 and east[cols].max() < -9.5
    assert lat[rows].max() < 20.5 and lat[rows].min() > -0.5


def test_patch_bounds_validation() -> None:
    with pytest.raises(ImageMapError, match="latitudes"):
        PatchBounds(0, 10, -5, 5).validate()
