"""``jovianview kernels``: download an excerpt of a JPL satellite kernel, or check a kernel.

``jovianview kernels fetch URL --from ISO --to ISO --out FILE`` downloads only the records the
span needs (with a progress bar on stderr; rerun to resume after an interruption).
``jovianview kernels check FILE`` lists the moons a kernel places and the spans it covers.
``jovianview kernels juno-fetch --out DIR [--from ISO --to ISO]`` downloads NAIF's reconstructed
Juno SPKs for a span (needs jovianview[spice]); use the folder with ``--kernels DIR``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from jovianview.core.ephemeris.spk import SpkSource
from jovianview.core.errors import DataFileError, InvalidTimeError
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb
from jovianview.data.http import DEFAULT_DEADLINE_S, RangeReader, check_timeout, check_url
from jovianview.data.juno_kernels import (
    NAIF_JUNO_SPK,
    download_kernel,
    list_juno_kernels,
    select_kernels,
)
from jovianview.data.spk_excerpt import JUP365_URL, fetch_excerpt

__all__ = ["register", "ProgressBar"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``kernels`` subcommand and its ``fetch`` and ``check`` actions."""
    parser = sub.add_parser("kernels", help="download or check JPL satellite kernels (SPK)",
                            description=__doc__)
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    fetch = actions.add_parser("fetch", help="download the part of a kernel a span needs")
    fetch.add_argument("url", metavar="URL", help=f"kernel address, e.g. {JUP365_URL}")
    fetch.add_argument("--from", dest="start", required=True, metavar="ISO",
                       help="first UTC date, e.g. 2022-09-01")
    fetch.add_argument("--to", dest="end", required=True, metavar="ISO",
                       help="last UTC date, e.g. 2022-10-01")
    fetch.add_argument("--out", required=True, metavar="FILE", help="excerpt to write (.bsp)")
    _add_network_options(fetch)
    fetch.set_defaults(run=_run_fetch)
    check = actions.add_parser("check", help="list the moons and spans a kernel covers")
    check.add_argument("file", metavar="FILE", help="SPK kernel (.bsp)")
    check.set_defaults(run=_run_check)
    juno = actions.add_parser("juno-fetch", help="download NAIF's reconstructed Juno kernels",
                              description="Download NAIF's reconstructed Juno SPK kernels "
                              "(juno_rec_*.bsp) covering a span into a folder, for --kernels.")
    juno.add_argument("--out", required=True, metavar="DIR", help="folder to download into")
    juno.add_argument("--from", dest="start", metavar="ISO", help="first UTC date (default: all)")
    juno.add_argument("--to", dest="end", metavar="ISO", help="last UTC date (default: all)")
    juno.add_argument("--base-url", default=NAIF_JUNO_SPK, metavar="URL",
                      help=f"directory listing to read (default {NAIF_JUNO_SPK})")
    _add_network_options(juno)
    juno.set_defaults(run=_run_juno_fetch)


def _add_network_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timeout", type=float, default=30.0, metavar="S",
                        help="seconds to wait for the server to answer or send more (default 30)")
    parser.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE_S, metavar="S",
                        help="seconds the whole download may take (default "
                        f"{DEFAULT_DEADLINE_S:g}); run it again to resume")
    parser.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                        dest="allow_hosts", help="follow redirects to HOST too (by default "
                        "only to the address's own host); may be repeated")


def _check_network_options(args: argparse.Namespace) -> None:
    check_timeout(args.timeout, "--timeout")
    check_timeout(args.deadline, "--deadline")


class ProgressBar:
    """A one-line text progress bar, redrawn in place: ``[#####.....]  48%  1.2/2.5 MB``."""

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.last = ""

    def __call__(self, done: int, total: int) -> None:
        """Redraw the bar for ``done`` of ``total`` bytes (``total`` 0: unknown)."""
        frac = done / total if total else 1.0
        filled = int(round(frac * self.width))
        line = (f"\r[{'#' * filled}{'.' * (self.width - filled)}] {frac:4.0%}  "
                f"{done / 1e6:.1f}/{total / 1e6:.1f} MB")
        if line != self.last:  # redraw only when something visible changed
            self.stream.write(line)
            self.stream.flush()
            self.last = line

    def finish(self) -> None:
        """End the bar's line."""
        if self.last:
            self.stream.write("\n")
            self.stream.flush()


def _run_fetch(args: argparse.Namespace) -> int:
    _check_network_options(args)
    check_url(args.url)
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise DataFileError(f"--out {out} is a folder; give the excerpt's file name, e.g. "
                            f"{out / 'excerpt.bsp'}")
    start, end = utc_to_tdb(args.start), utc_to_tdb(args.end)
    if end <= start:
        raise InvalidTimeError(f"--to {args.end} must be later than --from {args.start}")
    bar = ProgressBar()
    try:
        result = fetch_excerpt(args.url, out, start, end, progress=bar, timeout=args.timeout,
                               deadline=args.deadline, allow_hosts=args.allow_hosts)
    finally:
        bar.finish()
    reused = ""
    if result.reused:
        reused = f", {result.reused / 1e6:.2f} MB reused from an interrupted run"
    print(f"wrote {result.path} ({result.size / 1e6:.2f} MB, {result.segments} segments; "
          f"downloaded {result.downloaded / 1e6:.2f} MB{reused})")
    return 0


def _run_check(args: argparse.Namespace) -> int:
    source = SpkSource(args.file)
    try:
        print(f"{args.file}: usable for {', '.join(source.bodies)}")
        for body in source.bodies:
            spans = "; ".join(f"{tdb_to_iso(a, 0)} to {tdb_to_iso(b, 0)} UTC"
                              for a, b in source.spans(body))
            print(f"  {body:<9} {spans}")
    finally:
        source.close()
    return 0


def _run_juno_fetch(args: argparse.Namespace) -> int:
    from jovianview.core.ephemeris.spice_juno import import_spice
    from jovianview.core.timescale import tdb_to_utc

    _check_network_options(args)
    check_url(args.base_url)
    import_spice()  # verification needs SpiceyPy: fail before any download
    first = tdb_to_utc(utc_to_tdb(args.start)).date() if args.start else None
    last = tdb_to_utc(utc_to_tdb(args.end)).date() if args.end else None
    if first and last and last < first:
        raise InvalidTimeError(f"--to {args.end} must not be before --from {args.start}")
    out = Path(args.out).expanduser()
    if out.exists() and not out.is_dir():
        raise DataFileError(f"--out {out} is a file; give a folder to download into")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFileError(f"cannot create {out}: {exc.strerror or exc}") from None
    chosen = select_kernels(list_juno_kernels(args.base_url, args.timeout, args.allow_hosts),
                            first, last)
    sizes = [RangeReader(k.url, args.timeout, args.deadline, args.allow_hosts).head()
             for k in chosen]
    todo = [(k, n) for k, n in zip(chosen, sizes, strict=True)
            if not ((out / k.name).is_file() and (out / k.name).stat().st_size == n)]
    total = sum(n for _, n in todo)
    print(f"{len(chosen)} Juno kernels cover the span ({sum(sizes) / 1e6:.1f} MB); "
          f"{len(chosen) - len(todo)} already in {out}, {len(todo)} to download "
          f"({total / 1e6:.1f} MB):")
    for k, n in todo:
        print(f"  {k.name}  {k.start} to {k.stop}  {n / 1e6:.1f} MB")
    sys.stdout.flush()
    bar = ProgressBar()
    before = 0
    reused = 0
    try:
        for k, n in todo:
            def progress(done: int, _size: int, base: int = before) -> None:
                bar(base + done, total)

            reused += download_kernel(k.url, out / k.name, n, progress, args.timeout,
                                      args.deadline, args.allow_hosts)
            before += n
    finally:
        bar.finish()
    note = f", {reused / 1e6:.2f} MB reused from an interrupted run" if reused else ""
    print(f"done: {len(chosen)} verified Juno kernels in {out}{note}; "
          f"use them with --kernels {out}")
    return 0
