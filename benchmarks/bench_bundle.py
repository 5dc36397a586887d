"""Size and launch time of the built desktop bundle (``python packaging/build.py`` first).

Run from the repository root, with an X server for the window figure::

    xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/bench_bundle.py

Prints: the unpacked size of ``dist/jovianview`` and its biggest parts, the .deb and tarball
sizes, ``render`` launch-to-PNG (process start to exit, headless EGL, 1280x720) and the window's
launch-to-first-frame (process start to the first frame drawn, via
``JOVIANVIEW_EXIT_AFTER_FIRST_FRAME``); medians of ``BENCH_RUNS`` runs (default 5), the first
(cold) run reported apart. Budgets (issue 6): bundle <= 250 MB (goal 150 MB), launch to first
frame <= 3 s. Asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dist" / "jovianview"
EXE = APP / "jovianview"


def tree_bytes(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def render_seconds(out: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    t0 = time.time()
    subprocess.run([str(EXE), "render", "--utc", "2022-09-29T09:36:28", "--size", "1280x720",
                    "--out", str(out)], check=True, env=env, capture_output=True)
    return time.time() - t0


def window_seconds(config: Path) -> float:
    env = dict(os.environ, JOVIANVIEW_EXIT_AFTER_FIRST_FRAME="0",
               JOVIANVIEW_CONFIG_DIR=str(config))
    t0 = time.time()
    proc = subprocess.run([str(EXE)], check=True, env=env, capture_output=True, text=True)
    stamp = [ln for ln in proc.stdout.splitlines() if ln.startswith("jovianview: first frame at")]
    return float(stamp[0].rsplit(" ", 1)[1]) - t0


def report(name: str, times: list[float]) -> None:
    print(f"{name}: cold {times[0]:.2f} s, warm median {statistics.median(times[1:]):.2f} s "
          f"(min {min(times[1:]):.2f}, max {max(times[1:]):.2f}, {len(times) - 1} runs)")


def main() -> int:
    if not EXE.exists():
        print(f"no bundle at {APP}: run `python packaging/build.py` first", file=sys.stderr)
        return 1
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    print(f"bundle {APP}: {tree_bytes(APP) / 2**20:.1f} MiB unpacked")
    parts = sorted(((tree_bytes(p) if p.is_dir() else p.lstat().st_size, p)
                    for p in (APP / "_internal").iterdir()), reverse=True)
    for size, p in parts[:6]:
        print(f"  {size / 2**20:6.1f} MiB  {p.name}")
    for pkg in sorted((REPO / "dist").glob("jovianview[-_]*.*")):
        if pkg.is_file():
            print(f"{pkg.name}: {pkg.stat().st_size / 2**20:.1f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        report("render launch to PNG written", [render_seconds(Path(tmp) / "f.png")
                                                for _ in range(runs + 1)])
        if os.environ.get("DISPLAY"):
            report("window launch to first frame", [window_seconds(Path(tmp))
                                                    for _ in range(runs + 1)])
        else:
            print("window: no DISPLAY, skipped (run under xvfb-run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
