"""The one URL guard: every request briefbot makes (feeds, their entries' pages, ``--article``
URLs, ``/brief TOPIC URL``, every redirect hop of each) goes through a client from
:func:`guarded_client`, so no request reaches an internal host.

Rules (each refusal is an :class:`UnsafeURLError` whose message says which rule and why):

- only ``http`` and ``https`` URLs with a host name, on the first request and on every
  redirect (checked by the transport, :class:`GuardedTransport`, for every request it sends);
- every address the host resolves to must be public: loopback, private (RFC 1918, ULA),
  link-local, multicast, reserved, unspecified, shared (CGNAT) and other non-global
  addresses are refused, including IPv4 addresses mapped or tunnelled in IPv6;
- the check is made when the connection is opened, by the network backend of the
  client (:class:`GuardedBackend`), which then connects to the very address it checked.
  A DNS answer cannot change between check and connect (no DNS-rebinding window), and
  redirects are covered because each new connection goes through the same check;
  TLS is still verified against the host name;
- pages must be HTML (``text/html`` or ``application/xhtml+xml``) and at most
  ``settings.http.max_bytes`` (see :mod:`bot.ingest.fetch` for timeouts and redirects);
- ``settings.http.allow_private`` lists host names, addresses or CIDR networks exempt from
  the address rule (tests on 127.0.0.1, intranet sites and feeds): the only way to reach them.

Every spelling of an address is covered because the check is made on what the host name
resolves to, not on its text: ``[::1]``, ``2130706433``, ``0x7f000001``, ``127.1``,
``[::ffff:127.0.0.1]`` and names resolving to 127.0.0.1 are all the loopback address.

Environment proxies are ignored by guarded clients (a proxy would connect for us, unchecked).
Requests the guard refuses, or that never connected, are not counted as sent (``on_sent``).
The guard plugs a custom ``httpcore`` network backend into httpx's transport through its
``_pool`` attribute (httpx offers no public hook for it); ``tests/test_safety.py`` checks it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Callable
from urllib.parse import urlsplit

import httpcore
import httpx

from bot.ingest.fetch import FetchError, fetch
from summarizers.model import ArticleText

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURLError(FetchError):
    """The URL or an address it resolves to is refused by the safety rules."""

    def __init__(self, message: str):
        super().__init__(message, "unsafe")


def address_problem(ip: IPAddress) -> str | None:
    """Why ``ip`` may not be fetched (``"loopback"``, ``"private"``, ...), or None when it is public."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            inner = address_problem(embedded)
            if inner:
                return inner
    for attr, label in (
        ("is_unspecified", "unspecified"),
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved"),
        ("is_private", "private"),
    ):
        if getattr(ip, attr):
            return label
    if not ip.is_global:
        return "non-public"
    return None


class AddressPolicy:
    """Which hosts and addresses may be connected to: public ones, plus ``allow`` entries.

    ``allow`` holds host names (exact, case-insensitive), IP addresses or CIDR networks.
    """

    def __init__(self, allow: list[str] | tuple[str, ...] = ()):
        self.hosts: set[str] = set()
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in allow:
            entry = entry.strip()
            try:
                self.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                if entry:
                    self.hosts.add(entry.lower().rstrip("."))

    def check(self, host: str, ip: IPAddress) -> None:
        """Raise :class:`UnsafeURLError` unless ``host`` at ``ip`` may be connected to."""
        if host.lower().rstrip(".") in self.hosts or any(ip in net for net in self.networks):
            return
        problem = address_problem(ip)
        if problem:
            what = str(ip) if host == str(ip) else f"{host} resolves to {ip}, which"
            article = "an" if problem[0] in "aeiou" else "a"
            raise UnsafeURLError(f"refused: {what} is {article} {problem} address; briefbot only fetches public web pages")

    async def resolve(self, host: str, port: int) -> list[str]:
        """Every address of ``host``, each checked; raises :class:`UnsafeURLError` if any is refused
        and :class:`httpcore.ConnectError` when the name does not resolve."""
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve host name {host}: {exc.strerror or exc}") from exc
        addresses: list[str] = []
        for *_, sockaddr in infos:
            addr = sockaddr[0].split("%", 1)[0]
            self.check(host, ipaddress.ip_address(addr))
            if addr not in addresses:
                addresses.append(addr)
        return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that resolves, checks and connects to the checked address."""

    def __init__(self, policy: AddressPolicy, inner: httpcore.AsyncNetworkBackend | None = None):
        self.policy = policy
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last: Exception | None = None
        for addr in await self.policy.resolve(host, port):
            try:
                return await self.inner.connect_tcp(addr, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        raise UnsafeURLError("refused: unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with its connection pool built on a :class:`GuardedBackend`.

    Each request's URL is checked with :func:`check_url` before it is sent; ``on_sent()`` is
    called for each request that reached a server (not for refused ones or failed connections).
    """

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits, on_sent: Callable[[], None] | None = None):
        super().__init__(limits=limits, trust_env=False)
        self.on_sent = on_sent
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(policy),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if not url.host:  # httpx takes "http://:80/x" for a relative URL: str(url) would hide it
            raise UnsafeURLError("refused: the URL has no host name")
        check_url(str(url))
        try:
            response = await super().handle_async_request(request)
        except (UnsafeURLError, httpx.ConnectError, httpx.ConnectTimeout):
            raise  # never left this machine
        except httpx.HTTPError:
            self._sent()  # sent, then failed (read timeout, dropped connection)
            raise
        self._sent()
        return response

    def _sent(self) -> None:
        if self.on_sent is not None:
            self.on_sent()


def guarded_client(settings, on_sent: Callable[[], None] | None = None) -> httpx.AsyncClient:
    """The :class:`httpx.AsyncClient` every briefbot fetch uses: it only connects to allowed
    addresses (see the module docs), ignores proxy variables, sends briefbot's User-Agent, and
    applies ``settings.http``'s timeout and connection limits.

    Redirects are not followed by the client (:func:`bot.ingest.fetch.fetch` follows them hop
    by hop, each through this client). ``on_sent()`` is called once per request actually sent.
    """
    http = settings.http
    limits = httpx.Limits(max_connections=max(http.concurrency * 2, 10), max_keepalive_connections=http.concurrency)
    return httpx.AsyncClient(
        transport=GuardedTransport(AddressPolicy(http.allow_private), limits, on_sent),
        timeout=httpx.Timeout(http.timeout),
        headers={"User-Agent": http.user_agent},
        follow_redirects=False,
        trust_env=False,
    )


def check_url(url: str) -> str:
    """``url`` stripped, or :class:`UnsafeURLError` when it is not an http(s) URL with a host."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise UnsafeURLError(f"refused: malformed URL {url!r} ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsafeURLError(
            f"refused: only http:// and https:// URLs can be briefed, not {parts.scheme + ':' if parts.scheme else 'this'} ({url!r})"
        )
    if not parts.hostname:
        raise UnsafeURLError(f"refused: the URL has no host name ({url!r})")
    return url


async def fetch_article_async(url: str, settings) -> ArticleText:
    """Fetch the page at ``url`` under the safety rules and extract its article.

    Returns the :class:`ArticleText` (title, author, date, text) from
    :func:`bot.ingest.pages.extract_article`. Raises :class:`UnsafeURLError` for refused URLs
    and addresses, :class:`FetchError` for timeouts, HTTP errors, non-HTML or oversized
    responses, and :class:`bot.ingest.extract.NotAnArticleError` when the page has no article
    text or its text is not an article (:func:`bot.ingest.rules.article_problem`).
    """
    from bot.ingest.pages import extract_article, require_html
    from bot.ingest.rules import require_article

    url = check_url(url)
    async with guarded_client(settings) as client:
        result = await fetch(client, url, settings, check_response=require_html)
    article = await asyncio.to_thread(extract_article, result, settings)
    return require_article(article, getattr(settings, "min_article_words", 0), url)


def fetch_article(url: str, settings) -> ArticleText:
    """Synchronous :func:`fetch_article_async` for the CLI and worker threads (not inside a running loop)."""
    return asyncio.run(fetch_article_async(url, settings))
