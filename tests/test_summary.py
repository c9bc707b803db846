"""Extractive summary: every algorithm, article order, no dangling openers, no furniture, no NLTK data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from summarizers.candidates import dangles, is_candidate
from summarizers.document import parse
from summarizers.model import ArticleMeta
from summarizers.summary import ALGORITHMS, UnknownSummarizerError, select, summarize

pytestmark = pytest.mark.slow

# An article written for these tests: many sentences open with a pronoun or connective
# whose referent is in the sentence before, and there is a heading, a caption and a quote
# that runs over two sentences.
ARTICLE = [
    "Water shortages in northern Mexico are straining relations with Texas farmers who depend on the Rio Grande.",
    "Governor Alicia Moreno of Chihuahua met irrigation officials on Monday to discuss the water treaty deliveries.",
    "She warned that the drought would cut harvests across the state for a third year.",
    "But farmers in Texas say the treaty obliges Mexico to deliver water whatever the weather.",
    "Drought and the treaty",
    "However, engineers on both sides believe new reservoirs could ease the dispute within a decade.",
    "They estimate the cost of the reservoirs at two billion dollars, shared between the two governments.",
    "This would be the largest water project on the border since the 1960s.",
    "A dry riverbed near Ojinaga, Chihuahua Image: Example Photographer/Agency",
    "\"We cannot deliver water that does not fall from the sky.",
    "The treaty was written for another climate,\" Moreno said.",
    "He added that the federal government had promised emergency funds for the irrigation districts.",
    "The water commission of the two countries will meet again in July to review the deliveries and the reservoir plans.",
]


@pytest.fixture(scope="module")
def document(nlp):
    return parse(ArticleMeta(title="Drought strains water treaty between Mexico and Texas"), ARTICLE, nlp)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_gives_n_sentences_in_article_order(document, nlp, algorithm):
    summary = summarize(document, algorithm, 3, nlp)
    assert len(summary) == 3
    positions = [document.text.index(s) for s in summary]
    assert positions == sorted(positions)
    assert all(s in document.text for s in summary)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_no_summary_sentence_dangles_without_its_predecessor(document, nlp, algorithm, count):
    spans = {s.text.strip(): s for s in document.sentences}
    order = [s.text.strip() for s in document.sentences]
    summary = summarize(document, algorithm, count, nlp)
    assert 1 <= len(summary) <= count
    for k, text in enumerate(summary):
        if dangles(spans[text]):
            previous = order[order.index(text) - 1]
            assert k > 0 and summary[k - 1] == previous, f"{algorithm}: dangling '{text}'"


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_no_heading_caption_or_quote_fragment_in_summary(document, nlp, algorithm):
    summary = summarize(document, algorithm, 8, nlp)
    joined = " ".join(summary)
    assert "Drought and the treaty" not in summary
    assert "Image:" not in joined
    assert not any(s.startswith('"We cannot') or s.endswith('Moreno said.') for s in summary)


def test_dangling_rule_examples(nlp):
    def first(text):
        return next(iter(nlp(text).sents))

    assert dangles(first("He added that talks would continue next week in Mexico City."))
    assert dangles(first("But the plan still needs the approval of Congress in Washington."))
    assert dangles(first("However, the minister rejected the proposal on Tuesday."))
    assert dangles(first("This is the first such agreement between the two countries."))
    assert dangles(first("In addition, both leaders face elections next year."))
    assert dangles(first('"We will not give up," she said on Tuesday in the capital.'))
    assert not dangles(first("The minister rejected the proposal on Tuesday in Mexico City."))
    assert not dangles(first("This week, the minister rejected the proposal in Mexico City."))
    assert not dangles(first('"We will not give up," Moreno said on Tuesday in the capital.'))


def test_candidates_reject_subheads_and_unfinished_lines(nlp):
    doc = parse(ArticleMeta(), ["Little talent, poor strategy", "Too short.", "Experts expect little new from the meeting of the two leaders."], nlp)
    flags = [is_candidate(s) for s in doc.sentences if s.text.strip()]
    assert flags == [False, False, True]


def test_select_replaces_a_dangling_sentence_or_takes_its_predecessor():
    # sentence 2 dangles; ranked best first: 2, 0, 1, 3
    dangling = [False, False, True, False]
    has_prev = [False, True, True, True]
    assert select([2, 0, 1, 3], 1, dangling, has_prev) == [0]  # no room for the pair: replaced
    assert select([2, 0, 1, 3], 2, dangling, has_prev) == [1, 2]  # with its predecessor
    assert select([2, 0, 1, 3], 3, dangling, has_prev) == [0, 1, 2]


def test_unknown_summarizer_is_rejected(document, nlp):
    with pytest.raises(UnknownSummarizerError, match="lexrank"):
        summarize(document, "bert", 3, nlp)


def test_every_algorithm_runs_without_nltk_data(tmp_path):
    """sumy's stock tokenizer needs NLTK punkt data; ours must not. Run in a clean process
    with NLTK_DATA pointing at an empty directory and an empty HOME."""
    home = tmp_path / "home"
    home.mkdir()
    script = textwrap.dedent(
        f"""
        import json
        import nltk
        try:
            nltk.data.find("tokenizers/punkt_tab/english/")
            punkt = True
        except LookupError:
            punkt = False
        from summarizers.document import parse
        from summarizers.model import ArticleMeta
        from summarizers.nlp import load_pipeline
        from summarizers.summary import ALGORITHMS, summarize
        nlp = load_pipeline("en_core_web_sm")
        doc = parse(ArticleMeta(title="Drought strains water treaty"), {ARTICLE!r}, nlp)
        print(json.dumps({{"punkt": punkt, "out": {{a: summarize(doc, a, 2, nlp) for a in ALGORITHMS}}}}))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NLTK")}
    env.update(NLTK_DATA=str(tmp_path / "no-nltk-data"), HOME=str(home))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(result["out"]) == set(ALGORITHMS)
    assert all(len(s) == 2 for s in result["out"].values())
    if result["punkt"]:
        pytest.skip("NLTK punkt data is installed system-wide; the no-data condition could not be created")
