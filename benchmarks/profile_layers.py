"""Where a frame's main-thread CPU goes, layer by layer, at full speed (no profiler).

Run from the repository root, under an X server (as ``bench_app.py``)::

    LP_NUM_THREADS=2 xvfb-run -a -s "-screen 0 1920x1080x24" \\
        env PYTHONPATH=. python benchmarks/profile_layers.py [overview jupiter ...]

Builds the same window and full scene as ``bench_app.py`` and, for each preset, draws 40
warm-up frames and then 300 (one simulated minute apart), timing ``prepare`` and each
layer's ``draw`` with ``time.thread_time`` (this thread's CPU: our Python plus what Mesa's
llvmpipe does on this thread inside the GL calls: vertex shading, primitive setup and
binning). Prints medians in milliseconds. The first few hundred draws after start-up run
slower (warm-up), hence the long warm-up; on a shared machine compare runs of one sitting.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_app import bench_window, load_average  # noqa: E402

LAYERS = ("stars", "bodies", "juno", "paths", "field_lines", "aurorae", "torus", "junocam",
          "labels")


def main() -> None:
    presets = sys.argv[1:] or ["overview", "jupiter"]
    from vispy import gloo

    app, w, start, when = bench_window()
    size = tuple(w.canvas.physical_size)
    renderer, canvas = w.renderer, w.canvas
    times: dict[str, list[float]] = {}

    def timed(key: str, func):  # noqa: ANN001, ANN202
        def call(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            t0 = time.thread_time()
            out = func(*args, **kwargs)
            times.setdefault(key, []).append((time.thread_time() - t0) * 1e3)
            return out
        return call

    for name in LAYERS:
        layer = getattr(renderer, name)
        layer.draw = timed(name, layer.draw)
    print(f"{load_average()}; canvas {size[0]}x{size[1]}; scene at {when}")
    for preset in presets:
        w.go_to_view(preset, smooth=False)
        tdb = start
        for i in range(340):
            if i == 40:
                times.clear()
            tdb += 60.0 / 86400.0
            t0 = time.thread_time()
            fd = renderer.prepare(tdb, size)
            t1 = time.thread_time()
            renderer.draw(fd, canvas, (0, 0, *size))
            t2 = time.thread_time()
            times.setdefault("prepare", []).append((t1 - t0) * 1e3)
            times.setdefault("draw (all layers)", []).append((t2 - t1) * 1e3)
            gloo.flush()
            gloo.finish()
        radii = ", ".join(f"{b} {r:.0f}" for b, r in fd.pixel_radius.items())
        print(f"{preset} (disc radii, px: {radii})")
        for key in ("prepare", *LAYERS, "draw (all layers)"):
            if key in times:
                print(f"  {key:18s} {statistics.median(times[key]):.3f} ms")
    w.close()


if __name__ == "__main__":
    main()
