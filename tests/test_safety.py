"""URL safety for user-given URLs: schemes, internal addresses (each hop), content type, size, timeouts."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import tracemalloc

import pytest

from bot.ingest.fetch import FetchError, fetch
from bot.ingest.safety import AddressPolicy, UnsafeURLError, address_problem, check_url, fetch_article, guarded_client
from tests.fakes.dns import dns  # noqa: F401  (fixture)
from tests.feedfactory import article_body, article_page


@pytest.fixture
def http_settings(settings):
    """Settings with small limits so the bad cases finish fast."""
    settings.http.timeout = 0.5
    settings.http.total_timeout = 3
    settings.http.max_bytes = 256 * 1024
    settings.http.max_redirects = 3
    return settings


@pytest.fixture
def allow_local(http_settings):
    http_settings.http.allow_private = ["127.0.0.1"]
    return http_settings


@pytest.mark.parametrize(
    "addr,problem",
    [
        ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("10.1.2.3", "private"), ("172.16.5.4", "private"),
        ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"), ("100.64.0.1", "non-public"),
        ("::1", "loopback"), ("::", "unspecified"), ("fe80::1", "link-local"), ("fc00::5", "private"),
        ("ff02::1", "multicast"), ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),  # Teredo, client 127.0.0.1 (stored inverted)
        ("8.8.8.8", None), ("151.101.1.140", None), ("2606:4700:4700::1111", None),
    ],
)
def test_address_classification(addr, problem):
    assert address_problem(ipaddress.ip_address(addr)) == problem


@pytest.mark.parametrize(
    "url,words",
    [
        ("ftp://example.com/a", "only http"), ("file:///etc/passwd", "only http"), ("javascript:alert(1)", "only http"),
        ("gopher://example.com/", "only http"), ("example.com/news", "only http"), ("http:///nohost", "no host"),
        ("http://example.com:99999/", "malformed"),
    ],
)
def test_non_http_urls_are_refused_with_a_reason(url, words):
    with pytest.raises(UnsafeURLError, match=words):
        check_url(url)


def test_allow_list_takes_hosts_addresses_and_networks():
    policy = AddressPolicy(["intranet.local", "10.0.0.0/8", "127.0.0.1"])
    policy.check("intranet.local", ipaddress.ip_address("192.168.1.1"))
    policy.check("wiki", ipaddress.ip_address("10.9.9.9"))
    policy.check("x", ipaddress.ip_address("127.0.0.1"))
    with pytest.raises(UnsafeURLError, match="192.168.1.2"):
        policy.check("other", ipaddress.ip_address("192.168.1.2"))


def _page_route(server, path="/article"):
    return server.add(path, article_page("Water treaty talks resume", article_body("the water treaty"), author="Ana Ruiz"))


def test_loopback_is_refused_before_any_request(httpserver, http_settings):
    url = _page_route(httpserver)
    with pytest.raises(UnsafeURLError, match=r"127\.0\.0\.1 is a loopback address"):
        fetch_article(url, http_settings)
    with pytest.raises(UnsafeURLError, match=r"localhost resolves to .*loopback"):
        fetch_article(httpserver.url("/article", host="localhost"), http_settings)
    assert httpserver.requests == []  # the guard refused at connect time: nothing reached the server


def test_allowed_page_is_fetched_and_extracted(httpserver, allow_local):
    url = _page_route(httpserver)
    art = fetch_article(url, allow_local)
    assert art.meta.title.startswith("Water treaty talks resume")
    assert "water treaty" in art.text and "Copyright" not in art.text
    req = httpserver.requests_to("/article")[0]
    assert req.headers["user-agent"].startswith("briefbot/")


def test_every_redirect_hop_is_checked(httpserver, http_settings):
    _page_route(httpserver)
    # allowed by host name only; the redirect goes to the same server by its address, which is not allowed
    http_settings.http.allow_private = ["localhost"]
    start = httpserver.add("/go", status=302, headers={"Location": httpserver.url("/article")})
    with pytest.raises(UnsafeURLError, match="127.0.0.1"):
        fetch_article(start.replace("127.0.0.1", "localhost"), http_settings)
    assert [r.path for r in httpserver.requests] == ["/go"]


def test_redirect_to_another_scheme_is_refused(httpserver, allow_local):
    url = httpserver.add("/ftp", status=301, headers={"Location": "ftp://example.com/file"})
    with pytest.raises(FetchError, match="only http and https"):
        fetch_article(url, allow_local)


def test_non_html_is_refused_without_reading_the_body(httpserver, allow_local):
    url = httpserver.add("/image", content_type="image/png", endless=True)
    with pytest.raises(FetchError, match="not an HTML page") as err:
        fetch_article(url, allow_local)
    assert err.value.kind == "content-type"
    url = httpserver.add("/json", b'{"a": 1}', content_type="application/json")
    with pytest.raises(FetchError, match="application/json"):
        fetch_article(url, allow_local)


def test_body_without_content_type_must_look_like_html(httpserver, allow_local):
    url = httpserver.add("/bin", b"\x00\x01binary", content_type=None)
    with pytest.raises(FetchError, match="not an HTML page"):
        fetch_article(url, allow_local)


def test_declared_too_large_is_refused_at_once(httpserver, allow_local):
    url = httpserver.add("/big", endless=True, declared_length=10 * 1024**3)
    with pytest.raises(FetchError, match="10,737,418,240 bytes declared") as err:
        fetch_article(url, allow_local)
    assert err.value.kind == "too-large"


def test_endless_body_is_aborted_at_the_cap_without_memory_growth(httpserver, allow_local):
    url = httpserver.add("/endless", endless=True)
    cap = allow_local.http.max_bytes
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="too large") as err:
            fetch_article(url, allow_local)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.value.kind == "too-large"
    assert peak < 8 * cap + 2 * 1024 * 1024, peak
    # the server stops being read soon after the cap: far from the 10 GB it offered
    assert httpserver.bytes_sent < 64 * 1024 * 1024


def test_hanging_server_times_out(httpserver, allow_local):
    url = httpserver.add("/hang", hang=True)
    with pytest.raises(FetchError, match="timed out") as err:
        fetch_article(url, allow_local)
    assert err.value.kind == "timeout"


def test_trickling_server_hits_the_total_deadline(httpserver, allow_local):
    url = httpserver.add("/slow", article_page("x", article_body("x")), delay=0.3)
    allow_local.http.timeout = 5
    allow_local.http.total_timeout = 0.1
    with pytest.raises(FetchError, match="no complete response") as err:
        fetch_article(url, allow_local)
    assert err.value.kind == "timeout"


def test_redirect_loop_stops_at_the_limit(httpserver, allow_local):
    url = httpserver.add("/loop", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 3 redirects") as err:
        fetch_article(url, allow_local)
    assert err.value.kind == "redirects"
    assert len(httpserver.requests_to("/loop")) == 4


def test_http_errors_and_unreachable_hosts_say_so(httpserver, allow_local):
    url = httpserver.add("/gone", b"gone", status=410)
    with pytest.raises(FetchError, match="HTTP 410"):
        fetch_article(url, allow_local)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free_port = s.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect") as err:
        fetch_article(f"http://127.0.0.1:{free_port}/x", allow_local)
    assert err.value.kind == "connect"


def test_guarded_client_refuses_at_connect_time(httpserver, http_settings):
    """The guard sits in the connection layer, so any request through the client is checked."""
    url = httpserver.add("/x", b"hello")

    async def go():
        async with guarded_client(http_settings) as client:
            return await client.get(url)

    with pytest.raises(UnsafeURLError):
        asyncio.run(go())
    assert httpserver.requests == []


# -- every spelling of loopback, every address of a name, every lookup ------------------------------


@pytest.mark.parametrize("host", ["[::1]", "2130706433", "0x7f000001", "127.1", "[::ffff:127.0.0.1]", "localhost", "127.0.0.1"])
def test_every_spelling_of_loopback_is_refused(httpserver, http_settings, host):
    url = httpserver.add("/feed.xml", b"<rss/>", content_type="application/rss+xml").replace("127.0.0.1", host)
    with pytest.raises(UnsafeURLError, match="loopback") as err:
        asyncio.run(_get(http_settings, url))
    assert err.value.kind == "unsafe"
    assert httpserver.requests == []


@pytest.mark.parametrize("url", ["http://:80/x", "http://user@/x", "https://:443"])
def test_a_netloc_without_a_host_name_is_refused(url, http_settings):
    with pytest.raises(UnsafeURLError, match="no host name"):
        check_url(url)
    with pytest.raises(UnsafeURLError, match="no host name"):  # and by the client's transport itself
        asyncio.run(_get(http_settings, url))


async def _get(settings, url, **kw):
    async with guarded_client(settings, **kw) as client:
        return await fetch(client, url, settings)


@pytest.mark.parametrize("answer", [["127.0.0.2", "127.0.0.1"], ["127.0.0.1", "127.0.0.2"]])
def test_every_resolved_address_is_checked(httpserver, http_settings, dns, answer):
    """A name with one allowed and one refused address is refused, whichever comes first:
    checking only one of them would connect to 127.0.0.2 (nothing listens), then to 127.0.0.1."""
    http_settings.http.allow_private = ["127.0.0.2"]
    dns.answers["multi.test"] = [answer]
    url = httpserver.add("/x", b"hello").replace("127.0.0.1", "multi.test")
    with pytest.raises(UnsafeURLError, match=r"multi.test resolves to 127\.0\.0\.1, which is a loopback"):
        asyncio.run(_get(http_settings, url))
    assert httpserver.requests == []


def test_the_checked_address_is_the_one_connected_to(httpserver, http_settings, dns):
    """DNS rebinding: the first lookup gives an allowed address, any later one the refused
    127.0.0.1. The guard connects to the address it checked (127.0.0.2, where nothing listens),
    never to the name again, so the server on 127.0.0.1 sees nothing."""
    http_settings.http.allow_private = ["127.0.0.2"]
    dns.answers["rebind.test"] = [["127.0.0.2"], ["127.0.0.1"]]
    url = httpserver.add("/x", b"hello").replace("127.0.0.1", "rebind.test")
    with pytest.raises(FetchError, match="cannot connect") as err:
        asyncio.run(_get(http_settings, url))
    assert err.value.kind == "connect"
    assert dns.lookups == ["rebind.test"]  # looked up once, by the guard
    assert httpserver.requests == []


def test_an_allowed_name_is_fetched_at_its_checked_address(httpserver, http_settings, dns):
    http_settings.http.allow_private = ["127.0.0.1"]
    dns.answers["intranet.test"] = [["127.0.0.1"]]
    url = httpserver.add("/x", b"hello").replace("127.0.0.1", "intranet.test")
    assert asyncio.run(_get(http_settings, url)).content == b"hello"
    assert httpserver.requests_to("/x")[0].headers["host"].startswith("intranet.test")


def test_proxy_variables_are_ignored(httpserver, http_settings, dns, monkeypatch):
    """An HTTP_PROXY in the environment would connect for us, around the address check: the
    guarded client does not use it. Here the "proxy" is the local server: it must see nothing."""
    proxy = httpserver.url("")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, proxy)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    dns.answers["inside.test"] = [["10.1.2.3"]]
    with pytest.raises(UnsafeURLError, match="private"):
        asyncio.run(_get(http_settings, "http://inside.test/secret"))
    assert httpserver.requests == []


def test_sent_requests_are_counted_refused_ones_are_not(httpserver, allow_local):
    url = httpserver.add("/x", b"hello")
    sent = []
    assert asyncio.run(_get(allow_local, url, on_sent=lambda: sent.append(1))).content == b"hello"
    allow_local.http.allow_private = []
    with pytest.raises(UnsafeURLError):
        asyncio.run(_get(allow_local, url, on_sent=lambda: sent.append(1)))
    assert len(sent) == 1


def test_check_url_strips_what_people_paste_around_a_url():
    assert check_url("  https://example.org/a \n") == "https://example.org/a"
    with pytest.raises(UnsafeURLError, match="only http"):
        check_url(None)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "javascript:alert(1)", "http://:80/x"])
def test_fetch_article_refuses_before_any_client_is_made(url, http_settings):
    """The user-facing wording comes from check_url, before fetch's own scheme check."""
    with pytest.raises(UnsafeURLError, match="refused: ") as err:
        fetch_article(url, http_settings)
    assert err.value.kind == "unsafe"


def test_allow_list_networks_may_have_host_bits_set():
    AddressPolicy(["10.1.2.3/8"]).check("wiki", ipaddress.ip_address("10.9.9.9"))


def test_a_name_that_does_not_resolve_says_so(http_settings, dns):
    dns.answers["nowhere.test"] = None
    with pytest.raises(FetchError, match="cannot resolve host name nowhere.test") as err:
        asyncio.run(_get(http_settings, "http://nowhere.test/x"))
    assert err.value.kind == "connect"


def test_a_request_sent_then_timed_out_counts_as_sent(httpserver, allow_local):
    url = httpserver.add("/hang", hang=True)
    sent = []
    with pytest.raises(FetchError, match="timed out"):
        asyncio.run(_get(allow_local, url, on_sent=lambda: sent.append(1)))
    assert sent == [1]


def test_allow_list_entries_are_trimmed():
    policy = AddressPolicy([" 10.0.0.0/8 ", " Intranet.Local. "])
    policy.check("wiki", ipaddress.ip_address("10.9.9.9"))
    policy.check("intranet.local", ipaddress.ip_address("192.168.1.1"))


def test_a_name_without_addresses_is_a_connect_error(http_settings, dns):
    dns.answers["empty.test"] = [[]]
    with pytest.raises(FetchError, match="no address for empty.test") as err:
        asyncio.run(_get(http_settings, "http://empty.test/x"))
    assert err.value.kind == "connect"


def test_a_failed_connection_says_why(httpserver, http_settings, dns):
    http_settings.http.allow_private = ["127.0.0.2"]
    dns.answers["down.test"] = [["127.0.0.2"]]  # allowed, but nothing listens there
    with pytest.raises(FetchError, match="cannot connect to down.test") as err:
        asyncio.run(_get(http_settings, httpserver.url("/x", host="down.test")))
    assert "no address" not in str(err.value)  # the real cause (connection refused), not a generic line


def test_the_transport_refuses_other_schemes_itself(http_settings):
    """Even a request that skips fetch()'s own scheme check is refused by the guard."""

    async def go():
        async with guarded_client(http_settings) as client:
            return await client.get("ftp://example.com/file")

    with pytest.raises(UnsafeURLError, match="only http"):
        asyncio.run(go())
