"""``jovianview events``: Juno's mission events as CSV.

Examples
--------
jovianview events --from 2021-06-01 --to 2021-07-01
jovianview events --kind perijove --from 2025-09-01        # PJ76 flown, PJ77 on planned
"""

from __future__ import annotations

import argparse
import csv
import sys

from jovianview.core.errors import InvalidTimeError
from jovianview.core.events import KINDS, events_between, load_events
from jovianview.core.timescale import utc_to_tdb

HEADER = ("utc", "tdb_jd", "kind", "label", "number", "status", "planned", "body", "note")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``events`` subcommand to the CLI's subparsers."""
    parser = sub.add_parser(
        "events",
        help="list Juno's perijoves, flybys and milestones as CSV",
        description=(
            "List Juno's mission events (orbit insertion, perijoves, apojoves, moon flybys, "
            "milestones) as CSV. Perijoves after PJ76 (2025-09-14) are plans: their status is "
            "'planned' and their label says so."
        ),
    )
    parser.add_argument("--from", dest="start", metavar="ISO",
                        help="first UTC date-time (default: the first event)")
    parser.add_argument("--to", dest="end", metavar="ISO",
                        help="last UTC date-time (default: the last event)")
    parser.add_argument("--kind", choices=KINDS, help="only events of this kind")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the selected events; return the exit status."""
    everything = load_events()
    start = utc_to_tdb(args.start) if args.start else everything[0].tdb
    end = utc_to_tdb(args.end) if args.end else everything[-1].tdb
    if end < start:
        raise InvalidTimeError(f"--to {args.end} is before --from {args.start}: swap them")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(HEADER)
    for e in events_between(start, end, kind=args.kind):
        writer.writerow(
            (e.utc, f"{e.tdb:.6f}", e.kind, e.label, "" if e.number is None else e.number,
             e.status, "yes" if e.planned else "no", e.body or "", e.note)
        )
    return 0
