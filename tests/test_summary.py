"""Extractive summary: every algorithm, article order, no dangling openers, no furniture, no NLTK data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from summarizers.summary.candidates import dangles, is_candidate
from summarizers.document import parse
from summarizers.model import ArticleMeta
from summarizers.summary.select import ALGORITHMS, UnknownSummarizerError, select, summarize

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
        from summarizers.summary.select import ALGORITHMS, summarize
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

    from summarizers.summary.candidates import has_finite_verb, is_caption

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
    from summarizers.summary.candidates import has_fused_text

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
    from summarizers.summary.candidates import quoted_fraction

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
    from summarizers.summary.candidates import MAX_WORDS

    clause = "the committee reviewed the budget for the coming year and the members discussed the new rules"
    run_on = "On Monday " + ", and ".join([clause] * (MAX_WORDS // len(clause.split()) + 1)) + "."
    paragraphs = [run_on, "The committee approved the budget for the coming year by a large majority on Monday."]
    doc = parse(ArticleMeta(title="Budget approved"), paragraphs, nlp)
    assert not is_candidate(next(iter(doc.sentences)))
    summary = summarize(doc, "textrank", 3, nlp)
    assert summary == [paragraphs[1]]


# --- a summary that states the news (issue 8, item 5) -------------------------------------
# Invented article: a lede that states the news, two quotation sentences, a connective opener,
# a definite description that refers back ("The move"), a subordinate clause whose definite
# description needs an earlier sentence ("As the commentary was published"), and a pronoun
# inside an opening clause ("As she left the meeting").
NEWS_TITLE = "Portmere council approves ferry terminal despite protests"
NEWS = [
    "Portmere's harbour council approved a new ferry terminal on Tuesday, ending a two-year dispute over the town's waterfront.",
    "\"This terminal will bring jobs and visitors back to the harbour for the first time in decades,\" council leader Ana Ruiz said after the vote.",
    "\"We have waited far too long for a decision on the harbour and the ferry terminal,\" said Tomas Berg, who runs a fishing cooperative.",
    "However, residents of the old quarter say the ferry terminal will bring heavy traffic through the narrow streets of the harbour.",
    "The move follows a commentary in the Portmere Gazette that accused the harbour council of ignoring the town's fishermen.",
    "As the commentary was published, protesters gathered outside the harbour council offices with banners against the terminal.",
    "As she left the meeting, Ms Ruiz promised a public consultation on traffic around the new ferry terminal and the harbour.",
    "Construction firms from three countries have already bid for the contract to build the ferry terminal in the harbour.",
]


@pytest.fixture(scope="module")
def news(nlp):
    return parse(ArticleMeta(title=NEWS_TITLE), NEWS, nlp)


def _first_sentence(nlp, text):
    return next(iter(nlp(text).sents))


def _check_readable(document, summary):
    """Every summary sentence that dangles or refers back has its antecedent shown."""
    from summarizers.summary.references import reference_keys, shown_keys, title_keys

    spans = {s.text.strip(): s for s in document.sentences}
    order = [s.text.strip() for s in document.sentences if s.text.strip()]
    shown = title_keys(document.meta.title)
    for k, text in enumerate(summary):
        span = spans[text]
        after_predecessor = k > 0 and summary[k - 1] == order[order.index(text) - 1]
        refs = reference_keys(span)
        if not after_predecessor:
            assert not dangles(span), f"dangling: {text}"
            assert refs is None or refs & shown, f"reference without antecedent: {text}"
        shown |= shown_keys(span)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_summary_opens_with_the_lede_and_every_sentence_is_readable(news, nlp, algorithm, count):
    summary = summarize(news, algorithm, count, nlp)
    assert summary[0] == NEWS[0], f"{algorithm}: the lede carries the news but is not first"
    assert len(summary) == count
    _check_readable(news, summary)


def test_reference_kinds(nlp):
    from summarizers.summary.references import reference_keys

    def refs(text):
        return reference_keys(_first_sentence(nlp, text))

    assert "commentary" in refs("As the commentary was published, protesters gathered outside the offices.")
    assert "move" in refs("The move was criticised by opposition parties on Wednesday.")
    assert "@ORG" in refs("The firm said profits would rise again next year.")
    assert "@PERSON" in refs("The singer told fans she would return to the stage next year.")
    # descriptions that define themselves, and nouns that need no antecedent
    assert refs("The decision to close the port was taken by the council on Monday.") is None
    assert refs("The Tory plan would cut income tax for twelve million families.") is None
    assert refs("The harbour wall collapsed during the storm on Monday night.") is None
    assert refs("Ministers said the move would save money.") is None  # not at the opening


def test_pronoun_in_an_opening_clause_dangles(nlp):
    assert dangles(_first_sentence(nlp, "As she left the court, reporters asked about the appeal."))
    assert dangles(_first_sentence(nlp, "After their talks in Madrid, the ministers signed the accord."))
    assert not dangles(_first_sentence(nlp, "As the sun set, crowds gathered on the beach at Portmere."))
    assert not dangles(_first_sentence(nlp, "After the talks, Ms Ruiz said she expected a deal within a week."))


def test_lede_that_does_not_carry_the_news_is_not_forced(nlp):
    from summarizers.summary.references import carries_news, title_keys

    headline = title_keys("Portmere council approves ferry terminal")
    assert carries_news(_first_sentence(nlp, "Portmere council approved a new ferry terminal on Tuesday."), headline)
    assert not carries_news(_first_sentence(nlp, "The fog rolled in early that morning, as it often does."), headline)
    assert not carries_news(_first_sentence(nlp, "Would you trust a ferry that sails without a captain?"), headline)
    assert not carries_news(_first_sentence(nlp, '"We have won," said Ana Ruiz, waving at the crowd.'), headline)
    assert not carries_news(_first_sentence(nlp, "However, the council approved the terminal on Tuesday."), headline)
    # without a headline, a lede that names someone or something counts
    assert carries_news(_first_sentence(nlp, "Portmere council approved a new ferry terminal on Tuesday."), set())


# Mostly quotations: the best-ranked sentences are quoted; one plain sentence states the facts.
QUOTED = [
    "\"We will rebuild the harbour wall before the winter storms arrive in Portmere,\" Mayor Ana Ruiz told reporters on Monday.",
    "\"The money for the harbour wall is there and the engineers are ready to start work,\" said Tomas Berg, the harbour treasurer.",
    "\"Every family on the harbour front deserves to sleep safely through the winter storms,\" Ana Ruiz added at the town hall.",
    "The storm in January destroyed forty metres of the old harbour wall and flooded twelve homes on the front.",
]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("count", [1, 2, 3])
def test_summary_is_never_only_quotations(nlp, algorithm, count):
    from summarizers.summary.references import is_quotation

    document = parse(ArticleMeta(title=""), QUOTED, nlp)
    spans = {s.text.strip(): s for s in document.sentences}
    summary = summarize(document, algorithm, count, nlp)
    assert summary and not all(is_quotation(spans[s]) for s in summary), f"{algorithm}: {summary}"
    assert QUOTED[3] in summary


def test_select_takes_seeds_first_and_resolves_references():
    dangling = [False, False, False, False]
    has_prev = [False, True, True, True]
    refs = [None, None, frozenset({"commentary"}), None]
    shows = [{"council"}, {"commentary"}, {"protesters"}, {"firms"}]
    # sentence 2 refers to "commentary": only after sentence 1 (which shows it) or with it
    assert select([2, 3, 0, 1], 1, dangling, has_prev, refs=refs, shows=shows) == [3]
    assert select([2, 3, 0, 1], 2, dangling, has_prev, refs=refs, shows=shows) == [1, 2]
    assert select([2, 3, 0, 1], 1, dangling, has_prev, refs=refs, shows=shows, shown={"commentary"}) == [2]
    # the lede as a seed comes first whatever the ranking
    assert select([3, 1, 0], 1, dangling, has_prev, seeds=(0,)) == [0]
    assert select([3, 1, 0], 2, dangling, has_prev, seeds=(0,)) == [0, 3]
