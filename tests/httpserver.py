"""A real HTTP server on 127.0.0.1 for ingestion tests: serves routes the test defines, records requests.

Each :class:`Route` can answer with a status, headers and body, honour conditional GET
(ETag / Last-Modified → 304), wait before answering (``delay``), hang until the server stops
(``hang``), or stream an endless body (``endless``: the "10 GB response").
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Route:
    body: bytes | str = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    hang: bool = False
    endless: bool = False
    declared_length: int | None = None  # Content-Length to announce instead of the real one


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    status: int


class LocalServer:
    """Start with :meth:`start`; ``url(path)`` builds URLs; ``requests`` lists what was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.fallback = None  # callable(path) -> Route | None for paths without a route
        self.requests: list[Recorded] = []
        self.bytes_sent = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                server._handle(self)

        class Server(ThreadingHTTPServer):
            request_queue_size = 256  # the default 5 drops connections under concurrent polls

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def start(self) -> "LocalServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **kw) -> str:
        """Serve ``body`` at ``path`` (keyword arguments as :class:`Route`); returns the URL."""
        self.routes[path] = Route(body=body, **kw)
        return self.url(path)

    def requests_to(self, path: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    # -- request handling ------------------------------------------------------------------

    def _record(self, h, status: int) -> None:
        with self._lock:
            self.requests.append(Recorded(h.command, urlsplit(h.path).path, {k.lower(): v for k, v in h.headers.items()}, status))

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = urlsplit(h.path).path
        route = self.routes.get(path) or self.routes.get(h.path)
        if route is None and self.fallback is not None:
            route = self.fallback(path)
        if route is None:
            self._record(h, 404)
            self._send(h, 404, {"Content-Type": "text/plain"}, b"not found")
            return
        if route.hang:
            self._record(h, 0)
            self._stop.wait(60)
            return
        if route.delay:
            self._stop.wait(route.delay)
        inm, ims = h.headers.get("If-None-Match"), h.headers.get("If-Modified-Since")
        if (route.etag and inm == route.etag) or (route.last_modified and ims == route.last_modified and not route.etag):
            self._record(h, 304)
            self._send(h, 304, self._validators(route), b"")
            return
        self._record(h, route.status)
        headers = dict(route.headers)
        if route.content_type:
            headers["Content-Type"] = route.content_type
        headers.update(self._validators(route))
        if route.endless:
            self._stream_endless(h, route, headers)
            return
        body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
        self._send(h, route.status, headers, body, route.declared_length)

    @staticmethod
    def _validators(route: Route) -> dict[str, str]:
        out = {}
        if route.etag:
            out["ETag"] = route.etag
        if route.last_modified:
            out["Last-Modified"] = route.last_modified
        return out

    def _send(self, h, status, headers, body: bytes, declared: int | None = None) -> None:
        try:
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            if status != 304:
                h.send_header("Content-Length", str(declared if declared is not None else len(body)))
            h.end_headers()
            if status != 304:
                h.wfile.write(body)
                with self._lock:
                    self.bytes_sent += len(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _stream_endless(self, h, route: Route, headers) -> None:
        """A body of 10 GB (close-delimited, or with the declared length), written until the client goes."""
        chunk = b"<p>" + b"x" * 65526 + b"</p>\n"
        total = route.declared_length or 10 * 1024**3
        try:
            h.send_response(200)
            for k, v in headers.items():
                h.send_header(k, v)
            if route.declared_length:
                h.send_header("Content-Length", str(route.declared_length))
            h.send_header("Connection", "close")
            h.end_headers()
            h.close_connection = True
            sent = 0
            while sent < total and not self._stop.is_set():
                h.wfile.write(chunk)
                sent += len(chunk)
                with self._lock:
                    self.bytes_sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass


def wait_until(predicate, timeout: float = 10.0, step: float = 0.02) -> bool:
    """Poll ``predicate`` until it is true or ``timeout`` seconds pass; returns its last value."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())
