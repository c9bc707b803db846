"""``briefbot run`` as a real subprocess, SIGKILLed in the middle of a digest and restarted:
every article reaches each subscribed channel exactly once — with one instance on SQLite, and
with two instances sharing one PostgreSQL database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.store.db import open_store
from bot.store.models import Delivery, Subscription
from bot.subscriptions.manage import subscribe
from bot.subscriptions.schedule import parse_schedule
from tests.digest_helpers import add_stories
from tests.digest_recorder import install_entry_point, read_records

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
BRIEFBOT = Path(sys.executable).with_name("briefbot")
CHANNELS = ("alpha", "beta")


def prepare(url: str) -> list[int]:
    """Articles of six stories and two subscriptions whose 5-minute run fell due a minute ago."""
    store = open_store(url)
    try:
        from bot.store.sources import sync_sources
        from config.topics import load_topics

        with store.session() as s:  # the topics' real feeds are not due today: no network in tests
            for src in sync_sources(s, load_topics()).values():
                src.next_poll_at = datetime.now(timezone.utc) + timedelta(days=1)
        ids = add_stories(store, [0, 1, 2, 3, 4, 5])
        sched, tz = parse_schedule(["every", "5m"], "UTC")
        for ch in CHANNELS:
            view, _ = subscribe(store, "recorder", ch, "usmx", sched, tz, "admin")
            with store.session() as s:
                s.get(Subscription, view.id).created_at = datetime.now(timezone.utc) - timedelta(minutes=6)
        return ids
    finally:
        store.engine.dispose()


class Bot:
    def __init__(self, tmp: Path, url: str, instance: str, records: Path, delay: float, hold: str = ""):
        site = tmp / "site"
        install_entry_point(site)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_", "DISCORD_"))}
        env.update(
            PYTHONPATH=os.pathsep.join([str(site), str(REPO)]),
            BRIEFBOT_DATABASE_URL=url,
            BRIEFBOT_DATA_DIR=str(tmp / "data"),
            BRIEFBOT_INSTANCE_ID=instance,
            BRIEFBOT_RECORDER_FILE=str(records),
            BRIEFBOT_RECORDER_DELAY=str(delay),
            BRIEFBOT_RECORDER_HOLD=hold,
        )
        self.log = open(tmp / f"{instance}-{time.monotonic_ns()}.log", "w+")
        self.proc = subprocess.Popen(
            [str(BRIEFBOT), "run", "--adapter", "recorder"], cwd=tmp, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def terminate(self) -> str:
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=60)
        self.log.seek(0)
        out = self.log.read()
        assert code == 0, out
        return out


def wait_for(cond, timeout=120.0, what="condition", bots=()):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.1)
    logs = "\n".join(b.output() for b in bots)
    raise AssertionError(f"timed out waiting for {what}\n{logs}")


def received(records: Path) -> dict[str, Counter]:
    got = {ch: Counter() for ch in CHANNELS}
    for r in read_records(records):
        got[r["channel"]].update(r["article_ids"])
    return got


def all_received(records: Path, ids: list[int]) -> bool:
    return all(set(c) == set(ids) for c in received(records).values())


def assert_exactly_once(records: Path, ids: list[int]) -> None:
    for ch, counts in received(records).items():
        assert sorted(counts) == sorted(ids), f"{ch} is missing {set(ids) - set(counts)}"
        assert all(n == 1 for n in counts.values()), f"{ch} got duplicates: {[i for i, n in counts.items() if n > 1]}"


def states(url: str) -> dict[str, int]:
    store = open_store(url)
    try:
        with store.session() as s:
            return dict(s.execute(select(Delivery.state, func.count()).group_by(Delivery.state)).all())
    finally:
        store.engine.dispose()


def test_sigkill_during_a_digest_then_restart_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'bot.sqlite'}"
    ids = prepare(url)
    records = tmp_path / "sent.jsonl"
    # alpha's digest is posted and the process dies before recording it; beta's dies in send
    # before the platform got it
    first = Bot(tmp_path, url, "node-a", records, delay=30, hold="beta")
    wait_for(lambda: read_records(records), what="the first digest to be posted", bots=(first,))
    wait_for(lambda: states(url).get("posting", 0) == 2 * len(ids), what="both digests in 'posting'", bots=(first,))
    first.kill()
    assert [r["channel"] for r in read_records(records)] == ["alpha"]

    second = Bot(tmp_path, url, "node-a", records, delay=0)
    wait_for(lambda: all_received(records, ids), what="every article in both channels", bots=(first, second))
    log = second.terminate()
    assert "scheduler running" in log and "scheduler stopped" in log
    assert "poll_jobs=0" not in log
    assert_exactly_once(records, ids)
    assert states(url) == {"sent": len(ids) * len(CHANNELS)}


@pytest.mark.postgres
@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_two_instances_on_postgresql_with_a_sigkill(tmp_path, store_url):
    ids = prepare(store_url)
    records = tmp_path / "sent.jsonl"
    a = Bot(tmp_path, store_url, "node-a", records, delay=30, hold="beta")
    wait_for(lambda: read_records(records), what="node-a's first digest", bots=(a,))
    b = Bot(tmp_path, store_url, "node-b", records, delay=0)
    time.sleep(1.0)
    a.kill()
    a2 = Bot(tmp_path, store_url, "node-a", records, delay=0)
    wait_for(lambda: all_received(records, ids), what="every article in both channels", bots=(a, b, a2))
    for bot in (a2, b):
        assert "scheduler running" in bot.terminate()
    assert_exactly_once(records, ids)
    assert states(store_url) == {"sent": len(ids) * len(CHANNELS)}
