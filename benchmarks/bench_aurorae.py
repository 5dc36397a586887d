"""CPU of the aurora layer's draw per frame while the moons move, and its buffer uploads.

Run from the repository root (headless: EGL, or under an X server)::

    python benchmarks/bench_aurorae.py

Draws 400 frames at 1280x720 from above the north pole at PJ1, one simulated minute per
frame (Io's footprint moves ~0.5 deg of System III longitude a frame), and prints the median
and 95th percentile of ``AuroraeLayer.draw``'s thread CPU time (our Python plus what Mesa
does on this thread inside the GL calls) over the last 360, and how many vertex buffers the
layer uploaded. Asserts nothing; on a shared machine compare runs of one sitting.
"""

from __future__ import annotations

import os
import statistics
import time

from jovianview.core.timescale import utc_to_tdb
from jovianview.model.camera import View
from jovianview.model.settings import Settings
from jovianview.render.headless import _pick_backend, offscreen_canvas


def main() -> None:
    pj1 = float(utc_to_tdb("2016-08-27T12:50:44"))
    clock = [pj1]
    _pick_backend()
    settings = Settings(show_labels=False, show_trail=False, show_moon_orbits=False,
                        background="plain", show_junocam=False, show_aurorae=True)
    size = (1280, 720)
    canvas = offscreen_canvas(lambda: clock[0], settings, size)
    canvas.renderer.camera.go_to(View("jupiter", 4.0, 0.0, 89.0, 40.0, "free"), smooth=False)
    layer = canvas.renderer.aurorae
    draw = layer.draw
    times: list[float] = []

    def timed(fd):  # noqa: ANN001, ANN202
        t0 = time.thread_time()
        draw(fd)
        times.append((time.thread_time() - t0) * 1e3)

    layer.draw = timed  # type: ignore[method-assign]
    try:
        for k in range(400):
            clock[0] = pj1 + k / 1440.0
            canvas.render_offscreen(size)
    finally:
        canvas.close()
    t = sorted(times[40:])
    print(f"aurorae draw CPU per frame (1280x720, 1 simulated minute a frame): median "
          f"{statistics.median(t):.3f} ms, p95 {t[int(0.95 * len(t))]:.3f} ms; vertex-buffer "
          f"uploads: {layer.uploads} in {len(times)} frames")
    print(f"load average {os.getloadavg()[0]:.2f} (the machine may be shared)")


if __name__ == "__main__":
    main()
