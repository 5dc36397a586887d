"""``jovianview juno compare --kernels DIR``: the embedded trajectory's distance from real kernels.

Prints, for the span where the NAIF kernels in DIR and the embedded trajectory both place Juno,
the difference embedded minus kernels near perijove (within +-6 h of a perijove in the event
data), elsewhere and overall: largest and RMS in km, relative to Juno's distance from Jupiter's
centre, and in velocity. ``--csv`` writes the same as CSV; ``--by-perijove`` adds a row per
perijove. The figures come from :func:`jovianview.core.ephemeris.juno_compare.compare_juno`.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from jovianview.core.ephemeris.juno_compare import JunoComparison, RegionStats, compare_juno
from jovianview.core.ephemeris.spice_juno import SpiceJunoSource
from jovianview.core.errors import DataFileError, InvalidTimeError
from jovianview.core.timescale import parse_step, tdb_to_iso, utc_to_tdb

__all__ = ["register", "format_table", "format_csv"]

CSV_HEADER = ("region,samples,max_km,rms_km,max_rel,rms_rel,max_dv_m_s,rms_dv_m_s,"
              "worst_tdb_jd,worst_utc")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``juno`` command and its ``compare`` action."""
    parser = sub.add_parser("juno", help="Juno's embedded trajectory against real NAIF kernels",
                            description=__doc__)
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    p = actions.add_parser(
        "compare", help="how far the embedded trajectory is from a folder of Juno kernels",
        description="For the span where the Juno SPK kernels in DIR and the embedded trajectory "
        "both place Juno, print the embedded trajectory minus the kernels: largest and RMS "
        "position difference (km), the same relative to Juno's distance from Jupiter, and the "
        "velocity difference, near perijove (within --window of a perijove in the event data) "
        "and elsewhere. Needs jovianview[spice].")
    p.add_argument("--kernels", required=True, metavar="DIR",
                   help="folder of NAIF Juno SPK kernels (.bsp), e.g. from `jovianview kernels "
                   "juno-fetch`")
    p.add_argument("--from", dest="start", metavar="ISO", help="first UTC time (default: all)")
    p.add_argument("--to", dest="end", metavar="ISO", help="last UTC time (default: all)")
    p.add_argument("--step", default="10m",
                   help="sampling step away from perijove: 30s, 10m, 1h (default 10m)")
    p.add_argument("--perijove-step", default="30s",
                   help="sampling step near perijove (default 30s)")
    p.add_argument("--window", default="6h",
                   help="half-width of the near-perijove region (default 6h)")
    p.add_argument("--by-perijove", action="store_true", help="add a row per perijove")
    p.add_argument("--csv", action="store_true", help="write CSV instead of a table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Compare and print; errors are one line and exit status 2 (see cli.main)."""
    start = utc_to_tdb(args.start) if args.start else None
    end = utc_to_tdb(args.end) if args.end else None
    if start is not None and end is not None and end <= start:
        raise InvalidTimeError(f"--to {args.end} must be later than --from {args.start}")
    step, pj_step, window = (parse_step(args.step), parse_step(args.perijove_step),
                             parse_step(args.window))
    folder = Path(args.kernels).expanduser()
    try:
        source = SpiceJunoSource.from_directory(folder)
    except DataFileError as exc:
        text = str(exc)
        if text.startswith("no usable Juno kernel"):  # files there, none places Juno (-61)
            text = f"{folder} holds no usable Juno (NAIF -61) kernel ({text.split(': ', 1)[1]})"
        raise DataFileError(text) from None
    try:
        result = compare_juno(source, start, end, step, pj_step, window)
    finally:
        source.close()
    for problem in source.problems:
        print(f"jovianview: {problem}", file=sys.stderr)
    if args.csv:
        print(format_csv(result, args.by_perijove), end="")
    else:
        what = f"the kernels in {folder} ({_plural(len(source.files), 'file')})"
        print(format_table(result, what, args.by_perijove), end="")
    return 0


def _rows(result: JunoComparison, by_perijove: bool) -> list[RegionStats]:
    return [result.near, result.elsewhere, result.overall] + (result.perijoves if by_perijove
                                                              else [])


def _duration(days: float) -> str:
    if days >= 2:
        return f"{days:.1f} days"
    return f"{days * 24:.1f} h"


def _step_text(days: float) -> str:
    seconds = days * 86400.0
    for unit, size in (("d", 86400.0), ("h", 3600.0), ("m", 60.0)):
        if seconds >= size and abs(seconds / size - round(seconds / size)) < 1e-6:
            return f"{round(seconds / size)}{unit}"
    return f"{seconds:g}s"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def format_table(result: JunoComparison, what: str, by_perijove: bool = False) -> str:
    """The plain-text report: what was compared (``what``: the kernels), one line per region."""
    spans = "; ".join(f"{tdb_to_iso(a, 0)} to {tdb_to_iso(b, 0)}" for a, b in result.spans)
    total = sum(b - a for a, b in result.spans)
    window = _step_text(result.window)
    passes = _plural(len(result.perijoves), "perijove")
    lines = [
        f"Juno: embedded trajectory minus {what}",
        f"compared: {spans} UTC ({_duration(total)}, {passes}), "
        f"every {_step_text(result.step)}; every {_step_text(result.perijove_step)} within "
        f"+-{window} of a perijove",
        "",
        f"{'region':<16}{'samples':>9}{'max km':>11}{'RMS km':>11}{'max |d|/r':>11}"
        f"{'RMS |d|/r':>11}{'max m/s':>10}{'RMS m/s':>10}  worst at (UTC)",
    ]
    for row in _rows(result, by_perijove):
        name = f"near PJ (+-{window})" if row is result.near else row.name
        if not row.samples:
            lines.append(f"{name:<16}{0:>9}{'-':>11}{'-':>11}{'-':>11}{'-':>11}{'-':>10}"
                         f"{'-':>10}  -")
            continue
        lines.append(
            f"{name:<16}{row.samples:>9}{row.max_km:>11.3f}{row.rms_km:>11.3f}"
            f"{row.max_rel:>11.2e}{row.rms_rel:>11.2e}{row.max_kms * 1e3:>10.3f}"
            f"{row.rms_kms * 1e3:>10.3f}  {tdb_to_iso(row.worst_tdb, 0)}")
    lines.append("")
    lines.append("|d|: embedded minus kernels; r: Juno's distance from Jupiter's centre")
    return "\n".join(lines) + "\n"


def format_csv(result: JunoComparison, by_perijove: bool = False) -> str:
    """The regions as CSV (:data:`CSV_HEADER`); an empty region has empty figures."""
    lines = [CSV_HEADER]
    for row in _rows(result, by_perijove):
        name = row.name.replace(" ", "_")
        if not row.samples:
            lines.append(f"{name},0,,,,,,,,")
            continue
        figures = (row.max_km, row.rms_km, row.max_rel, row.rms_rel, row.max_kms * 1e3,
                   row.rms_kms * 1e3)
        text = ",".join(f"{x:.6g}" if math.isfinite(x) else "" for x in figures)
        lines.append(f"{name},{row.samples},{text},{row.worst_tdb:.8f},"
                     f"{tdb_to_iso(row.worst_tdb, 3)}")
    return "\n".join(lines) + "\n"

