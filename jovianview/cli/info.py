"""``jovianview info BODY``: a body's info card as text, the same card the window shows.

Examples
--------
jovianview info io
jovianview info juno --width 100
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from jovianview.core.info_cards import CARD_BODIES, CITATION, Card, load_card


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``info`` subcommand to the CLI's subparsers."""
    parser = sub.add_parser(
        "info",
        help="print a body's info card (size, orbit, what Juno found, sources)",
        description=("Print the info card of a body: size, mass, orbit, day length, what it "
                     "is made of, what Juno found there and what comes next, with numbered "
                     f"sources. Bodies: {', '.join(CARD_BODIES)}."),
    )
    # not argparse choices: an unknown body must give the project's one-line message
    parser.add_argument("body", metavar="BODY", help=f"one of {', '.join(CARD_BODIES)}")
    parser.add_argument("--width", type=int, default=78, metavar="N",
                        help="wrap lines at N characters (default 78)")
    parser.set_defaults(run=run)


def card_text(card: Card, width: int = 78) -> str:
    """The card as plain text: title, sections of wrapped bullet lines, numbered sources."""
    width = max(40, width)
    out = [card.title, "=" * len(card.title)]
    if card.subtitle:
        out += textwrap.wrap(card.subtitle, width)
    for section in card.sections:
        out += ["", section.heading, "-" * len(section.heading)]
        for line in section.lines:
            text = CITATION.sub(lambda m: f"[{card.number_of(m.group(1))}]", line)
            out += textwrap.wrap(text, width, initial_indent="- ", subsequent_indent="  ")
    out += ["", "Sources", "-------"]
    for i, source in enumerate(card.sources, start=1):
        out += textwrap.wrap(f"[{i}] {source.cite}. {source.link}", width,
                             subsequent_indent="    ", break_on_hyphens=False,
                             break_long_words=False)
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the card; an unknown body raises UnknownCardError (one line, exit 2)."""
    sys.stdout.write(card_text(load_card(args.body), args.width))
    return 0
