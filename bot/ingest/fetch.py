"""HTTP GET with the limits every briefbot fetch obeys (httpx, async).

- timeouts: ``settings.http.timeout`` seconds per connect/read/write/pool step and
  ``settings.http.total_timeout`` for the whole response, so a server that trickles bytes
  cannot hold a fetch forever;
- a size cap: ``settings.http.max_bytes`` of (decoded) body; the body is streamed and the
  fetch aborted as soon as the cap is passed (or at once when Content-Length says so), so
  an endless response costs at most the cap in memory;
- redirects followed by hand, at most ``settings.http.max_redirects``, each hop checked to
  be http(s) and sent through the same client, whose transport checks its address
  (the client comes from :func:`bot.ingest.safety.guarded_client`, the only one briefbot uses);
- a clear User-Agent; conditional GET via the ``headers`` argument (``If-None-Match``,
  ``If-Modified-Since``); a 304 is returned as such, with an empty body.

Every failure is a :class:`FetchError` whose message says what went wrong, for logs and users.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A fetch failed; ``kind`` is one of ``timeout``, ``too-large``, ``redirects``, ``status``,
    ``connect``, ``scheme``, ``unsafe``, ``content-type``, ``protocol``; ``str(err)`` explains."""

    def __init__(self, message: str, kind: str = "protocol", status: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.status = status


@dataclass(frozen=True)
class FetchResult:
    """A response: ``url`` after redirects, ``status`` (200-299 or 304), headers, body bytes."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    redirects: int = 0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type, lower-case, without parameters ('' when absent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset parameter of Content-Type, or None."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"').lower()
        return None


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {scheme or 'a relative URL'}: {url}", "scheme")


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    settings,
    *,
    headers: dict[str, str] | None = None,
    check_response: Callable[[httpx.Response], None] | None = None,
) -> FetchResult:
    """GET ``url`` within the limits of ``settings.http`` (see the module docs).

    ``headers`` are sent on every hop (e.g. conditional-GET validators). ``check_response``
    may raise :class:`FetchError` after the headers of the final response arrive, before
    the body is read (e.g. to refuse a content type). Returns a :class:`FetchResult` for
    2xx and 304; raises :class:`FetchError` for everything else.
    """
    http = settings.http
    try:
        async with asyncio.timeout(http.total_timeout):
            return await _fetch(client, url, http, headers or {}, check_response)
    except TimeoutError as exc:
        raise FetchError(f"no complete response from {url} within {http.total_timeout:g} s", "timeout") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {http.timeout:g} s waiting for {url} ({type(exc).__name__})", "timeout") from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect to {urlsplit(url).netloc}: {exc or type(exc).__name__}", "connect") from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"invalid URL {url}: {exc}", "scheme") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"HTTP error from {url}: {exc or type(exc).__name__}", "protocol") from exc


async def _fetch(client, url, http, headers, check_response) -> FetchResult:
    current = url
    for hop in range(http.max_redirects + 1):
        _check_scheme(current)
        request = client.build_request("GET", current, headers=headers)
        response = await client.send(request, stream=True)
        try:
            if response.status_code in REDIRECT_CODES and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            if response.status_code == 304:
                return FetchResult(current, 304, response.headers, b"", hop)
            if not 200 <= response.status_code < 300:
                raise FetchError(
                    f"{current} answered HTTP {response.status_code} {response.reason_phrase}".rstrip(),
                    "status",
                    response.status_code,
                )
            if check_response is not None:
                check_response(response)
            body = await read_capped(response, http.max_bytes)
            return FetchResult(current, response.status_code, response.headers, body, hop)
        finally:
            await response.aclose()
    raise FetchError(f"more than {http.max_redirects} redirects from {url} (a redirect loop?)", "redirects")


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The body of a streamed ``response``, or :class:`FetchError` as soon as it passes ``max_bytes``."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            f"{response.url} is too large: {int(declared):,} bytes declared, the limit is {max_bytes:,}", "too-large"
        )
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(f"{response.url} is too large: more than {max_bytes:,} bytes, aborted", "too-large")
    return bytes(body)
