"""Build assets/textures/*.png from the Debian packages stellarium-data and openuniverse-common.

Usage (run from the repository root)::

    apt-get download stellarium-data openuniverse-common
    dpkg -x stellarium-data_*.deb /tmp/tex; dpkg -x openuniverse-common_*.deb /tmp/tex
    PYTHONPATH=. python tools/make_textures.py /tmp/tex

Every map is kept at its source size (no upscaling), converted to 8-bit RGB and written as PNG
with jovianview's own encoder (rows Up-filtered, so they decode fast without Pillow). Maps are
registered with 0 deg longitude at the centre and east longitude increasing to the right; the
OpenUniverse Callisto map has 0 deg at its left edge, so it is rolled by half its width.
Qt's QImage decodes the JPEG sources; it is only needed here, not at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from jovianview.render.png import write_png

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


def main(root: str) -> None:
    out = Path("assets/textures")
    out.mkdir(parents=True, exist_ok=True)
    for name, (rel, roll) in SOURCES.items():
        rgb = load_rgb(Path(root) / rel)
        if roll:
            rgb = np.roll(rgb, rgb.shape[1] // 2, axis=1)
        write_png(out / f"{name}.png", rgb)
        note = " (rolled 180 deg)" if roll else ""
        print(f"{name}: {rgb.shape[1]}x{rgb.shape[0]} from {rel}{note}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/tex")
