"""Speed of ``jovianview movie``: frames per second, rendering and encoding together.

Run from the repository root (headless EGL, or under xvfb-run; software rendering is the
target)::

    LP_NUM_THREADS=2 env PYTHONPATH=. python benchmarks/bench_movie.py

A 10-second clip at 30 fps (300 frames) of the full scene (overview, every default layer:
bodies, Juno and its trail, orbits, labels, stars) around Juno's Europa flyby, encoded to
H.264 MP4, at 1280x720 and at 1920x1080. Rendering runs on the main thread while a worker
encodes (as the command does); the figures are the overall frames per second, and the
share of the wall time the main thread spent rendering and the worker spent encoding (the
two overlap, so the shares can add up to more than 100 %). ``BENCH_FRAMES`` changes the
frame count. Prints figures; asserts nothing. Floor (issue 13): 10 frames/s at 1280x720;
goal 30.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jovianview.core.timescale import utc_to_tdb  # noqa: E402
from jovianview.data.video_writers import ThreadedSink, open_sink  # noqa: E402
from jovianview.model.settings import Settings  # noqa: E402
from jovianview.render.movie import MovieFrames, plan_movie  # noqa: E402

START, END = "2022-09-29T08:00", "2022-09-29T11:00"


def bench(size: tuple[int, int], frames: int, folder: Path) -> None:
    """Export ``frames`` frames at ``size`` and print the figures."""
    plan = plan_movie(float(utc_to_tdb(START)), float(utc_to_tdb(END)), 30.0, frames / 30.0)
    movie = MovieFrames("overview", size, Settings(), None, plan.start_tdb)
    out = folder / f"bench_{size[0]}x{size[1]}.mp4"
    sink = ThreadedSink(open_sink(out, "mp4", size, plan.fps))
    render_s = 0.0
    t0 = time.perf_counter()
    for tdb in plan.times():
        t = time.perf_counter()
        frame = movie.render(float(tdb))
        render_s += time.perf_counter() - t
        sink.write(frame)
    sink.finish()
    wall = time.perf_counter() - t0
    movie.close()
    mb = out.stat().st_size / 1e6
    print(f"{size[0]}x{size[1]}: {plan.frames} frames in {wall:.1f} s = "
          f"{plan.frames / wall:.1f} frames/s; rendering {100 * render_s / wall:.0f} % "
          f"({1000 * render_s / plan.frames:.1f} ms/frame), encoding "
          f"{100 * sink.encode_s / wall:.0f} % ({1000 * sink.encode_s / plan.frames:.1f} "
          f"ms/frame, worker thread); file {mb:.1f} MB")


def main() -> None:
    """Both sizes, one after the other."""
    frames = int(os.environ.get("BENCH_FRAMES", "300"))
    with tempfile.TemporaryDirectory() as tmp:
        for size in ((1280, 720), (1920, 1080)):
            bench(size, frames, Path(tmp))


if __name__ == "__main__":
    main()
