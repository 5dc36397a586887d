"""Argument parsing and dispatch for ``jovianview``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jovianview import __version__
from jovianview.core.errors import JovianviewError

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line and exits with status 2."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse's signature
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The full ``jovianview`` parser with every subcommand registered."""
    from jovianview.cli import ephem, events, field, kernels, render

    parser = _Parser(prog="jovianview", description=__doc__)
    parser.add_argument("--version", action="version", version=f"jovianview {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    ephem.register(sub)
    events.register(sub)
    field.register(sub)
    kernels.register(sub)
    render.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # no arguments: the desktop program
        from jovianview.qt.launch import run_gui

        return run_gui()
    try:
        return int(args.run(args) or 0)
    except JovianviewError as exc:
        print(f"jovianview {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
