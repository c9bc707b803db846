"""Polling feeds from a local HTTP server into the store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.ingest.poll import poll_once
from bot.store.articles import newest_articles
from tests.feedfactory import Entry, article_body, article_page, atom, rss
from tests.ingest_helpers import articles, count_articles, memberships, source, topic, topics

T0 = datetime(2024, 5, 6, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def ingest_settings(settings):
    settings.http.allow_private = ["127.0.0.1"]
    settings.http.timeout = 3  # generous: the machine is shared; hang tests lower it
    settings.http.total_timeout = 6
    settings.http.max_bytes = 512 * 1024
    settings.http.max_redirects = 3
    return settings


def serve_story(server, path: str, subject: str, **kw) -> str:
    return server.add(path, article_page(f"Talks on {subject}", article_body(subject), **kw))


def three_story_feed(server, path="/feed.xml", etag='"v1"', prefix="") -> str:
    entries = []
    for i, subject in enumerate(["border security", "water treaty", "trade tariffs"]):
        link = serve_story(server, f"{prefix}/story/{i}", subject)
        entries.append(Entry(f"Talks on {subject}", link, guid=f"g{i}", summary=f"Summary of {subject}.", published=T0 + timedelta(hours=i)))
    return server.add(path, rss(entries), content_type="application/rss+xml", etag=etag, last_modified="Mon, 06 May 2024 12:00:00 GMT")


def test_poll_stores_articles_with_topics_and_second_poll_is_conditional(store, httpserver, ingest_settings):
    feed = three_story_feed(httpserver)
    ts = topics(topic("mx", [feed], ["border", "water"]), topic("all", [feed]))
    report = poll_once(store, ingest_settings, ts)
    assert report.new == 3 and report.sources[0].status == "ok"
    stored = articles(store)
    assert len(stored) == 3
    assert all(a.text and not a.from_feed_summary for a in stored)
    assert {a.title: a.topic_names for a in stored} == {
        "Talks on border security": ["all", "mx"], "Talks on water treaty": ["all", "mx"], "Talks on trade tariffs": ["all"],
    }
    border = next(a for a in stored if a.title == "Talks on border security")
    assert border.published_at == T0 and border.published_at.tzinfo is not None
    assert "Home" not in border.text and "border security" in border.text
    src = source(store, feed)
    assert (src.etag, src.last_status, src.last_new_articles, src.consecutive_failures) == ('"v1"', "ok", 3, 0)

    httpserver.clear()
    again = poll_once(store, ingest_settings, ts)
    assert again.new == 0 and again.requests == 1 and again.sources[0].status == "not-modified"
    [req] = httpserver.requests
    assert req.path == "/feed.xml" and req.status == 304
    assert req.headers["if-none-match"] == '"v1"'
    assert req.headers["if-modified-since"] == "Mon, 06 May 2024 12:00:00 GMT"
    assert count_articles(store) == 3
    with store.session() as s:
        newest = newest_articles(s, "mx", since=T0 - timedelta(days=1), limit=10)
        assert [a.title for a in newest] == ["Talks on water treaty", "Talks on border security"]
        assert newest_articles(s, "mx", since=T0 + timedelta(minutes=30), limit=10)[0].title == "Talks on water treaty"
        assert len(newest_articles(s, "all", limit=2)) == 2


def test_feed_without_validators_refetches_but_fetches_no_known_page(store, httpserver, ingest_settings):
    feed = three_story_feed(httpserver, etag=None)
    httpserver.routes["/feed.xml"].last_modified = None
    ts = topics(topic("all", [feed]))
    assert poll_once(store, ingest_settings, ts).new == 3
    httpserver.clear()
    again = poll_once(store, ingest_settings, ts)
    assert again.new == 0 and again.sources[0].known == 3
    assert [r.path for r in httpserver.requests] == ["/feed.xml"]


def test_same_article_in_two_feeds_is_stored_once_and_joins_both_topics(store, httpserver, ingest_settings):
    link = serve_story(httpserver, "/shared/story", "migration policy")
    a = httpserver.add("/a.xml", rss([Entry("Migration policy", link + "?utm_source=rss", guid="a1")]), content_type="application/rss+xml")
    b = httpserver.add("/b.xml", rss([Entry("Migration policy", link.replace("http://", "HTTP://") + "?utm_medium=feed#top", guid="b-other")]),
                       content_type="application/rss+xml")
    ts = topics(topic("one", [a]), topic("two", [b], ["migration"]), topic("three", [b], ["cartel"]))
    report = poll_once(store, ingest_settings, ts)
    assert report.new == 1 and sum(r.known for r in report.sources) == 1
    assert count_articles(store) == 1
    assert {t for _, t in memberships(store)} == {"one", "two"}
    assert len(httpserver.requests_to("/shared/story")) == 1  # fetched once though listed twice


def test_article_seen_later_in_another_topic_feed_joins_that_topic(store, httpserver, ingest_settings):
    link = serve_story(httpserver, "/s", "energy reform")
    a = httpserver.add("/a.xml", rss([Entry("Energy", link)]), content_type="application/rss+xml")
    poll_once(store, ingest_settings, topics(topic("one", [a])))
    b = httpserver.add("/b.xml", rss([Entry("Energy", link)]), content_type="application/rss+xml")
    poll_once(store, ingest_settings, topics(topic("one", [a]), topic("two", [b], ["energy"])), ["two"])
    assert {t for _, t in memberships(store)} == {"one", "two"} and count_articles(store) == 1


def test_republished_with_new_guid_and_url_is_stored_once(store, httpserver, ingest_settings):
    body = article_body("fentanyl seizures", 4)
    first = httpserver.add("/2024/05/story", article_page("Seizures rise", body))
    moved = httpserver.add("/news/story-renamed", article_page("Seizures rise (updated)", body))
    feed = httpserver.add("/f.xml", rss([Entry("Seizures rise", first, guid="1")]), content_type="application/rss+xml")
    ts = topics(topic("all", [feed]))
    poll_once(store, ingest_settings, ts)
    httpserver.routes["/f.xml"].body = rss([Entry("Seizures rise", moved, guid="2"), Entry("Seizures rise", first, guid="1")])
    report = poll_once(store, ingest_settings, ts)
    assert report.new == 0 and count_articles(store) == 1


LONG_SUMMARY = (
    "<p>The senate approved the <b>water treaty</b> on Monday after a debate that lasted most of the night.</p>"
    "<p>It now goes to the president, who is expected to sign it this week. Farmers on both sides of the river "
    "welcomed the vote, while two environmental groups said the treaty leaves too little water for wetlands.</p>"
)


def test_page_unavailable_falls_back_to_the_feed_summary_unless_it_is_too_short(store, httpserver, ingest_settings):
    feed = httpserver.add(
        "/f.xml",
        rss([Entry("Treaty approved", httpserver.url("/missing"), summary=LONG_SUMMARY),
             Entry("Treaty as PDF", httpserver.add("/doc.pdf", b"%PDF-1.4", content_type="application/pdf"), summary="pdf"),
             Entry("Metadata", httpserver.url("/gone"), summary="<a href='/m'>metadata link</a>")]),
        content_type="application/rss+xml",
    )
    report = poll_once(store, ingest_settings, topics(topic("all", [feed])))
    # feed summaries of one or two words ("pdf", "metadata link") are not articles: skipped, not stored
    assert report.new == 1 and report.sources[0].from_summary == 1 and report.sources[0].skipped == 2
    assert report.sources[0].failed == 0
    stored = {a.title: a for a in articles(store)}
    assert set(stored) == {"Treaty approved"}
    assert stored["Treaty approved"].from_feed_summary
    assert stored["Treaty approved"].text.startswith("The senate approved the water treaty on Monday after")
    assert "\nIt now goes to the president" in stored["Treaty approved"].text

    ingest_settings.min_article_words = 0  # the minimum is a setting: 0 keeps everything
    again = poll_once(store, ingest_settings, topics(topic("all", [feed])))
    assert again.new == 2 and {a.text for a in articles(store)} >= {"pdf", "metadata link"}


def test_entry_without_page_or_summary_is_retried_next_poll(store, httpserver, ingest_settings):
    ingest_settings.http.timeout = 0.5
    link = httpserver.add("/slow-story", hang=True)
    feed = httpserver.add("/f.xml", rss([Entry("Hanging page", link)]), content_type="application/rss+xml", etag='"e"')
    ts = topics(topic("all", [feed]))
    report = poll_once(store, ingest_settings, ts)
    assert report.new == 0 and report.sources[0].failed == 1
    assert source(store, feed).etag is None  # validators not kept: the feed is read again next time
    serve_story(httpserver, "/slow-story", "a late page")
    httpserver.clear()
    again = poll_once(store, ingest_settings, ts)
    assert "if-none-match" not in httpserver.requests_to("/f.xml")[0].headers
    assert again.new == 1 and source(store, feed).etag == '"e"'


def test_publication_times_are_kept_in_utc(store, httpserver, ingest_settings):
    link = serve_story(httpserver, "/tz", "remittances")
    local = datetime(2024, 5, 6, 14, 30, tzinfo=timezone(timedelta(hours=2)))
    dated_page = httpserver.add("/page-dated", article_page("Dated by page", article_body("solar"), date="2024-03-01T09:15:00+01:00"))
    undated = serve_story(httpserver, "/undated", "labor visas")
    feed = httpserver.add("/f.xml", rss([Entry("TZ", link, published=local), Entry("Page date", dated_page), Entry("No date", undated)]),
                          content_type="application/rss+xml")
    poll_once(store, ingest_settings, topics(topic("all", [feed])))
    got = {a.title: a.published_at for a in articles(store)}
    assert got["TZ"] == datetime(2024, 5, 6, 12, 30, tzinfo=timezone.utc) and got["TZ"].utcoffset() == timedelta(0)
    assert got["Page date"] == datetime(2024, 3, 1, tzinfo=timezone.utc)  # the extractor gives page dates by day
    assert got["No date"] is None


def test_atom_feeds_are_read(store, httpserver, ingest_settings):
    link = serve_story(httpserver, "/atom-story", "election reform")
    feed = httpserver.add("/atom.xml", atom([Entry("Atom story", link, guid="urn:1", published=T0)]), content_type="application/atom+xml")
    assert poll_once(store, ingest_settings, topics(topic("all", [feed]))).new == 1
    assert articles(store)[0].published_at == T0
