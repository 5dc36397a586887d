"""Speed of Juno's embedded trajectory: one epoch, and one million epochs.

Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_juno.py

Targets (issue 3): one epoch at most 20 us; one million epochs at most 0.2 s. Printed side by
side: the trajectory table alone and the public ``state("juno", t)`` entry point.
"""

from __future__ import annotations

import time

import numpy as np

from jovianview.core.ephemeris import juno, state


def best_of(func, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    first, last = juno.span()
    table = juno.load_juno().table
    rng = np.random.default_rng(1)
    singles = rng.uniform(first, last, 2000)
    million_sorted = np.linspace(first, last, 1_000_000)
    million_random = rng.uniform(first, last, 1_000_000)

    def loop(fn):
        def run():
            for t in singles:
                fn(float(t))
        return run

    one_table = best_of(loop(table.state_scalar), 5) / singles.size * 1e6
    one_state = best_of(loop(lambda t: state("juno", t)), 5) / singles.size * 1e6
    print(f"one epoch:        table {one_table:7.2f} us   state() {one_state:7.2f} us   "
          "(target <= 20 us)")
    for name, times in (("sorted", million_sorted), ("random", million_random)):
        m_table = best_of(lambda times=times: table.state(times), 3)
        m_state = best_of(lambda times=times: state("juno", times), 3)
        print(f"1e6 epochs {name}: table {m_table:7.3f} s    state() {m_state:7.3f} s    "
              "(target <= 0.2 s)")


if __name__ == "__main__":
    main()
