"""Benchmark (not a test): ``/brief quotes``, ``/brief who`` and ``/brief trends`` on a quote bank of
10,000 articles, on SQLite and PostgreSQL.

The store: ``--articles`` (10,000) articles made from real BBC News texts (``../shared/eval/bbc``)
under varied dates (uniform over the last 365 days, seeded) and five outlets (``BBC <category>``),
all in the ``world`` topic. Briefing 10,000 articles with the engine would take over an hour on
this machine, so only ``--briefed`` (150) texts, spread over the five categories, are briefed for
real (cached in ``benchmarks/.cache/``); each stored article is one of those texts under its own
URL and date, and its brief is that text's real brief, recorded in the bank with the same code
the bot uses (:func:`bot.quotebank.record.record_brief`: speaker matching, quote sentences, the
FTS5 / tsvector index). Each speaker thus recurs about 67 times over the year.

Timed: the command through the bot core (:class:`~bot.core.commands.Dispatcher`, as a chat
adapter calls it: catch-up check, queries, reply building; trends includes drawing the PNG),
``--repeat`` times after one warm-up each (the cold first trends, which imports matplotlib, is
reported apart). The planner statistics are refreshed after the bulk load (``ANALYZE``; a
long-lived PostgreSQL store gets them from autovacuum). Run: ``python benchmarks/quotebank.py [--db sqlite|postgresql|both]``; exits 0
saying so when the BBC set is absent; PostgreSQL is skipped when 127.0.0.1:5432 does not answer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BBC = REPO.parent / "shared" / "eval" / "bbc" / "News Articles"
CACHE = REPO / "benchmarks" / ".cache"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
PG_URL = "postgresql+psycopg://root@127.0.0.1:5432/test"


def bbc_texts(count: int) -> list[tuple[str, str, str]]:
    """(category, title, text) × ``count``, spread evenly over the five categories."""
    out = []
    per = max(1, count // len(CATEGORIES))
    for cat in CATEGORIES:
        files = sorted((BBC / cat).glob("*.txt"))
        step = max(1, len(files) // per)
        for f in files[::step][:per]:
            lines = f.read_bytes().decode("utf-8", errors="replace").strip().split("\n")
            out.append((cat, lines[0].strip(), "\n".join(lines[1:]).strip()))
    return out


def real_briefs(texts, topic) -> list[dict]:
    """The engine's brief (as a dict) of each text; cached on disk by count."""
    from summarizers.engine import ENGINE_VERSION, BriefEngine
    from summarizers.errors import BriefError
    from summarizers.model import ArticleMeta, ArticleText

    path = CACHE / f"quotebank-briefs-{len(texts)}-v{ENGINE_VERSION}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    engine = BriefEngine()
    out, start = [], time.perf_counter()
    for cat, title, text in texts:
        try:
            out.append(engine.brief(ArticleText(ArticleMeta(title=title), text), topic).to_dict())
        except BriefError:
            out.append(None)
    print(f"briefed {len(texts)} BBC texts in {time.perf_counter() - start:.0f} s (cached in {path.relative_to(REPO)})")
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out), encoding="utf-8")
    return out


def build(store, texts, briefs, n: int, now: datetime) -> float:
    """Store ``n`` articles and record their briefs; returns seconds taken."""
    from bot.quotebank.record import record_brief
    from bot.quotebank.speakers import SpeakerResolver
    from bot.store.models import Article, ArticleTopic
    from summarizers.model import Brief

    rng = random.Random(10)
    pairs = [(t, b) for t, b in zip(texts, briefs) if b is not None]
    start = time.perf_counter()
    for chunk in range(0, n, 250):
        with store.session() as s:
            rows = []
            for i in range(chunk, min(n, chunk + 250)):
                (cat, title, text), _ = pairs[i % len(pairs)]
                published = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
                a = Article(canonical_url=f"https://bbc.example/{cat}/{i}", url=f"https://bbc.example/{cat}/{i}",
                            source_name=f"BBC {cat}", title=title, text=text, published_at=published, language="en")
                a.topics.append(ArticleTopic(topic="world"))
                rows.append((a, pairs[i % len(pairs)][1]))
            s.add_all([a for a, _ in rows])
            s.flush()
            resolver = SpeakerResolver(s)  # one per transaction, as a bulk load would
            for a, b in rows:
                record_brief(s, a.id, "world", "bench", Brief.from_dict(b), resolver)
    return time.perf_counter() - start


class _NoEngine:
    settings_key = "bench"

    def brief(self, article, topic):  # pragma: no cover - every article is in the bank already
        raise AssertionError("the benchmark store has no article missing from the bank")


async def time_commands(store, settings, topic, who: str, repeat: int) -> dict:
    """Label → list of (wall ms, CPU ms of this process) per timed call."""
    from bot.adapters.base import CommandRequest
    from bot.core.commands import Dispatcher
    from bot.core.replies import Notice
    from bot.core.service import BriefService
    from bot.quotebank import chart, verbs  # noqa: F401  (registers the verbs)

    service = BriefService(settings, store, engine_factory=_NoEngine, topics={"world": topic})
    dispatcher = Dispatcher(service)
    commands = [("quotes world 30d", "quotes world 30d", False),
                ("quotes world 30d about government", "quotes world 30d about government", False),
                (f"who {who}", f"who {who}", False),
                ("trends world 30d", "trends world 30d (chart drawn)", True),
                ("trends world 30d", "trends world 30d (chart remembered)", False)]
    out = {}
    try:
        for text, label, fresh_chart in commands:
            times = []
            for i in range(repeat + 1):
                if fresh_chart:
                    chart._CACHE.clear()
                start, cpu = time.perf_counter(), time.process_time()
                replies = await dispatcher(CommandRequest("bench", "c", "u", text))
                took = ((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
                assert replies and not (isinstance(replies[0], Notice) and replies[0].level == "error"), replies
                if i:  # the first call of each is a warm-up
                    times.append(took)
            out[label] = times
    finally:
        service.close()
    return out


def reusable(name: str, n: int):
    """(URL, cleanup or None, whether it already holds the benchmark store) for ``name``."""
    if name == "SQLite":
        path = CACHE / f"quotebank-{n}.sqlite"
        CACHE.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}", None
    import sqlalchemy as sa

    schema = f"bench_quotebank_{n}"
    admin = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    except Exception as exc:
        print(f"PostgreSQL skipped: {str(exc).splitlines()[0]}")
        return None
    finally:
        admin.dispose()
    return f"{PG_URL}?options=-csearch_path%3D{schema}", None


def frequent_speaker(store) -> str:
    """The surname of the most-quoted person: what an analyst would type to ``/brief who``."""
    from sqlalchemy import func, select

    from bot.quotebank.models import BankQuote, Speaker

    with store.session() as s:
        name = s.scalar(select(Speaker.name).join(BankQuote, BankQuote.speaker_id == Speaker.id)
                        .where(Speaker.kind == "person").group_by(Speaker.id, Speaker.name)
                        .order_by(func.count().desc()).limit(1))
    return name.split()[-1]


def pg_schema_url() -> tuple[str, object] | None:
    import sqlalchemy as sa

    admin = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        print(f"PostgreSQL skipped: {str(exc).splitlines()[0]}")
        return None

    def drop():
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return f"{PG_URL}?options=-csearch_path%3D{schema}", drop


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--briefed", type=int, default=150, help="BBC texts briefed for real (the others reuse them)")
    ap.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--keep", action="store_true", help="keep the built stores (benchmarks/.cache/ and a PostgreSQL "
                    "schema bench_quotebank_N) and reuse them on the next run")
    args = ap.parse_args()
    if not BBC.is_dir():
        print(f"the BBC set is not present ({BBC}); nothing to measure")
        return 0
    from bot.store.db import open_store
    from config.settings import load_settings
    from config.topics import load_topics

    topic = load_topics()["world"]
    texts = bbc_texts(args.briefed)
    briefs = real_briefs(texts, topic)
    n_quotes = sum(len(b["quotes"]) for b in briefs if b)
    print(f"{len(texts)} real briefs: {n_quotes} quotes, {sum(len(b['actors']) for b in briefs if b)} actors")
    now = datetime.now(timezone.utc)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        targets = []
        for name in ("SQLite", "PostgreSQL"):
            if args.db not in (name.lower(), "both"):
                continue
            if args.keep:
                got = reusable(name, args.articles)
            elif name == "SQLite":
                got = (f"sqlite:///{Path(tmp) / 'bench.sqlite'}", None)
            else:
                got = pg_schema_url()
            if got:
                targets.append((name, got[0], got[1]))
        from sqlalchemy import func, select

        from bot.quotebank.chart import issue_chart
        from bot.quotebank.models import BankEntry

        issue_chart("warm-up", [now.date()], {"x": [1]})  # import matplotlib outside the timings
        for name, url, drop in targets:
            store = open_store(url)
            try:
                with store.session() as s:
                    have = s.scalar(select(func.count()).select_from(BankEntry))
                if have == args.articles:
                    print(f"{name}: reusing the stored {have} articles")
                else:
                    built = build(store, texts, briefs, args.articles, now)
                    print(f"{name}: stored and recorded {args.articles} articles in {built:.0f} s")
                with store.engine.begin() as conn:  # planner statistics, as autovacuum / a long-lived store has them
                    conn.exec_driver_sql("ANALYZE")
                who = frequent_speaker(store)
                print(f"{name}: /brief who {who}")
                results[name] = asyncio.run(time_commands(store, settings, topic, who, args.repeat))
            finally:
                store.engine.dispose()
                if drop:
                    drop()
    print("\n| command | " + " | ".join(f"{n} median ms (CPU) | {n} max ms" for n in results) + " |")
    print("| --- |" + " ---: | ---: |" * len(results))
    for cmd in next(iter(results.values()), {}):
        cells = []
        for r in results.values():
            wall, cpu = [w for w, _ in r[cmd]], [c for _, c in r[cmd]]
            cells += [f"{statistics.median(wall):.0f} ({statistics.median(cpu):.0f})", f"{max(wall):.0f}"]
        print(f"| `/brief {cmd}` | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
