"""``jovianview moon-events``: transits, shadows, eclipses and occultations of the moons, as CSV.

Examples
--------
jovianview moon-events --from 2016-01-01 --to 2016-02-01
jovianview moon-events --from 2026-01-01 --to 2026-01-15 --moon io europa --kind shadow
jovianview moon-events --from 2025-12-27 --to 2025-12-29 --observer 40.7,-74.0,10
"""

from __future__ import annotations

import argparse
import csv
import sys

from jovianview.cli.ephemeris_args import add_ephemeris_options, ephemeris_from_args
from jovianview.core.ephemeris import MOONS
from jovianview.core.errors import InvalidTimeError
from jovianview.core.observer import Observer
from jovianview.core.phenomena import KINDS, moon_events
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb

HEADER = ("utc", "moon", "event", "detail")
OBSERVER_COLUMNS = ("jupiter_alt_deg", "sun_alt_deg", "observable")
MAX_DAYS = 5 * 366  # a longer list is better split; each year takes about a second


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``moon-events`` subcommand to the CLI's subparsers."""
    parser = sub.add_parser(
        "moon-events",
        help="list the Galilean moons' transits, shadows, eclipses and occultations as CSV",
        description=(
            "List every phenomenon of Io, Europa, Ganymede and Callisto seen from Earth: "
            "transit_start/end and occultation_start/end (the moon's centre on Jupiter's "
            "limb), shadow_start/end (the shadow's centre on the visible disc), "
            "eclipse_start/end (the moon's light halved by Jupiter's shadow) and "
            "mutual_start/end (first and last contact of one moon occulting or eclipsing "
            "another). Times are UTC to the second, light time and aberration included. "
            "An event that happens behind Jupiter or in its shadow says so in 'detail'."
        ),
    )
    parser.add_argument("--from", dest="start", metavar="ISO", required=True,
                        help="first UTC date-time, e.g. 2026-01-01")
    parser.add_argument("--to", dest="end", metavar="ISO", required=True,
                        help="last UTC date-time, e.g. 2026-02-01")
    parser.add_argument("--moon", nargs="+", choices=MOONS, default=list(MOONS),
                        help="only these moons (default: all four)")
    parser.add_argument("--kind", nargs="+", choices=KINDS, default=list(KINDS),
                        help="only these kinds (default: all)")
    parser.add_argument("--observer", metavar="LAT,LON[,HEIGHT_M]",
                        help="a place on Earth (degrees north/east, metres): times for it, "
                             "and whether Jupiter is above the horizon in a dark sky")
    add_ephemeris_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the events; return the exit status."""
    start, end = float(utc_to_tdb(args.start)), float(utc_to_tdb(args.end))
    if end < start:
        raise InvalidTimeError(f"--to {args.end} is before --from {args.start}: swap them")
    if end - start > MAX_DAYS:
        raise InvalidTimeError(
            f"--from {args.start} to --to {args.end} is more than five years: split the span"
        )
    observer = Observer.parse(args.observer) if args.observer else None
    with ephemeris_from_args(args) as eph:
        events = moon_events(start, end, moons=args.moon, kinds=args.kind,
                             observer_offset=None if observer is None else observer.offset,
                             ephemeris=eph)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(HEADER + (OBSERVER_COLUMNS if observer else ()))
    sky = None
    if observer is not None and events:
        sky = observer.observable([e.tdb for e in events])
    utc = tdb_to_iso([e.tdb for e in events], 0) if events else []  # one call: fast
    for n, e in enumerate(events):
        detail = e.detail if e.visible else f"not visible: {e.detail}"
        row: tuple = (utc[n], e.moon, e.event, detail)
        if sky is not None:
            jup, sun, ok = sky
            row += (f"{jup[n]:.1f}", f"{sun[n]:.1f}", "yes" if ok[n] and e.visible else "no")
        writer.writerow(row)
    return 0
