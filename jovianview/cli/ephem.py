"""``jovianview ephem BODY``: positions and velocities as CSV."""

from __future__ import annotations

import argparse
import sys

import numpy as np

from jovianview.cli.ephemeris_args import add_ephemeris_options, ephemeris_from_args, report_sources
from jovianview.core.ephemeris import Ephemeris
from jovianview.core.errors import InvalidTimeError
from jovianview.core.timescale import check_tdb, parse_step, tdb_to_iso, utc_to_tdb

HEADER = "tdb_jd,utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s"
FRAMES = ("icrf", "jupiter-equator", "system3")
MAX_ROWS = 10_000_000


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``ephem`` subcommand."""
    p = sub.add_parser(
        "ephem",
        help="print a body's position and velocity as CSV",
        description="Print positions (km) and velocities (km/s) of BODY relative to the centre "
        "as CSV. Times are UTC (ISO 8601) or TDB Julian dates.",
    )
    p.add_argument("body", help="io, europa, ganymede, callisto, sun, earth (juno when present)")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--utc", nargs="+", metavar="ISO", help="one or more UTC times")
    when.add_argument("--tdb-jd", nargs="+", metavar="JD", help="one or more TDB Julian dates")
    when.add_argument("--from", dest="start", metavar="ISO", help="first UTC time of a range")
    p.add_argument("--to", dest="end", metavar="ISO", help="last UTC time of a range")
    p.add_argument("--step", default="10m", help="range step: 30s, 10m, 2h, 1d (default 10m)")
    p.add_argument("--center", default="jupiter", help="jupiter (default) or another body")
    p.add_argument("--frame", default="icrf", choices=FRAMES, help="axes of the output")
    add_ephemeris_options(p)
    p.add_argument("--source-column", action="store_true",
                   help="add a 'source' column: 'embedded' or the kernel file each row came "
                   "from (and 'center_source' with --center)")
    p.set_defaults(run=run)


def times_from_args(args: argparse.Namespace) -> np.ndarray:
    """TDB Julian dates requested by ``--utc``, ``--tdb-jd`` or ``--from/--to/--step``."""
    if args.utc:
        return np.atleast_1d(utc_to_tdb(args.utc))
    if args.tdb_jd:
        values = []
        for text in args.tdb_jd:
            try:
                values.append(float(text))
            except ValueError:
                raise InvalidTimeError(
                    f"--tdb-jd {text!r} is not a number: give a Julian date such as 2459852.9"
                ) from None
        return np.atleast_1d(check_tdb(values))
    if not args.end:
        raise InvalidTimeError("--from needs --to (and optionally --step)")
    first, last = utc_to_tdb(args.start), utc_to_tdb(args.end)
    if last < first:
        raise InvalidTimeError(f"--to {args.end} is before --from {args.start}")
    step = parse_step(args.step)
    count = int(np.floor((last - first) / step + 1e-6)) + 1  # 1e-6 step: float noise of JDs
    if count > MAX_ROWS:
        raise InvalidTimeError(
            f"{count} rows requested; at most {MAX_ROWS:,} per call: use a larger --step"
        )
    return first + step * np.arange(count)


def planned_flags(body: str, center: str, tdb: np.ndarray) -> np.ndarray | None:
    """Per row, whether Juno's position there is planned rather than flown (None: no Juno)."""
    if "juno" not in (body.strip().lower(), center.strip().lower()):
        return None
    from jovianview.core.ephemeris import juno as juno_table

    return np.asarray(juno_table.is_planned(tdb), dtype=bool).reshape(-1)


def run(args: argparse.Namespace) -> int:
    """Print the CSV for the parsed arguments."""
    tdb = times_from_args(args)
    with ephemeris_from_args(args) as eph:
        return _write_csv(args, eph, tdb)


def _write_csv(args: argparse.Namespace, eph: Ephemeris, tdb: np.ndarray) -> int:
    from jovianview.core.frames import transform_state

    body = args.body
    pos, vel = eph.state(body, tdb)
    columns = [report_sources(eph, body, tdb)]
    if args.center.strip().lower() != "jupiter":
        cpos, cvel = eph.state(args.center, tdb)
        pos, vel = pos - cpos, vel - cvel
        columns.append(report_sources(eph, args.center, tdb))
    pos, moved = transform_state(pos, vel, tdb, args.frame)
    vel = moved if moved is not None else vel
    planned = planned_flags(body, args.center, tdb)
    sources = columns if args.source_column else []
    out = sys.stdout
    out.write(HEADER + (",planned" if planned is not None else "")
              + "".join((",source", ",center_source")[: len(sources)]) + "\n")
    if planned is not None and planned.any():
        print(f"note: {int(planned.sum())} of {tdb.size} rows are on Juno's planned orbits "
              "(after PJ76): the mission plan, not a flown trajectory", file=sys.stderr)
    chunk = 100_000
    for lo in range(0, tdb.size, chunk):
        sl = slice(lo, lo + chunk)
        utc = tdb_to_iso(tdb[sl], 3)
        rows = np.column_stack([pos[:, sl].T, vel[:, sl].T])
        lines = [
            f"{t:.9f},{u},{r[0]:.6f},{r[1]:.6f},{r[2]:.6f},{r[3]:.9f},{r[4]:.9f},{r[5]:.9f}"
            for t, u, r in zip(tdb[sl], utc, rows, strict=True)
        ]
        if planned is not None:
            lines = [f"{ln},{'yes' if p else 'no'}"
                     for ln, p in zip(lines, planned[sl], strict=True)]
        for names in sources:
            lines = [f"{ln},{_csv_field(n)}" for ln, n in zip(lines, names[sl], strict=True)]
        out.write("\n".join(lines) + "\n")
    return 0



def _csv_field(text: str) -> str:
    """``text`` as one CSV field (a kernel's file name may hold a comma or a quote)."""
    if any(c in text for c in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text
