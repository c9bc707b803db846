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


# --- summary hygiene: captions, extraction debris, quotes, run-ons (break-it review kinds) ----

CAPTIONED = [
    "Fishermen in the northern harbour say catches of cod have fallen by half in the past five years.",
    "Clockwise from top: a trawler in the harbour; nets drying on the quay; the fish market at dawn, where prices have doubled.",
    "The regional fisheries agency blamed warmer water and said it would cut quotas for the coming season.",
    "Pictured: the harbour master, who has worked in the port for thirty years, inspects a catch.",
    "Local boat owners (left) met the agency's director on Friday and asked for compensation.",
    "Nets recovered from the seabed near the harbour mouth.",
    "A photograph by the harbour master shows the empty quay that fishermen now see each morning.",
    "The agency said compensation would be paid to owners of boats that stay in port for more than a month.",
    "Scientists from the university will survey the cod stocks again in the spring and publish their results.",
]


@pytest.fixture(scope="module")
def captioned(nlp):
    return parse(ArticleMeta(title="Cod catches halve in northern harbour"), CAPTIONED, nlp)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_captions_never_reach_the_summary(captioned, nlp, algorithm):
    summary = summarize(captioned, algorithm, 8, nlp)
    assert summary
    for s in summary:
        assert not s.startswith(("Clockwise", "Pictured", "Nets recovered")), s
        assert "(left)" not in s and "photograph by" not in s.lower(), s


def test_caption_kinds_are_no_candidates_but_prose_is(nlp):
    def first(text):
        return next(iter(nlp(text).sents))

    from summarizers.candidates import has_finite_verb, is_caption

    for caption in ("Clockwise from top left: the minister, her deputy and the mayor at the opening.",
                    "From left: the three candidates before the debate in the capital on Sunday.",
                    "Pictured: a volunteer hands out food parcels at the community centre.",
                    "The two presidents (centre) pose with their delegations in the garden.",
                    "Protesters outside the court, in a photo by a local freelance photographer."):
        assert is_caption(caption) and not is_candidate(first(caption)), caption
    assert not has_finite_verb(first("Nets recovered from the seabed near the harbour mouth."))
    # regular past forms the small model may tag as participles still count in prose
    for prose in ("The survey of five thousand households pointed to renewed optimism about jobs and growth.",
                  "In the spring, all of the tickets for the public concerts sold out within a day.",
                  "The minister, pictured with farmers at the fair, said the subsidy would rise next year."):
        assert is_candidate(first(prose)), prose


def test_fused_link_and_teaser_text_is_no_candidate(nlp):
    from summarizers.candidates import has_fused_text

    paragraphs = [
        "Governor Ana Ruiz spoke to reporters in Santa Fe on Monday about the new water plan.",
        "Governor Ana RuizAna Maria RuizSanta Fe mayor backs governor on water plan Governor signs drought bill MORE (D) is defending the plan against criticism from farmers.",
        "Ruiz said the plan would protect the river for the next generation of farmers in the state.",
        "The council chairman told reporters the plan was drafted without consulting the irrigationDistrict board.",
        "Shares in TimeWarner rose after the company said its YouTube channel and McDonald's deal had done well.",
        "Readers who post #deleteFacebook on the site still appear in its advertising data, the study said.",
    ]
    doc = parse(ArticleMeta(title="Governor defends water plan"), paragraphs, nlp)
    sents = [s for s in doc.sentences if s.text.strip()]
    flags = {s.text.strip()[:30]: has_fused_text(s) for s in sents}
    assert flags["Governor Ana RuizAna Maria Rui"]
    assert flags["The council chairman told repo"]  # lowercase word glued to a capitalised one
    assert not flags["Governor Ana Ruiz spoke to rep"]
    assert not flags["Shares in TimeWarner rose afte"]  # one camel-case company name
    assert not flags["Readers who post #deleteFacebo"]  # hashtag
    summary = summarize(doc, "textrank", 5, nlp)
    assert summary and not any("RuizAna" in s or "MORE" in s or "irrigationDistrict" in s for s in summary)


QUOTES_ONLY = [
    "\"We will not back down.\"",
    "\"The border is closed.\"",
    "\"This is a disaster for everyone involved, and we will fight it in court.\"",
    "\"Nobody expected this outcome.\"",
]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_text_of_only_quotations_gives_an_empty_summary(nlp, algorithm):
    doc = parse(ArticleMeta(), QUOTES_ONLY, nlp)
    assert summarize(doc, algorithm, 3, nlp) == []


def test_no_summary_sentence_has_unbalanced_quotes_or_is_only_punctuation(nlp):
    from summarizers.candidates import quoted_fraction

    paragraphs = [
        "The transport minister announced on Tuesday that the northern rail line would reopen in March.",
        "\"We have waited three years for this line.",
        "Now the trains will run again,\" the mayor of the largest town on the route said.",
        "\"",
        "Engineers replaced two bridges and twelve kilometres of track after the floods of last winter.",
        "Passenger groups said the timetable should include a late train for people who work evening shifts.",
    ]
    doc = parse(ArticleMeta(title="Rail line to reopen"), paragraphs, nlp)
    for algorithm in ALGORITHMS:
        summary = summarize(doc, algorithm, 6, nlp)
        assert summary
        for s in summary:
            assert quoted_fraction(s)[0] % 2 == 0, (algorithm, s)
            assert any(ch.isalpha() for ch in s)


def test_run_on_line_without_punctuation_gives_no_summary(nlp):
    doc = parse(ArticleMeta(), ["word " * 5000], nlp)
    assert summarize(doc, "textrank", 3, nlp) == []
    assert summarize(doc, "lead", 3, nlp) == []


def test_overlong_sentence_is_no_candidate_and_fewer_sentences_are_returned(nlp):
    from summarizers.candidates import MAX_WORDS

    clause = "the committee reviewed the budget for the coming year and the members discussed the new rules"
    run_on = "On Monday " + ", and ".join([clause] * (MAX_WORDS // len(clause.split()) + 1)) + "."
    paragraphs = [run_on, "The committee approved the budget for the coming year by a large majority on Monday."]
    doc = parse(ArticleMeta(title="Budget approved"), paragraphs, nlp)
    assert not is_candidate(next(iter(doc.sentences)))
    summary = summarize(doc, "textrank", 3, nlp)
    assert summary == [paragraphs[1]]
