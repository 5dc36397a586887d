"""Memory over a long export: ``jovianview movie`` at 1920x1080 for a 5-minute video (9,000
frames at 30 fps), its resident memory sampled from /proc every few seconds (Linux).

Prints the resident set size after each tenth of the run and the growth from the first tenth
to the last: a flat line means frames are not kept (the encoder's queue is bounded and the
frames are released once written).

    python benchmarks/bench_movie_memory.py [--seconds 300] [--size 1920x1080]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rss_mib(pid: int) -> float | None:
    """The resident set size of process ``pid`` in MiB, or None once it has ended."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300.0, help="the video's length")
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "long.mp4"
        cmd = [sys.executable, "-m", "jovianview", "movie", "--from", "2022-09-29T00:00",
               "--to", "2022-09-30T00:00", "--duration", f"{args.seconds:g}", "--size",
               args.size, "--view", "chase", "--out", str(out)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        samples: list[tuple[float, float]] = []
        while proc.poll() is None:
            value = rss_mib(proc.pid)
            if value is not None:
                samples.append((time.perf_counter() - t0, value))
            time.sleep(2.0)
        _, err = proc.communicate()
        if proc.returncode != 0:
            print(f"the export failed ({proc.returncode}): {err.strip()[-300:]}")
            return 1
        size_mb = out.stat().st_size / 1e6
    wall = time.perf_counter() - t0
    frames = round(args.seconds * 30)
    print(f"{args.size}, {frames} frames in {wall:.0f} s ({frames / wall:.1f} frames/s), "
          f"file {size_mb:.1f} MB")
    if len(samples) < 10:
        print("too few memory samples for a trend")
        return 0
    n = len(samples)
    for k in range(10):
        t, v = samples[min(n - 1, (k + 1) * n // 10 - 1)]
        print(f"  at {t:6.0f} s: resident {v:7.1f} MiB")
    first = max(v for _, v in samples[: n // 10])
    last = max(v for _, v in samples[-(n // 10):])
    print(f"growth from the first tenth to the last: {last - first:+.1f} MiB "
          f"(peak {max(v for _, v in samples):.1f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
