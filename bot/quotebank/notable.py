"""The digest's "Who said what": the period's most notable quotes, at most one per speaker.

Chosen from the full briefs of a digest's stories (no database needed). Only quotes with a
named speaker count; named experts and officials (a role with a word such as minister,
governor, economist, analyst or professor) come first, then other speakers with a role, then
the rest; among equals, a quote of a readable length (40–300 characters) and an earlier story
(digest stories are ranked) win.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.quotebank.names import role_words
from summarizers.model import Brief

MAX_NOTABLE = 5
EXPERT_WORDS = frozenset(
    "minister secretary president governor senator representative congressman congresswoman mayor ambassador "
    "commissioner director official spokesman spokeswoman spokesperson economist analyst professor fellow "
    "researcher scholar expert chief head chair chairman chairwoman lawyer judge general adviser advisor "
    "deputy envoy lawmaker leader".split()
)


@dataclass(frozen=True)
class NotableQuote:
    """A quote for the "Who said what" section, with the story's outlet and link."""

    text: str
    speaker: str
    role: str | None
    outlet: str | None
    url: str | None


def _rank(role: str | None, text: str, story: int) -> tuple:
    words = role_words(role)
    kind = 0 if words & EXPERT_WORDS else 1 if words else 2
    readable = 0 if 40 <= len(text) <= 300 else 1
    return kind, readable, story


def notable_quotes(briefs: list[Brief], limit: int = MAX_NOTABLE) -> list[NotableQuote]:
    """At most ``limit`` quotes from ``briefs`` (digest stories in rank order), one per speaker,
    named experts and officials first."""
    best: dict[str, tuple[tuple, NotableQuote]] = {}
    for n, brief in enumerate(briefs):
        for q in brief.quotes:
            if not q.speaker or not q.text.strip():
                continue
            key = " ".join(q.speaker.casefold().split())
            rank = _rank(q.speaker_role, q.text, n)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, NotableQuote(" ".join(q.text.split()), q.speaker, q.speaker_role,
                                                brief.article.source, brief.article.url))
    return [quote for _, quote in sorted(best.values(), key=lambda item: item[0])[:limit]]
