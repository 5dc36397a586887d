"""Time SpkSource.state for 1e6 epochs, and the size of an excerpt, on synthetic kernels.

Run: ``PYTHONPATH=. python benchmarks/spk_state.py``. The kernels are the test suite's
synthetic 60-day files (Io/Europa records 0.5 d, others 1 d, 14 coefficients).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from jovianview.core.ephemeris.spk import SpkSource
from jovianview.data.spk_excerpt import fetch_excerpt
from tests.core.ephemeris.spk_factory import T0, standard_segments, write_spk
from tests.data.range_server import RangeServer


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for data_type in (2, 3):
            path = write_spk(Path(tmp) / f"t{data_type}.bsp", standard_segments(data_type))
            source = SpkSource(path)
            t = T0 + np.random.default_rng(0).uniform(0, 60, 1_000_000)
            source.state("io", t[:1000])  # warm the memory maps
            best = min(_timed(source, t) for _ in range(3))
            print(f"type {data_type}: SpkSource.state('io', 1e6 epochs): {best:.2f} s")
            with RangeServer(path.read_bytes()) as server:
                out = Path(tmp) / "excerpt.bsp"
                start = time.perf_counter()
                result = fetch_excerpt(server.url, out, T0 + 20, T0 + 30)
                took = time.perf_counter() - start
            print(f"  10-day excerpt of the 60-day file: {result.size} of {path.stat().st_size}"
                  f" bytes, {result.downloaded} bytes downloaded, {took:.2f} s")


def _timed(source: SpkSource, t: np.ndarray) -> float:
    start = time.perf_counter()
    source.state("io", t)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
