"""Slack latency: signed slash command → acknowledgement, and → brief posted (not a test).

Runs the Slack adapter in HTTP mode on 127.0.0.1 with the real brief engine, against a local
fake Slack Web API (tests/fakes/slack_api.py), and times, for each request:

- ack:  from sending the signed ``/brief usmx`` request to its HTTP 200 (Slack's 3 s limit);
- post: from sending it to the fake Web API receiving ``chat.postMessage``.

Two cases: an *uncached* article (the engine runs) and a *cached* one (brief from the store's
brief cache). The spaCy model is loaded before timing, as ``briefbot run`` does at start.

Usage: python benchmarks/slack_latency.py [--runs 5] [--article PATH]
(default article: ../shared/corpus/000_1a059207eaaebc80.txt when present, else the bundled sample).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SECRET = "bench-signing-secret"


def signed(body: str) -> dict:
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig, "Content-Type": "application/x-www-form-urlencoded"}


async def main(runs: int, article_path: Path) -> None:
    import httpx

    from bot.adapters.slack.adapter import SlackAdapter
    from bot.core.commands import Dispatcher
    from bot.core.service import BriefService
    from bot.ingest.files import load_article
    from bot.store.articles import add_article
    from bot.store.db import open_store
    from config.settings import SlackSettings, load_settings
    from tests.fakes.slack_api import FakeSlackAPI

    article = load_article(article_path)
    tmp = Path(tempfile.mkdtemp(prefix="briefbot-bench-"))
    async with FakeSlackAPI() as api:
        settings = load_settings(
            data_dir=tmp,
            slack=SlackSettings(mode="http", bot_token="xoxb-bench", signing_secret=SECRET, port=0, api_url=api.api_url),
        )
        store = open_store(f"sqlite:///{tmp / 'bench.sqlite'}")
        service = BriefService(settings, store)
        t0 = time.perf_counter()
        await service.warm_up()
        load_s = time.perf_counter() - t0
        adapter = SlackAdapter(settings, host="127.0.0.1")
        await adapter.start(Dispatcher(service))
        url = f"http://127.0.0.1:{adapter.port}/slack/events"

        def seed(i: int) -> None:
            with store.session() as s:
                add_article(
                    s, topics=["usmx"], canonical_url=f"https://bench.example/{i}", url=f"https://bench.example/{i}",
                    title=article.meta.title or "Benchmark article", text=article.text, source_name="Bench",
                )

        async def one(client: httpx.AsyncClient) -> tuple[float, float]:
            body = urlencode({"team_id": "T1", "channel_id": "CBENCH", "user_id": "U1", "command": "/brief",
                              "text": "usmx", "response_url": api.hook_url("bench"), "trigger_id": "1"})
            before = len(api.posts)
            start = time.perf_counter()
            resp = await client.post(url, content=body, headers=signed(body))
            ack = time.perf_counter() - start
            assert resp.status_code == 200, resp.status_code
            await api.wait_for(lambda: len(api.posts) > before, timeout=120)
            return ack, time.perf_counter() - start

        results: dict[str, list[tuple[float, float]]] = {"uncached": [], "cached": []}
        async with httpx.AsyncClient() as client:
            for i in range(runs):
                seed(i)  # a new newest article: not in the brief cache
                results["uncached"].append(await one(client))
                results["cached"].append(await one(client))  # same article again: from the cache
        await adapter.stop()
        service.close()
        store.engine.dispose()

    print(f"article: {article_path} ({len(article.text)} chars); spaCy model load before timing: {load_s:.2f} s")
    print(f"{'case':10} {'runs':>4} {'ack median':>11} {'ack max':>8} {'post median':>12} {'post max':>9}")
    for case, rows in results.items():
        acks = [a * 1000 for a, _ in rows]
        posts = [p * 1000 for _, p in rows]
        print(f"{case:10} {len(rows):4d} {statistics.median(acks):9.1f}ms {max(acks):6.1f}ms "
              f"{statistics.median(posts):10.1f}ms {max(posts):7.1f}ms")


if __name__ == "__main__":
    default = REPO.parent / "shared" / "corpus" / "000_1a059207eaaebc80.txt"
    if not default.exists():
        default = REPO / "config" / "samples" / "usmx-sample.txt"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--article", type=Path, default=default)
    args = ap.parse_args()
    asyncio.run(main(args.runs, args.article))
