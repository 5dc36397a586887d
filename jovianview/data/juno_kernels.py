"""Download Juno's reconstructed SPK kernels from NAIF, with progress, resume and verification.

NAIF serves Juno's SPKs from :data:`NAIF_JUNO_SPK` as an Apache-style directory listing. The
reconstructed trajectory comes in files named ``juno_rec_YYMMDD_YYMMDD_YYMMDD.bsp``: coverage
start, coverage stop and production date, following NAIF's Juno kernel naming scheme
(``juno_kernel_naming_100106.txt``: "rec for reconstruction ... YYMMDD coverage start and stop").
Only names of that exact shape are picked; others (the merged ``juno_rec_orbit.bsp``,
predictions ``juno_pred_*``, structures) are left alone and can be fetched by hand and put in the
same folder. Where several files have the same coverage, the most recently produced one wins.

Each file is downloaded by the program's one downloader
(:func:`jovianview.data.download.download_file`) to ``NAME.part`` beside its destination; a rerun
continues an interrupted file when nothing changed on the server (``If-Range``). A complete file
is verified (its size matches the server's Content-Length; SpiceyPy opens it and it places
Juno, NAIF -61) and only then renamed to ``NAME``: a file that fails is deleted with a message
saying why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urljoin

from jovianview.core.ephemeris.spice_juno import import_spice, juno_coverage
from jovianview.core.errors import DataFileError
from jovianview.data.download import download_file
from jovianview.data.http import DEFAULT_DEADLINE_S, DownloadError, get_text

__all__ = ["NAIF_JUNO_SPK", "RemoteKernel", "list_juno_kernels", "select_kernels",
           "download_kernel"]

NAIF_JUNO_SPK = "https://naif.jpl.nasa.gov/pub/naif/JUNO/kernels/spk/"
_HREF = re.compile(r"""href\s*=\s*["']?([^"'\s>?#]+\.bsp)["'\s>]""", re.IGNORECASE)
_REC = re.compile(r"juno_rec_(\d{6})_(\d{6})_(\d{6})\.bsp", re.IGNORECASE)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RemoteKernel:
    """One reconstructed Juno SPK in the listing: name, URL and its dates from the name."""

    name: str
    url: str
    start: date
    stop: date
    produced: date


def _yymmdd(text: str) -> date | None:
    try:
        return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:]))
    except ValueError:
        return None


def list_juno_kernels(base_url: str = NAIF_JUNO_SPK, timeout: float = 30.0,
                      allow_hosts: Collection[str] = ()) -> list[RemoteKernel]:
    """The ``juno_rec_YYMMDD_YYMMDD_YYMMDD.bsp`` files the listing at ``base_url`` links to.

    Raises
    ------
    DataFileError
        When the listing cannot be read or names no such file.
    """
    base = base_url if base_url.endswith("/") else base_url + "/"
    found: dict[str, RemoteKernel] = {}
    for href in _HREF.findall(get_text(base, timeout, allow_hosts=allow_hosts)):
        name = unquote(href.rsplit("/", 1)[-1])
        match = _REC.fullmatch(name)
        if not match:
            continue
        start, stop, produced = (_yymmdd(g) for g in match.groups())
        if start and stop and produced and start <= stop:
            found[name] = RemoteKernel(name, urljoin(base, href), start, stop, produced)
    if not found:
        raise DataFileError(f"{base}: the listing names no juno_rec_YYMMDD_YYMMDD_YYMMDD.bsp file")
    return sorted(found.values(), key=lambda k: (k.start, k.stop, k.produced))


def select_kernels(
    kernels: list[RemoteKernel], first: date | None = None, last: date | None = None
) -> list[RemoteKernel]:
    """Files overlapping ``first``..``last`` (inclusive; None: open), newest per coverage.

    Raises
    ------
    DataFileError
        When none overlaps the dates (the message gives the listing's range).
    """
    newest: dict[tuple[date, date], RemoteKernel] = {}
    for k in kernels:
        if (first is None or k.stop >= first) and (last is None or k.start <= last):
            key = (k.start, k.stop)
            if key not in newest or k.produced > newest[key].produced:
                newest[key] = k
    if not newest:
        lo, hi = min(k.start for k in kernels), max(k.stop for k in kernels)
        raise DataFileError(f"no Juno kernel covers {first} to {last}: the listing covers "
                            f"{lo} to {hi}")
    return sorted(newest.values(), key=lambda k: (k.start, k.stop))


def download_kernel(
    url: str,
    out_path: str | Path,
    size: int,
    progress: Progress | None = None,
    timeout: float = 30.0,
    deadline: float | None = DEFAULT_DEADLINE_S,
    allow_hosts: Collection[str] = (),
) -> int:
    """Download ``url`` (``size`` bytes, from :meth:`RangeReader.head`) to ``out_path``.

    Resumes ``out_path.part`` when the server's file is unchanged (``If-Range``; see
    :func:`jovianview.data.download.download_file`). Verifies the result (its size, and SpiceyPy
    places Juno with it) and renames it into place atomically. ``progress(done, size)`` is
    called as bytes arrive.

    Returns
    -------
    int
        Bytes reused from an interrupted run.

    Raises
    ------
    DataFileError
        On network failures (rerun to resume), or when the file is not a usable Juno kernel
        (it is then deleted).
    """
    import_spice()  # verification needs SpiceyPy: say so before downloading anything
    out = Path(out_path)

    def verify(part: Path) -> None:
        try:
            juno_coverage(part)
        except DataFileError as exc:
            raise DownloadError(f"downloaded {out.name} is not a usable Juno kernel ({exc}); "
                                "deleted it") from None

    def bytes_done(done: int, _total: int) -> None:
        if progress:
            progress(done, size)

    result = download_file(url, out, size=size, progress=bytes_done, timeout=timeout,
                           deadline=deadline, allow_hosts=allow_hosts, verify=verify)
    return result.reused
