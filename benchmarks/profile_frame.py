"""Where a frame's main-thread time goes: cProfile over the app's frame path.

Run from the repository root, under an X server (as ``bench_app.py``)::

    LP_NUM_THREADS=2 xvfb-run -a -s "-screen 0 1920x1080x24" \\
        env PYTHONPATH=. python benchmarks/profile_frame.py [overview|jupiter] [N]

Builds the same window and full scene as ``bench_app.py``, draws N frames (default 300, one
simulated minute apart) of the preset and prints the functions by own time and by
cumulative time. Profiling slows Python calls, so read proportions, not milliseconds.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_app import bench_window  # noqa: E402


def main() -> None:
    preset = sys.argv[1] if len(sys.argv) > 1 else "jupiter"
    frames = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    from vispy import gloo

    app, w, start, when = bench_window()
    size = tuple(w.canvas.physical_size)
    w.go_to_view(preset, smooth=False)
    renderer, canvas = w.renderer, w.canvas

    def frames_from(tdb: float, n: int) -> None:
        for _ in range(n):
            tdb += 60.0 / 86400.0
            renderer.frame(tdb, size, canvas)
            gloo.flush()
            gloo.finish()

    frames_from(start, 20)  # warm up: shaders, uploads
    if os.environ.get("NOPROF"):
        frames_from(start, frames)
        return
    prof = cProfile.Profile()
    prof.enable()
    frames_from(start + 20 * 60.0 / 86400.0, frames)
    prof.disable()
    print(f"{preset}, {frames} frames at {when}, {size[0]}x{size[1]}")
    stats = pstats.Stats(prof).strip_dirs()
    stats.sort_stats("tottime").print_stats(60)
    stats.sort_stats("cumulative").print_stats("jovianview", 45)
    w.close()


if __name__ == "__main__":
    main()
