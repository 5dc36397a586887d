"""Installing HD texture packs into the cache, and reading them back safely at start.

A processed pack is ``<cache>/maps/<body>.png`` (RGB, 2:1) plus ``<body>.json`` (source,
credit, title, GRS u); the raw download is deleted once processed, or once it turned out not to
be a usable image. :func:`load_installed` reads the cache at start: any pack that is not what
:func:`install_pack` writes (a damaged or grey PNG, an unknown body, JSON that is not an object,
a Great Red Spot position that is not a number in 0..1) is moved to ``<cache>/maps/set-aside/``
with a message, and the program starts with the others.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from jovianview.core.errors import DataFileError
from jovianview.core.imagemaps import ASPECT_TOLERANCE, ImageMapError
from jovianview.data.files import write_atomic
from jovianview.data.images import decode, probe_image, write_png
from jovianview.data.texture_packs import Pack, download, process_map

__all__ = ["InstalledPack", "install_pack", "load_installed", "PACK_BODIES", "SET_ASIDE"]

PACK_BODIES = ("jupiter", "io", "europa", "ganymede", "callisto")
SET_ASIDE = "set-aside"


@dataclass(frozen=True)
class InstalledPack:
    """A processed pack: its canonical (h, w, 3) uint8 map, title and GRS u (or None)."""

    body: str
    image: NDArray[np.uint8]
    title: str
    grs_u: float | None


def install_pack(pack: Pack, cache: Path, max_width: int,
                 builtin_rgb: NDArray[np.uint8] | None = None,
                 byte_progress: Callable[[int, int], bool | None] | None = None,
                 step_progress: Callable[[float], bool | None] | None = None,
                 url: str | None = None) -> InstalledPack:
    """Download (resuming), verify, decode, process and cache one pack.

    Raises
    ------
    DataFileError
        Download failures (an interrupted one resumes next time), or an image that cannot be
        used (the download is then deleted from the cache).
    """
    raw = download(url or pack.url, cache / "downloads" / pack.filename, pack.sha256,
                   byte_progress, size=pack.size, allow_hosts=pack.hosts)
    try:
        probe_image(raw, strict=False)
        pixels = decode(raw, strict=False)  # a catalogued source: Pillow's larger hard limit
        rgb, grs_u = process_map(pixels, pack, max_width, builtin_rgb, step_progress)
    except ImageMapError as exc:
        if str(exc) != "cancelled":  # a cancelled processing keeps the download for a retry
            raw.unlink(missing_ok=True)
            raise ImageMapError(f"{pack.filename}: {exc}; the download was deleted") from None
        raise
    out = cache / "maps"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFileError(f"cannot create {out}: {exc.strerror or exc}") from None
    write_png(out / f"{pack.body}.png", rgb)
    meta = {"source": pack.url, "credit": pack.credit, "title": pack.title, "grs_u": grs_u,
            "processed": f"recentred from {pack.convention}, downsampled to {rgb.shape[1]}x"
                         f"{rgb.shape[0]}" + (", tinted" if pixels.ndim == 2 else "")}
    write_atomic(out / f"{pack.body}.json", json.dumps(meta, indent=2))
    raw.unlink(missing_ok=True)
    return InstalledPack(pack.body, rgb, f"HD pack: {pack.title}", grs_u)


def load_installed(cache: Path) -> tuple[dict[str, InstalledPack], list[str]]:
    """The usable processed packs in ``cache``, and a message for each one set aside."""
    found: dict[str, InstalledPack] = {}
    problems: list[str] = []
    folder = cache / "maps"
    for meta_path in sorted(folder.glob("*.json")):
        try:
            found[meta_path.stem] = _read_pack(meta_path)
        except (ImageMapError, DataFileError) as exc:
            where = _set_aside(meta_path)
            problems.append(f"HD pack {meta_path.stem}: {exc}; set aside in {where} "
                            "(install it again from File > HD texture packs)")
    return found, problems


def _read_pack(meta_path: Path) -> InstalledPack:
    body = meta_path.stem
    if body not in PACK_BODIES:
        raise DataFileError(f"unknown body {body!r} (packs are for {', '.join(PACK_BODIES)})")
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{meta_path.name} is unreadable ({exc})") from None
    if not isinstance(meta, dict):
        raise DataFileError(f"{meta_path.name} is not a JSON object")
    grs_u = meta.get("grs_u")
    if grs_u is not None and not (isinstance(grs_u, int | float) and not isinstance(grs_u, bool)
                                  and math.isfinite(grs_u) and 0.0 <= grs_u <= 1.0):
        raise DataFileError(f"{meta_path.name}: grs_u must be a number from 0 to 1, got "
                            f"{grs_u!r}")
    title = meta.get("title", body)
    if not isinstance(title, str):
        raise DataFileError(f"{meta_path.name}: the title is not text")
    png = meta_path.with_suffix(".png")
    image = decode(png)
    if image.ndim != 3 or image.shape[2] != 3:
        raise DataFileError(f"{png.name} is not an RGB map (shape {image.shape})")
    h, w = image.shape[:2]
    if abs(w / h - 2.0) > 2.0 * ASPECT_TOLERANCE:
        raise DataFileError(f"{png.name} is {w}x{h}, not a 2:1 global map")
    return InstalledPack(body, image, f"HD pack: {title}",
                         None if grs_u is None else float(grs_u))


def _set_aside(meta_path: Path) -> Path:
    """Move a pack's files into ``set-aside/`` so the next start does not trip on them."""
    where = meta_path.parent / SET_ASIDE
    try:
        where.mkdir(exist_ok=True)
        for path in (meta_path, meta_path.with_suffix(".png")):
            if path.exists():
                os.replace(path, where / path.name)
    except OSError:
        pass  # a read-only cache: skipped again next time, with the same message
    return where
