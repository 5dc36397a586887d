"""``jovianview render``: draw the scene to a PNG without opening a window."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from jovianview.cli.kernels import add_kernel_option, apply_kernel_option
from jovianview.core.errors import JovianviewError
from jovianview.core.timescale import utc_to_tdb
from jovianview.model.camera import PRESETS
from jovianview.model.settings import SCALE_MODES, Settings


def _size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, e.g. 1280x720, not {text!r}")
    w, h = int(m.group(1)), int(m.group(2))
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"size {w}x{h} is out of range: each side 16 to 8192")
    return w, h


def register(sub) -> None:  # noqa: ANN001 - argparse's private subparsers type
    p = sub.add_parser("render", help="draw the scene to a PNG file, no window",
                       description="Draw the Jovian system at a UTC time from a camera preset.")
    p.add_argument("--utc", required=True, help="UTC date-time, e.g. 2022-09-29T09:36:28")
    p.add_argument("--view", default="overview", choices=PRESETS, metavar="PRESET",
                   help=f"camera preset: {', '.join(PRESETS)} (default overview)")
    p.add_argument("--size", type=_size, default=(1280, 720), metavar="WxH",
                   help="image size in pixels (default 1280x720)")
    p.add_argument("--out", required=True, help="output PNG file")
    p.add_argument("--scale", choices=SCALE_MODES, default="enlarged",
                   help="true scale or enlarged moons and Juno (default enlarged)")
    p.add_argument("--no-labels", action="store_true", help="leave out the body labels")
    p.add_argument("--fov", type=float, default=0.0, metavar="ARCMIN",
                   help="view earth: the field's height in arcminutes, 0.2 to 120 (default: "
                        "wide enough for the four moons)")
    p.add_argument("--telescope", choices=("north_up", "inverted", "mirrored"),
                   default="north_up", help="view earth: the image as a telescope turns it")
    add_kernel_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise JovianviewError(f"--out must name a .png file, not {args.out!r}")
    if not out.parent.exists():
        raise JovianviewError(f"the folder {out.parent} does not exist")
    tdb = float(utc_to_tdb(args.utc))
    apply_kernel_option(args)
    from jovianview.model.clock import SimClock
    from jovianview.model.sources import data_span
    from jovianview.render.headless import render_png

    clock = SimClock(tdb, data_span())  # clamps a time outside the data, and says so
    if clock.last_clamp:
        print(f"jovianview render: {clock.last_clamp}")
    if args.fov and not 0.2 <= args.fov <= 120.0:
        raise JovianviewError(f"--fov {args.fov:g} is out of range: give 0.2 to 120 arcminutes")
    settings = Settings(scale_mode=args.scale, show_labels=not args.no_labels,
                        earth_fov_arcmin=float(args.fov), telescope_image=args.telescope)
    render_png(clock.tdb(), args.view, args.size, str(out), settings)
    print(f"wrote {out} ({args.size[0]}x{args.size[1]}, view {args.view})")
    return 0
