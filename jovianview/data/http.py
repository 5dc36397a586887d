"""The program's one HTTP client: checked URLs, same-host redirects, an overall deadline.

Everything that touches the network goes through :func:`open_url` (standard library only), and
only when a user asks for a download:

- only ``http://`` and ``https://`` addresses are accepted (``file://``, ``ftp://`` and
  malformed addresses such as ``http://[::1`` are refused with one line);
- redirects are followed only to the same host (``http`` -> ``https`` on it is fine); a
  redirect to another host is refused with a message naming it, unless the caller passes that
  host in ``allow_hosts`` (the user's consent, e.g. ``--allow-host`` on the command line);
- besides the per-wait ``timeout`` (how long one connect or read may wait), a
  :class:`Deadline` bounds a whole operation, so a server that drips a byte every few seconds
  cannot hold a download forever. Reads use ``read1`` so that the deadline is checked after
  every arrival, not after a 64 KiB buffer has filled.

:class:`RangeReader` reads byte ranges (the SPK excerpter); whole files with resume are
:func:`jovianview.data.download.download_file`.
"""

from __future__ import annotations

import math
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Collection
from http.client import HTTPMessage, HTTPResponse
from typing import IO
from urllib.parse import urlsplit

from jovianview import __version__
from jovianview.core.errors import DataFileError

__all__ = ["RangeReader", "Deadline", "DownloadError", "RangePastEnd", "check_url",
           "check_timeout", "open_url", "read_block", "content_range", "validator_of",
           "get_text", "DEFAULT_DEADLINE_S"]

BLOCK = 65536  # most bytes taken from the socket at a time: the granularity of progress/resume
DEFAULT_DEADLINE_S = 3600.0  # one call (a file, an excerpt) may take at most an hour; rerun resumes
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
HEADERS = {"User-Agent": f"jovianview/{__version__}"}


class DownloadError(DataFileError):
    """A download that failed, was cancelled, ran out of time or did not verify."""


def check_url(url: str) -> str:
    """``url`` if it is a well-formed ``http(s)://host/...`` address; DownloadError otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError as exc:
        raise DownloadError(f"{url!r} is not a valid address ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise DownloadError(f"cannot fetch {url!r}: only http:// and https:// addresses are "
                            "supported")
    if not parts.hostname:
        raise DownloadError(f"{url!r} names no host")
    del port
    return url


def check_timeout(seconds: float, what: str = "--timeout") -> float:
    """``seconds`` if it is a finite number above zero; DownloadError naming ``what`` otherwise."""
    if not (isinstance(seconds, int | float) and math.isfinite(seconds) and seconds > 0):
        raise DownloadError(f"{what} must be a number of seconds above 0, got {seconds!r}")
    return float(seconds)


class Deadline:
    """The time left for one operation; :meth:`check` raises once it is spent.

    Parameters
    ----------
    seconds : float or None
        The whole operation's allowance (None: no overall limit).
    clock : callable
        Monotonic seconds (replaceable in tests).
    """

    def __init__(self, seconds: float | None = DEFAULT_DEADLINE_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if seconds is not None:
            check_timeout(seconds, "the download deadline")
        self.seconds = seconds
        self.clock = clock
        self.start = clock()

    def left(self) -> float:
        """Seconds left (infinite when there is no limit); never negative."""
        if self.seconds is None:
            return math.inf
        return max(0.0, self.seconds - (self.clock() - self.start))

    def check(self, url: str, note: str = "") -> None:
        """Raise DownloadError when the time is spent (``note`` says how far it got)."""
        if self.left() <= 0.0:
            raise DownloadError(f"{url}: gave up after {self.seconds:g} s, the time allowed for "
                                f"the whole download{note}; run again to resume")

    def wait(self, timeout: float) -> float:
        """The socket timeout to use: ``timeout``, but no longer than the time left."""
        return max(0.05, min(timeout, self.left()))


def _host(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return (parts.hostname or "").lower(), parts.port or default


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the first URL's host (or one the caller consented to)."""

    def __init__(self, url: str, allow_hosts: Collection[str]) -> None:
        self.origin = (urlsplit(url).hostname or "").lower()
        self.allow = {h.lower() for h in allow_hosts}

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        newurl = urllib.parse.urljoin(req.full_url, newurl)
        check_url(newurl)
        host = (urlsplit(newurl).hostname or "").lower()
        if host != self.origin and host not in self.allow:
            raise DownloadError(
                f"{req.full_url} redirects to another host, {host} ({newurl}); not followed. "
                f"If you trust {host}, allow it (on the command line: --allow-host {host})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class RangePastEnd(DownloadError):
    """HTTP 416: the requested range starts past the end of the file."""

    def __init__(self, message: str, total: int | None) -> None:
        super().__init__(message)
        self.total = total


def open_url(url: str, headers: dict[str, str] | None = None, *, method: str = "GET",
             timeout: float = 30.0, deadline: Deadline | None = None,
             allow_hosts: Collection[str] = ()) -> HTTPResponse:
    """Send one request and return the open response; every failure is one DownloadError.

    HTTP 416 raises a ``DownloadError`` subclass carrying the file's size from the answer's
    ``Content-Range: bytes */N`` (None when absent), so that a resume can tell "the part is
    complete" from "the part is too long".
    """
    check_url(url)
    deadline = deadline or Deadline(None)
    deadline.check(url)
    request = urllib.request.Request(url, method=method, headers={**HEADERS, **(headers or {})})
    opener = urllib.request.build_opener(_SameHostRedirects(url, allow_hosts))
    try:
        return opener.open(request, timeout=deadline.wait(timeout))
    except urllib.error.HTTPError as exc:
        content_range = exc.headers.get("Content-Range", "") if exc.headers else ""
        location = exc.headers.get("Location", "") if exc.headers else ""
        exc.close()
        if 300 <= exc.code < 400 and location:  # urllib refused the target itself
            raise DownloadError(f"{url} redirects to {location}: only http:// and https:// "
                                "addresses are followed") from None
        if exc.code == 416:
            match = re.fullmatch(r"bytes\s+\*/(\d+)", content_range.strip())
            raise RangePastEnd(f"{url}: HTTP 416", int(match.group(1)) if match else None
                                ) from None
        raise DownloadError(f"{url}: HTTP error {exc.code} {exc.reason}") from None
    except DownloadError:
        raise
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, DownloadError):
            raise exc.reason from None
        raise DownloadError(f"cannot reach {url}: {exc.reason}") from None
    except TimeoutError:
        raise DownloadError(f"cannot reach {url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise DownloadError(f"cannot reach {url}: {exc}") from None


def read_block(response: HTTPResponse, url: str, want: int, timeout: float,
               deadline: Deadline, note: Callable[[], str]) -> bytes:
    """At most ``want`` bytes, as soon as any arrive; b"" at the end of the body.

    ``note()`` describes the progress so far for the messages (e.g. " with 10 of 20 bytes").
    """
    deadline.check(url, note())
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:  # never wait on the socket past the deadline
        sock.settimeout(deadline.wait(timeout))
    try:
        block = response.read1(min(BLOCK, want))
    except TimeoutError:
        deadline.check(url, note())
        raise DownloadError(f"{url}: timed out after {timeout:g} s without data{note()}; "
                            "run again to resume") from None
    except (OSError, ValueError) as exc:
        raise DownloadError(f"{url}: connection lost ({exc}){note()}; run again to resume"
                            ) from None
    return block


def content_range(response: HTTPResponse, url: str) -> tuple[int, int, int | None]:
    """(first, last, total or None) from a 206 answer's Content-Range."""
    header = response.headers.get("Content-Range", "").strip()
    match = _CONTENT_RANGE.fullmatch(header)
    if not match:
        raise DownloadError(f"{url}: the server's partial answer has an unreadable "
                            f"Content-Range {header!r}")
    total = None if match.group(3) == "*" else int(match.group(3))
    return int(match.group(1)), int(match.group(2)), total


def validator_of(response: HTTPResponse) -> str:
    """The answer's ``ETag`` (preferred) or ``Last-Modified``; empty when it has neither."""
    return response.headers.get("ETag") or response.headers.get("Last-Modified") or ""


class RangeReader:
    """Read byte ranges of ``url`` (HTTP ``Range``; ``If-Range`` once the file is known).

    Parameters
    ----------
    url : str
        ``http://`` or ``https://`` address of the file.
    timeout : float
        Seconds to wait for the server to connect or to send more data.
    deadline : float or None
        Seconds that everything this reader does may take together.
    allow_hosts : collection of str
        Other hosts that redirects may lead to.

    Attributes
    ----------
    size : int or None
        Total size of the remote file, known after the first request.
    received : int
        Bytes of payload received so far (for reporting what a run downloaded).
    validator : str
        The server's ``ETag`` or ``Last-Modified``, empty when it sends neither. Once set,
        every request carries it as ``If-Range``, so a file that changes on the server while
        it is being read is noticed instead of spliced.
    """

    def __init__(self, url: str, timeout: float = 30.0,
                 deadline: float | None = DEFAULT_DEADLINE_S,
                 allow_hosts: Collection[str] = ()) -> None:
        self.url = check_url(url)
        self.timeout = check_timeout(timeout)
        self.deadline = Deadline(deadline)
        self.allow_hosts = tuple(allow_hosts)
        self.size: int | None = None
        self.received = 0
        self.validator = ""

    def head(self) -> int:
        """Size of the remote file from a HEAD request's Content-Length (also sets validator)."""
        response = open_url(self.url, method="HEAD", timeout=self.timeout,
                            deadline=self.deadline, allow_hosts=self.allow_hosts)
        with response:
            length = response.headers.get("Content-Length", "")
            self.validator = validator_of(response)
        if not length.isdigit():
            raise DownloadError(f"{self.url}: the server did not say the file's size "
                                "(no Content-Length)")
        self.size = int(length)
        return self.size

    def read(self, start: int, length: int) -> bytes:
        """Exactly ``length`` bytes from byte ``start`` (0-based), or raise DownloadError."""
        parts: list[bytes] = []
        self.stream(start, length, parts.append)
        return b"".join(parts)

    def stream(self, start: int, length: int, sink: Callable[[bytes], None]) -> None:
        """Pass bytes ``start`` to ``start + length - 1`` to ``sink`` as they arrive.

        Blocks that arrived before a failure have already been passed on, so a caller that
        stores them can resume later. A connection closed early raises DownloadError.
        """
        if length <= 0:
            return
        response = self._open(start, length)
        got = 0

        def note() -> str:
            return f" with {got} of {length} bytes of this range received"

        try:
            while got < length:
                block = read_block(response, self.url, length - got, self.timeout,
                                   self.deadline, note)
                if not block:
                    raise DownloadError(f"{self.url}: connection closed after {got} of {length} "
                                        "bytes of this range; run again to resume")
                got += len(block)
                self.received += len(block)
                sink(block)
        finally:
            response.close()

    def _open(self, start: int, length: int) -> HTTPResponse:
        """Send the Range request and check that the answer is the requested part."""
        end = start + length - 1
        headers = {"Range": f"bytes={start}-{end}"}
        if self.validator:
            headers["If-Range"] = self.validator
        try:
            response = open_url(self.url, headers, timeout=self.timeout, deadline=self.deadline,
                                allow_hosts=self.allow_hosts)
        except RangePastEnd:
            raise DownloadError(
                f"{self.url}: bytes {start}-{end} lie past the end of the remote file "
                "(HTTP 416): the remote file is shorter than its own index says") from None
        if response.status != 206:
            response.close()
            if self.validator:
                raise DownloadError(
                    f"{self.url}: the file changed on the server while it was being read (it "
                    f"answered {response.status} to a request for part of version "
                    f"{self.validator}); run it again to start afresh")
            raise DownloadError(
                f"{self.url}: the server ignores HTTP Range requests (answered {response.status} "
                "instead of 206), so a partial download is impossible; download the whole "
                "file another way")
        first, last, total = content_range(response, self.url)
        if (first, last) != (start, end):
            response.close()
            raise DownloadError(f"{self.url}: asked for bytes {start}-{end} but the server sent "
                                f"{first}-{last}")
        if total is not None:
            self.size = total
        self.validator = self.validator or validator_of(response)
        return response


def get_text(url: str, timeout: float = 30.0, limit: int = 8_000_000,
             deadline: float | None = DEFAULT_DEADLINE_S,
             allow_hosts: Collection[str] = ()) -> str:
    """The body of ``url`` as text (e.g. a server's directory listing), at most ``limit`` bytes.

    Raises
    ------
    DownloadError
        On a bad URL, HTTP errors, time-outs or a body over ``limit`` bytes.
    """
    check_timeout(timeout)
    clock = Deadline(deadline)
    response = open_url(url, timeout=timeout, deadline=clock, allow_hosts=allow_hosts)
    parts: list[bytes] = []
    got = 0

    def note() -> str:
        return f" with {got} bytes of the listing received"

    with response:
        while got <= limit:
            block = read_block(response, url, limit + 1 - got, timeout, clock, note)
            if not block:
                break
            parts.append(block)
            got += len(block)
    if got > limit:
        raise DownloadError(f"{url}: the listing is larger than {limit} bytes")
    charset = response.headers.get_content_charset() or "utf-8"
    return b"".join(parts).decode(charset, errors="replace")
