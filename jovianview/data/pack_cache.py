"""Installing HD texture packs: download (data.texture_packs), decode with Qt, process, cache.

A processed pack is ``<cache>/maps/<body>.png`` plus ``<body>.json`` (source, credit, GRS u);
the raw download is deleted once processed. :func:`installed_pack_maps` loads them at start.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from jovianview.core.imagemaps import ImageMapError, probe_image
from jovianview.data.texture_packs import Pack, download, process_map
from jovianview.model.maps import BodyMap
from jovianview.data.images import decode
from jovianview.render.png import read_png, write_png

PACK_PIXEL_LIMIT = 400_000_000  # the 500 m Europa mosaic is ~190 Mpx


def install_pack(pack: Pack, cache: Path, max_width: int, builtin_rgb=None,  # noqa: ANN001
                 byte_progress: Callable[[int, int], bool | None] | None = None,
                 step_progress: Callable[[float], bool | None] | None = None,
                 url: str | None = None) -> BodyMap:
    """Download (resuming), verify, decode, process and cache one pack; returns its map."""
    raw_dir = cache / "downloads"
    raw = download(url or pack.url, raw_dir / pack.filename, pack.sha256, byte_progress)
    info = probe_image(raw)
    if info.width * info.height > PACK_PIXEL_LIMIT:
        raise ImageMapError(f"{pack.filename} is {info.width}x{info.height}, larger than expected")
    pixels = decode(raw, PACK_PIXEL_LIMIT)  # a catalogued source: its own, larger limit
    rgb, grs_u = process_map(pixels, pack, max_width, builtin_rgb, step_progress)
    out = cache / "maps"
    out.mkdir(parents=True, exist_ok=True)
    write_png(out / f"{pack.body}.png", rgb)
    meta = {"source": pack.url, "credit": pack.credit, "title": pack.title, "grs_u": grs_u,
            "processed": f"recentred from {pack.convention}, downsampled to {rgb.shape[1]}x"
                         f"{rgb.shape[0]}" + (", tinted" if pixels.ndim == 2 else "")}
    (out / f"{pack.body}.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    raw.unlink(missing_ok=True)
    return BodyMap(rgb, f"HD pack: {pack.title}", grs_u)


def installed_pack_maps(cache: Path) -> dict[str, BodyMap]:
    """The processed packs in ``cache`` (unreadable ones are skipped)."""
    found = {}
    for meta_path in sorted((cache / "maps").glob("*.json")):
        body = meta_path.stem
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            image = read_png(meta_path.with_suffix(".png"))[:, :, :3]
        except (OSError, ValueError):
            continue
        found[body] = BodyMap(image, f"HD pack: {meta.get('title', body)}", meta.get("grs_u"))
    return found
