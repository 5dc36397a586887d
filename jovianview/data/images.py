"""Image files as numpy arrays, through Pillow: PNG, JPEG and TIFF; 8 or 16-bit; grey or colour.

One decoder for the whole program (textures, the user's maps and patches, HD packs, saved
frames). Pillow reads the header first; an image with more pixels than the limit is refused
before anything is decoded by Pillow's own decompression-bomb check (``Image.MAX_IMAGE_PIXELS``
is set to the project's :data:`~jovianview.core.imagemaps.MAX_PIXELS`, 128 Mpx, and its warning
above that limit is turned into a refusal). HD packs come from a catalogue of known mosaics up to
about 190 Mpx; they are allowed up to Pillow's hard limit, twice that (:data:`PACK_PIXELS`).
(Mpx here are 2**20 pixels.)
Every failure (unreadable, unknown format, truncated, damaged, too large) is one
:class:`~jovianview.core.imagemaps.ImageMapError` with the reason.
"""

from __future__ import annotations

import threading
import warnings
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from jovianview.core.errors import DataFileError
from jovianview.core.imagemaps import (
    MAX_PIXELS,
    ImageInfo,
    ImageMapError,
    Progress,
    check_global_map,
    downsample,
    to_canonical,
    to_rgb8,
)
from jovianview.data.files import temp_beside

__all__ = ["probe_image", "decode", "read_rgb8", "read_global_map", "read_patch", "write_png",
           "DEFAULT_MAX_WIDTH", "PACK_PIXELS", "FORMATS"]

DEFAULT_MAX_WIDTH = 8192
FORMATS = ("PNG", "JPEG", "TIFF")
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
PACK_PIXELS = 2 * MAX_PIXELS  # Pillow's DecompressionBombError threshold
# Image.open and the warnings filter are process-wide: one open at a time keeps a pack being
# installed in a worker thread from seeing the stricter filter of a user's image.
_OPEN_LOCK = threading.Lock()
_DEEP = {"I;16": "<u2", "I;16L": "<u2", "I;16B": ">u2", "I;16N": "=u2"}


def _open(path: Path, strict: bool) -> Image.Image:
    """Open ``path`` lazily (header only), with the bomb check; ImageMapError on failure."""
    try:
        with _OPEN_LOCK, warnings.catch_warnings():
            if strict:
                warnings.simplefilter("error", Image.DecompressionBombWarning)
            else:
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(path, formats=FORMATS)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        w, h = _claimed_size(path)
        limit = MAX_PIXELS if strict else PACK_PIXELS
        raise ImageMapError(
            f"{path.name} claims {w}x{h} pixels ({w * h / 2**20:.0f} Mpx), over the "
            f"{limit / 2**20:.0f} Mpx limit: refused as a possible decompression bomb; reduce it "
            "with an image editor first") from None
    except FileNotFoundError:
        raise ImageMapError(f"cannot read {path.name}: no such file") from None
    except IsADirectoryError:
        raise ImageMapError(f"cannot read {path.name}: it is a folder") from None
    except PermissionError:
        raise ImageMapError(f"cannot read {path.name}: permission denied") from None
    except Image.UnidentifiedImageError:
        raise ImageMapError(f"{path.name} is not a PNG, JPEG or TIFF image (or it is damaged "
                            "before its size)") from None
    except Exception as exc:  # noqa: BLE001 - a damaged header can fail in many ways
        raise ImageMapError(f"{path.name} is truncated or damaged ({_reason(exc)})") from None


def _claimed_size(path: Path) -> tuple[int, int]:
    """The size a too-large image claims (its header read again without the limit)."""
    with _OPEN_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            with Image.open(path, formats=FORMATS) as im:
                return im.size
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def probe_image(path: str | Path, strict: bool = True) -> ImageInfo:
    """Format and size from the header; refuses unreadable, unknown and too-large files."""
    path = Path(path)
    with _open(path, strict) as im:
        return ImageInfo(im.width, im.height, str(im.format).lower())


def decode(path: str | Path, strict: bool = True) -> NDArray:
    """The file's pixels as (h, w) or (h, w, 2|3|4) uint8, or (h, w) uint16 for 16-bit grey.

    ``strict`` applies the 128 Mpx limit; False (catalogued HD packs) allows :data:`PACK_PIXELS`.
    """
    path = Path(path)
    im = _open(path, strict)
    try:
        with im:
            if im.width < 1 or im.height < 1:
                raise ImageMapError(f"{path.name} has no pixels ({im.width}x{im.height})")
            im.load()
            return _to_array(im, path)
    except ImageMapError:
        raise
    except MemoryError:
        raise ImageMapError(f"{path.name}: not enough memory to decode "
                            f"{im.width}x{im.height} pixels") from None
    except Exception as exc:  # noqa: BLE001 - damaged image data fails in many ways
        raise ImageMapError(f"{path.name} is truncated or damaged ({_reason(exc)})") from None


def _to_array(im: Image.Image, path: Path) -> NDArray:
    mode = im.mode
    if mode in _DEEP:
        return np.asarray(im).astype(np.uint16, copy=False).reshape(im.height, im.width)
    if mode == "I":  # 32-bit integer samples: 16-bit grey in some files
        a = np.asarray(im)
        if a.min() < 0 or a.max() > 65535:
            raise ImageMapError(f"{path.name} has 32-bit samples: save it as 8 or 16-bit")
        return a.astype(np.uint16)
    if mode == "F":
        raise ImageMapError(f"{path.name} has floating-point samples: save it as 8 or 16-bit")
    if mode not in ("L", "LA", "RGB", "RGBA"):
        has_alpha = mode in ("PA", "RGBa", "La") or "transparency" in im.info
        im = im.convert("RGBA" if has_alpha else ("L" if mode == "1" else "RGB"))
    return np.array(im, dtype=np.uint8)


def read_rgb8(path: str | Path) -> NDArray[np.uint8]:
    """Any supported image as (h, w, 3) uint8 (alpha dropped, 16-bit reduced, grey spread)."""
    return to_rgb8(decode(path))


def read_global_map(path: str | Path, convention: str, max_width: int = DEFAULT_MAX_WIDTH,
                    progress: Progress | None = None,
                    tint: tuple[float, float, float] | None = None) -> NDArray[np.uint8]:
    """A user's equirectangular map as a canonical (h, w, 3) uint8 map (raises ImageMapError).

    The shape (2:1) and the pixel limit are checked from the header, before decoding.
    """
    path = Path(path)
    check_global_map(probe_image(path), path.name)
    pixels = downsample(decode(path), max_width, progress)
    return np.ascontiguousarray(to_canonical(to_rgb8(pixels, tint), convention))


def read_patch(path: str | Path, max_width: int = DEFAULT_MAX_WIDTH,
               progress: Progress | None = None) -> NDArray[np.uint8]:
    """A map-projected patch (any aspect ratio) as (h, w, 3) uint8."""
    pixels = downsample(decode(path), max_width, progress)
    return np.ascontiguousarray(to_rgb8(pixels))


def write_png(path: str | Path, image: NDArray[np.uint8], compress_level: int = 6) -> None:
    """Encode an (h, w[, 1|2|3|4]) uint8 array as a PNG file, atomically (temp file + rename).

    Raises
    ------
    DataFileError
        When the file cannot be written (one line naming it).
    """
    a = np.asarray(image)
    if a.dtype != np.uint8 or a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] > 4):
        raise ValueError("write_png needs an (h, w) or (h, w, 1-4) uint8 array")
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[:, :, 0]
    out = Path(path)
    img = Image.fromarray(np.ascontiguousarray(a))  # L, LA, RGB or RGBA from the shape
    tmp = temp_beside(out)  # DataFileError naming the folder when it cannot be written
    try:
        img.save(tmp, format="PNG", compress_level=compress_level)
        tmp.replace(out)
    except OSError as exc:
        raise DataFileError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
