"""HD texture packs: public-domain NASA/USGS global maps, downloaded on request and processed.

Downloading (:func:`download`) writes ``NAME.part`` and resumes it with an HTTP Range request
after an interruption; a server that ignores the Range header makes it start over. The result
is verified (the size the server announced, and the SHA-256 when the catalogue has one) before
it is renamed into place. Progress callbacks may cancel.

Processing (:func:`process_map`) turns a decoded mosaic into a canonical map: recentred (the
USGS mosaics run 0-360 deg east with 180 deg at the centre), tinted if grey (with the mean
colour of the built-in map, so Io stays yellow), and downsampled to the GPU's limit. Decoding
the file is the GUI toolkit's job (Qt's QImage), so it is passed in.

Nothing here runs unless the user asks for a pack; the program never needs the internet.
"""

from __future__ import annotations

import hashlib
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from jovianview.core.errors import DataFileError
from jovianview.core.imagemaps import downsample, find_great_red_spot, to_canonical, to_rgb8

CHUNK = 256 * 1024
TIMEOUT_S = 30.0

ByteProgress = Callable[[int, int], bool | None]  # (done, total) -> False to cancel


class DownloadError(DataFileError):
    """A download that failed, was cancelled or did not verify."""


@dataclass(frozen=True)
class Pack:
    """One downloadable global map.

    ``approx_bytes`` is shown before downloading (the server's figure replaces it once known);
    ``convention`` is the source's longitude layout (see core.imagemaps.CONVENTIONS);
    ``drifting`` marks a cloud map whose Great Red Spot is measured for registration.
    """

    body: str
    title: str
    url: str
    approx_bytes: int
    credit: str
    convention: str = "edge-east"
    sha256: str | None = None
    drifting: bool = False

    @property
    def filename(self) -> str:
        return self.url.rsplit("/", 1)[-1]


_USGS = "https://planetarymaps.usgs.gov/mosaic/"
CATALOGUE: tuple[Pack, ...] = (
    Pack("jupiter", "Cassini colour map of Jupiter (PIA07782), 3601 x 1801",
         "https://photojournal.jpl.nasa.gov/jpeg/PIA07782.jpg", 1_800_000,
         "NASA/JPL/Space Science Institute, public domain", "centre-west", drifting=True),
    # Io's mosaic spans -180..180 east (0 at the centre); the other three 0..360 east. The
    # files' metadata says "positive west", but their pixels run east to the right (as checked
    # on Pele, Loki, Valhalla and Galileo Regio by others who use these mosaics).
    Pack("io", "USGS Io Galileo SSI/Voyager global mosaic, 1 km/px (grey)",
         _USGS + "Io_GalileoSSI-Voyager_Global_Mosaic_1km.tif", 66_000_000,
         "NASA/JPL/USGS Astrogeology, public domain", "centre-east"),
    Pack("europa", "USGS Europa Voyager/Galileo SSI global mosaic, 500 m/px (grey)",
         _USGS + "Europa_Voyager_GalileoSSI_global_mosaic_500m.tif", 193_000_000,
         "NASA/JPL/USGS Astrogeology, public domain"),
    Pack("ganymede", "USGS Ganymede Voyager/Galileo SSI global mosaic, 1 km/px (grey)",
         _USGS + "Ganymede_Voyager_GalileoSSI_global_mosaic_1km.tif", 137_000_000,
         "NASA/JPL/USGS Astrogeology, public domain"),
    Pack("callisto", "USGS Callisto Voyager/Galileo SSI global mosaic, 1 km/px (grey)",
         _USGS + "Callisto_Voyager_GalileoSSI_global_mosaic_1km.tif", 115_000_000,
         "NASA/JPL/USGS Astrogeology, public domain"),
)


def download(url: str, dest: str | Path, sha256: str | None = None,
             progress: ByteProgress | None = None, timeout: float = TIMEOUT_S) -> Path:
    """Fetch ``url`` to ``dest``, resuming ``dest.part`` if a previous attempt left one."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "jovianview"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) only
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # the part file is already complete (or too long)
            part.unlink()
            return download(url, dest, sha256, progress, timeout)
        raise DownloadError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise DownloadError(f"cannot reach {url}: {getattr(exc, 'reason', exc)}") from None
    with response:
        if response.status == 206:
            total = _total_from_content_range(response.headers.get("Content-Range"), have)
        else:  # 200: the whole file; a server that ignored Range means starting over
            have = 0
            length = response.headers.get("Content-Length")
            total = int(length) if length is not None else -1
        done = have
        with part.open("ab" if have else "wb") as f:
            while True:
                try:
                    block = response.read(CHUNK)
                except OSError as exc:
                    raise DownloadError(f"the download of {url} broke off at {done} bytes "
                                        f"({exc}); run it again to resume") from None
                if not block:
                    break
                f.write(block)
                done += len(block)
                if progress is not None and progress(done, total) is False:
                    raise DownloadError(f"download of {dest.name} cancelled at {done} bytes; "
                                        "it resumes from there next time")
    if total >= 0 and done != total:
        raise DownloadError(f"the download of {url} stopped at {done} of {total} bytes; "
                            "run it again to resume")
    if sha256 is not None:
        digest = file_sha256(part)
        if digest != sha256.lower():
            part.unlink()
            raise DownloadError(f"{dest.name} failed verification (SHA-256 {digest[:16]}... "
                                f"instead of {sha256[:16]}...); the file was removed")
    os.replace(part, dest)
    return dest


def _total_from_content_range(header: str | None, have: int) -> int:
    if not header or "/" not in header:
        raise DownloadError("the server's partial answer has no Content-Range")
    span, _, size = header.partition("/")
    start = int(span.split()[-1].split("-")[0])
    if start != have:
        raise DownloadError(f"the server resumed at byte {start}, not {have}")
    return int(size) if size != "*" else -1


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def grey_tint(builtin_rgb: NDArray[np.uint8]) -> tuple[float, float, float]:
    """Colour factors that give a grey mosaic the built-in map's mean colour."""
    mean = builtin_rgb.reshape(-1, 3).astype(np.float64).mean(axis=0)
    return tuple(float(c) for c in mean / max(mean.mean(), 1e-9))  # type: ignore[return-value]


def process_map(pixels: NDArray, pack: Pack, max_width: int,
                builtin_rgb: NDArray[np.uint8] | None = None,
                progress: Callable[[float], bool | None] | None = None,
                ) -> tuple[NDArray[np.uint8], float | None]:
    """A decoded mosaic as a canonical map (and, for a cloud map, its GRS's u)."""
    small = downsample(pixels, max_width, progress)
    grey = small.ndim == 2 or small.shape[2] in (1, 2)
    tint = grey_tint(builtin_rgb) if grey and builtin_rgb is not None else None
    rgb = np.ascontiguousarray(to_canonical(to_rgb8(small, tint), pack.convention))
    grs_u = find_great_red_spot(rgb)[0] if pack.drifting else None
    return rgb, grs_u
