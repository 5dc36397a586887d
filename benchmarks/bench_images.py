"""Speed of image files through Pillow: PNG writing (``render --out``, Save image, packs) and
decoding a large JPEG/TIFF map.

Run from the repository root::

    python benchmarks/bench_images.py

Prints, for a 1920x1080 frame (smooth gradients, a disc, some noise: like a rendered view),
the time and size of a PNG at each zlib level jovianview might use (it uses level 6,
:func:`jovianview.data.images.write_png`'s default), and the time to decode an 8192x4096 JPEG
and a grey 8192x4096 TIFF and area-average them to 4096 columns (what a drape of a large map
costs before the upload).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jovianview.data.images import decode, read_global_map, write_png  # noqa: E402


def frame() -> np.ndarray:
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:1080, :1920]
    img = np.zeros((1080, 1920, 3), np.uint8)
    img[..., 0] = (xx // 8) % 256
    img[..., 1] = (yy // 4) % 256
    img[(xx - 960) ** 2 + (yy - 540) ** 2 < 400**2] = (200, 150, 90)
    img[::7, ::3] = rng.integers(0, 255, img[::7, ::3].shape)
    return img


def best_of(n: int, fn) -> float:  # noqa: ANN001
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    img = frame()
    print("PNG of a 1920x1080 frame:")
    for level in (1, 3, 6, 9):
        path = tmp / f"f{level}.png"
        dt = best_of(3, lambda p=path, lv=level: write_png(p, img, lv))
        print(f"  level {level}: {dt * 1e3:7.1f} ms  {path.stat().st_size / 1e3:7.0f} kB")
    dt = best_of(3, lambda: decode(tmp / "f6.png"))
    print(f"  decode (level 6): {dt * 1e3:.1f} ms")
    big = np.repeat(np.repeat(img[:512, :1024], 8, axis=0), 8, axis=1)  # 8192x4096
    Image.fromarray(big).save(tmp / "big.jpg", quality=90)
    Image.fromarray(big[:, :, 1]).save(tmp / "big.tif")
    for name in ("big.jpg", "big.tif"):
        dt = best_of(2, lambda n=name: read_global_map(tmp / n, "centre-east", 4096))
        print(f"8192x4096 {name}: decode + downsample to 4096: {dt:.2f} s")


if __name__ == "__main__":
    main()
