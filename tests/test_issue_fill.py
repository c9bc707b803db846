"""Empty issue slots are filled with keyphrases on a lower bar (issue 8, item 4: the first
issues say what the story is about)."""

from __future__ import annotations

import pytest

from summarizers.document import parse
from summarizers.issues.keyphrases import FILL_SCORE, MIN_KEYPHRASE_SCORE, Keyphrase, _names_matter
from summarizers.issues.rank import SHOWN, extract_issues
from summarizers.model import ArticleMeta

pytestmark = pytest.mark.slow


def test_fill_accepts_a_phrase_headed_once_and_present_in_two_sentences():
    kp = Keyphrase("fishing quotas", "fishing quotas", sentences=2, head_sentences=1)
    assert not _names_matter(kp)
    assert _names_matter(kp, fill=True)
    assert not _names_matter(Keyphrase("figures", "figures", sentences=3, head_sentences=2), fill=True)
    assert not _names_matter(Keyphrase("fishing quotas", "fishing quotas", sentences=1, head_sentences=1), fill=True)
    assert FILL_SCORE < MIN_KEYPHRASE_SCORE


PARAGRAPHS = [
    "The harbour council voted on Monday to close the northern pier to cargo ships.",
    "Fishing crews said the closure would cut their catch, and the council promised new fishing quotas for local boats.",
    "The fishing quotas system was last changed in 2010, officials said, and the pier closure was opposed by shipping firms.",
    "The figures for the pier show falling traffic, the council said.",
]


def test_a_brief_with_empty_slots_gets_more_keyphrases(nlp):
    # "fishing quotas" heads a noun phrase once and modifies one in another sentence
    document = parse(ArticleMeta(title="Council closes northern pier"), PARAGRAPHS, nlp)
    labels = [i.label.lower() for i in extract_issues(document, {"transport": ["ships", "cargo"]})]
    assert len(labels) <= SHOWN
    assert "fishing quotas" in labels
    assert "figures" not in labels


RATES = [
    "The central bank raised interest rates to 5.5% on Wednesday, citing inflation.",
    "Inflation rose to 3.1% in the year to March, the bank said, and inflation may rise further.",
    "Economists said the economy was strong enough to bear the rise.",
]


def test_a_word_that_matched_a_broad_labels_terms_may_name_the_matter(nlp):
    document = parse(ArticleMeta(title="Bank raises rates to curb inflation"), RATES, nlp)
    labels = [i.label.lower() for i in extract_issues(document, {"economy and taxes": ["inflation", "econom*"]})]
    assert "economy and taxes" in labels and "inflation" in labels
