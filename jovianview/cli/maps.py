"""``jovianview maps check FILE...``: will these images work as maps? (decodes each fully).

Prints one line per image: its format, size and sample depth, and whether it can be draped as a
global map (2:1) or only as a patch. An image that cannot be read (unknown format, truncated,
damaged, over the 128 Mpx limit) ends the command with one line naming the problem, exit 2.
"""

from __future__ import annotations

import argparse

from jovianview.core.imagemaps import ImageMapError, check_global_map
from jovianview.data.images import decode, probe_image

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``maps`` subcommand and its ``check`` action."""
    parser = sub.add_parser("maps", help="check image files before draping them on a body",
                            description=__doc__)
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    check = actions.add_parser("check", help="decode images and say how they can be used")
    check.add_argument("files", nargs="+", metavar="FILE", help="PNG, JPEG or TIFF images")
    check.set_defaults(run=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    for name in args.files:
        info = probe_image(name)
        pixels = decode(name)
        depth = "16-bit" if pixels.dtype.itemsize == 2 else "8-bit"
        colour = "grey" if pixels.ndim == 2 or pixels.shape[2] < 3 else "colour"
        try:
            check_global_map(info, name)
            use = "usable as a global map"
        except ImageMapError:
            use = "usable as a patch (not 2:1, so not as a global map)"
        print(f"{name}: {info.kind.upper()} {info.width}x{info.height}, {depth} {colour}; {use}")
    return 0
