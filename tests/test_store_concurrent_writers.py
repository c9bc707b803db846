"""Several processes writing to one SQLite file at once (as pool workers do with ``workers > 1``):
no "database is locked", and every row stored exactly once.

Each process runs the real write paths: :func:`bot.store.briefs.put_brief` with actors and quotes
(the quote bank, its speakers shared between processes) and
:func:`bot.ingest.entries.store_article` of texts that other processes store at the same moment.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter

import pytest
from sqlalchemy import func, select

from bot.store.db import open_store
from summarizers.model import Actor, ArticleMeta, Brief, Issue, Quote
from tests.fakes.seed import add_article

pytestmark = pytest.mark.slow

PROCESSES = 4
ARTICLES = 24  # every process briefs every article: each (article, topic) is raced by all of them
TEXTS = 12  # every process stores every text under its own URL: each text is stored once
SPEAKERS = [("Lucía Ferrer", "deputy governor of the Bank of Mexico"), ("Samuel Abed", "trade lawyer"),
            ("Rosa Aguirre", "water commissioner"), ("Tomás Vidal", "economist")]


def _brief(n: int) -> Brief:
    speakers = [SPEAKERS[(n + k) % len(SPEAKERS)] for k in range(3)]
    return Brief(
        topic="usmx", article=ArticleMeta(title=f"Story {n}"), summary=["A sentence."],
        actors=[Actor(name, "person", role) for name, role in speakers] + [Actor("Bank of Mexico", "organization", None)],
        issues=[Issue("remittances", 0.7), Issue("tariffs", 0.4)],
        quotes=[Quote(f"Words {k} of story {n} are on the record", name, role) for k, (name, role) in enumerate(speakers)],
    )


def _text(n: int) -> str:
    return " ".join(f"Council {n} met on day {d} to weigh the bridge contract and what it costs the port." for d in range(8))


def _writer(url: str, ids: list[int], who: int, start, out) -> None:
    """One process: brief every article and store every text, reporting errors and warnings."""
    from bot.ingest.entries import NewArticle, store_article
    from bot.store.briefs import put_brief
    from bot.store.db import Store, make_engine

    problems: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.WARNING:
                problems.append(record.getMessage())

    logging.getLogger().addHandler(Collect())
    store = Store(make_engine(url))
    start.wait(30)
    order = ids[who::PROCESSES] + [i for i in ids if ids.index(i) % PROCESSES != who]  # different orders per process
    try:
        for k, aid in enumerate(order):
            with store.session() as s:
                put_brief(s, aid, "usmx", "engine-a", _brief(ids.index(aid)))
            if k < TEXTS:
                n = (k + who) % TEXTS
                store_article(store, NewArticle(f"https://w{who}.example/{n}", f"https://w{who}.example/{n}", _text(n)), ["usmx"])
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
        problems.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        store.engine.dispose()
    out.put(problems)


def test_concurrent_processes_store_every_row_once(tmp_path):
    from bot.quotebank.models import BankActor, BankEntry, BankQuote, Speaker
    from bot.store.models import Article, BriefCache

    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    store = open_store(url)
    ids = [add_article(store, "usmx", title=f"Story {n}", text=f"Article {n}: " + _text(1000 + n),
                       url=f"https://seed.example/{n}") for n in range(ARTICLES)]
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(PROCESSES), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, ids, who, start, out)) for who in range(PROCESSES)]
    for p in procs:
        p.start()
    problems = [out.get(timeout=240) for _ in procs]
    for p in procs:
        p.join(30)
    assert all(p.exitcode == 0 for p in procs)
    assert problems == [[]] * PROCESSES  # no OperationalError raised, no quote-bank write swallowed

    with store.session() as s:
        briefs = Counter(s.scalars(select(BriefCache.article_id)))
        entries = Counter(s.scalars(select(BankEntry.article_id)))
        quotes = s.scalar(select(func.count()).select_from(BankQuote))
        actors = s.scalar(select(func.count()).select_from(BankActor))
        speakers = Counter(s.scalars(select(Speaker.name)))
        texts = Counter(a.text for a in s.scalars(select(Article).where(Article.id.not_in(ids))))
    store.engine.dispose()
    assert briefs == Counter(ids) and entries == Counter(ids)
    assert quotes == 3 * ARTICLES and actors == 4 * ARTICLES
    assert speakers == Counter([name for name, _ in SPEAKERS] + ["Bank of Mexico"])
    assert texts == Counter(_text(n) for n in range(TEXTS))


def test_a_savepoint_is_part_of_its_transaction(tmp_path):
    """A ``begin_nested`` block after a read commits nothing by itself: when the session's
    transaction rolls back, the savepoint's rows go with it; a failed savepoint undoes only its own."""
    from bot.store.models import Article

    store = open_store(f"sqlite:///{tmp_path / 'nested.sqlite'}")
    with pytest.raises(RuntimeError):
        with store.session() as s:
            s.scalar(select(func.count()).select_from(Article))
            with s.begin_nested():
                s.add(Article(canonical_url="https://a.example/1", url="https://a.example/1", text=_text(1)))
            raise RuntimeError("the outer transaction fails")
    with store.session() as s:
        s.add(Article(canonical_url="https://a.example/2", url="https://a.example/2", text=_text(2)))
        with pytest.raises(RuntimeError):
            with s.begin_nested():
                s.add(Article(canonical_url="https://a.example/3", url="https://a.example/3", text=_text(3)))
                s.flush()
                raise RuntimeError("the savepoint fails")
    with store.session() as s:
        stored = list(s.scalars(select(Article.canonical_url)))
    store.engine.dispose()
    assert stored == ["https://a.example/2"]


def test_every_transaction_holds_the_write_lock_from_its_start(tmp_path):
    """A transaction that has only read already holds SQLite's write lock: another connection's
    write waits for it (here: gives up after a short busy timeout) instead of racing it."""
    import sqlite3

    from bot.store.models import Article

    path = tmp_path / "lock.sqlite"
    store = open_store(f"sqlite:///{path}")
    with store.session() as s:
        s.scalar(select(func.count()).select_from(Article))
        other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    store.engine.dispose()
