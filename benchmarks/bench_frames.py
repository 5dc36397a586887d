"""Speed of the orientation code: single-epoch fast path and batch rotations.

Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_frames.py

Prints microseconds per ``all_rotations`` call (the per-frame path of the app), the same
through the general vectorised path for comparison, and matrices per second for
``body_rotation`` over N = 1e6 epochs.
"""

from __future__ import annotations

import time
import timeit

import numpy as np

from jovianview.core.frames import BODIES, all_rotations, body_rotation
from jovianview.core.timescale import J2000_TDB


def per_call_us(stmt, number: int, repeat: int = 7) -> float:
    """Best of ``repeat`` runs, microseconds per call."""
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number * 1e6


def main() -> None:
    t0 = J2000_TDB + 8000.3
    fast = per_call_us(lambda: all_rotations(t0), number=20000)
    general = per_call_us(lambda: [body_rotation(b, t0) for b in BODIES], number=2000)
    print(f"all_rotations (5 bodies, one epoch): {fast:8.2f} us/call")
    print(f"5 x body_rotation (general path):    {general:8.2f} us/call")

    n = 1_000_000
    times = J2000_TDB + np.linspace(5000.0, 11000.0, n)
    start = time.perf_counter()
    body_rotation("jupiter", times)
    elapsed = time.perf_counter() - start
    print(f"body_rotation, N={n:.0e}:             {elapsed:8.3f} s  ({n / elapsed:.3e} matrices/s)")


if __name__ == "__main__":
    main()
