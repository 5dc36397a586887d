"""``jovianview field`` and ``jovianview footprints``: the magnetic field model as CSV.

The model is JRM33 (degree 13) plus the Con2020 current sheet, in System III; positions in
Jupiter radii (71,492 km), fields in nT.
"""

from __future__ import annotations

import argparse
import math
import sys

import numpy as np

from jovianview.cli.ephem import times_from_args
from jovianview.cli.ephemeris_args import add_ephemeris_options, ephemeris_from_args
from jovianview.core.errors import InvalidTimeError, JovianviewError
from jovianview.core.timescale import tdb_to_iso

POINT_HEADER = "x_rj,y_rj,z_rj,bx_nt,by_nt,bz_nt,b_nt"
BODY_HEADER = "utc,x_rj,y_rj,z_rj,bx_nt,by_nt,bz_nt,b_nt,mag_lat_deg,m_shell_rj"
FOOTPRINT_HEADER = "utc,moon,hemisphere,lat_deg,west_lon_deg"


def _add_times(p: argparse.ArgumentParser, required: bool) -> None:
    when = p.add_mutually_exclusive_group(required=required)
    when.add_argument("--utc", nargs="+", metavar="ISO", help="one or more UTC times")
    when.add_argument("--from", dest="start", metavar="ISO", help="first UTC time of a range")
    p.add_argument("--to", dest="end", metavar="ISO", help="last UTC time of a range")
    p.add_argument("--step", default="10m", help="range step: 30s, 10m, 2h, 1d (default 10m)")
    p.set_defaults(tdb_jd=None)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``field`` and ``footprints`` subcommands."""
    p = sub.add_parser(
        "field",
        help="print Jupiter's magnetic field (JRM33 + Con2020) at points or at Juno as CSV",
        description="Print the magnetic field (nT) of JRM33 (Connerney et al. 2022, degree 13) "
        "plus the Con2020 current sheet (Connerney et al. 2020) at System III points X Y Z "
        "(R_J = 71,492 km; x to longitude 0, z to the north pole), or at a body with --body.",
    )
    p.add_argument("coords", nargs="*", type=float, metavar="X Y Z",
                   help="point coordinates in R_J, three per point")
    p.add_argument("--body", help="juno (or a moon): the field at that body, with magnetic "
                   "latitude and M-shell")
    p.add_argument("--internal-only", action="store_true", help="leave out the current sheet")
    _add_times(p, required=False)
    add_ephemeris_options(p)
    p.set_defaults(run=run_field)

    f = sub.add_parser(
        "footprints",
        help="print where the field lines through Io, Europa and Ganymede meet Jupiter",
        description="Print the northern and southern footprints on Jupiter's 1-bar ellipsoid "
        "of the field lines through Io, Europa and Ganymede (JRM33 + Con2020): planetocentric "
        "latitude and System III west longitude, degrees.",
    )
    f.add_argument("--internal-only", action="store_true", help="leave out the current sheet")
    _add_times(f, required=True)
    add_ephemeris_options(f)
    f.set_defaults(run=run_footprints)


def _number(value: float, digits: int) -> str:
    return "" if not math.isfinite(value) else f"{value:.{digits}f}"


def run_field(args: argparse.Namespace) -> int:
    """Print the field at points, or at ``--body`` for the given times."""
    from jovianview.core.field.bodies import field_at_body
    from jovianview.core.field.model import check_points, field

    out = sys.stdout
    if args.body:
        if args.coords:
            raise JovianviewError("give either X Y Z points or --body, not both")
        if not (args.utc or args.start):
            raise InvalidTimeError("--body needs --utc ISO [ISO ...] or --from/--to/--step")
        tdb = times_from_args(args)
        with ephemeris_from_args(args) as eph:
            res = field_at_body(args.body, tdb, args.internal_only, eph)
        out.write(BODY_HEADER + "\n")
        utc = tdb_to_iso(tdb, 3)
        for i, u in enumerate(np.atleast_1d(utc)):
            x, y, z = res.position[:, i]
            bx, by, bz = res.b[:, i]
            out.write(f"{u},{x:.6f},{y:.6f},{z:.6f},{bx:.3f},{by:.3f},{bz:.3f},"
                      f"{res.magnitude[i]:.3f},{res.magnetic_latitude[i]:.4f},"
                      f"{_number(res.m_shell[i], 4)}\n")
        return 0
    if args.utc or args.start:
        raise JovianviewError("times go with --body; points X Y Z are fixed in System III")
    if not args.coords or len(args.coords) % 3:
        raise JovianviewError(
            f"give points as X Y Z triples in R_J (got {len(args.coords)} numbers), "
            "e.g. `jovianview field 5 0 0`, or --body juno --utc ISO"
        )
    pts = check_points(np.array(args.coords, dtype=float).reshape(-1, 3).T)
    b = field(pts, args.internal_only)
    mag = np.linalg.norm(b, axis=0)
    out.write(POINT_HEADER + "\n")
    for (x, y, z), (bx, by, bz), m in zip(pts.T, b.T, mag, strict=True):
        out.write(f"{x:g},{y:g},{z:g},{bx:.3f},{by:.3f},{bz:.3f},{m:.3f}\n")
    return 0


def run_footprints(args: argparse.Namespace) -> int:
    """Print the moons' footprints for the given times."""
    from jovianview.core.field.bodies import moon_footprints

    tdb = times_from_args(args)
    with ephemeris_from_args(args) as eph:
        prints = moon_footprints(tdb, internal_only=args.internal_only, eph=eph)
    utc = np.atleast_1d(tdb_to_iso(tdb, 3))
    out = sys.stdout
    out.write(FOOTPRINT_HEADER + "\n")
    for i, u in enumerate(utc):
        for fp in prints:
            out.write(f"{u},{fp.moon},north,{_number(fp.north_lat[i], 3)},"
                      f"{_number(fp.north_west_lon[i], 3)}\n")
            out.write(f"{u},{fp.moon},south,{_number(fp.south_lat[i], 3)},"
                      f"{_number(fp.south_west_lon[i], 3)}\n")
    return 0
