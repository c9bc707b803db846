"""Done-when of issue 2 on the real DW article (skips when ../shared/ is absent)."""

import json

import pytest

from tests.conftest import shared_path

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def dw(nlp):
    from bot.ingest.files import load_article
    from summarizers.entities.actors import extract_actors
    from summarizers.document import parse
    from summarizers.quotes.attribution import extract_quotes
    from summarizers.textclean import clean_paragraphs

    corpus = shared_path("corpus")
    gold = json.loads((corpus / "000_1a059207eaaebc80.gold.json").read_text(encoding="utf-8"))
    article = load_article(corpus / "000_1a059207eaaebc80.txt")
    document = parse(article.meta, clean_paragraphs(article.text, article.meta), nlp)
    actors = extract_actors(document)
    return gold, document, actors, extract_quotes(document, actors)


def _match(name, gold_actor):
    from benchmarks.quality import names_match

    return names_match(name, gold_actor)


def test_key_actors_first_with_roles(dw):
    gold, _, actors, _ = dw
    first = actors[:8]
    for g in gold["actors"]:
        if not g["key"]:
            continue
        found = [a for a in first if _match(a.name, g)]
        assert found, f"{g['name']} not among {[a.name for a in first]}"
        assert found[0].role and any(t in found[0].role.lower() for t in g["role_terms"]), (g["name"], found[0].role)


def test_quotes_found_with_right_speakers_and_none_wrong(dw):
    from benchmarks.quality import quote_found

    gold, _, _, quotes = dw
    right = wrong = 0
    for gq in gold["quotes"]:
        q = next((q for q in quotes if quote_found(q.text, gq["text"])), None)
        if q is None:
            continue
        g_actor = next(a for a in gold["actors"] if a["name"] == gq["speaker"])
        if _match(q.speaker, g_actor):
            right += 1
        elif q.speaker:
            wrong += 1
    assert right >= 9
    assert wrong == 0


def test_no_furniture_in_actors_or_quotes(dw):
    gold, document, actors, quotes = dw
    names = " ".join(a.name for a in actors)
    for n in gold["not_actors"]:
        assert n not in names
    blob = document.text + " ".join(q.text for q in quotes)
    for f in gold["summary_must_not_contain"]:
        assert f not in blob
    assert not any(q.text.strip(" ‘'") == "Few concrete results" for q in quotes)
