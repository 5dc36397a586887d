"""Speed and memory of the geometry core, side by side with jplephem on DE421.

Run from the repository root::

    python benchmarks/bench_core.py [--max-n 10000000]

Prints:

* the per-frame call: every body's state (io, europa, ganymede, callisto, sun, earth) and
  every orientation (jupiter and the four moons) for one epoch, in microseconds;
* batch evaluation of ``state(moon, t)`` for growing N, in million body-epochs per second,
  beside jplephem evaluating DE421's Jupiter-barycentre segment (position and velocity) for the
  same N, and their ratio; the cost per epoch shows whether cost grows linearly;
* the peak memory a batch of N = 10 million allocates beyond its inputs and outputs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jovianview.core import chebyshev  # noqa: E402
from jovianview.core.ephemeris import span, state  # noqa: E402
from jovianview.core.ephemeris.snapshot import snapshot_states  # noqa: E402
from jovianview.core.frames import all_rotations  # noqa: E402

MOONS = ("io", "europa", "ganymede", "callisto")


def best_per_call(func, args_list, repeat=5) -> float:
    """Best-of-``repeat`` mean seconds per call over ``args_list``."""
    best = float("inf")
    for _ in range(repeat):
        tic = time.perf_counter()
        for a in args_list:
            func(a)
        best = min(best, (time.perf_counter() - tic) / len(args_list))
    return best


def per_frame(rng) -> None:
    first, last = span("jupiter")
    times = rng.uniform(first, last, 20000).tolist()

    def frame(t):
        snapshot_states(t)
        all_rotations(t)

    s_states = best_per_call(snapshot_states, times)
    s_rot = best_per_call(all_rotations, times)
    s_all = best_per_call(frame, times)
    print("Per-frame call, one epoch (best of 5 x 20000 random epochs)")
    print(f"  states of 6 bodies (snapshot_states)      {s_states * 1e6:7.1f} us")
    print(f"  rotations of 5 bodies (all_rotations)     {s_rot * 1e6:7.1f} us")
    print(f"  both together                             {s_all * 1e6:7.1f} us"
          "   (floor 50 us, goal 20 us)")
    s_loop = best_per_call(lambda t: [state(b, t) for b in (*MOONS, "sun", "earth")],
                           times[:2000], repeat=3)
    print(f"  for comparison, six state() calls         {s_loop * 1e6:7.1f} us")


def batch(rng, max_n: int) -> None:
    import skyfield_data
    from jplephem.spk import SPK

    kernel = SPK.open(str(Path(skyfield_data.__file__).parent / "data" / "de421.bsp"))
    segment = kernel[0, 5]
    first, last = span("jupiter")
    print(f"\nBatch evaluation, position + velocity, {os.cpu_count()} cores "
          f"(threads: {chebyshev._workers()})")
    print(f"  {'N':>10}  {'jovianview':>14}  {'ns/epoch':>8}  {'jplephem DE421':>14}  {'ratio':>6}")
    n = 10_000
    while n <= max_n:
        t = rng.uniform(first, last, n)
        reps = max(1, 2_000_000 // n)
        ours = min(_timed(state, m, t) for _ in range(reps) for m in MOONS)
        ref = min(_timed(segment.compute_and_differentiate, t) for _ in range(reps))
        print(f"  {n:>10,}  {n / ours / 1e6:>10.1f} M/s  {ours / n * 1e9:>8.1f}  "
              f"{n / ref / 1e6:>10.1f} M/s  {ref / ours:>6.2f}")
        n *= 10
    print("  (floor 5 M body-epochs/s, goal 20 M/s; ratio > 1: faster than jplephem)")


def _timed(func, *args) -> float:
    tic = time.perf_counter()
    func(*args)
    return time.perf_counter() - tic


def memory(rng, n: int) -> None:
    first, last = span("jupiter")
    t = rng.uniform(first, last, n)
    tracemalloc.start()
    pos, vel = state("io", t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = pos.nbytes + vel.nbytes
    print(f"\nMemory for N = {n:,}: input {t.nbytes / 2**20:.0f} MiB, result "
          f"{result / 2**20:.0f} MiB, peak allocated {peak / 2**20:.0f} MiB, "
          f"working memory beyond the result {(peak - result) / 2**20:.1f} MiB")


def utc_text(rng) -> None:
    """UTC formatting and parsing as ``jovianview ephem`` does for its rows (skyfield's)."""
    from jovianview.core.timescale import tdb_to_iso, utc_to_tdb

    n = 100_000
    t = np.sort(rng.uniform(2457600.0, 2462000.0, n))
    fmt3 = _best_of(lambda: tdb_to_iso(t, 3))
    fmt0 = _best_of(lambda: tdb_to_iso(t, 0))
    text = tdb_to_iso(t[:10_000], 3)
    parse = _best_of(lambda: utc_to_tdb(text))
    print("\nUTC text (skyfield's calendar and leap seconds)")
    print(f"  tdb_to_iso, 3 decimals   {fmt3 / n * 1e6:8.2f} us/epoch ({n:,} epochs)")
    print(f"  tdb_to_iso, whole second {fmt0 / n * 1e6:8.2f} us/epoch")
    print(f"  utc_to_tdb from ISO text {parse / 10_000 * 1e6:8.2f} us/string (10,000 strings)")


def _best_of(func, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-n", type=int, default=10_000_000)
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    per_frame(rng)
    batch(rng, args.max_n)
    memory(rng, args.max_n)
    utc_text(rng)


if __name__ == "__main__":
    main()
