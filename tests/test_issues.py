"""Issues: taxonomy terms scored by salience, keyphrases the taxonomy misses."""

from __future__ import annotations

import pytest

from summarizers.document import parse
from summarizers.issues import extract_issues
from summarizers.model import ArticleMeta
from tests.conftest import shared_path

pytestmark = pytest.mark.slow

TAXONOMY = {
    "migration": ["migra*", "asylum", "border"],
    "energy": ["energy", "oil", "renewable*"],
    "water": ["water", "drought"],
    "trade": ["trade", "tariff*"],
}

PARAGRAPHS = [
    "Mexico and the United States opened talks on migration and asylum rules at the border on Monday.",
    "Officials said migrants waiting at the border would get faster asylum hearings under the new rules.",
    "The delegations also discussed tariffs on steel, though trade was not the main subject.",
    "A desalination plant on the coast of Baja California would supply desalination water to border towns.",
    "Engineers said the desalination plant could be finished in four years if funding is approved.",
]


@pytest.fixture(scope="module")
def document(nlp):
    return parse(ArticleMeta(title="US and Mexico open talks on migration"), PARAGRAPHS, nlp)


def test_taxonomy_issues_most_salient_first_with_scores_in_range(document):
    issues = extract_issues(document, TAXONOMY)
    labels = [i.label for i in issues]
    assert labels[0] == "migration"
    assert issues[0].score == 1.0
    assert "trade" in labels and "energy" not in labels
    assert all(0.0 <= i.score <= 1.0 for i in issues)
    assert [i.score for i in issues] == sorted((i.score for i in issues), reverse=True)


LEAD_FREE = [
    "Officials met on Monday to talk about many things. They met for a long time in the capital.",
    "Oil was mentioned once during the second session.",
    "Water came up too, and water came up again later.",
]


def test_title_and_lead_weigh_more_than_body(nlp):
    body_only = parse(ArticleMeta(title="Talks open"), LEAD_FREE, nlp)
    issues = {i.label: i.score for i in extract_issues(body_only, TAXONOMY)}
    assert issues["water"] > issues.get("energy", 0)
    in_title = parse(ArticleMeta(title="Oil prices rise"), LEAD_FREE, nlp)
    ranked = [i.label for i in extract_issues(in_title, TAXONOMY)]
    assert ranked[0] == "energy"


def test_keyphrases_added_after_taxonomy_without_duplicates(document):
    issues = extract_issues(document, TAXONOMY)
    labels = [i.label for i in issues]
    assert "desalination plant" in labels
    taxonomy_scores = [i.score for i in issues if i.label in TAXONOMY]
    keyphrase_scores = [i.score for i in issues if i.label not in TAXONOMY]
    assert max(keyphrase_scores) < min(taxonomy_scores)
    assert len(labels) == len(set(labels))
    assert not any(label in ("border", "asylum", "migrant") for label in labels)


def test_no_taxonomy_gives_keyphrases_only(document):
    issues = extract_issues(document, None)
    assert issues and all(i.label not in TAXONOMY for i in issues)
    assert issues[0].score == 1.0


def test_single_body_mention_is_not_an_issue(nlp):
    doc = parse(ArticleMeta(title="A quiet day"), ["The council met on Monday. It approved the budget for parks.", "A resident mentioned oil once during the meeting of the council."], nlp)
    assert "energy" not in [i.label for i in extract_issues(doc, TAXONOMY)]


def test_usmx_taxonomy_on_dw_article_names_the_key_issues(nlp):
    from bot.ingest.files import load_article
    from config.topics import get_topic
    from summarizers.textclean import clean_paragraphs

    article = load_article(shared_path("corpus", "000_1a059207eaaebc80.txt"))
    doc = parse(article.meta, clean_paragraphs(article.text, article.meta), nlp)
    labels = [i.label for i in extract_issues(doc, get_topic("usmx").issues)][:8]
    for key in ("migration", "drug trafficking", "energy", "trade"):
        assert key in labels


def test_world_taxonomy_gives_policy_issues_for_bbc_politics(nlp):
    from config.topics import get_topic
    from summarizers.textclean import clean_paragraphs

    taxonomy = get_topic("world").issues
    for name, expected in (("122.txt", "migration"), ("005.txt", "economy and taxes"), ("200.txt", "elections")):
        lines = shared_path("eval", "bbc", "News Articles", "politics", name).read_text(errors="replace").split("\n")
        meta = ArticleMeta(title=lines[0])
        doc = parse(meta, clean_paragraphs("\n".join(lines[1:]), meta), nlp)
        assert expected in [i.label for i in extract_issues(doc, taxonomy)][:3], name
