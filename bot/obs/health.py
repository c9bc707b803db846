"""``/healthz`` and ``/metrics`` over HTTP, for ``briefbot run`` and ``briefbot worker``.

:class:`HealthServer` serves, from a daemon thread (stdlib ``ThreadingHTTPServer``, so it answers
even when the bot's event loop is busy):

- ``GET /healthz``: runs every check (a callable returning None when fine, else a sentence
  saying what is wrong; at most :data:`CHECK_TIMEOUT` seconds each) and answers 200
  ``{"status": "ok", "checks": {name: "ok"}}``, or 503 ``{"status": "unhealthy", "checks":
  {...}, "problems": {name: sentence}}`` when any check fails;
- ``GET /metrics``: the Prometheus text format of the default registry (prometheus-client),
  or of every process of a ``briefbot worker`` when ``PROMETHEUS_MULTIPROC_DIR`` is set.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

from bot.core.errors import first_line

log = logging.getLogger("briefbot.health")

Check = Callable[[], "str | None"]
CHECK_TIMEOUT = 5.0
"""Seconds a check may take before it counts as failed (a database that does not answer)."""


def database_check(store) -> Check:
    """A check that runs ``SELECT 1`` on ``store`` (a :class:`~bot.store.db.Store`)."""
    from sqlalchemy import text

    def check() -> str | None:
        try:
            with store.read_connection() as conn:  # never waits for another process's write
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # any driver error means the database does not answer
            return f"the database does not answer: {first_line(exc) or type(exc).__name__}"
        return None

    return check


def run_checks(checks: dict[str, Check], timeout: float = CHECK_TIMEOUT) -> dict[str, str | None]:
    """Name → None (fine) or the problem, running the checks side by side, each within ``timeout`` s."""
    if not checks:
        return {}
    ex = ThreadPoolExecutor(len(checks), thread_name_prefix="health-check")  # no "with": its exit waits for stuck checks
    try:
        futures = {name: ex.submit(fn) for name, fn in checks.items()}
        out: dict[str, str | None] = {}
        deadline = time.monotonic() + timeout
        for name, fut in futures.items():
            try:
                out[name] = fut.result(timeout=max(0.0, deadline - time.monotonic()))
            except FutureTimeout:
                out[name] = f"no answer within {timeout:g} s"
            except Exception as exc:  # a broken check is a failed check
                out[name] = f"check failed: {type(exc).__name__}: {exc}"
    finally:
        ex.shutdown(wait=False, cancel_futures=True)
    return out


def metrics_text() -> tuple[bytes, str]:
    """(body, content type) of ``/metrics``: this process's registry, or all processes' in multiprocess mode."""
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


class HealthServer:
    """Serves ``/healthz`` (from ``checks``, name → :data:`Check`) and ``/metrics`` on ``host:port``.

    ``port`` 0 binds a free port (see :attr:`port` after :meth:`start`). Raises ``OSError`` from
    :meth:`start` when the address cannot be bound.
    """

    def __init__(self, host: str, port: int, checks: dict[str, Check]):
        self.host, self.port, self.checks = host, port, checks
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "HealthServer":
        """Bind and serve from a daemon thread; returns self."""
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path.split("?", 1)[0]
                if path == "/healthz":
                    results = run_checks(outer.checks)
                    problems = {k: v for k, v in results.items() if v}
                    body = {"status": "unhealthy" if problems else "ok",
                            "checks": {k: v or "ok" for k, v in results.items()}}
                    if problems:
                        body["problems"] = problems
                    self._send(503 if problems else 200, json.dumps(body).encode(), "application/json")
                elif path == "/metrics":
                    payload, ctype = metrics_text()
                    self._send(200, payload, ctype)
                else:
                    self._send(404, b'{"error": "not found; try /healthz or /metrics"}', "application/json")

            def _send(self, status: int, payload: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, fmt: str, *args) -> None:
                log.debug("%s " + fmt, self.address_string(), *args)

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="health-server", daemon=True)
        self._thread.start()
        log.info("health and metrics on http://%s:%d/healthz and /metrics", self.host, self.port)
        return self

    def stop(self) -> None:
        """Stop serving and close the socket. Idempotent."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def serve(settings, checks: dict[str, Check]) -> HealthServer | None:
    """Start a :class:`HealthServer` at ``settings.health`` (None when ``health.port`` is 0, or,
    logged as an error, when the address is taken: the bot runs on without it)."""
    if not settings.health.port:
        return None
    try:
        return HealthServer(settings.health.host, settings.health.port, checks).start()
    except OSError as exc:
        log.error("cannot serve /healthz and /metrics on %s:%s: %s", settings.health.host, settings.health.port, exc.strerror or exc)
        return None
