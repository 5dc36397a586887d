"""HD texture packs: public-domain NASA/USGS global maps, downloaded on request and processed.

Downloading (:func:`download`) uses the program's one downloader
(:func:`jovianview.data.download.download_file`): ``NAME.part`` resumed with ``Range`` and
``If-Range`` (a file changed on the server starts over instead of being spliced), an overall
deadline, same-host redirects only. The result is verified (the sizes announced, and the exact
size and SHA-256 when the catalogue has them) before it is renamed into place. Progress
callbacks may cancel.

Processing (:func:`process_map`) turns a decoded mosaic into a canonical map: recentred (the
USGS mosaics run 0-360 deg east with 180 deg at the centre), tinted if grey (with the mean
colour of the built-in map, so Io stays yellow), and downsampled to the GPU's limit. Decoding
is :mod:`jovianview.data.images`' (Pillow); installing and the cache are
:mod:`jovianview.data.pack_cache`'s.

Nothing here runs unless the user asks for a pack; the program never needs the internet.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from jovianview.core.imagemaps import downsample, find_great_red_spot, to_canonical, to_rgb8
from jovianview.core.polar_caps import fill_polar_caps, smooth_poles
from jovianview.data.download import ByteProgress, download_file
from jovianview.data.files import file_sha256
from jovianview.data.http import DEFAULT_DEADLINE_S, DownloadError

__all__ = ["Pack", "CATALOGUE", "download", "process_map", "grey_tint", "DownloadError",
           "file_sha256", "ByteProgress"]

TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Pack:
    """One downloadable global map.

    ``approx_bytes`` is shown before downloading (the server's figure replaces it once known);
    ``convention`` is the source's longitude layout (see core.imagemaps.CONVENTIONS);
    ``drifting`` marks a cloud map whose Great Red Spot is measured for registration.
    ``size`` (exact bytes) and ``sha256`` are verified after the download when the catalogue
    has them; ``hosts`` are the other hosts the source is known to redirect to (the
    catalogue's consent: redirects elsewhere are refused).
    """

    body: str
    title: str
    url: str
    approx_bytes: int
    credit: str
    convention: str = "edge-east"
    sha256: str | None = None
    drifting: bool = False
    size: int | None = None
    hosts: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        """The pack's file name: the last part of its URL."""
        return self.url.rsplit("/", 1)[-1]


_USGS = "https://planetarymaps.usgs.gov/mosaic/"
# Exact sizes and SHA-256 digests: none recorded yet. They can only be measured on the real
# files, and this catalogue was last edited without internet access; ``approx_bytes`` are the
# sizes the sites list (rounded). Once measured, put them in ``size=`` and ``sha256=``: the
# download is then verified against them.
# Redirect hosts: NASA's Photojournal serves its full-resolution files from
# assets.science.nasa.gov, and USGS Astrogeology's planetarymaps host sends some mosaics to its
# Amazon S3 bucket; both belong to the same publishers.
_PHOTOJOURNAL_HOSTS = ("assets.science.nasa.gov",)
_USGS_HOSTS = ("asc-pds-services.s3.us-west-2.amazonaws.com",)
CATALOGUE: tuple[Pack, ...] = (
    Pack("jupiter", "Cassini colour map of Jupiter (PIA07782), 3601 x 1801",
         "https://photojournal.jpl.nasa.gov/jpeg/PIA07782.jpg", 1_800_000,
         "NASA/JPL/Space Science Institute, public domain", "centre-west", drifting=True,
         hosts=_PHOTOJOURNAL_HOSTS),
    # Io's mosaic spans -180..180 east (0 at the centre); the other three 0..360 east. The
    # files' metadata says "positive west", but their pixels run east to the right (as checked
    # on Pele, Loki, Valhalla and Galileo Regio by others who use these mosaics).
    Pack("io", "USGS Io Galileo SSI/Voyager global mosaic, 1 km/px (grey)",
         _USGS + "Io_GalileoSSI-Voyager_Global_Mosaic_1km.tif", 66_000_000,
         "NASA/JPL/USGS Astrogeology, public domain", "centre-east", hosts=_USGS_HOSTS),
    Pack("europa", "USGS Europa Voyager/Galileo SSI global mosaic, 500 m/px (grey)",
         _USGS + "Europa_Voyager_GalileoSSI_global_mosaic_500m.tif", 193_000_000,
         "NASA/JPL/USGS Astrogeology, public domain", hosts=_USGS_HOSTS),
    Pack("ganymede", "USGS Ganymede Voyager/Galileo SSI global mosaic, 1 km/px (grey)",
         _USGS + "Ganymede_Voyager_GalileoSSI_global_mosaic_1km.tif", 137_000_000,
         "NASA/JPL/USGS Astrogeology, public domain", hosts=_USGS_HOSTS),
    Pack("callisto", "USGS Callisto Voyager/Galileo SSI global mosaic, 1 km/px (grey)",
         _USGS + "Callisto_Voyager_GalileoSSI_global_mosaic_1km.tif", 115_000_000,
         "NASA/JPL/USGS Astrogeology, public domain", hosts=_USGS_HOSTS),
)


def download(url: str, dest: str | Path, sha256: str | None = None,
             progress: ByteProgress | None = None, timeout: float = TIMEOUT_S,
             size: int | None = None, deadline: float | None = DEFAULT_DEADLINE_S,
             allow_hosts: Collection[str] = ()) -> Path:
    """Fetch ``url`` to ``dest`` with the program's one downloader (resuming ``dest.part``).

    See :func:`jovianview.data.download.download_file`: ``If-Range`` resume, an overall
    ``deadline``, same-host redirects unless ``allow_hosts`` names another; a download that
    fails verification (``size``, ``sha256``) is removed.
    """
    return download_file(url, dest, size=size, sha256=sha256, progress=progress,
                         timeout=timeout, deadline=deadline, allow_hosts=allow_hosts).path


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
    rgb = smooth_poles(fill_polar_caps(rgb)[0])  # no blank caps, no pinched poles
    grs_u = find_great_red_spot(rgb)[0] if pack.drifting else None
    return rgb, grs_u
