"""Argument parsing and dispatch for ``jovianview``."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from jovianview import __version__
from jovianview.core.errors import JovianviewError

EXIT_USAGE = 2
DESCRIPTION = (
    "Jupiter, its four large moons and NASA's Juno spacecraft in 3D, offline. "
    "Typed on its own, `jovianview` opens the window: the 3D view with a time bar, to play, "
    "scrub or jump to any perijove or moon flyby. The commands below work without a window: "
    "print positions or events as CSV, fetch kernels, or draw a picture to a PNG file."
)


# Values that start with "-" but are not options: -5m, -5x10, -1e5, -inf, -nan. argparse
# alone takes only plain negative numbers for values, and says "expected one argument" for the
# others instead of letting the option explain what is wrong with the value.
_NEGATIVE_VALUE = re.compile(r"^-(\.?\d|inf(inity)?$|nan$)", re.IGNORECASE)


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line and exits with status 2.

    Arguments such as ``--step -5m`` or ``--tdb-jd -inf`` reach their option as values, so
    the option's own check names the problem.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # ArgumentParser's own arguments
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_VALUE  # argparse's private hook for this

    def error(self, message: str) -> NoReturn:  # noqa: D401 - argparse's signature
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The full ``jovianview`` parser with every subcommand registered."""
    from jovianview.cli import (
        ephem,
        events,
        field,
        info,
        juno,
        kernels,
        maps,
        moon_events,
        movie,
        plot,
        render,
        tour,
    )

    parser = _Parser(prog="jovianview", description=DESCRIPTION,
                     epilog="Run `jovianview COMMAND --help` for a command's options.")
    parser.add_argument("--version", action="version", version=f"jovianview {__version__}")
    parser.add_argument("--present", action="store_true",
                        help="open the window in presentation mode (full screen, large "
                             "caption; Esc leaves it)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND",
                                title="commands (none: open the window)")
    ephem.register(sub)
    events.register(sub)
    field.register(sub)
    info.register(sub)
    juno.register(sub)
    kernels.register(sub)
    maps.register(sub)
    moon_events.register(sub)
    movie.register(sub)
    plot.register(sub)
    render.register(sub)
    tour.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # no arguments: the desktop program
        from jovianview.qt.launch import run_gui

        return run_gui(present=args.present)
    try:
        return int(args.run(args) or 0)
    except JovianviewError as exc:
        print(f"jovianview {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
