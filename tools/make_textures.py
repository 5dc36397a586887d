"""Build assets/textures/*.png from the Debian packages stellarium-data and openuniverse-common.

Usage (run from the repository root)::

    apt-get download stellarium-data openuniverse-common
    dpkg -x stellarium-data_*.deb /tmp/tex; dpkg -x openuniverse-common_*.deb /tmp/tex
    PYTHONPATH=. python tools/make_textures.py /tmp/tex

Every map is kept at its source size (no upscaling), converted to 8-bit RGB and written as PNG
with jovianview's own encoder (rows Up-filtered, so they decode fast without Pillow). Maps are
registered with 0 deg longitude at the centre and east longitude increasing to the right; the
OpenUniverse Callisto map has 0 deg at its left edge, so it is rolled by half its width. The
Jupiter map's sepia cast is lifted by :func:`grade_jupiter` (colour grading, done here once so
start-up pays nothing for it).
Qt's QImage decodes the JPEG sources; it is only needed here, not at run time.

Jupiter's cloud map has no fixed longitude: ``find_great_red_spot`` (core.imagemaps) finds
the Great Red Spot's centre in it (the centroid of the reddest 3 % of pixels in the GRS's
latitude box); its horizontal texture coordinate is written to
``assets/textures/registration.json``, which the renderer uses to turn the map so the spot
sits at its modelled longitude for the shown date.
``python tools/make_textures.py --measure`` redoes only that step from the PNG.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from jovianview.core.imagemaps import find_great_red_spot
from jovianview.data.images import read_rgb8, write_png

SOURCES = {
    # name: (path inside the extracted packages, roll by half a width?)
    "jupiter": ("usr/share/openuniverse/textures/jupiter.jpg", False),
    "io": ("usr/share/stellarium/textures/io.png", False),
    "europa": ("usr/share/stellarium/textures/europa.png", False),
    "ganymede": ("usr/share/stellarium/textures/ganymede.png", False),
    "callisto": ("usr/share/openuniverse/textures/callisto.jpg", True),
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


def grade_jupiter(rgb: np.ndarray) -> np.ndarray:
    """Lift the OpenUniverse Jupiter map's flat sepia cast: whiter zones, warmer belts.

    The brightness is stretched (0.5-99.5 percentile) to 70 %; the colour difference from grey
    is amplified 1.8x, less so in bright zones (so zones read near-white, as in Juno and
    Cassini colour views), plus a slight orange shift in dark belts. A look, not a calibration.
    """
    f = rgb.astype(np.float32) / 255.0
    lum = f @ np.array([0.299, 0.587, 0.114], np.float32)
    lo, hi = np.percentile(lum, [0.5, 99.5])
    stretched = lum + 0.7 * (np.clip((lum - lo) / (hi - lo), 0.0, 1.0) - lum)
    s = stretched[..., None]
    chroma = (f - lum[..., None]) * 1.8 * (1.0 - 0.5 * s)
    chroma += 0.5 * (1.0 - s) * np.array([0.06, 0.0, -0.06], np.float32)
    return (np.clip(s + chroma, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


GRADES = {"jupiter": grade_jupiter}


def write_registration(out: Path) -> None:
    u, lat = find_great_red_spot(read_rgb8(out / "jupiter.png"))
    reg = {"jupiter": {"grs_u": round(u, 5), "grs_latitude": round(lat, 2)}}
    (out / "registration.json").write_text(json.dumps(reg, indent=2) + "\n", encoding="utf-8")
    print(f"jupiter: Great Red Spot at u = {u:.4f}, latitude {lat:.1f} deg")


def main(root: str) -> None:
    out = Path("assets/textures")
    out.mkdir(parents=True, exist_ok=True)
    for name, (rel, roll) in SOURCES.items():
        rgb = load_rgb(Path(root) / rel)
        if roll:
            rgb = np.roll(rgb, rgb.shape[1] // 2, axis=1)
        if name in GRADES:
            rgb = GRADES[name](rgb)
        write_png(out / f"{name}.png", rgb)
        note = " (rolled 180 deg)" if roll else ""
        print(f"{name}: {rgb.shape[1]}x{rgb.shape[0]} from {rel}{note}")
    write_registration(out)


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        write_registration(Path("assets/textures"))
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/tex")
