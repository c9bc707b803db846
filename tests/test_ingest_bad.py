"""Bad feeds and servers: each handled with a clear log line, nothing stored half-way, others go on."""

from __future__ import annotations

import logging
import re
import socket
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from bot.ingest.poll import poll_once
from bot.store.models import Article
from tests.conftest import shared_path
from tests.feedfactory import Entry, article_body, article_page, rss
from tests.httpserver import Route
from tests.ingest_helpers import articles, count_articles, source, topic, topics

RSS = "application/rss+xml"


@pytest.fixture
def ingest_settings(settings):
    settings.http.allow_private = ["127.0.0.1"]
    settings.http.timeout = 0.5
    settings.http.total_timeout = 4
    settings.http.max_bytes = 256 * 1024
    settings.http.max_redirects = 3
    return settings


def story(server, path, subject):
    return server.add(path, article_page(f"On {subject}", article_body(subject)))


def good_feed(server):
    return server.add("/good.xml", rss([Entry("Good one", story(server, "/good-story", "good news"), guid="ok")]), content_type=RSS)


def assert_consistent(store):
    """Every stored article has text and its topic rows (the topic here accepts everything)."""
    with store.session() as s:
        orphans = s.scalar(select(func.count()).select_from(Article).where(~Article.topics.any()))
        empty = s.scalar(select(func.count()).select_from(Article).where(func.length(Article.text) == 0))
    assert orphans == 0 and empty == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BROKEN_FEEDS = {
    # name: (route kwargs builder, expected status, log pattern)
    "html-as-feed": (lambda srv: dict(body=article_page("Home", ["Welcome to our site."]), content_type="text/html"), "error", r"HTML page, not a feed"),
    "empty-body": (lambda srv: dict(body=b"", content_type=RSS), "error", r"empty document"),
    "hang": (lambda srv: dict(hang=True), "error", r"timed out after 0.5 s"),
    "redirect-loop": (lambda srv: dict(status=302, headers={"Location": "/broken.xml"}), "error", r"more than 3 redirects"),
    "ten-gigabytes": (lambda srv: dict(endless=True, content_type=RSS), "error", r"too large: more than 262,144 bytes"),
    "server-error": (lambda srv: dict(body=b"oops", status=503), "error", r"HTTP 503"),
}


@pytest.mark.parametrize("case", list(BROKEN_FEEDS))
def test_unreadable_feed_is_reported_backs_off_and_others_go_on(case, store, httpserver, ingest_settings, caplog):
    build, status, pattern = BROKEN_FEEDS[case]
    if case != "hang":  # only the hang waits for the timeout; the others must not hit it on a loaded machine
        ingest_settings.http.timeout, ingest_settings.http.total_timeout = 5, 10
    broken = httpserver.url("/broken.xml")
    httpserver.routes["/broken.xml"] = Route(**build(httpserver))
    good = good_feed(httpserver)
    ts = topics(topic("all", [broken, good]))
    with caplog.at_level(logging.WARNING, logger="briefbot.ingest"):
        report = poll_once(store, ingest_settings, ts)
    by_url = {r.url: r for r in report.sources}
    assert by_url[broken].status == status and re.search(pattern, by_url[broken].message)
    assert any(re.search(pattern, r.getMessage()) and broken in r.getMessage() for r in caplog.records)
    assert by_url[good].new == 1 and count_articles(store) == 1
    src = source(store, broken)
    assert src.consecutive_failures == 1 and src.next_poll_at > datetime.now(timezone.utc) and src.etag is None
    assert_consistent(store)
    # in backoff: the next poll leaves it alone, unless forced
    httpserver.clear()
    again = poll_once(store, ingest_settings, ts)
    assert {r.url: r.status for r in again.sources}[broken] == "backoff"
    assert httpserver.requests_to("/broken.xml") == []
    forced = poll_once(store, ingest_settings, ts, force=True)
    assert {r.url: r.status for r in forced.sources}[broken] == "error"
    assert source(store, broken).consecutive_failures == 2


def test_unreachable_source(store, httpserver, ingest_settings, caplog):
    dead = f"http://127.0.0.1:{free_port()}/feed.xml"
    ts = topics(topic("all", [dead, good_feed(httpserver)]))
    with caplog.at_level(logging.WARNING, logger="briefbot.ingest"):
        report = poll_once(store, ingest_settings, ts)
    rep = {r.url: r for r in report.sources}[dead]
    assert rep.status == "error" and "cannot connect" in rep.message
    assert any("cannot connect" in r.getMessage() for r in caplog.records)
    assert report.new == 1


def test_truncated_xml_uses_the_entries_before_the_cut(store, httpserver, ingest_settings, caplog):
    entries = [Entry(f"Story {i}", story(httpserver, f"/t{i}", f"subject {i}"), guid=f"t{i}") for i in range(3)]
    doc = rss(entries)
    cut = doc[: doc.index(b"Story 2") + 3]  # the third item is cut in the middle of its title
    feed = httpserver.add("/trunc.xml", cut, content_type=RSS, etag='"t"')
    with caplog.at_level(logging.WARNING, logger="briefbot.ingest"):
        report = poll_once(store, ingest_settings, topics(topic("all", [feed])))
    rep = report.sources[0]
    assert rep.status == "malformed" and rep.message
    assert any("malformed but readable" in r.getMessage() for r in caplog.records)
    assert {a.title for a in articles(store)} == {"Story 0", "Story 1"}
    assert_consistent(store)


@pytest.mark.parametrize("declare", ["none", "wrong"])
def test_latin1_feed_with_missing_or_wrong_declaration_is_decoded(declare, store, httpserver, ingest_settings):
    title = "Reforma energética: México y Canadá acuerdan más inversión"
    link = story(httpserver, "/latin", "energy")
    doc = rss([Entry(title, link, summary="Señal de cooperación")], encoding="latin-1", declare=False)
    if declare == "wrong":
        doc = b'<?xml version="1.0" encoding="utf-8"?>\n' + doc
    feed = httpserver.add("/latin.xml", doc, content_type="application/rss+xml")  # no charset either
    poll_once(store, ingest_settings, topics(topic("all", [feed])))
    assert [a.title for a in articles(store)] == [title]


def test_empty_feed_is_fine(store, httpserver, ingest_settings, caplog):
    feed = httpserver.add("/empty.xml", rss([]), content_type=RSS)
    with caplog.at_level(logging.WARNING, logger="briefbot.ingest"):
        report = poll_once(store, ingest_settings, topics(topic("all", [feed])))
    assert report.sources[0].status == "empty" and count_articles(store) == 0
    assert source(store, feed).consecutive_failures == 0
    assert any("has no entries" in r.getMessage() for r in caplog.records)


def test_entries_without_link_or_date(store, httpserver, ingest_settings, caplog):
    dated_nowhere = story(httpserver, "/nodate", "no date")
    permalink_guid = story(httpserver, "/guid-link", "guid link")
    feed = httpserver.add(
        "/f.xml",
        rss([Entry("No link at all", None, guid="not-a-url", summary="Text without a link."),
             Entry("No date", dated_nowhere),
             Entry("Guid is the link", None, guid=None)]).replace(
            b"<item><title>Guid is the link</title></item>",
            f'<item><title>Guid is the link</title><guid isPermaLink="true">{permalink_guid}</guid></item>'.encode()),
        content_type=RSS,
    )
    with caplog.at_level(logging.INFO, logger="briefbot.ingest"):
        report = poll_once(store, ingest_settings, topics(topic("all", [feed])))
    assert report.sources[0].skipped == 1 and report.new == 2
    assert any("'No link at all' has no link; skipped" in r.getMessage() for r in caplog.records)
    assert any("no publication date" in r.getMessage() for r in caplog.records)
    got = {a.title: a for a in articles(store)}
    assert got["No date"].published_at is None and got["Guid is the link"].url == permalink_guid


def test_duplicate_guids(store, httpserver, ingest_settings, caplog):
    a, b = story(httpserver, "/dup-a", "first story"), story(httpserver, "/dup-b", "second story")
    feed = httpserver.add("/f.xml", rss([Entry("A", a, guid="same"), Entry("B", b, guid="same"), Entry("A again", a, guid="same")]),
                          content_type=RSS)
    with caplog.at_level(logging.WARNING, logger="briefbot.ingest"):
        report = poll_once(store, ingest_settings, topics(topic("all", [feed])))
    assert report.new == 2 and sorted(x.url for x in articles(store)) == sorted([a, b])
    assert any("GUID 'same' is used by 3 entries" in r.getMessage() for r in caplog.records)
    assert len(httpserver.requests_to("/dup-a")) == 1


def test_oversized_and_hanging_pages_fall_back_to_summaries(store, httpserver, ingest_settings):
    big = httpserver.add("/huge-page", endless=True)
    hang = httpserver.add("/hang-page", hang=True)
    feed = httpserver.add("/f.xml", rss([Entry("Huge", big, summary=" ".join(article_body("the huge page", 1))),
                                         Entry("Hang", hang, summary=" ".join(article_body("the hanging page", 1)))]),
                          content_type=RSS)
    report = poll_once(store, ingest_settings, topics(topic("all", [feed])))
    assert report.new == 2 and all(a.from_feed_summary for a in articles(store))
    assert httpserver.bytes_sent < 64 * 1024 * 1024


# --- real feeds from ../shared/eval/feeds (skipped when absent) -----------------------------


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)  # parsing robustness: one database is enough
def test_real_outlet_feeds_are_read(store, httpserver, ingest_settings):
    """Each captured feed is served locally with its links pointed at the local server."""
    ingest_settings.http.timeout = 5
    ingest_settings.http.total_timeout = 20
    folder = shared_path("eval", "feeds", "news")
    httpserver.fallback = lambda path: Route(article_page(f"Page {path}", article_body(path.replace("/", " "))))
    feeds = []
    for f in sorted(folder.glob("*.xml")):
        body = re.sub(rb"https?://[A-Za-z0-9.-]+\.(?:com|co\.uk|de|pt|br|org|net)(?=/)", httpserver.url("").encode(), f.read_bytes())
        feeds.append(httpserver.add(f"/{f.name}", body, content_type="application/rss+xml"))
    report = poll_once(store, ingest_settings, topics(topic("all", feeds)))
    by_name = {r.url.rsplit("/", 1)[1]: r for r in report.sources}
    assert all(r.status in ("ok", "malformed") for r in report.sources), [(r.url, r.status, r.message) for r in report.sources]
    assert all(r.new > 0 for r in report.sources)
    latin = [a.title for a in articles(store) if a.url.endswith(".htm")]
    assert by_name["uol-noticias_2018-09_latin1-no-xml-decl.rss.xml"].new > 0
    assert any(ch in "".join(latin) for ch in "ãçéó") and "\ufffd" not in "".join(latin) and "Ã" not in "".join(latin)
    assert_consistent(store)


def test_feedparser_edge_cases_never_crash_a_poll(store, httpserver, ingest_settings):
    folder = shared_path("eval", "feeds", "feedparser-edge-cases")
    feeds = [httpserver.add(f"/{f.name}", f.read_bytes(), content_type="application/xml") for f in sorted(folder.glob("*.xml"))]
    report = poll_once(store, ingest_settings, topics(topic("all", feeds)))
    statuses = {r.url.rsplit("/", 1)[1]: r.status for r in report.sources}
    assert statuses["illformed__rss_empty_document.xml"] == "error"
    assert set(statuses.values()) <= {"ok", "malformed", "empty", "error"}
    assert_consistent(store)
