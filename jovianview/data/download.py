"""Whole-file downloads that resume safely: ``NAME.part``, ``If-Range``, verify, rename.

:func:`download_file` is the one file downloader of the program (HD texture packs, Juno
kernels). It writes ``NAME.part`` beside the destination and remembers in ``NAME.part.json``
the URL and the server's validator (``ETag``, else ``Last-Modified``). A rerun asks for the rest
with ``Range`` *and* ``If-Range: <validator>``: a server whose file has not changed answers
``206`` with the rest; one whose file changed answers ``200`` with the whole new file, which
then replaces the part instead of being spliced onto it. Without a validator nothing is resumed
(a part of unknown origin cannot be trusted).

The result is checked (the size the caller and the server announced, the SHA-256 when the
caller has one, and an optional ``verify`` callback) before it is renamed into place; a file
that fails is deleted with a message saying so. An interrupted or cancelled download keeps its
part for the next run. A server that announces more bytes than it has (a ``Content-Length``
larger than its body) is reported as broken once it is clear, rather than asking again and
again to "run it again".
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from http.client import HTTPResponse
from pathlib import Path

from jovianview.core.errors import DataFileError
from jovianview.data.files import file_sha256, write_atomic
from jovianview.data.http import (
    BLOCK,
    DEFAULT_DEADLINE_S,
    Deadline,
    DownloadError,
    RangePastEnd,
    check_timeout,
    check_url,
    content_range,
    open_url,
    read_block,
    validator_of,
)

__all__ = ["download_file", "DownloadResult", "ByteProgress"]

ByteProgress = Callable[[int, int], bool | None]  # (done, total or -1) -> False to cancel


@dataclass(frozen=True)
class DownloadResult:
    """What :func:`download_file` did: the file, its size, bytes reused and received."""

    path: Path
    size: int
    reused: int
    received: int


def download_file(url: str, dest: str | Path, *, size: int | None = None,
                  sha256: str | None = None, progress: ByteProgress | None = None,
                  timeout: float = 30.0, deadline: float | None = DEFAULT_DEADLINE_S,
                  allow_hosts: Collection[str] = (),
                  verify: Callable[[Path], None] | None = None) -> DownloadResult:
    """Fetch ``url`` to ``dest``, resuming ``dest.part`` when the server's file is unchanged.

    Parameters
    ----------
    url : str
        ``http://`` or ``https://`` address.
    dest : str or Path
        The finished file; it appears only once complete and verified.
    size : int, optional
        The exact size expected (a catalogue's figure); a different size fails verification.
    sha256 : str, optional
        The expected SHA-256 (hex); a mismatch deletes the file.
    progress : callable, optional
        ``progress(done, total)`` as bytes arrive (total -1 when unknown); False cancels.
    timeout : float
        Seconds one connect or read may wait.
    deadline : float or None
        Seconds the whole call may take; past it the download stops (and resumes next time).
    allow_hosts : collection of str
        Hosts other than the URL's that redirects may lead to.
    verify : callable, optional
        ``verify(part_path)`` raising DataFileError when the content is unusable.

    Raises
    ------
    DownloadError
        Network failures and time-outs (the part is kept: run again to resume), cancellation
        (kept), verification failures and broken servers (the part is deleted).
    """
    check_url(url)
    check_timeout(timeout)
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"cannot create {dest.parent}: {exc.strerror or exc}") from None
    if dest.is_dir():
        raise DownloadError(f"{dest} is a folder; give a file name to download into")
    part = dest.with_name(dest.name + ".part")
    state_path = dest.with_name(dest.name + ".part.json")
    clock = Deadline(deadline)
    saved = _read_state(state_path)
    have = part.stat().st_size if part.is_file() else 0
    validator = saved.get("validator", "") if saved.get("url") == url else ""
    if have and (not validator or (size is not None and have > size)):
        part.unlink()  # a part of unknown origin (or too long) cannot be resumed safely
        have = 0

    def discard() -> None:
        part.unlink(missing_ok=True)
        state_path.unlink(missing_ok=True)

    headers = {"Range": f"bytes={have}-", "If-Range": validator} if have else {}
    try:
        response = open_url(url, headers, timeout=timeout, deadline=clock,
                            allow_hosts=allow_hosts)
    except RangePastEnd as exc:
        announced = saved.get("size")
        if exc.total == have and (announced in (None, have)):
            response = None  # the part already holds the whole file
        elif exc.total is None:
            discard()
            raise DownloadError(f"{url}: the server refused the rest of the file (HTTP 416) "
                                "without saying its size; the partial download was deleted, "
                                "so the next run starts afresh") from None
        else:
            discard()
            raise DownloadError(
                f"{url}: the server announced {announced} bytes but its file has {exc.total}; "
                "the copy on the server looks damaged, so the partial download was deleted "
                "(try again later or report it to the site)") from None
    reused = have
    received = 0
    total: int | None = have if response is None else None
    if response is not None:
        with response:
            if response.status == 206:
                first, _, total = content_range(response, url)
                if first != have:
                    discard()
                    raise DownloadError(f"{url}: the server resumed at byte {first}, not {have}; "
                                        "the partial download was deleted")
            else:  # 200: the whole file (changed on the server, or no Range support)
                have = reused = 0
                length = response.headers.get("Content-Length", "")
                total = int(length) if length.isdigit() else None
            if size is not None and total is not None and total != size:
                discard()
                raise DownloadError(f"{url}: the server's file has {total} bytes, {size} were "
                                    "expected; not downloaded")
            write_atomic(state_path, json.dumps({"url": url, "validator": validator_of(response),
                                                 "size": total, "short_at": saved.get("short_at")
                                                 if saved.get("url") == url else None}))
            try:
                received = _copy_body(response, url, part, have, total, timeout, clock,
                                      progress, dest.name)
            except _TooLong:
                discard()
                raise
    done = have + received
    if total is not None and done < total:
        if reused == 0 and saved.get("short_at") == done and saved.get("url") == url:
            discard()
            raise DownloadError(f"{url}: the server announces {total} bytes but sends only "
                                f"{done}, every time; its file looks damaged, so the partial "
                                "download was deleted (try again later or report it to the site)")
        state = _read_state(state_path)
        write_atomic(state_path, json.dumps({**state, "short_at": done}))
        raise DownloadError(f"the download of {url} stopped at {done} of {total} bytes; "
                            "run again to resume")
    try:
        _check(part, total, size, sha256, verify, dest.name)
    except DownloadError:
        discard()
        raise
    os.replace(part, dest)
    state_path.unlink(missing_ok=True)
    return DownloadResult(dest, done, reused, received)


class _TooLong(DownloadError):
    """The body ran past the size the server announced."""


def _read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _copy_body(response: HTTPResponse, url: str, part: Path, have: int, total: int | None,
               timeout: float, clock: Deadline, progress: ByteProgress | None,
               name: str) -> int:
    """Append the response body to ``part`` (from scratch when ``have`` is 0); bytes written."""
    got = 0

    def note() -> str:
        return f" at {have + got} of {total if total is not None else '?'} bytes"

    with part.open("ab" if have else "wb") as f:
        if progress is not None and progress(have, -1 if total is None else total) is False:
            raise DownloadError(f"download of {name} cancelled at {have} bytes; it resumes "
                                "from there next time")
        while True:
            block = read_block(response, url, BLOCK, timeout, clock, note)
            if not block:
                return got
            f.write(block)
            got += len(block)
            if progress is not None and progress(have + got,
                                                 -1 if total is None else total) is False:
                f.flush()
                raise DownloadError(f"download of {name} cancelled at {have + got} bytes; it "
                                    "resumes from there next time")
            if total is not None and have + got > total:
                raise _TooLong(f"{url}: the server sent more than the {total} bytes it "
                               "announced; the partial download was deleted")


def _check(part: Path, total: int | None, size: int | None, sha256: str | None,
           verify: Callable[[Path], None] | None, name: str) -> None:
    """Raise DownloadError (the caller deletes the part) when the file is not the one wanted."""
    if not part.is_file():
        raise DownloadError(f"{name}: nothing was downloaded")
    got = part.stat().st_size
    if (total is not None and got != total) or (size is not None and got != size):
        raise DownloadError(f"{name} has {got} bytes, {size or total} were expected; the file "
                            "was removed")
    if sha256 is not None:
        digest = file_sha256(part)
        if digest != sha256.lower():
            raise DownloadError(f"{name} failed verification (SHA-256 {digest[:16]}... instead "
                                f"of {sha256[:16]}...); the file was removed")
    if verify is not None:
        try:
            verify(part)
        except DownloadError:
            raise
        except DataFileError as exc:
            raise DownloadError(f"downloaded {name} is not usable ({exc}); the file was removed"
                                ) from None
