"""Reading while another process writes (SQLite): health checks, status, cached-brief reads and
the schema check at every command's start never wait for a writer's lock, and a check that
hangs does not hold the health answer past its timeout (found by a break-it round)."""

from __future__ import annotations

import sqlite3
import threading
import time

import httpx
import pytest
from sqlalchemy import func, select

from bot.obs.health import HealthServer, database_check, run_checks
from bot.store.db import open_store


@pytest.fixture
def locked_store(tmp_path):
    """(store, release): a SQLite store whose write lock another connection holds until ``release()``."""
    path = tmp_path / "busy.sqlite"
    store = open_store(f"sqlite:///{path}")
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO sources (url, name, kind, last_new_articles, consecutive_failures, created_at) "
                   "VALUES ('https://feed.example/a', 'a', 'feed', 0, 0, '2026-12-03 00:00:00')")
    released = []

    def release():
        if not released:
            writer.execute("COMMIT")
            writer.close()
            released.append(True)

    yield store, release
    release()
    store.engine.dispose()


def test_healthz_answers_at_once_while_another_process_writes(locked_store):
    store, _ = locked_store
    server = HealthServer("127.0.0.1", 0, {"database": database_check(store)}).start()
    try:
        t0 = time.monotonic()
        r = httpx.get(f"http://127.0.0.1:{server.port}/healthz", timeout=30)
        assert r.status_code == 200, r.text
        assert time.monotonic() - t0 < 3
    finally:
        server.stop()


def test_a_read_session_sees_the_last_commit_while_a_writer_holds_the_lock(locked_store):
    from bot.store.models import Source

    store, release = locked_store
    t0 = time.monotonic()
    with store.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Source)) == 0  # the writer has not committed
    assert time.monotonic() - t0 < 3
    release()
    with store.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Source)) == 1


def test_opening_an_up_to_date_store_does_not_wait_for_a_writer(locked_store, tmp_path):
    store, _ = locked_store
    t0 = time.monotonic()
    again = open_store(str(store.engine.url))
    assert time.monotonic() - t0 < 3
    again.engine.dispose()


def test_a_stuck_check_does_not_hold_the_answer_past_the_timeout():
    gate = threading.Event()
    t0 = time.monotonic()
    out = run_checks({"stuck": lambda: gate.wait(20) and None, "fine": lambda: None}, timeout=0.5)
    elapsed = time.monotonic() - t0
    gate.set()
    assert out == {"stuck": "no answer within 0.5 s", "fine": None}
    assert elapsed < 3
