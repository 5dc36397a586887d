"""Polar caps of simple-cylindrical maps: fill missing caps and make the poles seamless.

A cylindrical map stretches each row of latitude phi over the full width although the
parallel it shows is only cos(phi) as long as the equator: near a pole the same texels fan
out into a pinched star, and the top and bottom rows, which all meet in one point, differ
along their length (a seam where they meet). :func:`smooth_poles` low-passes every row in
longitude to the detail its parallel can hold (its Fourier spectrum cut off, softly, at the
Nyquist limit of the parallel's true length, which follows cos(phi)), so the pole rows become
one colour and high latitudes keep the detail a sphere can show. :func:`fill_polar_caps`
replaces caps that a mosaic left blank (flat rows of one value, as in Cassini's PIA07782)
with the nearest real row, faded towards that row's mean colour at the pole.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FLAT_STD = 1.0  # a row whose colour varies less than this (0..255) along its length is blank
# Kept frequencies: all up to the Nyquist limit of the parallel's true length (in equatorial
# texels), then a Gaussian roll-off over ROLL_OFF x that limit, so the equator is untouched.
ROLL_OFF = 0.5


def blank_cap_rows(rgb: NDArray[np.uint8]) -> tuple[int, int]:
    """Numbers of blank rows at the top and at the bottom of ``rgb`` (flat in longitude)."""
    flat = rgb.astype(np.float32).std(axis=1).max(axis=1) < FLAT_STD
    top = int(np.argmin(flat)) if not flat.all() else len(flat)
    bottom = int(np.argmin(flat[::-1])) if not flat.all() else len(flat)
    return top, bottom


def fill_polar_caps(rgb: NDArray[np.uint8]) -> tuple[NDArray[np.uint8], tuple[int, int]]:
    """``rgb`` with its blank polar caps filled; also returns (top, bottom) rows filled.

    Each blank row repeats the nearest real row, mixed towards that row's mean colour in
    proportion to the distance into the cap (the mean at the pole); :func:`smooth_poles`
    then removes the streaks this leaves.
    """
    top, bottom = blank_cap_rows(rgb)
    h = rgb.shape[0]
    if top + bottom >= h:
        return rgb, (0, 0)
    out = rgb.astype(np.float32)
    for n, edge, rows in ((top, top, range(top)), (bottom, h - 1 - bottom,
                                                   range(h - bottom, h))):
        if not n:
            continue
        row = out[edge]
        mean = row.mean(axis=0)
        for r in rows:
            t = abs(r - edge) / n  # 0 at the cap's edge, 1 at the pole
            out[r] = row + t * (mean - row)
    return np.clip(np.round(out), 0, 255).astype(np.uint8), (top, bottom)


def smooth_poles(rgb: NDArray[np.uint8], taper_from_deg: float | None = None
                 ) -> NDArray[np.uint8]:
    """Low-pass each row in longitude to what its parallel can show (see the module).

    ``taper_from_deg``: for a map whose high latitudes were reprojected from oblique views
    (smeared into streaks that fan out from the pole), the kept detail also falls off from
    that latitude to the pole, as the square of the remaining distance, leaving a smooth cap.
    """
    h, w = rgb.shape[:2]
    # each row's poleward edge: its shortest parallel (0 long at the pole rows' outer edge)
    edges = 90.0 - np.arange(h + 1) * 180.0 / h
    lat = np.radians(np.maximum(np.abs(edges[:-1]), np.abs(edges[1:])))
    k = np.arange(w // 2 + 1)  # cycles around the parallel
    limit = np.maximum((w / 2.0) * np.cos(lat), 0.5)  # the equator keeps everything
    if taper_from_deg is not None:
        span = 90.0 - taper_from_deg
        t = np.clip((90.0 - np.degrees(lat)) / span, 0.0, 1.0)
        limit = np.maximum(limit * t * t, 0.5)
    excess = np.maximum(k[None, :] / limit[:, None] - 1.0, 0.0) / ROLL_OFF
    gain = np.exp(-(excess ** 2))  # (h, frequencies); 1 up to each row's limit
    out = np.empty(rgb.shape, np.float32)
    for c in range(rgb.shape[2]):
        spectrum = np.fft.rfft(rgb[:, :, c].astype(np.float32), axis=1)
        out[:, :, c] = np.fft.irfft(spectrum * gain, n=w, axis=1)
    return np.clip(np.round(out), 0, 255).astype(np.uint8)
