"""Speed of the moon-phenomena search: a year of events for the four Galilean moons.

Run from the repository root::

    python benchmarks/bench_phenomena.py [--years 2016 2021 2026] [--repeat 3]

Prints, per year: the wall time (best of ``--repeat``) of ``moon_events`` for the whole year,
every kind (transits, shadows, eclipses, occultations, mutual events), the CPU time of the
same run (all threads; on a shared machine wall time grows with the load), the number of
events found, and the wall time per event. The issue's budget is 2 s for a year.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jovianview.core.phenomena import moon_events  # noqa: E402
from jovianview.core.timescale import utc_to_tdb  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[2016, 2021, 2026])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    moon_events(utc_to_tdb("2020-01-01"), utc_to_tdb("2020-01-02"))  # load the tables once
    print(f"{'year':>6} {'best s':>8} {'cpu s':>7} {'events':>7} {'ms/event':>9}  by kind")
    for year in args.years:
        start, end = utc_to_tdb(f"{year}-01-01"), utc_to_tdb(f"{year + 1}-01-01")
        best, cpu, events = float("inf"), float("inf"), []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            events = moon_events(start, end)
            best = min(best, time.perf_counter() - t0)
            cpu = min(cpu, time.process_time() - c0)
        kinds = Counter(e.kind for e in events)
        per = 1000 * best / max(1, len(events))
        print(f"{year:>6} {best:8.2f} {cpu:7.2f} {len(events):7d} {per:9.3f}  "
              + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


if __name__ == "__main__":
    main()
