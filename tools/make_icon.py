"""Draw jovianview's application icon: a banded Jupiter with the Great Red Spot and Io.

Writes ``packaging/icons/jovianview-{512,256,128,64,48,32,16}.png`` plus ``jovianview.ico``
(Windows) and ``jovianview.icns`` (macOS), and the 256 px PNG as
``assets/icons/jovianview.png`` for the running program's window icon. Both containers simply
embed the PNGs, which Windows Vista+ and macOS 10.7+ read, so no image library beyond Qt is
needed. Each size is painted directly (not scaled down) so the small ones stay crisp.

Usage: ``QT_QPA_PLATFORM=offscreen python tools/make_icon.py [OUT_DIR]``
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

SIZES = (512, 256, 128, 64, 48, 32, 16)
ICO_SIZES = (256, 64, 48, 32, 16)
# ICNS element types that hold PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}

# Jupiter's zones (light) and belts (dark), north to south, as (top, bottom) in units of the
# disc's height and an RGB colour; the disc's base colour fills what is left.
BANDS = [
    (0.00, 0.16, (150, 128, 108)),   # north polar region
    (0.24, 0.33, (176, 122, 84)),    # north temperate belt
    (0.38, 0.47, (168, 100, 62)),    # north equatorial belt
    (0.56, 0.66, (160, 96, 60)),     # south equatorial belt
    (0.72, 0.78, (186, 140, 100)),   # south temperate belt
    (0.86, 1.00, (146, 126, 110)),   # south polar region
]
BASE = (236, 214, 180)
ORBIT_A, ORBIT_B, ORBIT_TILT = 0.44, 0.15, -18.0  # Io's orbit: semi-axes (of size), degrees
IO_PHASE_DEG = 12.0  # where Io sits on it, from the right end, towards the viewer


def draw_icon(size: int):  # noqa: ANN201 - a QImage
    """Paint the icon at ``size`` x ``size`` pixels on a transparent background."""
    from PyQt6.QtCore import QPointF, QRectF, Qt
    from PyQt6.QtGui import (
        QBrush,
        QColor,
        QImage,
        QPainter,
        QPainterPath,
        QPen,
        QRadialGradient,
        QTransform,
    )

    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    disc = QRectF(0.06 * s, 0.06 * s, 0.78 * s, 0.78 * s)

    # Io's orbit, behind the planet: a thin tilted ellipse.
    p.save()
    p.translate(disc.center())
    p.rotate(ORBIT_TILT)
    p.setPen(QPen(QColor(120, 170, 230, 170), max(1.0, s / 90)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(0, 0), ORBIT_A * s, ORBIT_B * s)
    p.restore()

    path = QPainterPath()
    path.addEllipse(disc)
    p.save()
    p.setClipPath(path)
    p.fillRect(disc, QColor(*BASE))
    p.setPen(Qt.PenStyle.NoPen)
    for top, bottom, rgb in BANDS:
        band = QRectF(disc.left(), disc.top() + top * disc.height(),
                      disc.width(), (bottom - top) * disc.height())
        p.fillRect(band, QColor(*rgb))
    if size >= 32:  # the Great Red Spot, on the south edge of the south equatorial belt
        p.setBrush(QColor(196, 84, 52))
        spot = QRectF(disc.left() + 0.52 * disc.width(), disc.top() + 0.63 * disc.height(),
                      0.20 * disc.width(), 0.10 * disc.height())
        p.drawEllipse(spot)
    # Limb darkening and a terminator: light from the upper left.
    shade = QRadialGradient(disc.center() - QPointF(0.15 * s, 0.15 * s), 0.62 * s)
    shade.setColorAt(0.0, QColor(255, 255, 255, 40))
    shade.setColorAt(0.55, QColor(0, 0, 0, 0))
    shade.setColorAt(1.0, QColor(10, 5, 30, 200))
    p.fillRect(disc, QBrush(shade))
    p.restore()

    # The front half of the orbit, over the planet.
    p.save()
    p.translate(disc.center())
    p.rotate(ORBIT_TILT)
    p.setPen(QPen(QColor(120, 170, 230, 200), max(1.0, s / 90)))
    p.drawArc(QRectF(-ORBIT_A * s, -ORBIT_B * s, 2 * ORBIT_A * s, 2 * ORBIT_B * s),
              180 * 16, 180 * 16)
    p.restore()

    # Io, on the near side of its orbit, lower right.
    on_orbit = QTransform().translate(disc.center().x(), disc.center().y()).rotate(ORBIT_TILT)
    phase = math.radians(IO_PHASE_DEG)
    io = on_orbit.map(QPointF(ORBIT_A * s * math.cos(phase), ORBIT_B * s * math.sin(phase)))
    r = max(1.5, 0.075 * s)
    glow = QRadialGradient(io - QPointF(0.3 * r, 0.3 * r), 1.3 * r)
    glow.setColorAt(0.0, QColor(255, 246, 170))
    glow.setColorAt(0.7, QColor(222, 190, 70))
    glow.setColorAt(1.0, QColor(150, 110, 40))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(glow))
    p.drawEllipse(io, r, r)
    p.end()
    return img


def png_bytes(img) -> bytes:  # noqa: ANN001
    from PyQt6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding PNG images (ICONDIR, ICONDIRENTRYs, then the data)."""
    sizes = [n for n in ICO_SIZES if n in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for n in sizes:
        blob = pngs[n]
        dim = 0 if n >= 256 else n  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + total length, then (type, length, PNG) elements."""
    body = b"".join(ICNS_TYPES[n] + struct.pack(">I", 8 + len(pngs[n])) + pngs[n]
                    for n in sorted(ICNS_TYPES) if n in pngs)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(out_dir: str | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PyQt6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    default = Path(__file__).resolve().parent.parent / "packaging" / "icons"
    out = Path(out_dir) if out_dir else default
    out.mkdir(parents=True, exist_ok=True)
    pngs = {n: png_bytes(draw_icon(n)) for n in SIZES}
    for n, blob in pngs.items():
        (out / f"jovianview-{n}.png").write_bytes(blob)
    (out / "jovianview.ico").write_bytes(ico_bytes(pngs))
    (out / "jovianview.icns").write_bytes(icns_bytes(pngs))
    if out_dir is None:  # the window icon the program loads at run time
        window_icon = default.parent.parent / "assets" / "icons" / "jovianview.png"
        window_icon.parent.mkdir(exist_ok=True)
        window_icon.write_bytes(pngs[256])
    print(f"wrote {len(pngs)} PNGs, jovianview.ico and jovianview.icns to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
