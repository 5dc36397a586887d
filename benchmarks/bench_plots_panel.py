"""Cost of the Plots panel while the clock plays: a cursor move, and ticks at clock rates.

Run from the repository root (an X server or Qt's offscreen platform; no OpenGL needed)::

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python benchmarks/bench_plots_panel.py

The panel (1400x340, two columns, as under the time bar at 1920x1080) shows PJ45 +-6 h. Prints
the time to sample and build a new window and paint it once (the curves and axes are then
cached as pixmaps), a full repaint after that, then, for clock rates from 1 min/s to 1 h/s at 30
ticks a second, the mean milliseconds a tick costs (follow() and Qt's repaint of what changed)
and how many ticks moved the cursor. Resampling is not included (once per window, see
``PlotWindow.samplings``). Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PyQt6.QtWidgets import QApplication  # noqa: E402

TICKS = 90
FPS = 30.0


def main() -> None:
    """Print the figures."""
    app = QApplication.instance() or QApplication([])
    from jovianview.core.events import perijove
    from jovianview.qt.plots_panel import PlotsPanel

    panel = PlotsPanel()
    panel.resize(1400, 340)
    panel.show()
    t0 = perijove(45).tdb - 3.0 / 24
    for _ in range(5):
        app.processEvents()
    start = time.perf_counter()
    panel.follow(t0)  # samples the window and builds the plots
    built = time.perf_counter()
    viewport = panel.view.viewport()
    viewport.repaint()  # the first paint fills the curves' and axes' pixmaps
    first = time.perf_counter()
    print(f"new window: sampled and built in {(built - start) * 1e3:.0f} ms, first paint "
          f"{(first - built) * 1e3:.1f} ms")
    start = time.perf_counter()
    for _ in range(20):
        viewport.repaint()
    print(f"full repaint after that: {(time.perf_counter() - start) / 20 * 1e3:.1f} ms")
    for label, sim_seconds_per_s in (("1 min/s", 60.0), ("10 min/s", 600.0),
                                     ("1 h/s", 3600.0)):
        step = sim_seconds_per_s / FPS / 86400.0
        moved = 0
        start = time.perf_counter()
        for i in range(TICKS):
            before = panel.cursors[0].value()
            panel.follow(t0 + (i + 1) * step)
            app.processEvents()
            moved += panel.cursors[0].value() != before
        per_tick = (time.perf_counter() - start) / TICKS * 1e3
        print(f"{label:>9}: {per_tick:5.1f} ms per tick, cursor moved on {moved}/{TICKS} ticks")
        t0 += TICKS * step + 0.01


if __name__ == "__main__":
    main()
