"""Benchmark (not a test): the same work with 1 and 2 workers, side by side in one run.

    python benchmarks/scale.py brief  [--articles 100]          # briefbot brief world --article ×N   (~1 min idle)
    python benchmarks/scale.py poll   [--feeds 200 --entries 20] # first poll of local feeds          (~3 min idle)
    python benchmarks/scale.py broker [--articles 1000] --broker redis://127.0.0.1:6379/0 --db postgresql+psycopg://...
                                                                  #                                    (~4 min idle)

``brief`` runs the real ``briefbot brief world`` command on BBC politics articles from
``../shared/eval/bbc`` (skipped when absent) with ``BRIEFBOT_WORKERS`` 1 and 2. ``poll`` polls a
local HTTP server's feeds (as benchmarks/poll.py; the server runs in its own process) into a
fresh SQLite store with a :class:`bot.work.backend.Work` of 1 and 2 workers. ``broker`` stores N
articles, queues their brief units and times 1 and 2 ``briefbot worker`` processes (one worker
process each) until every article has its brief.

Each run prints its wall time and the load average, and the CPU seconds of every process
involved (sampled from /proc by :mod:`benchmarks.proctree`): the main process, the forkserver
that warms the engine once (``template``), each worker, their total, and peak RSS/PSS of a
worker process (PSS splits the pages workers share copy-on-write). On a shared machine the wall
times are noisy; the CPU figures are not, and give the expected wall time on an idle 2-core
machine (``idle estimate``): for ``brief``, main + template + the busiest worker (the serial
chain; an upper bound, main's reading overlaps the warm-up); for ``poll`` and ``broker``, where
the main process works alongside the workers, the larger of the busiest process and total / 2.
"""

from __future__ import annotations

import argparse
import asyncio
import os
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

from benchmarks.proctree import TreeSampler, load, summary  # noqa: E402

CORES = 2


def report(label: str, wall: float, load_before: str, procs: dict, model: str) -> float:
    """Print one run's figures; returns its idle estimate (seconds)."""
    s = summary(procs)
    busiest = max((p.cpu for p in procs.values()), default=0.0)
    if model == "chain":
        estimate = s["main"] + s["forkserver"] + (s["workers"][0] if s["workers"] else 0.0)
    else:
        estimate = max(busiest, s["total"] / CORES)
    workers = ", ".join(f"{c:.1f}" for c in s["workers"]) or "-"
    print(f"{label}: wall {wall:.1f} s (load average {load_before} -> {load()}); CPU s: main {s['main']:.1f}, "
          f"template {s['forkserver']:.1f}, workers [{workers}], total {s['total']:.1f}; idle estimate {estimate:.1f} s; "
          f"peak per worker process RSS {s['rss_mb']:.0f} MB, PSS {s['pss_mb']:.0f} MB", flush=True)
    return estimate


def verdict(walls: dict, estimates: dict) -> None:
    print(f"speed-up with 2 workers: wall {walls[1] / walls[2]:.2f}x, from CPU time (idle estimate) "
          f"{estimates[1] / estimates[2]:.2f}x; target 1.6x", flush=True)


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update(BRIEFBOT_DATA_DIR=tempfile.mkdtemp(prefix="briefbot-bench-"), **extra)
    return env


def bench_brief(args) -> None:
    folder = SHARED / "eval" / "bbc" / "News Articles" / "politics"
    if not folder.is_dir():
        raise SystemExit(f"skipped: {folder} is not there")
    files = sorted(folder.glob("*.txt"))[: args.articles]
    cmd = [str(BRIEFBOT), "brief", "world", "--format", "json"] + [a for f in files for a in ("--article", str(f))]
    walls, estimates = {}, {}
    for workers in (1, 2):
        before = load()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=_env(BRIEFBOT_WORKERS=str(workers)), stdout=subprocess.DEVNULL)
        sampler = TreeSampler(proc.pid).start()
        if proc.wait() != 0:
            raise SystemExit(f"briefbot brief exited with {proc.returncode}")
        walls[workers] = time.perf_counter() - start
        estimates[workers] = report(f"brief world, {len(files)} BBC politics articles, workers={workers}",
                                    walls[workers], before, sampler.stop(), "chain")
    verdict(walls, estimates)


def _serve(conn, feeds: int, entries: int) -> None:
    """In its own process: serve the benchmark feeds until told to stop (their URLs go back on ``conn``)."""
    from benchmarks.poll import build
    from tests.httpserver import LocalServer

    server = LocalServer().start()
    conn.send(build(server, feeds, entries))
    conn.recv()
    server.stop()


def bench_poll(args) -> None:
    import multiprocessing

    from bot.ingest.poll import poll
    from bot.store.db import open_store
    from bot.work.backend import Work
    from config.settings import load_settings
    from config.topics import FeedSpec, KeywordFilter, Topic

    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe()
    server = ctx.Process(target=_serve, args=(there, args.feeds, args.entries), daemon=True)
    server.start()
    urls = here.recv()
    try:
        # a topic without a topic file: brief units find nothing to brief, so this times fetching,
        # extraction and storing (extraction in the pool with 2 workers, in a thread with 1)
        topics = {"bench": Topic(name="bench", title="Bench", feeds=[FeedSpec(url=u) for u in urls], filter=KeywordFilter())}
        walls, estimates = {}, {}
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

            before = load()
            sampler = TreeSampler(os.getpid(), exclude={server.pid}).start()
            start = time.perf_counter()
            result = asyncio.run(go())
            walls[workers] = time.perf_counter() - start
            procs = sampler.stop()
            work.close()
            store.engine.dispose()
            estimates[workers] = report(
                f"first poll, {args.feeds} feeds x {args.entries} entries, workers={workers} "
                f"({result.new} new articles, {result.errors} source errors)", walls[workers], before, procs, "max")
        verdict(walls, estimates)
    finally:
        here.send("stop")
        server.join(10)


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
    walls, estimates = {}, {}
    for workers in (1, 2):
        with store.session() as s:
            s.execute(delete(BriefCache).where(BriefCache.article_id.in_(ids)))
        queue = f"bench-{uuid.uuid4().hex[:8]}"
        settings = load_settings(database_url=args.db, queue={"url": args.broker, "name": queue})
        env = _env(BRIEFBOT_DATABASE_URL=args.db, BRIEFBOT_QUEUE__URL=args.broker, BRIEFBOT_QUEUE__NAME=queue,
                   BRIEFBOT_HEALTH__PORT="0")
        procs = [subprocess.Popen([str(BRIEFBOT), "worker", "-n", "1"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for _ in range(workers)]
        time.sleep(20)  # workers connect and load the engine (before forking their worker process)
        broker = Broker(settings)
        before = load()
        samplers = [TreeSampler(p.pid).start() for p in procs]
        start = time.perf_counter()
        for article_id in ids:
            broker.send_brief(article_id)
        while True:
            with store.session() as s:
                done = s.scalar(select(func.count(func.distinct(BriefCache.article_id))).where(BriefCache.article_id.in_(ids)))
            if done == len(ids):
                break
            time.sleep(0.5)
        walls[workers] = time.perf_counter() - start
        sampled = {pid: proc for sampler in samplers for pid, proc in sampler.stop().items()}
        broker.close()
        for p in procs:
            p.terminate()
            p.wait(60)
        estimates[workers] = report(f"broker, {len(ids)} stored articles, {workers} briefbot worker(s) (main = Celery's "
                                    "consumer process)", walls[workers], before, sampled, "max")
    verdict(walls, estimates)
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
    began = time.perf_counter()
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
    print(f"benchmark ran {time.perf_counter() - began:.0f} s in all")


if __name__ == "__main__":
    main()
