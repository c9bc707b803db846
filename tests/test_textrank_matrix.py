"""The indexed TextRank matrix is exactly sumy's (issue 8, item 7: linear-cost briefs)."""

from __future__ import annotations

import numpy
import pytest
from sumy.summarizers.text_rank import TextRankSummarizer

from summarizers.document import parse
from summarizers.model import ArticleMeta
from summarizers.summary.select import candidate_groups, make_summarizer
from summarizers.summary.sumy_bridge import build_sumy_document
from summarizers.textclean import clean_paragraphs
from tests.conftest import shared_path

pytestmark = pytest.mark.slow

INVENTED = [
    "The harbour council approved a new ferry terminal on Tuesday after a long dispute.",
    "Residents say the terminal will bring traffic, traffic and more traffic through the old quarter.",
    "Council leader Ana Ruiz said the harbour needed jobs.",
    "Ruiz.",
    "Fishermen fear the terminal will take the best berths in the harbour, the union said.",
]


def _matrices(document, nlp):
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    groups, _ = candidate_groups(document)
    sumy_doc, _ = build_sumy_document(groups, nlp, document.meta.title)
    stock = TextRankSummarizer(Stemmer("english"))
    stock.stop_words = get_stop_words("english")
    return stock._create_matrix(sumy_doc), make_summarizer("textrank")._create_matrix(sumy_doc)


def test_same_matrix_on_an_invented_article(nlp):
    expected, got = _matrices(parse(ArticleMeta(title="Ferry terminal approved"), INVENTED, nlp), nlp)
    assert numpy.array_equal(expected, got)


def test_same_matrix_on_real_bbc_articles(nlp):
    folder = shared_path("eval", "bbc", "News Articles", "politics")
    for f in sorted(folder.glob("*.txt"))[:15]:
        lines = f.read_bytes().decode("utf-8", errors="replace").split("\n")
        meta = ArticleMeta(title=lines[0].strip())
        document = parse(meta, clean_paragraphs("\n".join(lines[1:]), meta), nlp)
        expected, got = _matrices(document, nlp)
        assert numpy.array_equal(expected, got), f.name
