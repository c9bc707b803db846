"""URL canonicalisation, so one article is stored once whatever link led to it.

:func:`canonical_url` maps the many spellings of an article's address to one key:

- scheme ``http`` becomes ``https`` (outlets serve the same page on both);
- host lower-cased, IDNA-encoded, a leading ``www.`` kept (it can be a different site)
  but default ports (80, 443) and a trailing dot removed;
- the fragment (``#...``) dropped;
- tracking parameters dropped: every ``utm_*`` and the click ids and share markers
  listed in :data:`TRACKING_PARAMS`; the remaining query sorted;
- percent-escapes normalised (unreserved characters decoded, hex upper-cased);
- empty path becomes ``/``; a trailing ``/`` on a longer path dropped; ``index.html``-style
  endings are left alone (they may be different resources).

The canonical form is a key for equality, not necessarily a URL to fetch (the original link
is kept beside it in the store).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
        "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "hsctatracking",
        "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "rb_clickid", "s_cid",
        "cmpid", "ocid", "ref_src", "ref_url", "smid", "sr_share", "at_medium", "at_campaign",
        "at_custom1", "at_custom2", "at_custom3", "at_custom4", "ito", "CMP", "cmp", "ns_mchannel",
        "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "xtor", "__twitter_impression",
        "spm", "fb_ref", "fb_source", "ftag", "intcmp", "int_source", "wt_mc", "wt_zmc",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
_UNRESERVED = re.compile(r"%([0-9A-Fa-f]{2})")
_KEEP_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class URLError(ValueError):
    """The text is not an absolute http(s) URL; ``str(err)`` says why."""


def is_tracking_param(name: str) -> bool:
    """True when the query parameter ``name`` only tracks the click (utm_*, fbclid, gclid, ...)."""
    low = name.lower()
    return name in TRACKING_PARAMS or low in TRACKING_PARAMS or low.startswith(_TRACKING_PREFIXES)


def _normalise_escapes(part: str) -> str:
    def fix(m: re.Match[str]) -> str:
        ch = chr(int(m.group(1), 16))
        return ch if ch in _KEEP_UNRESERVED else "%" + m.group(1).upper()

    return _UNRESERVED.sub(fix, part)


def _host(hostname: str) -> str:
    host = hostname.rstrip(".").lower()
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def canonical_url(url: str) -> str:
    """The canonical key of ``url`` (see the module docs). Raises :class:`URLError` when ``url``
    is not an absolute http(s) URL with a host.

    >>> canonical_url("http://WWW.Example.com:80/a/b/?utm_source=x&b=2&a=1#top")
    'https://www.example.com/a/b?a=1&b=2'
    """
    if not isinstance(url, str) or not url.strip():
        raise URLError("empty URL")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise URLError(f"malformed URL {url!r}: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise URLError(f"not an http(s) URL: {url!r}")
    if not parts.hostname:
        raise URLError(f"URL has no host: {url!r}")
    host = _host(parts.hostname)
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = _normalise_escapes(quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~"))
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    query = urlencode(sorted(query_pairs), doseq=False)
    return urlunsplit(("https", host, path, query, ""))


def absolute_http_url(url: str | None) -> str | None:
    """``url`` stripped when it is an absolute http(s) URL with a host, else None (no exception)."""
    if not url:
        return None
    try:
        canonical_url(url)
    except URLError:
        return None
    return url.strip()

