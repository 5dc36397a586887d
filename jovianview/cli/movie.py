"""``jovianview movie``: a time span as an MP4, a GIF or numbered PNGs, without a window.

Every argument is checked before the first frame renders. Frames render on one hidden canvas
while a worker thread encodes the previous ones (a bounded queue keeps memory flat). The file
appears only when complete: Ctrl-C (exit 130), an encoder failure or a full disk (exit 2) leave
nothing behind.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from jovianview.cli.ephemeris_args import add_ephemeris_options, ephemeris_from_args
from jovianview.cli.render import parse_size
from jovianview.core.errors import JovianviewError, TimeRangeError
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb
from jovianview.model.camera import PRESETS
from jovianview.model.settings import SCALE_MODES, Settings

EXIT_INTERRUPTED = 130


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``movie`` subcommand."""
    p = sub.add_parser("movie", help="export a time span as a video (.mp4, .gif or PNG frames)",
                       description="Render the Jovian system over a time span to an H.264 MP4, "
                                   "a GIF, or a folder of numbered PNGs (FILE ending with /).")
    p.add_argument("--from", dest="start", metavar="ISO",
                   help="UTC start, e.g. 2022-09-29T09:26 (required unless --tour)")
    p.add_argument("--to", dest="end", metavar="ISO",
                   help="UTC end, e.g. 2022-09-29T09:46 (required unless --tour)")
    p.add_argument("--tour", metavar="FILE", default=None,
                   help="export a guided tour (.toml) instead of a time span: its steps' "
                        "times, views, layers and captions (no --from/--to/--view/--duration)")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="movie.mp4, clip.gif, or frames/ for numbered PNGs")
    p.add_argument("--view", default="overview", choices=PRESETS, metavar="PRESET",
                   help=f"camera preset: {', '.join(PRESETS)} (default overview)")
    p.add_argument("--size", type=parse_size, default=(1280, 720), metavar="WxH",
                   help="frame size in pixels, at most 3840x2160 (default 1280x720)")
    p.add_argument("--fps", type=float, default=30.0, metavar="N",
                   help="frames per second, up to 120 (default 30)")
    p.add_argument("--duration", type=float, default=None, metavar="SECONDS",
                   help="the video's length; simulated time runs at (to - from) / duration "
                        "(default: one video second per simulated hour)")
    p.add_argument("--scale", choices=SCALE_MODES, default="enlarged",
                   help="true scale or enlarged moons and Juno (default enlarged)")
    p.add_argument("--no-labels", action="store_true", help="leave out the body labels")
    add_ephemeris_options(p)
    p.set_defaults(run=run)


class Progress:
    """A bar on a terminal, plain lines (about every 10 %) otherwise."""

    def __init__(self, total: int, out: TextIO) -> None:
        self.total, self.out = total, out
        self.tty = bool(getattr(out, "isatty", lambda: False)())
        self._t0 = time.perf_counter()
        self._next_line = 0

    def update(self, done: int) -> None:
        """Report ``done`` of :attr:`total` frames."""
        elapsed = time.perf_counter() - self._t0
        left = elapsed / done * (self.total - done) if done else 0.0
        if self.tty:
            filled = int(30 * done / self.total)
            bar = "#" * filled + "-" * (30 - filled)
            print(f"\r[{bar}] {done}/{self.total} frames, {left:4.0f} s left", end="",
                  file=self.out, flush=True)
            if done == self.total:
                print(file=self.out)
        elif done >= self._next_line or done == self.total:
            print(f"frame {done}/{self.total} ({100 * done // self.total}%), "
                  f"{left:.0f} s left", file=self.out, flush=True)
            self._next_line = done + max(1, self.total // 10)


def _check_span(args: argparse.Namespace) -> tuple[float, float]:
    from jovianview.model.sources import data_span

    start, end = float(utc_to_tdb(args.start)), float(utc_to_tdb(args.end))
    first, last = data_span()
    for name, text, tdb in (("--from", args.start, start), ("--to", args.end, end)):
        if not first <= tdb <= last:
            raise TimeRangeError(
                f"{name} {text} is outside the data: jovianview covers {tdb_to_iso(first, 0)} "
                f"to {tdb_to_iso(last, 0)} UTC")
    return start, end


def run(args: argparse.Namespace, err: TextIO | None = None) -> int:
    """Export the movie the parsed arguments describe; return the exit status."""
    from jovianview.data.video_writers import ThreadedSink, check_movie_out, open_sink
    from jovianview.render.movie import MovieFrames, plan_movie

    err = err if err is not None else sys.stderr
    if getattr(args, "tour", None) is not None:
        from jovianview.cli.tour_movie import run_tour_movie

        return run_tour_movie(args, err)
    if args.start is None or args.end is None:
        raise JovianviewError("give --from and --to (a time span), or --tour FILE")
    start, end = _check_span(args)
    plan = plan_movie(start, end, args.fps, args.duration)
    path, kind = check_movie_out(args.out, args.size, plan.frames)
    settings = Settings(scale_mode=args.scale, show_labels=not args.no_labels)
    times = plan.times()
    with ephemeris_from_args(args, err) as eph:
        frames = MovieFrames(args.view, args.size, settings, eph, start)
        sink = ThreadedSink(open_sink(path, kind, args.size, plan.fps))
        progress = Progress(plan.frames, err)
        i = 0
        try:
            for i, tdb in enumerate(times):
                sink.write(frames.render(float(tdb)))
                progress.update(i + 1)
            sink.finish()
        except KeyboardInterrupt:
            sink.abort()
            print(f"\njovianview movie: interrupted after {i} of {plan.frames} frames; "
                  f"nothing was written to {path}", file=err)
            return EXIT_INTERRUPTED
        except BaseException:  # an EncodeError, or any other failure: leave nothing
            sink.abort()
            raise
        finally:
            frames.close()
    w, h = args.size
    print(f"wrote {path} ({plan.frames} frames, {w}x{h}, {plan.fps:g} fps, "
          f"{plan.duration_s:.1f} s, view {args.view})")
    return 0
