"""``jovianview plot QUANTITY ... --from --to --out FILE``: Juno's readouts as a figure or CSV."""

from __future__ import annotations

import argparse

import numpy as np

from jovianview.cli.ephemeris_args import add_ephemeris_options, ephemeris_from_args
from jovianview.cli.render import check_out_path, parse_size
from jovianview.core.errors import InvalidTimeError, JovianviewError
from jovianview.core.plot_series import QUANTITIES, PlotSeries, check_quantities, sample
from jovianview.core.timescale import parse_step, tdb_to_iso, utc_to_tdb

FORMATS = (".png", ".svg", ".csv")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``plot`` subcommand."""
    p = sub.add_parser(
        "plot", help="plot Juno's altitude, speed, latitude or moon distances to PNG/SVG/CSV",
        description="Plot Juno's readouts over a UTC span: altitude above Jupiter's 1-bar "
        "ellipsoid (km), speed relative to Jupiter (km/s), planetocentric latitude and System "
        "III west longitude (deg), and the distance from each Galilean moon's surface (km). "
        "Perijoves and flybys are marked; a caption names the trajectory's source.")
    p.add_argument("quantities", nargs="+", metavar="QUANTITY",
                   help="one or more of: " + ", ".join(QUANTITIES))
    p.add_argument("--from", dest="start", required=True, metavar="ISO",
                   help="first UTC time, e.g. 2022-09-29T11:11")
    p.add_argument("--to", dest="end", required=True, metavar="ISO", help="last UTC time")
    p.add_argument("--step", default=None,
                   help="sample step: 30s, 10m, 2h, 1d (default: 1500 points across the "
                   "span and every 30 s within 2 h of a perijove or flyby)")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="output file: .png, .svg or .csv")
    p.add_argument("--size", type=parse_size, default=(1200, 900), metavar="WxH",
                   help="figure size in pixels (default 1200x900; at least 480 wide and 100 "
                   "high per plot, plus 120; not for .csv)")
    add_ephemeris_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the figure or CSV for the parsed arguments; return the exit status."""
    names = [q.name for q in check_quantities(args.quantities)]
    out = check_out_path(args.out, FORMATS)
    start, end = utc_to_tdb(args.start), utc_to_tdb(args.end)
    if not end > start:
        raise InvalidTimeError(f"--to {args.end} must be after --from {args.start}")
    step = parse_step(args.step) if args.step is not None else None
    if out.suffix.lower() != ".csv":
        from jovianview.qt.plot_figure import min_size

        least = min_size(names)
        if args.size[0] < least[0] or args.size[1] < least[1]:
            raise JovianviewError(
                f"--size {args.size[0]}x{args.size[1]} is too small for "
                f"{' '.join(names)}: give at least {least[0]}x{least[1]}")
    with ephemeris_from_args(args) as eph:
        series = sample(names, start, end, step, eph)
    from jovianview.data.files import write_atomic

    fmt = out.suffix.lower().lstrip(".")
    if fmt == "csv":
        write_atomic(out, csv_text(series, names))
        what = f"{series.tdb.size} rows"
    else:
        from jovianview.qt.plot_figure import figure_bytes

        write_atomic(out, figure_bytes(series, names, fmt, args.size))
        what = f"{args.size[0]}x{args.size[1]}"
    print(f"wrote {out} ({what}, {tdb_to_iso(series.start, 0)} to "
          f"{tdb_to_iso(series.end, 0)} UTC)")
    return 0


def csv_text(series: PlotSeries, names: list[str]) -> str:
    """The CSV: a ``#`` line naming the trajectory, a header with units, one row per sample."""
    quantities = [QUANTITIES[n] for n in names]
    lines = [f"# {series.caption}",
             "# events: " + ("; ".join(f"{e.label} {e.utc}" for e in series.events) or "none"),
             ",".join(["tdb_jd", "utc"] + [q.column for q in quantities])]
    utc = tdb_to_iso(series.tdb, 3)
    columns = np.column_stack([series.values[n] for n in names])
    for t, u, row in zip(series.tdb, utc, columns, strict=True):
        lines.append(f"{t:.9f},{u}," + ",".join(f"{v:.6f}" for v in row))
    return "\n".join(lines) + "\n"
