"""/healthz and /metrics over real HTTP, and ``briefbot status``."""

from __future__ import annotations

import httpx
from typer.testing import CliRunner

from bot.obs import metrics
from bot.obs.health import HealthServer, database_check
from bot.store.db import Store, make_engine


def test_healthz_is_200_when_the_database_answers_and_metrics_are_prometheus_text(store):
    metrics.UNITS_QUEUED.labels("brief").inc()
    server = HealthServer("127.0.0.1", 0, {"database": database_check(store)}).start()
    try:
        ok = httpx.get(f"http://127.0.0.1:{server.port}/healthz", timeout=10)
        assert ok.status_code == 200 and ok.json() == {"status": "ok", "checks": {"database": "ok"}}
        m = httpx.get(f"http://127.0.0.1:{server.port}/metrics", timeout=10)
        assert m.status_code == 200 and m.headers["content-type"].startswith("text/plain")
        assert 'briefbot_units_queued_total{kind="brief"}' in m.text and "briefbot_brief_seconds_bucket" in m.text
        assert httpx.get(f"http://127.0.0.1:{server.port}/nope", timeout=10).status_code == 404
    finally:
        server.stop()


def test_healthz_is_503_naming_the_database_when_it_does_not_answer():
    # a PostgreSQL URL where nothing listens: the database is unreachable
    down = Store(make_engine("postgresql+psycopg://briefbot@127.0.0.1:1/none?connect_timeout=2"))
    checks = {"database": database_check(down), "scheduler": lambda: None}
    server = HealthServer("127.0.0.1", 0, checks).start()
    try:
        r = httpx.get(f"http://127.0.0.1:{server.port}/healthz", timeout=20)
        body = r.json()
        assert r.status_code == 503 and body["status"] == "unhealthy"
        assert list(body["problems"]) == ["database"] and body["problems"]["database"].startswith("the database does not answer")
        assert body["checks"]["scheduler"] == "ok"
    finally:
        server.stop()
        down.engine.dispose()


def test_status_prints_failing_sources_and_queue(settings, tmp_path, monkeypatch):
    from datetime import datetime, timezone

    from bot.cli import app
    from bot.store.db import open_store
    from bot.store.models import Source

    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    store = open_store(url)
    with store.session() as s:
        s.add(Source(url="http://example.org/feed.xml", name="Example feed", consecutive_failures=3,
                     last_error="cannot connect", next_poll_at=datetime(2030, 1, 1, tzinfo=timezone.utc)))
    store.engine.dispose()
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", url)
    monkeypatch.setenv("BRIEFBOT_WORKERS", "2")
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "Sources failing (1 of 1)" in result.output and "Example feed" in result.output and "cannot connect" in result.output
    assert "no broker (queue.url unset): units run in a local pool of 2 processes" in result.output


def test_briefbot_run_serves_healthz_and_metrics(tmp_path):
    """A real ``briefbot run`` (console, no polls) answers /healthz with its database, scheduler and adapter."""
    import os
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_")) and k != "DISCORD_TOKEN"}
    env.update(BRIEFBOT_DATA_DIR=str(tmp_path / "data"), BRIEFBOT_HEALTH__PORT=str(port), BRIEFBOT_WORKERS="1")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("briefbot")), "run", "--adapter", "console", "--no-poll"],
                            env=env, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, r = time.monotonic() + 120, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert r is not None, proc.stderr.read().decode() if proc.poll() is not None else "no answer"
        assert r.status_code == 200, r.text
        assert r.json()["checks"] == {"database": "ok", "scheduler": "ok", "adapter:console": "ok"}
        assert "briefbot_digests_total" in httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    finally:
        proc.stdin.close()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
