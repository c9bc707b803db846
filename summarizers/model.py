"""Value types shared by the brief engine and everything downstream.

A :class:`Brief` is what the engine produces for one article; :meth:`Brief.to_dict`
gives the stable JSON shape documented in the README (``--format json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ActorType = Literal["person", "organization", "place", "group"]


@dataclass(frozen=True)
class ArticleMeta:
    """Bibliographic data of an article; every field may be unknown (None).

    ``published`` is an ISO-8601 string (a date, or a UTC date-time).
    """

    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    author: str | None = None

    def to_dict(self) -> dict:
        return {"title": self.title, "url": self.url, "source": self.source, "published": self.published}


@dataclass(frozen=True)
class ArticleText:
    """An article ready for the engine: its metadata and its body as plain text.

    ``text`` holds paragraphs separated by blank lines (or single newlines); it may
    still carry page furniture, which :mod:`summarizers.textclean` removes.
    """

    meta: ArticleMeta
    text: str


@dataclass(frozen=True)
class Actor:
    """A named entity that acts in the story.

    ``name`` is the canonical (fullest) form found in the text, ``role`` the role or
    affiliation the text gives (or None), ``mentions`` how many times any form occurs.
    ``aside``: a person named once in passing (no role, never a subject or speaker); the
    engine resolves speakers with such people, then leaves them out of the brief.
    """

    name: str
    type: ActorType
    role: str | None = None
    mentions: int = 1
    aliases: tuple[str, ...] = ()
    aside: bool = False

    def to_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "role": self.role, "mentions": self.mentions}


@dataclass(frozen=True)
class Issue:
    """A policy issue with a salience score in [0, 1] (higher is more salient)."""

    label: str
    score: float

    def to_dict(self) -> dict:
        return {"label": self.label, "score": round(float(self.score), 4)}


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the exact words between the quotation marks, and who said them.

    ``speaker`` is the canonical name of an :class:`Actor`, or None when the text does
    not say who spoke (never guessed).
    """

    text: str
    speaker: str | None = None
    speaker_role: str | None = None

    def to_dict(self) -> dict:
        return {"text": self.text, "speaker": self.speaker, "speaker_role": self.speaker_role}


@dataclass(frozen=True)
class Brief:
    """The brief of one article for one topic."""

    topic: str
    article: ArticleMeta
    summary: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The documented JSON shape: topic, article, summary, actors, issues, quotes."""
        return {
            "topic": self.topic,
            "article": self.article.to_dict(),
            "summary": list(self.summary),
            "actors": [a.to_dict() for a in self.actors],
            "issues": [i.to_dict() for i in self.issues],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Brief":
        """Rebuild a brief from :meth:`to_dict` output (used by the brief cache).

        Raises KeyError or TypeError when ``data`` does not have the documented shape.
        """
        art = data["article"]
        return cls(
            topic=data["topic"],
            article=ArticleMeta(art.get("title"), art.get("url"), art.get("source"), art.get("published")),
            summary=list(data["summary"]),
            actors=[Actor(a["name"], a["type"], a.get("role"), int(a.get("mentions", 1))) for a in data["actors"]],
            issues=[Issue(i["label"], float(i["score"])) for i in data["issues"]],
            quotes=[Quote(q["text"], q.get("speaker"), q.get("speaker_role")) for q in data["quotes"]],
        )
