"""``jovianview render``: draw the scene to a PNG without opening a window."""

from __future__ import annotations

import argparse
import math
import os
import re
from pathlib import Path

from jovianview.cli.ephemeris_args import add_ephemeris_options, ephemeris_from_args
from jovianview.core.errors import JovianviewError, TimeRangeError
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb
from jovianview.model.camera import PRESETS
from jovianview.model.settings import SCALE_MODES, Settings
from jovianview.model.tour_values import LAYERS
from jovianview.model.types import TELESCOPE_IMAGES


def parse_size(text: str) -> tuple[int, int]:
    """``WIDTHxHEIGHT`` (16 to 8192 each) for an argparse ``type=``."""
    m = re.fullmatch(r"\s*([-+]?\d+)\s*[xX]\s*([-+]?\d+)\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, e.g. 1280x720, not {text!r}")
    w, h = int(m.group(1)), int(m.group(2))
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"size {w}x{h} is out of range: each side 16 to 8192")
    return w, h


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``render`` subcommand."""
    p = sub.add_parser("render", help="draw the scene to a PNG file, no window",
                       description="Draw the Jovian system at a UTC time from a camera preset.")
    p.add_argument("--utc", required=True, help="UTC date-time, e.g. 2022-09-29T09:36:28")
    p.add_argument("--view", default="overview", choices=PRESETS, metavar="PRESET",
                   help=f"camera preset: {', '.join(PRESETS)} (default overview)")
    p.add_argument("--size", type=parse_size, default=(1280, 720), metavar="WxH",
                   help="image size in pixels (default 1280x720)")
    p.add_argument("--out", required=True, help="output PNG file")
    p.add_argument("--scale", choices=SCALE_MODES, default="enlarged",
                   help="true scale or enlarged moons and Juno (default enlarged)")
    p.add_argument("--no-labels", action="store_true", help="leave out the body labels")
    p.add_argument("--features", action="store_true",
                   help="label named features (volcanoes, craters, storms) on the near side")
    p.add_argument("--fov", type=float, default=0.0, metavar="ARCMIN",
                   help="view earth: the field's height in arcminutes, 0.2 to 120 (default: "
                        "wide enough for the four moons)")
    p.add_argument("--telescope", choices=TELESCOPE_IMAGES, default="north_up",
                   help="view earth: the image as a telescope turns it")
    p.add_argument("--layers", default="", metavar="NAME[,NAME...]",
                   help=f"layers to draw on top of the defaults: {', '.join(LAYERS)}, stars "
                        "(prefix a name with no- to leave it out, e.g. no-trail)")
    p.add_argument("--azimuth", type=float, metavar="DEG",
                   help="turn the preset's camera to this azimuth around its target (degrees)")
    p.add_argument("--elevation", type=float, metavar="DEG",
                   help="raise the camera to this elevation above the equator, -90 to 90 "
                        "(90: above the north pole)")
    p.add_argument("--distance", type=float, metavar="RJ",
                   help="the camera's distance from its target in Jupiter radii (71,492 km)")
    add_ephemeris_options(p)
    p.set_defaults(run=run)


def layer_settings(text: str) -> dict[str, object]:
    """Settings fields for ``--layers`` (comma-separated names, ``no-NAME`` to hide one), or
    JovianviewError naming the unknown ones and the valid names."""
    out: dict[str, object] = {}
    unknown = []
    for raw in filter(None, (part.strip().lower() for part in text.split(","))):
        on = not raw.startswith("no-")
        name = (raw[3:] if not on else raw).replace("-", "_")
        if name == "stars":
            out["background"] = "stars" if on else "plain"
        elif name in LAYERS:
            out[LAYERS[name]] = on
        else:
            unknown.append(raw)
    if unknown:
        raise JovianviewError(f"--layers: unknown {', '.join(repr(u) for u in unknown)}: choose "
                              f"from {', '.join(LAYERS)}, stars (no-NAME leaves one out)")
    return out


# Views whose camera is fixed elsewhere (Earth, Juno) or measured otherwise (the chase
# camera's angles follow Juno's motion; the flyby camera's distance is a framing factor)
FIXED_CAMERA_VIEWS = ("earth", "from_juno", "chase", "flyby")


def camera_adjustments(args: argparse.Namespace) -> dict[str, float]:
    """The View fields ``--azimuth/--elevation/--distance`` change, checked."""
    from jovianview.model.camera import MAX_DISTANCE, MIN_DISTANCE

    given = {key: getattr(args, key) for key in ("azimuth", "elevation", "distance")
             if getattr(args, key) is not None}
    if given and args.view in FIXED_CAMERA_VIEWS:
        raise JovianviewError(
            f"--{next(iter(given))} cannot move the camera of view {args.view!r} (it is placed "
            f"by {'Earth' if args.view == 'earth' else 'Juno'}); use it with the views "
            f"{', '.join(v for v in PRESETS if v not in FIXED_CAMERA_VIEWS)}")
    for key, value in given.items():
        if not math.isfinite(value):
            raise JovianviewError(f"--{key} must be a number, not {value}")
    out: dict[str, float] = {}
    if "azimuth" in given:
        out["azimuth"] = float(given["azimuth"]) % 360.0
    if "elevation" in given:
        if not -90.0 <= given["elevation"] <= 90.0:
            raise JovianviewError(f"--elevation {given['elevation']:g} is out of range: give "
                                  "-90 to 90 degrees")
        out["elevation"] = float(given["elevation"])
    if "distance" in given:
        if not MIN_DISTANCE <= given["distance"] <= MAX_DISTANCE:
            raise JovianviewError(f"--distance {given['distance']:g} is out of range: give "
                                  f"{MIN_DISTANCE:g} to {MAX_DISTANCE:g} Jupiter radii")
        out["distance"] = float(given["distance"])
    return out


def check_out_path(text: str, suffixes: tuple[str, ...] = (".png",)) -> Path:
    """``--out`` as a Path, or JovianviewError saying why that file cannot be written there.

    ``suffixes``: the file types the command writes (lower case, with the dot).

    Checked before rendering, so a typo costs no render; a failure while writing is still
    caught by :func:`run`.
    """
    out = Path(text).expanduser()
    kinds = " or ".join(suffixes)
    if out.is_dir():
        raise JovianviewError(f"--out {text!r} is a folder: name a {kinds} file in it, "
                              f"e.g. {out / ('jovianview' + suffixes[0])}")
    if out.suffix.lower() not in suffixes:
        raise JovianviewError(f"--out must name a {kinds} file, not {text!r}")
    parent = out.parent
    if not parent.exists():
        near = next((p for p in parent.parents if p.exists()), None)
        if near is not None and not near.is_dir():
            raise JovianviewError(f"--out {text!r}: {near} is a file, not a folder")
        raise JovianviewError(f"--out {text!r}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise JovianviewError(f"--out {text!r}: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise JovianviewError(f"--out {text!r}: no permission to write there; choose "
                              "another folder")
    return out


def run(args: argparse.Namespace) -> int:
    """Render the PNG for the parsed arguments; return the exit status."""
    out = check_out_path(args.out)
    tdb = float(utc_to_tdb(args.utc))
    from jovianview.model.sources import data_span
    from jovianview.render.headless import render_png

    first, last = data_span()
    if not first <= tdb <= last:
        raise TimeRangeError(
            f"--utc {args.utc} is outside the data: jovianview covers {tdb_to_iso(first, 0)} "
            f"to {tdb_to_iso(last, 0)} UTC"
        )
    if args.fov and not 0.2 <= args.fov <= 120.0:
        raise JovianviewError(f"--fov {args.fov:g} is out of range: give 0.2 to 120 arcminutes")
    settings = Settings(scale_mode=args.scale, show_labels=not args.no_labels,
                        show_features=args.features, earth_fov_arcmin=float(args.fov),
                        telescope_image=args.telescope)
    for field, value in layer_settings(args.layers).items():
        setattr(settings, field, value)
    adjust = camera_adjustments(args)
    with ephemeris_from_args(args) as eph:
        try:
            render_png(tdb, args.view, args.size, str(out), settings, eph, adjust)
        except OSError as exc:
            raise JovianviewError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote {out} ({args.size[0]}x{args.size[1]}, view {args.view})")
    return 0
