"""Brief units through a real broker (Redis, RabbitMQ) to real ``briefbot worker`` subprocesses.

Needs Redis on 127.0.0.1:6379 and RabbitMQ on 127.0.0.1:5672 (guest/guest) and the local
PostgreSQL; each test skips saying which one does not answer.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.ingest.entries import NewArticle, store_article
from bot.store.db import open_store
from bot.store.models import BriefCache
from tests.conftest import fresh_schema_url
from tests.feedfactory import article_body

pytestmark = pytest.mark.slow

BROKERS = {
    "redis": ("redis://127.0.0.1:6379/0", 6379),
    "rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", 5672),
}
BRIEFBOT = Path(sys.executable).with_name("briefbot")


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


@pytest.fixture(params=list(BROKERS))
def broker_url(request):
    url, port = BROKERS[request.param]
    if not _answers(port):
        pytest.skip(f"{request.param} does not answer on 127.0.0.1:{port}")
    return url


@pytest.fixture
def pg_url():
    yield from fresh_schema_url()


def _env(tmp_path, db_url: str, broker: str, queue: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "PROMETHEUS_"))}
    env.update({
        "BRIEFBOT_DATA_DIR": str(tmp_path / "data"), "BRIEFBOT_DATABASE_URL": db_url, "BRIEFBOT_QUEUE__URL": broker,
        "BRIEFBOT_QUEUE__NAME": queue, "BRIEFBOT_QUEUE__VISIBILITY_TIMEOUT": "10", "BRIEFBOT_HEALTH__PORT": "0",
        "BRIEFBOT_WORKERS": "1",
    })
    return env


def _worker(tmp_path, env: dict, name: str) -> tuple[subprocess.Popen, Path]:
    log = tmp_path / f"{name}.log"
    proc = subprocess.Popen(
        [str(BRIEFBOT), "worker", "--concurrency", "1"], env=env, cwd=tmp_path, stdout=log.open("wb"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )
    return proc, log


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def test_a_worker_killed_mid_unit_has_its_unit_done_by_another(tmp_path, broker_url, pg_url):
    from config.settings import load_settings
    from bot.work.broker import Broker

    store = open_store(pg_url)
    ids = []
    for i in range(6):
        text = "\n\n".join(article_body(f"the trade talks in round {i}", 4))
        item = NewArticle(canonical_url=f"https://example.org/a{i}", url=f"https://example.org/a{i}", text=text,
                          title=f"Trade talks, round {i}")
        ids.append(store_article(store, item, ["world"]).article_id)
    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = _env(tmp_path, pg_url, broker_url, queue)
    first, first_log = _worker(tmp_path, env, "first")
    second = None
    try:
        _wait_for(lambda: b"ready" in first_log.read_bytes() or first.poll() is not None, 120, "the first worker")
        assert first.poll() is None, first_log.read_text()
        settings = load_settings(database_url=pg_url, queue={"url": broker_url, "name": queue}, data_dir=tmp_path / "data")
        broker = Broker(settings)
        for article_id in ids:
            broker.send_brief(article_id)
        # the first unit loads the spaCy model: a kill as soon as it is received lands mid-unit
        _wait_for(lambda: b"received" in first_log.read_bytes(), 60, "the first worker to take a unit")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        second, second_log = _worker(tmp_path, env, "second")

        def briefed() -> int:
            with store.session() as s:
                return s.scalar(select(func.count(func.distinct(BriefCache.article_id))))

        _wait_for(lambda: briefed() == len(ids), 240, "every article to be briefed by the second worker")
        with store.session() as s:
            rows = s.execute(select(BriefCache.article_id, func.count()).group_by(BriefCache.article_id)).all()
        assert sorted(a for a, _ in rows) == sorted(ids) and all(n == 1 for _, n in rows)
        assert b"succeeded" in second_log.read_bytes() and b"succeeded" not in first_log.read_bytes()
        broker.close()
    finally:
        _stop(first)
        if second is not None:
            _stop(second)
        store.engine.dispose()
