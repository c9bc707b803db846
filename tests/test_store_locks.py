"""Two processes (here: two connections) storing the same text at the same moment store it once
(bot.store.locks.lock_content), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

from bot.ingest.entries import NewArticle, store_article
from bot.store.articles import add_article, content_hash
from bot.store.locks import lock_content
from tests.ingest_helpers import articles

TEXT = " ".join(f"The harbour board met on day {i} to weigh the dredging contract and its costs." for i in range(6))


def test_a_second_writer_of_the_same_text_waits_and_finds_the_first(store):
    digest = content_hash(TEXT)
    locked, release = threading.Event(), threading.Event()

    def first_writer() -> None:
        with store.session() as s:
            lock_content(s, digest)
            add_article(s, canonical_url="https://a.example/harbour", url="https://a.example/harbour", text=TEXT,
                        content_hash=digest, fetched_at=datetime.now(timezone.utc))
            locked.set()
            release.wait(10)  # inserted, not committed: a look-up from another connection sees nothing yet

    writer = threading.Thread(target=first_writer)
    writer.start()
    assert locked.wait(10)
    threading.Timer(0.5, release.set).start()
    began = time.monotonic()
    outcome = store_article(store, NewArticle("https://b.example/harbour-copy", "https://b.example/harbour-copy", TEXT), [])
    waited = time.monotonic() - began
    writer.join(10)
    assert outcome.status == "duplicate" and waited >= 0.3  # it waited for the first writer's commit
    assert [a.canonical_url for a in articles(store)] == ["https://a.example/harbour"]


def test_writers_of_different_texts_both_store(store):
    for n in range(2):
        text = TEXT.replace("harbour", f"harbour {n}")
        assert store_article(store, NewArticle(f"https://a.example/{n}", None, text), []).status == "new"
    assert len(articles(store)) == 2


def test_two_writers_resolving_one_new_speaker_create_it_once(store):
    """The quote bank's speaker look-up-then-insert (no unique key can guard its fuzzy match)
    holds a lock on the surname: the second writer waits for the first's commit and finds its row."""
    from sqlalchemy import func, select

    from bot.quotebank.models import Speaker
    from bot.quotebank.speakers import SpeakerResolver

    resolved, release = threading.Event(), threading.Event()

    def first_writer() -> None:
        with store.session() as s:
            SpeakerResolver(s).resolve("Ana Castell", role="harbour board chair")
            resolved.set()
            release.wait(10)  # inserted, not committed

    writer = threading.Thread(target=first_writer)
    writer.start()
    assert resolved.wait(10)
    threading.Timer(0.5, release.set).start()
    began = time.monotonic()
    with store.session() as s:
        SpeakerResolver(s).resolve("Ana Castell", role="harbour board chair")
    waited = time.monotonic() - began
    writer.join(10)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Speaker).where(Speaker.surname == "castell")) == 1
    assert waited >= 0.3
