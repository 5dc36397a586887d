"""Download only the part of a JPL satellite kernel that a span of dates needs.

:func:`fetch_excerpt` reads a remote SPK kernel's index with HTTP Range requests, downloads the
Chebyshev records of the requested targets that overlap the span, and writes a small, valid SPK
file that :class:`~jovianview.core.ephemeris.spk.SpkSource` (and jplephem, and SPICE) can read.
For JPL's ``jup365.bsp`` (about 1 GB) a year of the Galilean moons is a few megabytes.

Resuming: the records are appended to ``OUT.part`` in plan order, and the plan itself is kept
in ``OUT.part.json``. A rerun that computes the same plan (same URL, span, targets, remote
index) continues from the end of ``OUT.part``; a different plan starts afresh.

A server that ignores Range requests is refused with a clear error (see
:mod:`jovianview.data.http`): streaming a gigabyte to keep a few megabytes is not
worth it, and a fully downloaded kernel can be used directly with ``--kernel``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from jovianview.core.errors import DataFileError
from jovianview.data.excerpt_plan import ExcerptPlan, plan_excerpt
from jovianview.data.excerpt_write import verify_excerpt, write_excerpt
from jovianview.data.files import temp_beside, write_atomic
from jovianview.data.http import DEFAULT_DEADLINE_S, RangeReader

__all__ = ["fetch_excerpt", "FetchResult", "DEFAULT_TARGETS", "JUP365_URL"]

DEFAULT_TARGETS = (501, 502, 503, 504, 599)
JUP365_URL = "https://naif.jpl.nasa.gov/pub/naif/generic_kernels/spk/satellites/jup365.bsp"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class FetchResult:
    """What :func:`fetch_excerpt` did.

    Attributes
    ----------
    path : Path
        The excerpt written.
    size : int
        Its size in bytes.
    total : int
        Bytes of Chebyshev records the excerpt needed.
    reused : int
        Bytes of those taken from an earlier, interrupted run.
    downloaded : int
        Bytes received in this run (records plus the kernel's index).
    segments : int
        Segments in the excerpt.
    """

    path: Path
    size: int
    total: int
    reused: int
    downloaded: int
    segments: int


def fetch_excerpt(
    url: str,
    out_path: str | Path,
    start_tdb: float,
    end_tdb: float,
    targets: Iterable[int] = DEFAULT_TARGETS,
    progress: Progress | None = None,
    timeout: float = 30.0,
    deadline: float | None = DEFAULT_DEADLINE_S,
    allow_hosts: Iterable[str] = (),
) -> FetchResult:
    """Download the records of ``targets`` covering ``start_tdb``..``end_tdb`` into a new SPK.

    Parameters
    ----------
    url : str
        http(s) address of an SPK kernel with type 2/3 segments, e.g. :data:`JUP365_URL`.
    out_path : str or Path
        Where to write the excerpt (atomically: it appears only once complete and verified).
    start_tdb, end_tdb : float
        The span, TDB Julian dates.
    targets : iterable of int
        NAIF ids to keep (default: the Galilean moons and Jupiter, all relative to centre 5).
    progress : callable, optional
        Called as ``progress(bytes_done, bytes_total)`` as records arrive; never decreasing.
    timeout : float
        Seconds to wait for the server before giving up (a rerun resumes).
    deadline : float or None
        Seconds the whole download may take (a rerun resumes).
    allow_hosts : iterable of str
        Other hosts that a redirect may lead to (by default only the URL's own host).

    Returns
    -------
    FetchResult

    Raises
    ------
    DataFileError
        On HTTP errors, time-outs, dropped connections (rerun to resume), a server that ignores
        Range requests, a remote file that is not a suitable SPK, or a span it does not cover.
    """
    out = Path(out_path)
    if out.is_dir():
        raise DataFileError(f"--out {out} is a folder; give the excerpt's file name, e.g. "
                            f"{out / 'excerpt.bsp'}")
    if not out.parent.is_dir():
        what = "is a file" if out.parent.exists() else "does not exist"
        raise DataFileError(f"cannot write {out}: {out.parent} {what}; give a file in a folder")
    part = out.with_name(out.name + ".part")
    state = out.with_name(out.name + ".part.json")
    reader = RangeReader(url, timeout, deadline, tuple(allow_hosts))
    plan = plan_excerpt(reader, float(start_tdb), float(end_tdb), tuple(int(t) for t in targets))
    done = reused = _resume_point(plan, part, state)
    if progress:
        progress(done, plan.total)

    def sink_for(f: BinaryIO) -> Callable[[bytes], None]:  # a closure over the open .part file
        def sink(block: bytes) -> None:
            nonlocal done
            f.write(block)
            done += len(block)
            if progress:
                progress(done, plan.total)

        return sink

    with open(part, "ab") as f:
        sink = sink_for(f)
        first = 0  # offset of the current segment's records within .part
        for seg in plan.segments:
            have = min(max(done - first, 0), seg.length)
            reader.stream(seg.offset + have, seg.length - have, sink)
            first += seg.length
    data = part.read_bytes()
    tmp = temp_beside(out)
    try:
        write_excerpt(plan, data, tmp)
        verify_excerpt(plan, data, tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    part.unlink(missing_ok=True)
    state.unlink(missing_ok=True)
    return FetchResult(out, out.stat().st_size, plan.total, reused, reader.received,
                       len(plan.segments))


def _resume_point(plan: ExcerptPlan, part: Path, state: Path) -> int:
    """Bytes of ``part`` that an earlier run of the same plan left; start afresh otherwise."""
    wanted = plan.to_json()
    try:
        saved = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = None
    if saved == json.loads(json.dumps(wanted)) and part.is_file():
        size = part.stat().st_size
        if size <= plan.total:
            return size
    part.unlink(missing_ok=True)
    write_atomic(state, json.dumps(wanted, indent=1))
    part.touch()
    return 0
