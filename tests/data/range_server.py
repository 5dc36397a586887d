"""A tiny local HTTP server for the download tests: Range and If-Range, drop-outs, a dripping
server, a Content-Length larger than the body, redirects, a no-Range mode.

It serves one file's bytes (or a folder of files with an Apache-style index page) from 127.0.0.1
on a free port, counts the payload bytes it sends, answers HEAD, and shuts itself down after
``lifetime`` seconds even if a test forgets to stop it.
"""

from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


class RangeServer:
    """Serve ``data`` at ``/kernel.bsp``, and ``files`` (name -> bytes) under ``/spk/``.

    ``/spk/`` itself is an HTML index linking each file, like NAIF's server; its address is
    :attr:`folder_url`.

    Parameters
    ----------
    data : bytes
        The file served.
    mode : str
        ``"range"`` (206 answers), ``"ignore-range"`` (always 200 with everything) or
        ``"drop"`` (like ``"range"``, but the connection is cut once ``drop_after`` payload
        bytes have been sent in total; later requests are served normally), ``"drip"`` (one
        byte every ``drip_s`` seconds) or ``"short"`` (every answer announces ``short_by``
        bytes more than it sends).

    Attributes
    ----------
    etag : str
        The file's current ETag (change it together with ``data`` to model a new version);
        ``If-Range`` with another value gets the whole file (200), as HTTP says.
    redirects : dict
        Path -> absolute URL answered with ``302 Found`` (e.g. ``/moved`` -> another host).
    """

    def __init__(self, data: bytes = b"", mode: str = "range", drop_after: int = 0,
                 lifetime: float = 30.0, files: dict[str, bytes] | None = None,
                 drip_s: float = 2.0, short_by: int = 0) -> None:
        self.data = data
        self.etag = '"v1"'
        self.redirects: dict[str, str] = {}
        self.drip_s = drip_s
        self.short_by = short_by
        self.files = dict(files or {})
        self.mode = mode
        self.drop_after = drop_after
        self.sent = 0
        self.requests = 0
        self.dropped = False
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/kernel.bsp"
        self.folder_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/spk/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.timer = threading.Timer(lifetime, self.stop)
        self.timer.daemon = True

    def __enter__(self) -> RangeServer:
        self.thread.start()
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.timer.cancel()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def _body(self) -> bytes | None:
                if self.path == "/kernel.bsp":
                    return server.data
                if self.path == "/spk/":
                    links = "".join(f'<tr><td><a href="{n}">{n}</a></td><td>{len(b)}</td></tr>\n'
                                    for n, b in sorted(server.files.items()))
                    return (f'<html><body><h1>Index of /spk</h1><table><tr><td><a href="/">'
                            f"Parent Directory</a></td></tr>\n{links}</table></body></html>"
                            ).encode()
                if self.path.startswith("/spk/"):
                    return server.files.get(self.path[5:])
                return None

            def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
                body = self._body()
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", server.etag)
                self.end_headers()

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                with server.lock:
                    server.requests += 1
                if self.path in server.redirects:
                    self.send_response(302)
                    self.send_header("Location", server.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                data = self._body()
                if data is None:
                    self.send_error(404)
                    return
                match = _RANGE.fullmatch(self.headers.get("Range", ""))
                if_range = self.headers.get("If-Range")
                stale = if_range is not None and if_range != server.etag
                if server.mode == "ignore-range" or not match or stale:
                    self._send(200, data, {"ETag": server.etag})
                    return
                start = int(match.group(1))
                end = int(match.group(2)) if match.group(2) else len(data) - 1
                if start >= len(data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                end = min(end, len(data) - 1)
                head = {"Content-Range": f"bytes {start}-{end}/{len(data)}", "ETag": server.etag}
                self._send(206, data[start : end + 1], head)

            def _send(self, code: int, body: bytes, head: dict[str, str]) -> None:
                self.send_response(code)
                for key, value in head.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body) + server.short_by))
                self.end_headers()
                if server.mode == "drip":
                    try:
                        for k in range(len(body)):
                            self.wfile.write(body[k:k + 1])
                            self.wfile.flush()
                            with server.lock:
                                server.sent += 1
                            time.sleep(server.drip_s)
                    except OSError:
                        pass
                    self.close_connection = True
                    return
                cut = len(body)
                with server.lock:
                    if server.mode == "drop" and not server.dropped:
                        room = server.drop_after - server.sent
                        if room < len(body):
                            cut = max(room, 0)
                            server.dropped = True
                    server.sent += cut
                try:
                    self.wfile.write(body[:cut])
                    self.wfile.flush()
                except OSError:
                    pass  # the client hung up (e.g. it refused a 200 answer)
                if cut < len(body) or server.short_by:
                    self.close_connection = True

        return Handler
