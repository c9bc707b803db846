"""A pooled poll (``workers > 1``): entries are fetched, extracted and stored by ingest units in
worker processes, with the same outcomes, reports and rules as the in-process poll (SQLite and
PostgreSQL)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.ingest.poll import poll
from bot.work.backend import Work
from bot.work.ingest_units import BATCH, batches
from bot.work.pool import LocalPool
from tests.feedfactory import Entry, article_body, article_page, rss
from tests.ingest_helpers import articles, count_articles, memberships, source, topic, topics

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pool():
    p = LocalPool(2)
    try:
        yield p
    finally:
        p.close(wait=False)


@pytest.fixture
def ingest_settings(settings, store):
    settings.database_url = store.engine.url.render_as_string(hide_password=False)  # brief units open it too
    settings.http.allow_private = ["127.0.0.1"]
    settings.http.timeout = 3
    settings.http.total_timeout = 6
    return settings


def pooled_poll(store, settings, ts, pool, names=None):
    work = Work(settings, pool=pool)

    async def go():
        report = await asyncio.wait_for(poll(store, settings, ts, names, work=work), 120)
        await work.drain()
        return report

    return asyncio.run(go())


def story(server, path: str, subject: str) -> str:
    return server.add(path, article_page(f"Talks on {subject}", article_body(subject)))


def test_batches_cut_a_feed_into_units_of_at_most_batch_entries():
    jobs = list(range(2 * BATCH + 3))
    parts = batches(jobs)
    assert [len(p) for p in parts] == [BATCH, BATCH, 3] and [j for p in parts for j in p] == jobs
    assert batches([]) == []


def test_pooled_poll_stores_in_the_workers_and_the_second_poll_is_conditional(store, httpserver, ingest_settings, pool):
    links = [story(httpserver, f"/s/{i}", f"water treaty clause {i}") for i in range(BATCH + 4)]
    feed = httpserver.add("/f.xml", rss([Entry(f"Clause {i}", u, guid=str(i)) for i, u in enumerate(links)]),
                          content_type="application/rss+xml", etag='"v1"')
    ts = topics(topic("water", [feed], ["treaty"]), topic("cartels", [feed], ["cartel"]))
    report = pooled_poll(store, ingest_settings, ts, pool)
    n = len(links)
    assert report.new == n and report.requests == n + 1  # the feed, then each page once (counted in the workers)
    stored = articles(store)
    assert len(stored) == n and all(a.topic_names == ["water"] for a in stored)  # the filters ran in the workers
    assert all(a.language == "en" and not a.from_feed_summary for a in stored)
    assert source(store, feed).etag == '"v1"'
    again = pooled_poll(store, ingest_settings, ts, pool)
    assert again.new == 0 and again.requests == 1 and again.sources[0].status == "not-modified"


def test_pooled_poll_fetches_a_page_listed_by_two_feeds_once(store, httpserver, ingest_settings, pool):
    link = story(httpserver, "/shared/story", "migration policy")
    a = httpserver.add("/a.xml", rss([Entry("Migration policy", link + "?utm_source=rss", guid="a1")]), content_type="application/rss+xml")
    b = httpserver.add("/b.xml", rss([Entry("Migration policy", link + "#top", guid="b1")]), content_type="application/rss+xml")
    ts = topics(topic("one", [a]), topic("two", [b], ["migration"]))
    report = pooled_poll(store, ingest_settings, ts, pool)
    assert report.new == 1 and sum(r.known for r in report.sources) == 1
    assert count_articles(store) == 1 and {t for _, t in memberships(store)} == {"one", "two"}
    assert len(httpserver.requests_to("/shared/story")) == 1


LONG_SUMMARY = ("<p>The senate approved the water treaty on Monday after a debate that lasted most of the night. "
                "It now goes to the president, who is expected to sign it this week. Farmers on both sides of the "
                "river welcomed the vote, while two environmental groups said it leaves too little water for wetlands.</p>")


def test_pooled_poll_keeps_the_summary_fallback_and_the_article_rule(store, httpserver, ingest_settings, pool, caplog):
    feed = httpserver.add(
        "/f.xml",
        rss([Entry("Treaty approved", httpserver.url("/missing"), summary=LONG_SUMMARY),
             Entry("Treaty as PDF", httpserver.add("/doc.pdf", b"%PDF-1.4", content_type="application/pdf"), summary="pdf")]),
        content_type="application/rss+xml",
    )
    with caplog.at_level(logging.WARNING, logger="briefbot.ingest"):
        report = pooled_poll(store, ingest_settings, topics(topic("all", [feed])), pool)
    assert report.new == 1 and report.sources[0].from_summary == 1 and report.sources[0].skipped == 1
    assert [a.title for a in articles(store)] == ["Treaty approved"] and articles(store)[0].from_feed_summary
    text = caplog.text
    assert "storing the feed's summary instead" in text and "skipped" in text


def test_pooled_entry_without_page_or_summary_is_left_for_the_next_poll(store, httpserver, ingest_settings, pool):
    ingest_settings.http.timeout = 0.5
    link = httpserver.add("/slow-story", hang=True)
    feed = httpserver.add("/f.xml", rss([Entry("Hanging page", link)]), content_type="application/rss+xml", etag='"e"')
    ts = topics(topic("all", [feed]))
    report = pooled_poll(store, ingest_settings, ts, pool)
    assert report.new == 0 and report.sources[0].failed == 1
    assert source(store, feed).etag is None  # validators not kept: the feed is read again next time
    story(httpserver, "/slow-story", "a late page")
    again = pooled_poll(store, ingest_settings, ts, pool)
    assert again.new == 1 and source(store, feed).etag == '"e"'


def test_a_failing_unit_gives_failed_entries_and_is_logged(httpserver, ingest_settings, pool, tmp_path, caplog):
    """A database the worker cannot open fails the unit, not the poll: its entries come back
    ``failed`` and transient (retried next poll), and the failure is logged once per unit."""
    from bot.ingest.entries import SourceInfo
    from bot.ingest.feeds import FeedEntry
    from sqlalchemy import create_engine

    from bot.store.db import Store

    (tmp_path / "a-file").write_text("not a directory")
    unopenable = Store(create_engine(f"sqlite:///{tmp_path}/a-file/briefbot.sqlite"))  # connects lazily
    link = story(httpserver, "/s", "grain exports")
    jobs = [(link, FeedEntry(link, "g1", "Grain exports", None, None, None))]
    work = Work(ingest_settings, pool=pool)
    with caplog.at_level(logging.WARNING, logger="briefbot.work"):
        results, sent = asyncio.run(work.ingest(unopenable, SourceInfo(1, "http://feeds.example/f.xml", None, ("all",)), {}, jobs))
    assert [(r.canonical, r.outcome.status, r.transient, r.lost) for r in results] == [(link, "failed", True, True)]
    assert "ingest unit of 1 entries of http://feeds.example/f.xml failed" in caplog.text


def test_pooled_poll_leaves_the_briefs_of_its_new_articles_cached(store, httpserver, ingest_settings, pool):
    """The brief units queued for an ingest unit's articles build and cache their briefs under the
    engine's key, so a digest after the poll reads them instead of waiting for the engine."""
    from bot.store.briefs import brief_cache_key, get_brief
    from bot.work.units import UnitSpec, engine_for
    from config.topics import load_topics

    links = [story(httpserver, f"/s/{i}", f"border trade round {i}") for i in range(3)]
    feed = httpserver.add("/f.xml", rss([Entry(f"Round {i}", u, guid=str(i)) for i, u in enumerate(links)]),
                          content_type="application/rss+xml")
    world = load_topics(None)["world"]
    report = pooled_poll(store, ingest_settings, topics(topic("world", [feed])), pool)
    assert report.new == 3
    key = brief_cache_key(engine_for(UnitSpec.from_settings(ingest_settings)).settings_key, world)
    with store.session() as s:
        briefs = [get_brief(s, a.id, "world", key) for a in articles(store)]
    assert all(b is not None and b.summary for b in briefs)
