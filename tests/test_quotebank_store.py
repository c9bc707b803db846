"""The quote bank on SQLite and PostgreSQL: rows stored once per brief, replaced on re-briefing,
one speaker across articles and outlets, two people with one surname kept apart, search by words."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.quotebank.models import BankActor, BankEntry, BankIssue, BankQuote, Speaker
from bot.quotebank.queries import by_speaker, find_quotes, find_speakers, speaker_record
from tests.quotebank_helpers import NOW, put_brief_for, stored_brief

AMLO = "Andrés Manuel López Obrador"


def _count(store, model) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _speaker_of(store, text: str) -> str | None:
    with store.session() as s:
        return s.scalar(select(Speaker.name).join(BankQuote, BankQuote.speaker_id == Speaker.id).where(BankQuote.text == text))


def test_one_person_across_articles_and_outlets(store):
    stored_brief(store, "usmx", n=1, outlet="Wire A", days_ago=3,
                 actors=[(AMLO, "person", "President of Mexico")],
                 quotes=[("We will defend our sovereignty", AMLO, "President of Mexico")], issues=["diplomacy"])
    stored_brief(store, "usmx", n=2, outlet="Paper B", days_ago=2,
                 actors=[("Lopez Obrador", "person", "Mexican President")],
                 quotes=[("Mexico is not a colony", "Lopez Obrador", "Mexican President")])
    stored_brief(store, "usmx", n=3, outlet="Radio C", days_ago=1,
                 actors=[("Mexican President Lopez Obrador", "person", None)],
                 quotes=[("Talks will go on", "Mexican President Lopez Obrador", None)])
    with store.session() as s:
        people = s.scalars(select(Speaker).where(Speaker.kind == "person")).all()
        assert [p.name for p in people] == [AMLO]
        hits = find_quotes(s, topic="usmx", since=NOW - timedelta(days=7))
    groups = by_speaker(hits)
    assert len(groups) == 1 and groups[0].name == AMLO and len(groups[0].quotes) == 3
    assert {h.outlet for h in hits} == {"Wire A", "Paper B", "Radio C"}
    assert all(h.url.startswith("https://") for h in hits)


def test_two_people_with_one_surname_stay_apart(store):
    stored_brief(store, "usmx", n=1, outlet="A", days_ago=5, actors=[("María García", "person", "economist at the Colegio de México")],
                 quotes=[("Remittances are resilient", "María García", "economist at the Colegio de México")])
    stored_brief(store, "usmx", n=2, outlet="B", days_ago=4, actors=[("Luis Garcia", "person", "senator from Sonora")],
                 quotes=[("The border needs more agents", "Luis Garcia", "senator from Sonora")])
    # a bare surname goes to the one whose role fits ...
    stored_brief(store, "usmx", n=3, outlet="C", days_ago=3, actors=[("Garcia", "person", "the senator")],
                 quotes=[("We will vote no", "Garcia", "the senator")])
    stored_brief(store, "usmx", n=4, outlet="D", days_ago=2, actors=[("Garcia", "person", "an economist")],
                 quotes=[("Inflation is easing", "Garcia", "an economist")])
    # ... and to neither when nothing says which (never to the wrong one)
    stored_brief(store, "usmx", n=5, outlet="E", days_ago=1, actors=[("Garcia", "person", None)],
                 quotes=[("No comment", "Garcia", None)])
    assert _speaker_of(store, "We will vote no") == "Luis Garcia"
    assert _speaker_of(store, "Inflation is easing") == "María García"
    assert _speaker_of(store, "No comment") not in ("Luis Garcia", "María García")
    assert _speaker_of(store, "Remittances are resilient") != _speaker_of(store, "The border needs more agents")


def test_rebriefing_replaces_rows_never_duplicates(store):
    aid = stored_brief(store, "usmx", n=1, outlet="A", days_ago=1, actors=[("Ana Torres", "person", "foreign minister")],
                       quotes=[("Old words", "Ana Torres", "foreign minister")], issues=["trade", "migration"])
    put_brief_for(store, aid, "usmx", key="engine-a", actors=[("Ana Torres", "person", "foreign minister")],
                  quotes=[("Old words", "Ana Torres", "foreign minister")], issues=["trade", "migration"])
    assert (_count(store, BankEntry), _count(store, BankQuote), _count(store, BankIssue)) == (1, 1, 2)
    put_brief_for(store, aid, "usmx", key="engine-b", actors=[("Ana Torres", "person", "foreign minister")],
                  quotes=[("New words", "Ana Torres", None), ("More words", "Ana Torres", None)], issues=["trade"])
    assert (_count(store, BankEntry), _count(store, BankQuote), _count(store, BankIssue), _count(store, BankActor)) == (1, 2, 1, 1)
    with store.session() as s:
        assert s.scalar(select(BankEntry.settings_key)) == "engine-b"
        assert {h.text for h in find_quotes(s, about="words")} == {"New words", "More words"}  # the index follows


def test_article_in_two_topics_lists_each_quote_once_by_speaker(store):
    stored_brief(store, "usmx", n=1, outlet="A", days_ago=1, actors=[("Ana Torres", "person", "foreign minister")],
                 quotes=[("Trade must stay open", "Ana Torres", "foreign minister")], extra_topics=("world",))
    with store.session() as s:
        [match] = find_speakers(s, "Torres")
        assert len(find_quotes(s, speaker_ids=[match.speaker_id])) == 1
        assert len(find_quotes(s, topic="world")) == 1


def test_search_by_words_stems_and_ignores_accents(store):
    text = ("The minister spoke on Monday. “Tariffs on steel would hurt both economies,” Ana Torres told reporters "
            "in Monterrey. Later she met the ambassador.")
    stored_brief(store, "usmx", n=1, outlet="A", days_ago=1, text=text, actors=[("Ana Torres", "person", None)],
                 quotes=[("Tariffs on steel would hurt both economies,", "Ana Torres", None)])
    stored_brief(store, "usmx", n=2, outlet="B", days_ago=1, quotes=[("La economía de México crece", "Rosa Peña", None)])
    with store.session() as s:
        assert [h.speaker for h in find_quotes(s, about="tariff")] == ["Ana Torres"]
        assert [h.speaker for h in find_quotes(s, about="steel economy")] == ["Ana Torres"]  # stemmed, all words
        assert find_quotes(s, about="monterrey")[0].speaker == "Ana Torres"  # found in the sentence around it
        assert find_quotes(s, about="steel coal") == []
        assert find_quotes(s, about="\"'); drop table bank_quotes; --") == []  # words only, no syntax
        [hit] = find_quotes(s, about="Tariffs")
        assert hit.context.startswith("“Tariffs on steel") and hit.context.endswith("told reporters in Monterrey.")


def test_find_speakers_full_partial_accent_free_and_ambiguous(store):
    stored_brief(store, "usmx", n=1, outlet="A", days_ago=10, actors=[("Samir Abed-Rabbo", "person", "analyst")],
                 quotes=[("Q1", "Samir Abed-Rabbo", "analyst")])
    stored_brief(store, "usmx", n=2, outlet="B", days_ago=2, actors=[("Lucía Ferrer", "person", "deputy governor")],
                 quotes=[("Q2", "Lucía Ferrer", "deputy governor"), ("Q3", "Lucía Ferrer", "deputy governor")])
    stored_brief(store, "usmx", n=3, outlet="C", days_ago=1, actors=[("Pablo Ferrer", "person", "mayor")],
                 quotes=[("Q4", "Pablo Ferrer", "mayor")])
    with store.session() as s:
        assert [m.name for m in find_speakers(s, "Abed")] == ["Samir Abed-Rabbo"]
        assert [m.name for m in find_speakers(s, "lucia ferrer")] == ["Lucía Ferrer"]
        assert [m.name for m in find_speakers(s, "Dr. LUCÍA Ferrer")] == ["Lucía Ferrer"]
        assert [m.name for m in find_speakers(s, "Ferrer")] == ["Lucía Ferrer", "Pablo Ferrer"]  # most quoted first
        assert find_speakers(s, "Nobody") == []
        [lucia] = find_speakers(s, "Lucia")
        record = speaker_record(s, lucia, NOW, weeks=4)
    assert [q.text for q in record.latest] == ["Q2", "Q3"] and record.total_quotes == 2
    assert record.roles[0][0] == "deputy governor" and record.topics == [("usmx", 1)]
    assert [n for _, n in record.weekly] == [0, 0, 0, 2]


def test_catch_up_briefs_missing_articles_once_and_marks_refused_ones(store):
    from bot.quotebank.catchup import catch_up
    from config.topics import load_topics
    from summarizers.errors import EmptyTextError
    from tests.fakes.engine import TinyEngine
    from tests.fakes.seed import add_article

    class Picky(TinyEngine):
        def brief(self, article, topic):
            if "refuse" in article.text:
                self.calls += 1
                raise EmptyTextError("no article text left after cleaning")
            return super().brief(article, topic)

    topic = load_topics()["usmx"]
    for i in range(4):
        add_article(store, "usmx", title=f"T{i}", url=f"https://a.example/{i}", published=NOW - timedelta(days=i),
                    text=("refuse this" if i == 3 else f'"Trade talks go on {i}," said Ana Torres. More text.'))
    engine = Picky()
    done = catch_up(store, engine, topic, NOW - timedelta(days=30), limit=2)
    assert (done.briefed, done.refused, done.left) == (2, 0, 2)
    done = catch_up(store, engine, topic, NOW - timedelta(days=30), limit=10)
    assert (done.briefed, done.refused, done.left) == (1, 1, 0)
    assert catch_up(store, engine, topic, NOW - timedelta(days=30)).briefed == 0 and engine.calls == 4  # nothing retried
    with store.session() as s:
        assert len(find_quotes(s, topic="usmx", speaker_ids=[find_speakers(s, "Torres")[0].speaker_id])) == 3


def test_who_said_what_prefers_named_experts_one_quote_each():
    from bot.quotebank.notable import notable_quotes
    from summarizers.model import ArticleMeta, Brief, Quote

    def brief(n, quotes):
        return Brief("usmx", ArticleMeta(title=f"S{n}", url=f"https://n.example/{n}", source=f"Outlet {n}"),
                     quotes=[Quote(*q) for q in quotes])

    picked = notable_quotes([
        brief(1, [("We saw it coming, and we said so at the time to everyone", "Rosa Medina", None),
                  ("Unattributed words that nobody said out loud today", None, None)]),
        brief(2, [("Remittances are the most stable source of dollars we have", "Lucía Ferrer", "deputy governor"),
                  ("Short", "Lucía Ferrer", "deputy governor"),
                  ("The fee will not change how many people cross the border", "Tomás Aguirre", "senior fellow")]),
    ])
    assert [q.speaker for q in picked] == ["Lucía Ferrer", "Tomás Aguirre", "Rosa Medina"]
    assert picked[0].text.startswith("Remittances") and picked[0].outlet == "Outlet 2" and picked[0].url == "https://n.example/2"
