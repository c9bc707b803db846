"""Briefs and digests written for tests: a short realistic one and pathological long ones."""

from __future__ import annotations

from bot.core.replies import Digest, DigestStory
from summarizers.model import Actor, ArticleMeta, Brief, Issue, Quote


def short_brief(topic: str = "usmx") -> Brief:
    return Brief(
        topic=topic,
        article=ArticleMeta(title="Mexico & US agree <border> talks", url="https://news.example/a?x=1&y=2",
                            source="Example Wire", published="2024-05-01T12:00:00+00:00"),
        summary=["Officials from Mexico and the US met on Monday.", "They discussed migration & fentanyl."],
        actors=[Actor("Ana Torres", "person", "Mexican foreign minister", 4),
                Actor("John Reed", "person", "US envoy", 2),
                Actor("Mexico", "place", None, 5)],
        issues=[Issue("migration", 0.9), Issue("drug trafficking", 0.6)],
        quotes=[Quote("We will not accept <any> tariffs & threats", "Ana Torres", "Mexican foreign minister"),
                Quote("Talks were productive", None, None)],
    )


def long_brief(topic: str = "usmx", scale: int = 1) -> Brief:
    word = "policy&<reform> "
    return Brief(
        topic=topic,
        article=ArticleMeta(title="T" * 400 + " & <title>", url="https://news.example/" + "p" * 500,
                            source="S" * 300, published="2024-05-01"),
        summary=[f"Sentence {i} " + word * (150 * scale) for i in range(20)],
        actors=[Actor(f"Person {i} " + "N" * 300, "person", "R" * 1500, i) for i in range(60)],
        issues=[Issue(f"issue {i} " + "L" * 300, 1 / (i + 1)) for i in range(40)],
        quotes=[Quote(f"Quote {i} " + "q " * 2500, f"Speaker {i} " + "X" * 400, "role " * 200) for i in range(70)],
    )


def digest(n: int, *, long: bool = False) -> Digest:
    make = long_brief if long else short_brief
    stories = [DigestStory(make(), sources=[("Example Wire", f"https://news.example/{i}"), ("Other Outlet", None)],
                           article_ids=[i]) for i in range(n)]
    return Digest(topic="usmx", title="US–Mexico relations: daily digest", stories=stories,
                  leading_actors=[Actor("Ana Torres", "person", "Mexican foreign minister", 9)] * 30,
                  leading_issues=[Issue("migration", 0.9)] * 30, period="since 08:00 yesterday", digest_id="d1")
