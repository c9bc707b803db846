"""URL canonicalisation: every spelling of one article maps to one key, different articles stay apart."""

from __future__ import annotations

import pytest

from bot.ingest.urls import URLError, absolute_http_url, canonical_url, is_tracking_param

SAME = [
    # scheme, host case, default port, fragment, trailing slash, tracking params, query order
    ["https://www.example.com/news/story-1",
     "http://www.example.com/news/story-1",
     "HTTPS://WWW.EXAMPLE.COM/news/story-1/",
     "https://www.example.com:443/news/story-1#comments",
     "http://www.example.com:80/news/story-1?utm_source=rss&utm_medium=feed",
     "https://www.example.com/news/story-1?fbclid=IwAR0abc&gclid=xyz",
     "https://www.example.com./news/story-1?CMP=share_btn_tw"],
    ["https://example.org/a?id=7&page=2",
     "https://example.org/a?page=2&id=7",
     "https://example.org/a/?page=2&utm_campaign=x&id=7#p2"],
    ["https://example.org/caf%C3%A9", "https://example.org/café", "https://example.org/caf%c3%a9/"],
    ["https://example.org/a~b", "https://example.org/a%7Eb"],
    ["https://example.org/", "https://example.org", "http://EXAMPLE.org:80"],
]

DIFFERENT = [
    ("https://example.com/a", "https://example.com/b"),
    ("https://example.com/a?id=1", "https://example.com/a?id=2"),
    ("https://example.com/a", "https://example.com:8443/a"),
    ("https://example.com/a", "https://www.example.com/a"),
    ("https://example.com/A", "https://example.com/a"),  # paths are case-sensitive
]


@pytest.mark.parametrize("group", SAME, ids=lambda g: g[0])
def test_spellings_of_one_article_share_a_key(group):
    keys = {canonical_url(u) for u in group}
    assert len(keys) == 1, keys


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_different_articles_keep_different_keys(a, b):
    assert canonical_url(a) != canonical_url(b)


def test_canonical_form_is_explicit():
    assert canonical_url("http://WWW.Example.com:80/a/b/?utm_source=x&b=2&a=1#top") == "https://www.example.com/a/b?a=1&b=2"
    assert canonical_url("http://127.0.0.1:8080/x/") == "https://127.0.0.1:8080/x"
    assert canonical_url("http://[::1]:8080/x") == "https://[::1]:8080/x"
    assert canonical_url("https://bücher.example/x") == "https://xn--bcher-kva.example/x"


def test_canonical_is_idempotent():
    for group in SAME:
        for u in group:
            assert canonical_url(canonical_url(u)) == canonical_url(u)


def test_blank_values_of_real_params_are_kept():
    assert canonical_url("https://e.org/s?q=&utm_term=") == "https://e.org/s?q="


@pytest.mark.parametrize("bad", ["", "   ", "ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)",
                                 "/relative/path", "https://", "http://exa mple.com:99999/"])
def test_non_http_urls_are_refused(bad):
    with pytest.raises(URLError):
        canonical_url(bad)
    assert absolute_http_url(bad) is None


def test_tracking_params():
    for name in ("utm_source", "UTM_Medium", "fbclid", "gclid", "mc_eid", "pk_campaign"):
        assert is_tracking_param(name)
    for name in ("id", "page", "q", "article", "p"):
        assert not is_tracking_param(name)
