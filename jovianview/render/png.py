"""A small PNG reader and writer in numpy, so textures load without Pillow.

Reads 8-bit greyscale, grey+alpha, RGB and RGBA images, non-interlaced, with any of the five
PNG row filters. Rows filtered with None, Sub or Up decode in vectorised numpy; Average and
Paeth rows fall back to a per-pixel loop (correct but slow), which is why :func:`write_png`
stores every row with the Up filter: the textures jovianview ships decode in milliseconds.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from jovianview.core.errors import DataFileError

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 4: 2, 2: 3, 6: 4}  # PNG colour type -> samples per pixel


def read_png(path: str | Path) -> NDArray[np.uint8]:
    """Decode a PNG file into an array of shape (height, width, channels), dtype uint8.

    Raises
    ------
    DataFileError
        When the file is missing, is not a PNG, or uses a feature this reader lacks
        (palette, 16-bit samples, interlacing).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot read image {path}: {exc.strerror}") from None
    if not data.startswith(_SIGNATURE):
        raise DataFileError(f"{path} is not a PNG file")
    pos = len(_SIGNATURE)
    header = None
    idat = []
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None or not idat:
        raise DataFileError(f"{path} is a truncated PNG file")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in _CHANNELS or interlace:
        raise DataFileError(
            f"{path}: only 8-bit non-interlaced grey, RGB or RGBA PNGs are supported "
            f"(this one has bit depth {depth}, colour type {colour}, interlace {interlace})"
        )
    channels = _CHANNELS[colour]
    try:
        raw = zlib.decompress(b"".join(idat))
    except zlib.error:
        raise DataFileError(f"{path} has corrupt image data") from None
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise DataFileError(f"{path} has image data of the wrong size")
    rows = np.frombuffer(raw, dtype=np.uint8).reshape(height, stride + 1)
    return _unfilter(rows[:, 0], rows[:, 1:], channels).reshape(height, width, channels)


def _unfilter(kinds: NDArray[np.uint8], rows: NDArray[np.uint8], bpp: int) -> NDArray[np.uint8]:
    out = rows.copy()
    if np.all(kinds == 2):  # every row "Up": one cumulative sum down the columns (mod 256)
        return np.cumsum(out, axis=0, dtype=np.uint8)
    prev = np.zeros(out.shape[1], dtype=np.uint8)
    for i, kind in enumerate(kinds):
        row = out[i]
        if kind == 1:  # Sub: running sum along each channel
            row[:] = np.cumsum(row.reshape(-1, bpp), axis=0, dtype=np.uint8).ravel()
        elif kind == 2:  # Up
            row += prev
        elif kind == 3:  # Average
            for j in range(row.size):
                left = int(row[j - bpp]) if j >= bpp else 0
                row[j] = (int(row[j]) + (left + int(prev[j])) // 2) & 0xFF
        elif kind == 4:  # Paeth
            for j in range(row.size):
                a = int(row[j - bpp]) if j >= bpp else 0
                b = int(prev[j])
                c = int(prev[j - bpp]) if j >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[j] = (int(row[j]) + pred) & 0xFF
        elif kind != 0:
            raise DataFileError(f"PNG row filter {kind} is not defined")
        prev = row
    return out


def write_png(path: str | Path, image: NDArray[np.uint8]) -> None:
    """Encode an (height, width[, channels]) uint8 array as PNG, every row Up-filtered."""
    image = np.asarray(image)
    if image.dtype != np.uint8:
        raise ValueError("write_png needs a uint8 array")
    if image.ndim == 2:
        image = image[:, :, None]
    height, width, channels = image.shape
    colour = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    flat = image.reshape(height, width * channels)
    up = flat.copy()
    up[1:] = flat[1:] - flat[:-1]  # uint8 arithmetic wraps, as the Up filter wants
    raw = np.hstack([np.full((height, 1), 2, dtype=np.uint8), up]).tobytes()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    Path(path).write_bytes(
        _SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )
