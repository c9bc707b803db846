"""Feeds go through the URL guard like pages (issue 11, items 5-7): loopback and intranet feeds,
redirects to internal hosts, GUIDs that are not links, the request count, long titles, floods of warnings."""

from __future__ import annotations

import logging

import pytest

from bot.ingest.feeds import MAX_TITLE_CHARS, parse_feed
from bot.ingest.poll import poll_once
from tests.fakes.dns import dns  # noqa: F401  (fixture)
from tests.feedfactory import Entry, article_body, article_page, rss
from tests.ingest_helpers import articles, count_articles, topic, topics


@pytest.fixture
def guard_settings(settings):
    settings.http.allow_private = []
    settings.http.timeout = 3
    settings.http.total_timeout = 6
    settings.http.max_redirects = 3
    return settings


def _story_feed(server, path="/feed.xml") -> str:
    link = server.add("/story", article_page("Talks on water", article_body("the water treaty")))
    return server.add(path, rss([Entry("Talks on water", link, guid="w1", summary="Water talks.")]),
                      content_type="application/rss+xml")


@pytest.mark.parametrize("host", ["127.0.0.1", "[::ffff:127.0.0.1]", "2130706433", "0x7f000001", "127.1", "localhost"])
def test_a_feed_on_loopback_is_refused_in_any_spelling(store, httpserver, guard_settings, host):
    url = _story_feed(httpserver).replace("127.0.0.1", host)
    report = poll_once(store, guard_settings, topics(topic("t", [url])))
    [src] = report.sources
    assert src.status == "error" and "loopback" in src.message
    assert httpserver.requests == [] and report.requests == 0  # refused before connecting; nothing sent
    assert count_articles(store) == 0


def test_intranet_feeds_are_fetched_only_when_allowed(store, httpserver, guard_settings, dns):
    dns.answers["intranet.test"] = [["127.0.0.1"]]
    url = _story_feed(httpserver).replace("127.0.0.1", "intranet.test")
    assert poll_once(store, guard_settings, topics(topic("t", [url]))).sources[0].status == "error"
    guard_settings.http.allow_private = ["intranet.test", "127.0.0.1"]  # the feed's host, and its pages' address
    report = poll_once(store, guard_settings, topics(topic("t", [url])), force=True)
    assert report.sources[0].status == "ok" and report.new == 1
    assert report.requests == 2  # the feed and its page


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/feed", "/internal.xml"])
def test_a_feed_redirecting_to_an_internal_host_is_refused(store, httpserver, guard_settings, dns, target):
    """The feed's own host is allowed by name; where it redirects is checked again, hop by hop
    (``/internal.xml`` on the same server by its address 127.0.0.1, which is not allowed)."""
    dns.answers["feeds.test"] = [["127.0.0.1"]]
    guard_settings.http.allow_private = ["feeds.test"]
    httpserver.add("/internal.xml", rss([]), content_type="application/rss+xml")
    location = httpserver.url(target) if target.startswith("/") else target
    url = httpserver.add("/go", status=302, headers={"Location": location}).replace("127.0.0.1", "feeds.test")
    report = poll_once(store, guard_settings, topics(topic("t", [url])))
    [src] = report.sources
    assert src.status == "error" and "refused" in src.message
    assert [r.path for r in httpserver.requests] == ["/go"]
    assert report.requests == 1


def _raw_rss(items: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.org/</link>'
            f"<description>d</description>{items}</channel></rss>").encode()


SUMMARY = "<description>" + " ".join(article_body("the water treaty")) + "</description>"


def test_guids_become_links_only_as_absolute_http_permalinks(store, httpserver, guard_settings):
    guard_settings.http.allow_private = ["127.0.0.1"]
    perma = httpserver.add("/perma", article_page("Permalink story", article_body("the permalink")))
    httpserver.add("/js-1", article_page("Invented", article_body("an invented link")))
    httpserver.add("/story/7", article_page("Invented", article_body("an invented link")))
    items = "".join([
        f"<item><title>JS link</title><link>javascript:alert(1)</link><guid>js-1</guid>{SUMMARY}</item>",
        f"<item><title>Data link</title><link>data:text/html,hi</link><guid>js-1</guid>{SUMMARY}</item>",
        f"<item><title>VB link</title><link>vbscript:msgbox</link><guid>js-1</guid>{SUMMARY}</item>",
        f"<item><title>File link</title><link>file:///etc/passwd</link><guid>js-1</guid>{SUMMARY}</item>",
        f"<item><title>Relative GUID</title><guid>story/7</guid>{SUMMARY}</item>",
        f'<item><title>Not a permalink</title><guid isPermaLink="false">{httpserver.url("/story/7")}</guid>{SUMMARY}</item>',
        f"<item><title>Permalink</title><guid>{perma}</guid>{SUMMARY}</item>",
    ])
    feed = httpserver.add("/feed.xml", _raw_rss(items), content_type="application/rss+xml")
    report = poll_once(store, guard_settings, topics(topic("t", [feed])))
    assert report.new == 1 and report.sources[0].skipped == 6
    [stored] = articles(store)
    assert stored.url == perma and stored.guid == perma and not stored.from_feed_summary
    assert {r.path for r in httpserver.requests} == {"/feed.xml", "/perma"}  # nothing invented was fetched


def test_guids_are_kept_as_the_feed_gave_them(httpserver):
    items = ("<item><title>A</title><link>/a</link><guid>story/7</guid></item>"
             "<item><title>B</title><link>https://example.org/b</link><guid isPermaLink='false'>b-1</guid></item>")
    feed = parse_feed(_raw_rss(items), "http://news.example.org/feeds/all.xml", "application/rss+xml")
    a, b = feed.entries
    assert (a.link, a.guid) == ("http://news.example.org/a", "story/7")  # a relative link still resolves
    assert (b.link, b.guid) == ("https://example.org/b", "b-1")


def test_titles_are_capped(httpserver):
    items = f"<item><title>{'T' * 50_000}</title><link>https://example.org/a</link></item>"
    [entry] = parse_feed(_raw_rss(items), "https://example.org/feed", None).entries
    assert len(entry.title) == MAX_TITLE_CHARS


def test_a_flood_of_bad_entries_gives_a_few_warning_lines(store, httpserver, guard_settings, caplog):
    items = "".join(f"<item><title>Entry {i}</title><link>javascript:void({i})</link></item>" for i in range(5000))
    feed = httpserver.add("/feed.xml", _raw_rss(items), content_type="application/rss+xml")
    guard_settings.http.allow_private = ["127.0.0.1"]
    with caplog.at_level(logging.WARNING, logger="briefbot.ingest"):
        report = poll_once(store, guard_settings, topics(topic("t", [feed])))
    assert report.sources[0].skipped == 5000
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) < 10, lines
    assert any("4997 more entries skipped: unsupported link scheme 'javascript:'" in line for line in lines)
