"""Kill test (not in the suite: minutes long): SIGKILL ``briefbot run`` at random points while it
posts multi-part digests to a fake Slack Web API that also answers ambiguously, then count what
each channel got.

Setup: a store with two Slack channels subscribed to ``usmx`` ("every 5m", due at start), a
local fake Slack API (``tests/fakes/slack_api.py``, in this process) that stores one post in
``--fault-every`` and then answers HTTP 500 or drops the connection, and stores and answers each
post after ``--post-delay`` seconds. Each cycle adds ``--stories`` new stories (two outlets
each), makes the scheduled runs due again and starts ``briefbot run --adapter slack`` (HTTP
mode); once the k-th post of the cycle arrived (k random in 1..``--posts-per-cycle``) it waits a
random time (up to ``--window`` seconds) and SIGKILLs the process. A kill counts as a
*kill point during a digest* when it left unsent claims behind, and as *between parts* when one
digest had some parts recorded as sent and others not. Scenarios: one instance on SQLite, and
two instances on one PostgreSQL database (both started each cycle, both killed at random times,
the take-over age cut to 6 s so they recover each other's claims).

Finally the instances run to the end and are stopped with SIGTERM; the script then reads the
fake's posts: for each channel, every article must appear exactly once under "Sources:"
(0 duplicates, 0 gaps), every delivery row must be ``sent``, no digest message number may be
used twice, and no log may hold a traceback.

Run from a checkout: ``python benchmarks/kill_digests.py [--kills 20] [--postgres URL]``
(``--postgres auto`` tries the local test database; ``--postgres none`` skips that scenario).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select, text, update  # noqa: E402

from bot.store.db import open_store  # noqa: E402
from bot.store.models import Article, Delivery, Subscription  # noqa: E402

BRIEFBOT = Path(sys.executable).with_name("briefbot")
CHANNELS = ("C1", "C2")
UTC = timezone.utc


def prepare(url: str) -> None:
    from bot.store.sources import sync_sources
    from bot.subscriptions.manage import subscribe
    from bot.subscriptions.schedule import parse_schedule
    from config.topics import load_topics

    store = open_store(url)
    try:
        with store.session() as s:  # no feed is due: the outside network is not needed
            for src in sync_sources(s, load_topics()).values():
                src.next_poll_at = datetime.now(UTC) + timedelta(days=30)
        sched, tz = parse_schedule(["every", "5m"], "UTC")
        for ch in CHANNELS:
            subscribe(store, "slack", ch, "usmx", sched, tz, "admin")
    finally:
        store.engine.dispose()


def new_cycle(url: str, cycle: int, stories: int) -> None:
    """Add this cycle's stories and make every subscription's run due at the next start."""
    from tests.digest_helpers import add_article, distinct_stories

    store = open_store(url)
    try:
        for source, title, body in distinct_stories(stories, seed=1000 + cycle):
            add_article(store, title, body, source)
        with store.session() as s:
            s.execute(update(Subscription).values(last_run_at=None, created_at=datetime.now(UTC) - timedelta(minutes=6)))
    finally:
        store.engine.dispose()


def open_claims(url: str) -> tuple[int, int]:
    """(unsent delivery rows, digests with some rows sent and some not)."""
    store = open_store(url)
    try:
        with store.session() as s:
            open_rows = s.scalar(select(func.count()).select_from(Delivery).where(Delivery.state != "sent"))
            mixed = s.execute(text(
                "SELECT count(*) FROM (SELECT digest_id FROM deliveries GROUP BY digest_id "
                "HAVING sum(CASE WHEN state = 'sent' THEN 1 ELSE 0 END) > 0 "
                "AND sum(CASE WHEN state <> 'sent' THEN 1 ELSE 0 END) > 0) AS m"
            )).scalar()
        return open_rows or 0, mixed or 0
    finally:
        store.engine.dispose()


def finished(url: str) -> bool:
    store = open_store(url)
    try:
        with store.session() as s:
            n = s.scalar(select(func.count()).select_from(Article))
            sent = s.scalar(select(func.count()).select_from(Delivery).where(Delivery.state == "sent"))
        return sent == n * len(CHANNELS)
    finally:
        store.engine.dispose()


class Bot:
    def __init__(self, workdir: Path, url: str, api_url: str, instance: str, lease_minutes: float):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_", "DISCORD_"))}
        env.update(
            PYTHONPATH=str(REPO), BRIEFBOT_DATABASE_URL=url, BRIEFBOT_DATA_DIR=str(workdir / "data"),
            BRIEFBOT_INSTANCE_ID=instance, SLACK_BOT_TOKEN="xoxb-kill-test", SLACK_SIGNING_SECRET="s3cret",
            BRIEFBOT_SLACK__MODE="http", BRIEFBOT_SLACK__PORT="0", BRIEFBOT_SLACK__API_URL=api_url,
            BRIEFBOT_DIGEST__MAX_STORIES="60", BRIEFBOT_DIGEST__CLAIM_LEASE_MINUTES=str(lease_minutes),
        )
        self.log_path = workdir / f"{instance}-{time.monotonic_ns()}.log"
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([str(BRIEFBOT), "run", "--adapter", "slack", "--no-poll"], cwd=workdir, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self.log.close()

    def terminate(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(90)
        self.log.close()
        return code


def wait(cond, timeout: float, what: str, fatal: bool = True) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    if fatal:
        raise SystemExit(f"timed out waiting for {what}")


def scenario(name: str, url: str, instances: list[str], args, rng: random.Random) -> dict:
    from tests.fakes.slack_api import ThreadedFakeSlack

    lease = 0.1 if len(instances) > 1 else 10.0
    out = {"scenario": name, "kills": 0, "during_digest": 0, "between_parts": 0, "cycles": 0, "ambiguous": 0}
    with tempfile.TemporaryDirectory(prefix="briefbot-kill-") as tmp, ThreadedFakeSlack() as api:
        workdir = Path(tmp)
        faults = Counter()

        def fault(body):
            if rng.random() < 1 / args.fault_every:
                kind = rng.choice(["500-after-store", "drop-after-store"])
                faults[kind] += 1
                return (kind,)
            return None

        api.fault, api.post_delay = fault, args.post_delay
        prepare(url)
        logs: list[Path] = []
        cycle = 0
        while out["during_digest"] < args.kills and cycle < args.kills * 4:
            cycle += 1
            new_cycle(url, cycle, args.stories)
            before = len(api.calls)
            bots = [Bot(workdir, url, api.api_url, i, lease) for i in instances]
            logs += [b.log_path for b in bots]
            rng.shuffle(bots)
            for b in bots:
                # the k-th chat.postMessage of this cycle has arrived (posts take post_delay to be
                # stored and answered), then a random moment: before, while or after Slack stores it
                k = rng.randint(1, args.posts_per_cycle)
                wait(lambda: sum(c["kind"] == "chat.postMessage" for c in api.calls[before:]) >= k, 120,
                     f"post {k} of cycle {cycle}", fatal=False)
                time.sleep(rng.uniform(0, args.window))
                b.kill()
                out["kills"] += 1
            open_rows, mixed = open_claims(url)
            out["during_digest"] += open_rows > 0
            out["between_parts"] += mixed > 0
            print(f"{name}: cycle {cycle}: killed {len(bots)}; open rows {open_rows}, digests cut between parts {mixed}",
                  flush=True)
        out["cycles"] = cycle
        bots = [Bot(workdir, url, api.api_url, i, lease) for i in instances]
        logs += [b.log_path for b in bots]
        wait(lambda: finished(url), 600, "every article in both channels")
        time.sleep(1.0)
        codes = [b.terminate() for b in bots]
        out["ambiguous"] = sum(faults.values())
        out["exit_codes"] = codes
        out.update(check(url, api, logs))
    return out


def check(url: str, api, logs: list[Path]) -> dict:
    store = open_store(url)
    try:
        with store.session() as s:
            by_url = dict(s.execute(select(Article.url, Article.id)).all())
            states = dict(s.execute(select(Delivery.state, func.count()).group_by(Delivery.state)).all())
    finally:
        store.engine.dispose()
    result = {"states": states}
    for ch in CHANNELS:
        got = Counter(by_url.get(u) for u in api.source_urls(ch))
        result[f"{ch}_duplicates"] = sum(n - 1 for n in got.values() if n > 1)
        result[f"{ch}_gaps"] = len(set(by_url.values()) - set(got))
        numbers = Counter(
            (p["metadata"]["event_payload"]["digest_id"], p["metadata"]["event_payload"]["part"])
            for p in api.posts if p.get("channel") == ch and (p.get("metadata") or {}).get("event_type") == "briefbot_digest"
        )
        result[f"{ch}_reused_numbers"] = sum(1 for n in numbers.values() if n > 1)
        result[f"{ch}_messages"] = sum(numbers.values())
    result["articles"] = len(by_url)
    result["tracebacks"] = sum(p.read_text(errors="replace").count("Traceback") for p in logs if p.exists())
    return result


def postgres_url(arg: str) -> str | None:
    if arg == "none":
        return None
    base = arg if arg != "auto" else os.environ.get("BRIEFBOT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    import sqlalchemy as sa

    engine = sa.create_engine(base, connect_args={"connect_timeout": 3})
    schema = f"kill_{os.getpid()}"
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        print(f"PostgreSQL scenario skipped: {str(exc).splitlines()[0]}")
        return None
    finally:
        engine.dispose()
    return f"{base}?options=-csearch_path%3D{schema}"


def drop_schema(url: str) -> None:
    import sqlalchemy as sa

    base, _, opts = url.partition("?")
    schema = opts.rsplit("%3D", 1)[-1]
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kills", type=int, default=20, help="kill points during digests per scenario (default 20)")
    p.add_argument("--stories", type=int, default=25, help="new stories per cycle (default 25: 2 Slack messages a digest)")
    p.add_argument("--fault-every", type=float, default=5, help="one post in N is stored, then answered ambiguously")
    p.add_argument("--post-delay", type=float, default=0.4, help="seconds before the fake stores and answers a post")
    p.add_argument("--window", type=float, default=0.8, help="a kill falls up to this many seconds after its post arrived")
    p.add_argument("--posts-per-cycle", type=int, default=4, help="a kill waits for the k-th post of its cycle, k in 1..N")
    p.add_argument("--postgres", default="auto", help="PostgreSQL URL, 'auto' (local test database) or 'none'")
    p.add_argument("--sqlite", default="yes", choices=["yes", "no"])
    p.add_argument("--seed", type=int, default=11)
    args = p.parse_args()
    rng = random.Random(args.seed)
    results = []
    if args.sqlite == "yes":
        with tempfile.TemporaryDirectory() as tmp:
            results.append(scenario("sqlite, 1 instance", f"sqlite:///{Path(tmp) / 'kill.sqlite'}", ["node-a"], args, rng))
    pg = postgres_url(args.postgres)
    if pg is not None:
        try:
            results.append(scenario("postgresql, 2 instances", pg, ["node-a", "node-b"], args, rng))
        finally:
            drop_schema(pg)
    bad = False
    for r in results:
        print(r)
        bad |= any(r[f"{c}_duplicates"] or r[f"{c}_gaps"] or r[f"{c}_reused_numbers"] for c in CHANNELS)
        bad |= r["tracebacks"] > 0 or set(r["states"]) != {"sent"} or r["during_digest"] < args.kills
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
