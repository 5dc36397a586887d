"""Speed of the magnetic field model: evaluations and traces per second.

Run from the repository root::

    python benchmarks/bench_field.py

Prints field evaluations per second (JRM33 degree 13, Con2020, both) for 1, 100 and 10,000
points, traces per second (moon footprints, Juno's M-shell) and the main-thread time of one
readout / footprint update (budget, issue 16: 5 ms per update at a few Hz). Where the
reference implementations are installed (``pip install con2020 jrm33 JupiterMag``) their
figures are printed beside. Medians of
``BENCH_RUNS`` repeats (default 7). Asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

import numpy as np

from jovianview.core.field.con2020 import con2020_field
from jovianview.core.field.internal import internal_field
from jovianview.core.field.model import field
from jovianview.core.field.trace import footprints, m_shell

RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def median_seconds(fn: Callable[[], object], inner: int = 1) -> float:
    fn()  # warm caches (coefficients, polynomial tables)
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        times.append((time.perf_counter() - t0) / inner)
    return statistics.median(times)


def points(n: int) -> np.ndarray:
    rng = np.random.default_rng(3)
    pts = rng.uniform(-30, 30, (3, n))
    r = np.linalg.norm(pts, axis=0)
    return pts * np.where(r < 1.5, 1.5 / np.maximum(r, 1e-9), 1.0)


def reference_evaluators() -> dict[str, Callable[[np.ndarray], object]]:
    refs: dict[str, Callable[[np.ndarray], object]] = {}
    try:
        import jrm33

        refs["jrm33 package"] = lambda p: jrm33.ModelCart(*p, Deg=13)
    except ImportError:
        pass
    try:
        import con2020

        model = con2020.Model(equation_type="analytic")
        refs["con2020 package (analytic)"] = lambda p: model.Field(*p)
    except ImportError:
        pass
    try:
        import JupiterMag

        refs["JupiterMag (C++) jrm33+Con2020"] = lambda p: JupiterMag.ModelField(
            *p, IntModel="jrm33", ExtModel="Con2020")
    except ImportError:
        pass
    return refs


def main() -> None:
    print(f"field evaluations per second (median of {RUNS})")
    ours = {"jovianview JRM33 (deg 13)": internal_field, "jovianview Con2020": con2020_field,
            "jovianview JRM33+Con2020": field}
    for n in (1, 100, 10_000):
        pts = points(n)
        inner = 50 if n == 1 else (10 if n == 100 else 1)
        for name, fn in {**ours, **reference_evaluators()}.items():
            sec = median_seconds(lambda fn=fn, pts=pts: fn(pts), inner)
            print(f"  {name:34s} N={n:>6}: {n / sec:>12,.0f} points/s ({sec * 1e3:8.3f} ms/call)")

    print("traces (JRM33+Con2020, RK4)")
    moons = np.array([[5.9, 0.0, 0.0], [-9.4, 0.5, 0.1], [0.0, 15.0, -0.2]]).T
    sec = median_seconds(lambda: footprints(moons), 1)
    print(f"  footprints of 3 moons (6 lines, one update): {sec * 1e3:8.1f} ms "
          f"({6 / sec:,.0f} lines/s)")
    many = points(200) * 0 + np.array([[6.0], [0.0], [0.0]])
    many[0] = 6.0 * np.cos(np.linspace(0, 2 * np.pi, 200))
    many[1] = 6.0 * np.sin(np.linspace(0, 2 * np.pi, 200))
    sec = median_seconds(lambda: footprints(many), 1)
    print(f"  footprints of 200 points (400 lines):        {sec * 1e3:8.1f} ms "
          f"({400 / sec:,.0f} lines/s)")
    for label, juno in (("Juno at 1.06 R_J (perijove)", [-0.107, -1.057, 0.070]),
                        ("Juno at 4.5 R_J, 55 deg", [-2.735, -0.272, 3.668]),
                        ("Juno at 60 R_J", [-50.0, 30.0, -10.0])):
        sec = median_seconds(lambda juno=juno: m_shell(np.array(juno)), 1)
        print(f"  M-shell, {label:28s}: {sec * 1e3:8.1f} ms ({1 / sec:,.0f} traces/s)")
    updates()
    try:
        import JupiterMag

        sec = median_seconds(lambda: JupiterMag.TraceField(
            *moons, IntModel="jrm33", ExtModel="Con2020", Verbose=False), 1)
        print(f"  JupiterMag TraceField, 3 moons (both ways): {sec * 1e3:8.1f} ms")
    except ImportError:
        print("  (JupiterMag not installed: no reference trace figure)")


def updates() -> None:
    """Main-thread milliseconds per readout update and per footprint update, as the window
    runs them (5 Hz readouts; aurora spots each frame from the cached footprint tracks)."""
    from jovianview.core.timescale import utc_to_tdb
    from jovianview.model import aurorae, readouts
    from jovianview.model.scene import SceneModel

    pj1 = float(utc_to_tdb("2016-08-27T12:50:44"))
    # Juno 1.5 h before PJ1 at 2-minute steps: each step moves it > 1 %, so every update
    # needs a new M-shell trace (the worst case: fast playback near perijove).
    times = pj1 - 0.0625 + np.arange(12) * (2.0 / 1440.0)
    scene = SceneModel(pj1)
    snaps = [scene.snapshot(t) for t in times]
    print("updates (main thread, per update; Juno 1.5 h before PJ1, 2-min steps)")
    for label, make in (("readouts, M-shell traced at once", lambda: readouts.MShellCache()),
                        ("readouts, M-shell on the worker", lambda: readouts.MShellCache(
                            background=True))):
        cache = make()
        readouts.compute(snaps[0], cache)
        if cache.background:
            cache.wait()
        ms = []
        for snap in snaps[1:]:
            t0 = time.perf_counter()
            readouts.compute(snap, cache)
            ms.append((time.perf_counter() - t0) * 1e3)
            if cache.background:
                time.sleep(0.2)  # the window's readout interval
        print(f"  {label:40s}: median {statistics.median(ms):6.2f} ms, max {max(ms):6.2f} ms"
              f" (each: {' '.join(f'{v:.1f}' for v in ms)})"
              f" ({cache.traces} traces)")
    aurorae.footprint_track.cache_clear()
    aurorae.main_oval.cache_clear()
    t0 = time.perf_counter()
    for moon in aurorae.MOON_DISTANCE_RJ:
        aurorae.footprint_track(moon)
    aurorae.main_oval()
    print(f"  footprint tracks + main ovals, traced once (first aurora frame): "
          f"{(time.perf_counter() - t0) * 1e3:8.1f} ms")

    def spots() -> None:
        for moon in aurorae.MOON_DISTANCE_RJ:
            aurorae.moon_spots(moon, 123.4)
        aurorae.io_tail(123.4)

    sec = median_seconds(spots, 20)
    print(f"  footprint update (3 moons' spots + Io's tail from the tracks): "
          f"{sec * 1e3:8.3f} ms")


if __name__ == "__main__":
    main()
