"""Decode user images with Qt (PNG, JPEG, TIFF; 8 or 16-bit; grey or colour) into numpy maps.

The header is checked first (:func:`jovianview.core.imagemaps.probe_image`): wrong shape,
truncation and decompression bombs are refused before anything is decoded. Large images are
area-averaged down to ``max_width`` with a progress callback that may cancel.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PyQt6.QtGui import QImage, QImageReader

from jovianview.core.imagemaps import (
    MAX_PIXELS,
    ImageMapError,
    PatchBounds,
    Progress,
    check_global_map,
    check_pixels,
    downsample,
    probe_image,
    to_canonical,
    to_rgb8,
)
from jovianview.model.maps import BodyMap, BodyPatch

DEFAULT_MAX_WIDTH = 8192


def decode(path: str | Path, max_pixels: int = MAX_PIXELS) -> NDArray:
    """The file's pixels as (h, w) or (h, w, 3|4) uint8/uint16, after the header checks."""
    path = Path(path)
    info = probe_image(path)
    check_pixels(info, path.name, max_pixels)
    QImageReader.setAllocationLimit(0)  # our own pixel limit applies instead of Qt's 256 MB
    reader = QImageReader(str(path))
    image = reader.read()
    if image.isNull():
        raise ImageMapError(f"{path.name} could not be decoded: {reader.errorString()}")
    if (image.width(), image.height()) != (info.width, info.height):
        raise ImageMapError(f"{path.name}: decoded size differs from its header (damaged file)")
    fmt = image.format()
    grey = image.isGrayscale() and not image.hasAlphaChannel()
    deep = image.depth() >= 16 * (1 if grey else 3) and fmt not in (
        QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32, QImage.Format.Format_RGB888)
    if grey:
        target, dtype, ch = ((QImage.Format.Format_Grayscale16, np.uint16, 1) if deep
                             else (QImage.Format.Format_Grayscale8, np.uint8, 1))
    else:
        target, dtype, ch = ((QImage.Format.Format_RGBA64, np.uint16, 4) if deep
                             else (QImage.Format.Format_RGB888, np.uint8, 3))
    image = image.convertToFormat(target)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    itemsize = np.dtype(dtype).itemsize
    buf = np.frombuffer(image.constBits().asstring(h * stride), dtype=np.uint8)
    rows = buf.reshape(h, stride)[:, : w * ch * itemsize].copy()
    arr = rows.view(dtype).reshape(h, w, ch)
    return arr[:, :, 0] if ch == 1 else arr


def load_global_map(path: str | Path, convention: str, max_width: int = DEFAULT_MAX_WIDTH,
                    progress: Progress | None = None,
                    tint: tuple[float, float, float] | None = None) -> BodyMap:
    """A user's equirectangular map as a canonical :class:`BodyMap` (raises ImageMapError)."""
    path = Path(path)
    info = probe_image(path)
    check_global_map(info, path.name)
    pixels = decode(path)
    pixels = downsample(pixels, max_width, progress)
    rgb = to_rgb8(pixels, tint)
    return BodyMap(np.ascontiguousarray(to_canonical(rgb, convention)), str(path))


def load_patch(path: str | Path, bounds: PatchBounds, opacity: float = 1.0,
               max_width: int = DEFAULT_MAX_WIDTH,
               progress: Progress | None = None) -> BodyPatch:
    """A map-projected patch (any aspect ratio) with its bounds."""
    bounds.validate()
    if not 0.0 < opacity <= 1.0:
        raise ImageMapError(f"patch opacity must be in (0, 1], got {opacity}")
    pixels = downsample(decode(path), max_width, progress)
    return BodyPatch(np.ascontiguousarray(to_rgb8(pixels)), bounds, opacity, str(path))
