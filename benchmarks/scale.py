"""Benchmark (not a test): the same work with 1 and 2 workers, side by side in one run.

    python benchmarks/scale.py brief  [--articles 100]          # briefbot brief world --article ×N
    python benchmarks/scale.py poll   [--feeds 200 --entries 20] # first poll of local feeds
    python benchmarks/scale.py broker [--articles 1000] --broker redis://127.0.0.1:6379/0 --db postgresql+psycopg://...

``brief`` runs the real ``briefbot brief world`` command on BBC politics articles from
``../shared/eval/bbc`` (skipped when absent) with ``BRIEFBOT_WORKERS`` 1 and 2. ``poll`` polls a
local HTTP server's feeds (as benchmarks/poll.py) into a fresh SQLite store with a
:class:`bot.work.backend.Work` of 1 and 2 workers. ``broker`` stores N articles, queues their
brief units and times 1 and 2 ``briefbot worker`` processes (one worker process each) until
every article has its brief. Each prints wall times, the speed-up, and the peak resident
memory of the worker processes (``ru_maxrss`` of children).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
BRIEFBOT = Path(sys.executable).with_name("briefbot")


def _children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bench_brief(args) -> None:
    folder = SHARED / "eval" / "bbc" / "News Articles" / "politics"
    if not folder.is_dir():
        raise SystemExit(f"skipped: {folder} is not there")
    files = sorted(folder.glob("*.txt"))[: args.articles]
    cmd = [str(BRIEFBOT), "brief", "world", "--format", "json"] + [a for f in files for a in ("--article", str(f))]
    times = {}
    for workers in (1, 2):
        env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
        env.update(BRIEFBOT_WORKERS=str(workers), BRIEFBOT_DATA_DIR=tempfile.mkdtemp(prefix="briefbot-bench-"))
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        times[workers] = time.perf_counter() - start
        print(f"brief world, {len(files)} BBC politics articles, workers={workers}: {times[workers]:.1f} s "
              f"(peak RSS of one process so far: {_children_peak_mb():.0f} MB)")
    print(f"speed-up with 2 workers: {times[1] / times[2]:.2f}x")


def bench_poll(args) -> None:
    from benchmarks.poll import build
    from bot.ingest.poll import poll
    from bot.store.db import open_store
    from bot.work.backend import Work
    from config.settings import load_settings
    from config.topics import FeedSpec, KeywordFilter, Topic
    from tests.httpserver import LocalServer

    server = LocalServer().start()
    try:
        urls = build(server, args.feeds, args.entries)
        # a topic without a topic file: brief units find nothing to brief, so this times extraction
        topics = {"bench": Topic(name="bench", title="Bench", feeds=[FeedSpec(url=u) for u in urls], filter=KeywordFilter())}
        times = {}
        for workers in (1, 2):
            tmp = tempfile.mkdtemp(prefix="briefbot-bench-")
            settings = load_settings(data_dir=Path(tmp), workers=workers, database_url=f"sqlite:///{tmp}/bench.sqlite")
            settings.http.allow_private = ["127.0.0.1"]
            store = open_store(settings.resolved_database_url)
            work = Work(settings)

            async def go():
                report = await poll(store, settings, topics, work=work)
                await work.drain()
                return report

            start = time.perf_counter()
            report = asyncio.run(go())
            times[workers] = time.perf_counter() - start
            work.close()
            store.engine.dispose()
            print(f"first poll, {args.feeds} feeds x {args.entries} entries, workers={workers}: {times[workers]:.1f} s, "
                  f"{report.new} new articles, {report.errors} source errors")
        print(f"speed-up with 2 workers: {times[1] / times[2]:.2f}x; peak RSS of a pool worker: {_children_peak_mb():.0f} MB")
    finally:
        server.stop()


def bench_broker(args) -> None:
    from sqlalchemy import delete, func, select

    from bot.ingest.entries import NewArticle, store_article
    from bot.store.db import open_store
    from bot.store.models import BriefCache
    from bot.work.broker import Broker
    from config.settings import load_settings
    from tests.feedfactory import article_body

    store = open_store(args.db)
    ids = []
    for i in range(args.articles):
        text = "\n\n".join(article_body(f"the budget negotiations, item {i}", 5))
        item = NewArticle(canonical_url=f"https://bench.example/{uuid.uuid4().hex}", url=None, text=text, title=f"Budget item {i}")
        ids.append(store_article(store, item, ["world"]).article_id)
    times = {}
    for workers in (1, 2):
        with store.session() as s:
            s.execute(delete(BriefCache).where(BriefCache.article_id.in_(ids)))
        queue = f"bench-{uuid.uuid4().hex[:8]}"
        settings = load_settings(database_url=args.db, queue={"url": args.broker, "name": queue})
        env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
        env.update(BRIEFBOT_DATABASE_URL=args.db, BRIEFBOT_QUEUE__URL=args.broker, BRIEFBOT_QUEUE__NAME=queue,
                   BRIEFBOT_HEALTH__PORT="0", BRIEFBOT_DATA_DIR=tempfile.mkdtemp(prefix="briefbot-bench-"))
        procs = [subprocess.Popen([str(BRIEFBOT), "worker", "-n", "1"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for _ in range(workers)]
        time.sleep(20)  # workers connect and load
        broker = Broker(settings)
        start = time.perf_counter()
        for article_id in ids:
            broker.send_brief(article_id)
        while True:
            with store.session() as s:
                done = s.scalar(select(func.count(func.distinct(BriefCache.article_id))).where(BriefCache.article_id.in_(ids)))
            if done == len(ids):
                break
            time.sleep(0.5)
        times[workers] = time.perf_counter() - start
        broker.close()
        for p in procs:
            p.terminate()
            p.wait(60)
        print(f"broker, {len(ids)} stored articles, {workers} briefbot worker(s): {times[workers]:.1f} s")
    print(f"speed-up with 2 workers: {times[1] / times[2]:.2f}x; peak RSS of a worker process: {_children_peak_mb():.0f} MB")
    store.engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("brief", "poll", "broker"))
    ap.add_argument("--articles", type=int, default=None)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--entries", type=int, default=20)
    ap.add_argument("--broker", default="redis://127.0.0.1:6379/0")
    ap.add_argument("--db", default=None, help="SQLAlchemy URL (broker: a database every worker reaches)")
    args = ap.parse_args()
    if args.what == "brief":
        args.articles = args.articles or 100
        bench_brief(args)
    elif args.what == "poll":
        bench_poll(args)
    else:
        args.articles = args.articles or 1000
        if not args.db:
            raise SystemExit("broker: give --db (e.g. a PostgreSQL URL)")
        bench_broker(args)


if __name__ == "__main__":
    main()
