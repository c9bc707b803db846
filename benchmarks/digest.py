"""Benchmark (not a test): a day with 200 new articles → digest → Slack and Discord messages.

Articles: 200 BBC News articles from ``../shared/eval/bbc/News Articles/`` (politics, then
business, in file order; first line = title), stored in a temporary SQLite store as articles
of the ``world`` topic. When the shared set is absent, 200 articles generated from the test
stories (several outlets per story) are used instead, and the run says so.

Measured: grouping (TF-IDF near-duplicates) + ranking; building the digest with briefs not
yet cached (brief engine on every story lead) and again with the cache warm; the full
exactly-once delivery (claims, post, mark sent) to a recording adapter; rendering for Slack
(Block Kit) and Discord (embeds), with every message checked against the platform limits.
Run: ``python benchmarks/digest.py [--max-stories N]`` (default: settings' 30, and all).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BBC = REPO.parent / "shared" / "eval" / "bbc" / "News Articles"


def load_articles(n: int) -> tuple[list[tuple[str, str, str]], str]:
    """(source, title, text) × n, and where they came from."""
    if BBC.is_dir():
        out = []
        for section in ("politics", "business", "tech"):
            for p in sorted((BBC / section).glob("*.txt")):
                raw = p.read_bytes().decode("utf-8", errors="replace").strip().splitlines()
                title, text = raw[0].strip(), "\n".join(raw[1:]).strip()
                out.append((f"BBC {section}", title, text))
                if len(out) == n:
                    return out, f"shared BBC set ({BBC})"
    from tests.digest_helpers import synthetic_day

    return synthetic_day(n), "generated articles (shared BBC set absent)"


class Recorder:
    name = "bench"

    def __init__(self):
        self.sent = []

    async def start(self, handler):
        pass

    async def stop(self):
        pass

    async def send(self, channel, reply):
        self.sent.append(reply)


def check_limits(digest) -> dict:
    from bot.adapters.discord.render import render_reply as discord_render
    from bot.adapters.slack.render import render_reply as slack_render
    from tests.fakes.limits import check_discord_message, check_slack_message

    t = time.perf_counter()
    slack = slack_render(digest)
    t_slack = time.perf_counter() - t
    t = time.perf_counter()
    discord = discord_render(digest)
    t_discord = time.perf_counter() - t
    slack_problems = [p for m in slack for p in check_slack_message(m.payload())]
    discord_problems = [p for m in discord for p in check_discord_message([e.to_dict() for e in m])]
    return {
        "slack_messages": len(slack),
        "slack_max_blocks": max(len(m.blocks) for m in slack),
        "slack_ms": t_slack * 1000,
        "slack_ok": not slack_problems,
        "discord_messages": len(discord),
        "discord_max_embeds": max(len(m) for m in discord),
        "discord_max_chars": max(sum(len(e) for e in m) for m in discord),
        "discord_ms": t_discord * 1000,
        "discord_ok": not discord_problems,
        "problems": slack_problems + discord_problems,
    }


async def run(max_stories: int | None, articles, settings) -> dict:
    from bot.digest.briefs import StoryBriefer
    from bot.digest.compose import plan_stories
    from bot.digest.deliver import DigestRunner
    from bot.digest.select import pending_articles
    from bot.store.db import open_store
    from bot.store.models import Article, ArticleTopic
    from summarizers.engine import BriefEngine

    tmp = tempfile.mkdtemp(prefix="briefbot-bench-")
    store = open_store(f"sqlite:///{tmp}/bench.sqlite")
    now = datetime.now(timezone.utc)
    with store.session() as s:
        for i, (source, title, text) in enumerate(articles):
            a = Article(canonical_url=f"https://bench.example/{i}", url=f"https://bench.example/{i}", source_name=source,
                        title=title, text=text, published_at=now - timedelta(minutes=i), fetched_at=now)
            s.add(a)
            s.flush()
            s.add(ArticleTopic(article_id=a.id, topic="world", added_at=now))
    cfg = settings.model_copy(update={"digest": settings.digest.model_copy(update={"max_stories": max_stories or 10_000})})
    engine = BriefEngine(settings.spacy_model, settings.summarizer, settings.sentences, settings.max_article_chars)
    rec = Recorder()
    runner = DigestRunner(cfg, store, StoryBriefer(store, lambda: engine), {"bench": rec}, instance_id="bench")

    cands = pending_articles(store, "world", "bench", "C1")
    t = time.perf_counter()
    kept, deferred = plan_stories(cands, cfg.digest.max_stories)
    t_group = time.perf_counter() - t
    engine.brief(*_warm_input())  # load spaCy outside the timings
    t = time.perf_counter()
    cold = await runner.preview("world", "bench", "C1")
    t_cold = time.perf_counter() - t
    t = time.perf_counter()
    await runner.preview("world", "bench", "C1")
    t_warm = time.perf_counter() - t
    t = time.perf_counter()
    result = await runner.deliver("world", "bench", "C1")
    t_deliver = time.perf_counter() - t
    out = {
        "articles": len(cands), "stories": len(kept), "deferred": len(deferred),
        "grouped_articles": sum(len(s.articles) for s in kept if len(s.articles) > 1),
        "group_ms": t_group * 1000, "build_cold_s": t_cold, "build_warm_s": t_warm, "deliver_warm_s": t_deliver,
        "delivered_articles": result.articles,
    }
    out.update(check_limits(cold))
    store.engine.dispose()
    return out


def _warm_input():
    from config.topics import get_topic
    from summarizers.model import ArticleMeta, ArticleText

    return ArticleText(ArticleMeta(title="Warm-up"), "The minister said the plan would go ahead. Officials agreed."), get_topic("world")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--max-stories", type=int, action="append", help="cap(s) to measure (default: 30 and all)")
    args = ap.parse_args()
    from config.settings import load_settings

    settings = load_settings(data_dir=Path(tempfile.mkdtemp(prefix="briefbot-bench-data-")))
    articles, origin = load_articles(args.articles)
    print(f"articles: {len(articles)} from {origin}")
    caps = args.max_stories or [settings.digest.max_stories, None]
    failed = False
    for cap in caps:
        r = asyncio.run(run(cap, articles, settings))
        label = f"max_stories={cap}" if cap else "all stories"
        print(f"\n== {label}")
        print(f"  {r['articles']} articles -> {r['stories']} stories ({r['deferred']} deferred); "
              f"{r['grouped_articles']} articles in multi-outlet stories")
        print(f"  grouping + ranking        {r['group_ms']:8.1f} ms")
        print(f"  build, briefs not cached  {r['build_cold_s']:8.2f} s")
        print(f"  build, briefs cached      {r['build_warm_s']:8.2f} s")
        print(f"  deliver (claim+post+mark) {r['deliver_warm_s']:8.2f} s  ({r['delivered_articles']} articles recorded)")
        print(f"  Slack:   {r['slack_messages']} messages, max {r['slack_max_blocks']} blocks, render {r['slack_ms']:.1f} ms, "
              f"limits {'OK' if r['slack_ok'] else 'EXCEEDED'}")
        print(f"  Discord: {r['discord_messages']} messages, max {r['discord_max_embeds']} embeds / "
              f"{r['discord_max_chars']} chars, render {r['discord_ms']:.1f} ms, limits {'OK' if r['discord_ok'] else 'EXCEEDED'}")
        for p in r["problems"][:10]:
            print("   !", p)
        failed |= bool(r["problems"])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
