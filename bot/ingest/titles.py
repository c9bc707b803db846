"""Page titles without their site decoration: ``Mexico rejects tariffs | DW | 19.01.2020`` →
``Mexico rejects tariffs``.

A page's ``<title>`` often appends the site's name, a section or a date. The headline is kept
and trailing parts are removed when they are:

- after a ``|`` (``Headline | DW``, ``Headline | World | Example News``): a pipe is page
  decoration in practice, never part of a headline, so everything from the first one goes;
- after `` - ``, `` – ``, `` — ``, `` :: `` or `` · ``: only a part that names the site (its name
  or host, as trafilatura found them), is a date, or is a well-known decoration such as
  ``BBC News``; a dash inside a headline ("Mexico - US talks resume") is kept.

The headline left must keep at least two words, else the title is returned unchanged.
"""

from __future__ import annotations

import re

_PIPE = re.compile(r"\s+[|｜]\s+")
_DASHES = re.compile(r"\s+(?:-|–|—|::|·)\s+")
_DATE = re.compile(r"^\d{1,4}([./-])\d{1,2}\1\d{1,4}$|^\d{1,2}\.? \w+ \d{4}$|^\w+ \d{1,2},? \d{4}$")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _names_site(part: str, site_names: list[str]) -> bool:
    key = _norm(part)
    if not key:
        return True
    if _DATE.match(part.strip()):
        return True
    for name in site_names:
        other = _norm(re.sub(r"^www\.|\.(com|org|net|de|co\.uk|uk|fr|es|mx|br)$", "", name.lower()))
        if other and (key == other or key in other or other in key):
            return True
    return False


def clean_title(title: str | None, *site_names: str | None) -> str | None:
    """``title`` without the site name, section or date a page adds to it (see the module
    docs); ``site_names`` are the site's name and host when known. None stays None."""
    if not title:
        return title
    names = [n for n in site_names if n]
    head = _PIPE.split(title.strip(), maxsplit=1)[0].strip()
    if len(head.split()) < 2:
        head = title.strip()
    while True:
        parts = _DASHES.split(head)
        if len(parts) < 2:
            break
        last = parts[-1]
        rest = head[: head.rfind(last)].rstrip()
        rest = re.sub(r"\s+(?:-|–|—|::|·)$", "", rest).strip()
        if len(rest.split()) < 2 or not _names_site(last, names):
            break
        head = rest
    return head
