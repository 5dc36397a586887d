"""``jovianview tour``: check a guided tour file (``--check``), or open the window playing it.

Examples
--------
jovianview tour --check assets/tours/europa-flyby.toml
jovianview tour assets/tours/europa-flyby.toml --present
"""

from __future__ import annotations

import argparse
import sys

from jovianview.model.tour import TourError, load_tour

EXIT_INVALID = 2


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``tour`` subcommand to the CLI's subparsers."""
    parser = sub.add_parser(
        "tour",
        help="play a guided tour file (TOML) in the window, or check it (--check)",
        description=(
            "Guided tours are lessons written as TOML files (see the README). With --check, "
            "print a one-line summary of a valid tour, or one line per problem "
            "(FILE:LINE: key: message) and exit with status 2. Without it, open the window "
            "playing the tour (Space pauses, Right/Left step, Esc stops)."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the tour file (.toml)")
    parser.add_argument("--check", action="store_true",
                        help="only check the file: exit 0 when valid, 2 otherwise")
    parser.add_argument("--present", action="store_true",
                        help="open the window in presentation mode")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the tour; with --check report and return, else open the window playing it."""
    try:
        tour = load_tour(args.file)
    except TourError as exc:
        for problem in exc.problems:
            print(problem.format(args.file), file=sys.stderr)
        return EXIT_INVALID
    if args.check:
        print(f"{args.file}: {tour.summary()}")
        return 0
    from jovianview.qt.launch import run_gui

    return run_gui(start_tdb=tour.steps[0].tdb, present=args.present, tour=args.file)
