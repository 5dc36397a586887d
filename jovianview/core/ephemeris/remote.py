"""Byte ranges of a remote file over HTTP ``Range`` requests (standard library only).

Used by :mod:`jovianview.core.ephemeris.fetch` to read a kernel's records without downloading
the whole file. Only this module touches the network, and only when a user asks for a download.

A server that ignores ``Range`` (answering ``200`` with the whole body) is refused with a clear
:class:`DataFileError` instead of streaming and discarding up to a gigabyte per request.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Callable

from jovianview import __version__
from jovianview.core.errors import DataFileError

__all__ = ["RangeReader", "get_text"]

BLOCK = 65536  # bytes read from the socket at a time: the granularity of progress and resume
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")


class RangeReader:
    """Read byte ranges of ``url``.

    Parameters
    ----------
    url : str
        ``http://`` or ``https://`` address of the file.
    timeout : float
        Seconds to wait for the server to connect or to send more data.

    Attributes
    ----------
    size : int or None
        Total size of the remote file, known after the first request.
    received : int
        Bytes of payload received so far (for reporting what a run downloaded).
    validator : str
        The server's ``ETag`` or ``Last-Modified``, empty when it sends neither.
    """

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        if not url.lower().startswith(("http://", "https://")):
            raise DataFileError(
                f"cannot fetch {url!r}: only http:// and https:// URLs are supported"
            )
        self.url = url
        self.timeout = timeout
        self.size: int | None = None
        self.received = 0
        self.validator = ""

    def head(self) -> int:
        """Size of the remote file from a HEAD request's Content-Length (also sets validator)."""
        response = _urlopen(urllib.request.Request(self.url, method="HEAD",
                                                   headers=_HEADERS), self.url, self.timeout)
        with response:
            length = response.headers.get("Content-Length", "")
            self.validator = (response.headers.get("ETag")
                              or response.headers.get("Last-Modified", ""))
        if not length.isdigit():
            raise DataFileError(f"{self.url}: the server did not say the file's size "
                                "(no Content-Length)")
        self.size = int(length)
        return self.size

    def read(self, start: int, length: int) -> bytes:
        """Exactly ``length`` bytes from byte ``start`` (0-based), or raise DataFileError."""
        parts: list[bytes] = []
        self.stream(start, length, parts.append)
        return b"".join(parts)

    def stream(self, start: int, length: int, sink: Callable[[bytes], None]) -> None:
        """Pass bytes ``start`` to ``start + length - 1`` to ``sink`` block by block.

        Blocks that arrived before a failure have already been passed on, so a caller that
        stores them can resume later. A connection closed early raises DataFileError.
        """
        if length <= 0:
            return
        response = self._open(start, length)
        got = 0
        try:
            while got < length:
                try:
                    block = response.read(min(BLOCK, length - got))
                except TimeoutError as exc:
                    raise DataFileError(
                        f"{self.url}: timed out after {self.timeout:g} s with {got} of {length} "
                        "bytes of this range received; run again to resume"
                    ) from exc
                except OSError as exc:
                    raise DataFileError(
                        f"{self.url}: connection lost ({exc}) with {got} of {length} bytes of "
                        "this range received; run again to resume"
                    ) from exc
                if not block:
                    raise DataFileError(
                        f"{self.url}: connection closed after {got} of {length} bytes of this "
                        "range; run again to resume"
                    )
                got += len(block)
                self.received += len(block)
                sink(block)
        finally:
            response.close()

    def _open(self, start: int, length: int):  # noqa: ANN202 - http.client.HTTPResponse
        """Send the Range request and check that the answer is the requested part."""
        end = start + length - 1
        request = urllib.request.Request(self.url, headers={"Range": f"bytes={start}-{end}",
                                                            **_HEADERS})
        try:
            response = _urlopen(request, self.url, self.timeout)
        except _RangePastEnd:
            raise DataFileError(
                f"{self.url}: bytes {start}-{end} lie past the end of the remote file "
                "(HTTP 416): the remote kernel is shorter than its own index says"
            ) from None
        if response.status != 206:
            response.close()
            raise DataFileError(
                f"{self.url}: the server ignores HTTP Range requests (answered {response.status} "
                "instead of 206), so a partial download is impossible; download the whole "
                "kernel another way and use it with --kernel"
            )
        match = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range", "").strip())
        if not match or int(match.group(1)) != start or int(match.group(2)) != end:
            response.close()
            raise DataFileError(
                f"{self.url}: asked for bytes {start}-{end} but the server sent "
                f"Content-Range {response.headers.get('Content-Range')!r}"
            )
        if match.group(3) != "*":
            self.size = int(match.group(3))
        self.validator = response.headers.get("ETag") or response.headers.get("Last-Modified", "")
        return response


_HEADERS = {"User-Agent": f"jovianview/{__version__}"}


class _RangePastEnd(DataFileError):
    """HTTP 416: the requested range starts past the end of the file."""


def _urlopen(request: urllib.request.Request, url: str, timeout: float):  # noqa: ANN202
    """Open ``request``, turning every network failure into a one-line DataFileError."""
    try:
        return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 416:
            raise _RangePastEnd(f"{url}: HTTP 416") from None
        raise DataFileError(f"{url}: HTTP error {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise DataFileError(f"cannot reach {url}: {exc.reason}") from None
    except TimeoutError:
        raise DataFileError(f"cannot reach {url}: no answer within {timeout:g} s") from None
    except OSError as exc:
        raise DataFileError(f"cannot reach {url}: {exc}") from None


def get_text(url: str, timeout: float = 30.0, limit: int = 8_000_000) -> str:
    """The body of ``url`` as text (e.g. a server's directory listing), at most ``limit`` bytes.

    Raises
    ------
    DataFileError
        On a bad URL, HTTP errors, time-outs or a body over ``limit`` bytes.
    """
    RangeReader(url, timeout)  # checks the scheme
    response = _urlopen(urllib.request.Request(url, headers=_HEADERS), url, timeout)
    with response:
        try:
            body = response.read(limit + 1)
        except OSError as exc:
            raise DataFileError(f"{url}: connection lost while reading ({exc})") from None
    if len(body) > limit:
        raise DataFileError(f"{url}: the listing is larger than {limit} bytes")
    charset = response.headers.get_content_charset() or "utf-8"
    return body.decode(charset, errors="replace")
