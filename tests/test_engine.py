"""The brief engine end to end on text written for the tests and the bundled sample."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from config.topics import get_topic
from summarizers.engine import BriefEngine, cap_paragraphs
from summarizers.errors import EmptyTextError, NotEnglishError
from summarizers.model import ArticleMeta, ArticleText

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine():
    return BriefEngine(sentences=3)


@pytest.fixture(scope="module")
def sample():
    from bot.cli.brief import sample_path
    from bot.ingest.files import load_article

    return load_article(sample_path("usmx"))


def test_brief_of_the_sample(engine, sample):
    brief = engine.brief(sample, get_topic("usmx"))
    data = brief.to_dict()
    assert list(data) == ["topic", "article", "summary", "actors", "issues", "quotes"]
    assert data["topic"] == "usmx"
    assert data["article"]["title"].startswith("US and Mexico agree")
    assert len(data["summary"]) == 3
    assert all(s in sample.text for s in data["summary"])
    names = [a["name"] for a in data["actors"][:8]]
    assert "Daniel Whitfield" in names and "Elena Castañeda Ruiz" in names
    labels = [i["label"] for i in data["issues"][:8]]
    for label in ("drug trafficking", "water", "trade", "migration"):
        assert label in labels
    assert data["quotes"], "the sample has direct quotes"


def test_sentences_setting_and_taxonomy_dict(sample):
    brief = BriefEngine(summarizer="lead", sentences=1).brief(sample, {"water": ["water", "drought", "rio grande"]})
    assert len(brief.summary) == 1
    assert brief.issues[0].label == "water"
    assert brief.topic == ""


def test_no_topic_gives_keyphrase_issues(engine, sample):
    brief = engine.brief(sample, None)
    assert brief.issues and "task force" in [i.label for i in brief.issues]


def test_empty_after_cleaning_raises(engine):
    with pytest.raises(EmptyTextError):
        engine.brief(ArticleText(ArticleMeta(), "1. Skip to content\n2. Skip to main menu\n\n   \n"), None)


def test_non_english_raises(engine):
    text = ("Der mexikanische Präsident reist am Dienstag nach Washington. Er will mit der Regierung über "
            "Migration, Handel und die Sicherheit an der Grenze sprechen, sagte ein Sprecher in Mexiko-Stadt.")
    with pytest.raises(NotEnglishError, match="German"):
        engine.brief(ArticleText(ArticleMeta(title="Besuch"), text), None)


def test_long_text_is_capped_and_flagged(sample):
    small = BriefEngine(max_chars=900)
    brief = small.brief(sample, get_topic("usmx"))
    assert small.last_truncated
    assert brief.summary
    full = BriefEngine()
    full.brief(sample, None)
    assert not full.last_truncated


def test_cap_paragraphs_cuts_at_a_sentence_end():
    paras = ["One two three. Four five six.", "Seven eight nine. Ten eleven twelve."]
    assert cap_paragraphs(paras, 1000) == (paras, False)
    out, cut = cap_paragraphs(paras, 50)
    assert cut and out == ["One two three. Four five six.", "Seven eight nine."]


def test_settings_key_is_stable_and_tracks_settings():
    a, b = BriefEngine(), BriefEngine()
    assert a.settings_key == b.settings_key and len(a.settings_key) == 64
    assert BriefEngine(summarizer="lexrank").settings_key != a.settings_key
    assert BriefEngine(sentences=4).settings_key != a.settings_key
    assert BriefEngine(model="en_core_web_md").settings_key != a.settings_key


def test_bad_settings_are_rejected():
    with pytest.raises(ValueError, match="Known summarizers"):
        BriefEngine(summarizer="gpt")
    with pytest.raises(ValueError):
        BriefEngine(sentences=0)


def test_engine_runs_in_worker_threads(engine, sample):
    topic = get_topic("usmx")
    expected = engine.brief(sample, topic).to_dict()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: engine.brief(sample, topic).to_dict(), range(3)))
    assert all(r == expected for r in results)


def test_a_role_the_text_gives_by_description_reaches_the_brief(engine):
    # the quote pass fills in "phone company" ("Worldcom cut jobs. The phone company ..."): the
    # brief must show it, not only the list the quote pass was given
    text = ("Worldcom cut 700 jobs in its European arm on Monday, its second round of cuts this year.\n\n"
            "The phone company collapsed in 2002 after an accounting scandal and has struggled since. "
            'Worldcom said: "We are sorry for the staff who leave."')
    brief = engine.brief(ArticleText(ArticleMeta(title="Worldcom cuts jobs"), text), None)
    assert [a.role for a in brief.actors if a.name == "Worldcom"] == ["phone company"]
