"""Surface maps as numpy arrays: shape checks, longitude conventions, downsampling, patches.

jovianview's canonical map is simple-cylindrical (equirectangular), twice as wide as tall, north
up, 0 deg longitude at the centre and east longitude increasing to the right. Everything a user
brings is turned into that here, in pure numpy. Reading files (and refusing decompression bombs
over :data:`MAX_PIXELS` before decoding) is :mod:`jovianview.data.images`' job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from jovianview.core.errors import DataFileError

CONVENTIONS = {
    "centre-east": "0 deg at the centre, east longitude increasing to the right",
    "centre-west": "0 deg at the centre, west longitude increasing to the right",
    "edge-east": "0 deg at the left edge, east longitude increasing to the right",
    "edge-west": "0 deg at the left edge, west longitude increasing to the right",
}
MAX_PIXELS = 512 * 1024 * 1024 // 4  # 128 Mpx (e.g. 16384 x 8192): more is refused
ASPECT_TOLERANCE = 0.01

Progress = Callable[[float], bool | None]  # fraction done -> False to cancel


class ImageMapError(DataFileError):
    """An image that cannot be used as a surface map, with the reason."""


@dataclass(frozen=True)
class ImageInfo:
    """What a file's header says."""

    width: int
    height: int
    kind: str  # "png", "jpeg" or "tiff"


def check_global_map(info: ImageInfo, name: str = "the image") -> None:
    """Refuse a global map without pixels or not 2:1 (the pixel limit is the decoder's)."""
    if info.width < 2 or info.height < 1:
        raise ImageMapError(f"{name} has no pixels ({info.width}x{info.height})")
    ratio = info.width / max(info.height, 1)
    if abs(ratio - 2.0) > 2.0 * ASPECT_TOLERANCE:
        raise ImageMapError(
            f"{name} is {info.width}x{info.height} ({ratio:.3f}:1); a global map must be an "
            "equirectangular image twice as wide as it is tall (2:1)")


def to_canonical(image: NDArray, convention: str) -> NDArray:
    """Reorder columns so 0 deg is at the centre and east increases to the right."""
    if convention not in CONVENTIONS:
        raise ImageMapError(f"unknown longitude convention {convention!r}: choose one of "
                            f"{', '.join(CONVENTIONS)}")
    w = image.shape[1]
    east = (np.arange(w) + 0.5) / w * 360.0 - 180.0  # canonical column centres
    lon = east if convention.endswith("east") else -east
    frac = lon / 360.0 + (0.5 if convention.startswith("centre") else 0.0)
    src = np.mod(np.round(frac * w - 0.5).astype(np.int64), w)
    return image[:, src]


def downsample(image: NDArray, max_width: int, progress: Progress | None = None) -> NDArray:
    """Area-average ``image`` to at most ``max_width`` columns (keeping the aspect ratio).

    ``progress(fraction)`` is called as rows are done; returning False cancels with an error.
    """
    h, w = image.shape[:2]
    if w <= max_width:
        return image
    new_w = int(max_width)
    new_h = max(1, int(round(h * new_w / w)))
    cols = np.linspace(0, w, new_w + 1).astype(np.int64)[:-1]
    rows = np.linspace(0, h, new_h + 1).astype(np.int64)
    col_n = np.diff(np.append(cols, w)).astype(np.float64)
    out = np.empty((new_h, new_w) + image.shape[2:], dtype=np.float64)
    chunk = max(1, new_h // 50)
    for i0 in range(0, new_h, chunk):
        i1 = min(new_h, i0 + chunk)
        block = image[rows[i0]:rows[i1]].astype(np.float64)
        summed = np.add.reduceat(block, rows[i0:i1] - rows[i0], axis=0)
        summed = np.add.reduceat(summed, cols, axis=1)
        n_rows = np.diff(rows[i0:i1 + 1]).astype(np.float64)
        norm = n_rows[:, None] * col_n[None, :]
        out[i0:i1] = summed / (norm if summed.ndim == 2 else norm[:, :, None])
        if progress is not None and progress(i1 / new_h) is False:
            raise ImageMapError("cancelled")
    return np.round(out).astype(image.dtype)


def to_rgb8(image: NDArray, tint: tuple[float, float, float] | None = None) -> NDArray[np.uint8]:
    """8 or 16-bit grey, grey+alpha, RGB or RGBA as (h, w, 3) uint8; grey may be tinted."""
    a = np.asarray(image)
    if a.dtype == np.uint16:
        a = (a >> 8).astype(np.uint8)
    elif a.dtype != np.uint8:
        raise ImageMapError(f"unsupported sample type {a.dtype}: 8 or 16-bit images only")
    if a.ndim == 2:
        a = a[:, :, None]
    if a.shape[2] in (2, 4):
        a = a[:, :, :-1]  # drop alpha
    if a.shape[2] == 1:
        grey = a[:, :, 0].astype(np.float64)
        t = np.asarray(tint if tint is not None else (1.0, 1.0, 1.0))
        return np.clip(np.round(grey[:, :, None] * t[None, None, :]), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(a[:, :, :3])


@dataclass(frozen=True)
class PatchBounds:
    """Where a map-projected patch lies. Longitudes of its left and right edges in the given
    sense (``west=True``: west longitudes, increasing to the right), latitudes of its top and
    bottom edges (planetocentric, degrees)."""

    lon_left: float
    lon_right: float
    lat_top: float
    lat_bottom: float
    west: bool = True

    def validate(self) -> None:
        """Raise ImageMapError unless the latitudes are ordered within -90 to 90."""
        if not (-90.0 <= self.lat_bottom < self.lat_top <= 90.0):
            raise ImageMapError(
                f"patch latitudes must satisfy -90 <= bottom < top <= 90 "
                f"(got top {self.lat_top}, bottom {self.lat_bottom})")
        span = self.span()
        if not (0.0 < span <= 360.0):
            raise ImageMapError(f"patch longitude span must be 0 to 360 degrees, got {span}")

    def span(self) -> float:
        """Longitude width in degrees, measured in the patch's own increasing sense."""
        s = (self.lon_right - self.lon_left) % 360.0
        return 360.0 if s == 0.0 and self.lon_right != self.lon_left else s

    def east_left_and_step(self) -> tuple[float, float]:
        """East longitude of the left edge and the signed east-longitude span to the right."""
        left = -self.lon_left if self.west else self.lon_left
        return float(((left + 180.0) % 360.0) - 180.0), -self.span() if self.west else self.span()


def blend_patch(base: NDArray[np.uint8], patch: NDArray[np.uint8], bounds: PatchBounds,
                opacity: float = 1.0, feather: float = 0.05) -> NDArray[np.uint8]:
    """The canonical ``base`` map with ``patch`` laid over its bounds (CPU reference of the
    shader's blending; the edges fade over ``feather`` of the patch size)."""
    bounds.validate()
    h, w = base.shape[:2]
    ph, pw = patch.shape[:2]
    east = (np.arange(w) + 0.5) / w * 360.0 - 180.0
    lat = 90.0 - (np.arange(h) + 0.5) / h * 180.0
    left, step = bounds.east_left_and_step()
    rel = np.mod((east - left) * np.sign(step), 360.0)
    x = rel / abs(step)
    y = (bounds.lat_top - lat) / (bounds.lat_top - bounds.lat_bottom)
    inside_x = x <= 1.0
    inside_y = (y >= 0.0) & (y <= 1.0)

    def ramp(t: NDArray) -> NDArray:
        return np.clip(np.minimum(t, 1.0 - t) / feather, 0.0, 1.0) if feather > 0 else t * 0 + 1

    alpha = (ramp(y)[:, None] * ramp(np.where(inside_x, x, 0.0))[None, :]) * opacity
    alpha *= inside_y[:, None] & inside_x[None, :]
    px = np.clip((x * pw).astype(np.int64), 0, pw - 1)
    py = np.clip((np.clip(y, 0, 1) * ph).astype(np.int64), 0, ph - 1)
    sampled = patch[py[:, None], px[None, :]].astype(np.float64)
    out = base.astype(np.float64) * (1.0 - alpha[..., None]) + sampled * alpha[..., None]
    return np.round(out).astype(np.uint8)


def find_great_red_spot(rgb: NDArray[np.uint8]) -> tuple[float, float]:
    """(u, planetocentric latitude) of the Great Red Spot's centre in a canonical Jupiter map.

    Between 12 and 32 deg S, redness (red minus blue) above its row's median (so a red belt,
    which runs all round, does not count) is box-averaged over about 8 x 5 deg; the spot's
    centre is the weighted centroid of the averaged excess above 80 % of its maximum (within
    8 deg of it), with columns wrapping round so a spot straddling the seam is found too.
    """
    h, w = rgb.shape[:2]
    lat = 90.0 - (np.arange(h) + 0.5) / h * 180.0
    rows = np.flatnonzero((lat < -12.0) & (lat > -32.0))
    red = rgb[rows, :, 0].astype(np.float64) - rgb[rows, :, 2]
    excess = np.maximum(red - np.median(red, axis=1, keepdims=True), 0.0)
    kx, ky = max(1, w * 8 // 360), max(1, h * 5 // 180)
    padded = np.concatenate([excess[:, -kx:], excess, excess[:, :kx]], axis=1)
    csum = np.cumsum(np.pad(padded, ((0, 0), (1, 0))), axis=1)
    smooth = (csum[:, 2 * kx:2 * kx + w] - csum[:, :w]) / (2 * kx)
    kernel = np.ones(2 * ky + 1) / (2 * ky + 1)
    smooth = np.apply_along_axis(lambda c: np.convolve(c, kernel, mode="same"), 0, smooth)
    iy, ix = np.unravel_index(np.argmax(smooth), smooth.shape)
    dx = (np.arange(w) - ix + w / 2) % w - w / 2  # signed column distance, wrapping
    near = (np.abs(dx)[None, :] < w * 8 / 360) & (np.abs(lat[rows] - lat[rows[iy]])[:, None] < 8)
    weight = np.where(near & (smooth > 0.8 * smooth[iy, ix]), smooth, 0.0)
    u = ((ix + 0.5 + (weight * dx[None, :]).sum() / weight.sum()) / w) % 1.0
    cy = (weight.sum(axis=1) * lat[rows]).sum() / weight.sum()
    return float(u), float(cy)
