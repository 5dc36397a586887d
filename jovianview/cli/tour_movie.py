"""``jovianview movie --tour FILE --out FILE``: a guided tour exported as a video.

The tour is checked first (its problems print as ``jovianview tour --check`` prints them,
exit 2); then its frames render on one hidden canvas (:mod:`jovianview.render.tour_movie`)
and go through the same writers as every movie (MP4, GIF or numbered PNGs, written
atomically, nothing left behind on Ctrl-C or a failure).
"""

from __future__ import annotations

import argparse
from typing import TextIO

from jovianview.cli.ephemeris_args import ephemeris_from_args
from jovianview.core.errors import JovianviewError
from jovianview.model.settings import Settings
from jovianview.model.tour import TourError, load_tour

EXIT_INVALID = 2
EXIT_INTERRUPTED = 130


def run_tour_movie(args: argparse.Namespace, err: TextIO) -> int:
    """Export the tour ``args.tour`` to ``args.out``; return the exit status."""
    from jovianview.cli.movie import Progress
    from jovianview.data.video_writers import ThreadedSink, check_movie_out, open_sink
    from jovianview.render.tour_movie import TourMovieFrames, plan_tour_movie

    clashes = [flag for flag, value in (("--from", args.start), ("--to", args.end),
                                        ("--duration", args.duration)) if value is not None]
    if args.view != "overview":
        clashes.append("--view")
    if clashes:
        raise JovianviewError(f"--tour sets the times and views itself: leave out "
                              f"{', '.join(clashes)}")
    try:
        tour = load_tour(args.tour)
    except TourError as exc:
        for problem in exc.problems:
            print(problem.format(args.tour), file=err)
        return EXIT_INVALID
    plan = plan_tour_movie(tour, args.fps)
    path, kind = check_movie_out(args.out, args.size, plan.frames)
    settings = Settings(scale_mode=args.scale, show_labels=not args.no_labels)
    with ephemeris_from_args(args, err) as eph:
        frames = TourMovieFrames(plan, args.size, settings, eph)
        sink = ThreadedSink(open_sink(path, kind, args.size, plan.fps))
        progress = Progress(plan.frames, err)
        done = 0
        try:
            for frame in plan.frame_list():
                sink.write(frames.render(frame))
                done += 1
                progress.update(done)
            sink.finish()
        except KeyboardInterrupt:
            sink.abort()
            print(f"\njovianview movie: interrupted after {done} of {plan.frames} frames; "
                  f"nothing was written to {path}", file=err)
            return EXIT_INTERRUPTED
        except BaseException:
            sink.abort()
            raise
        finally:
            frames.close()
    w, h = args.size
    print(f"wrote {path} ({plan.frames} frames, {w}x{h}, {plan.fps:g} fps, "
          f"{plan.duration_s:.1f} s, tour {tour.title!r}, {len(tour.steps)} steps)")
    return 0
