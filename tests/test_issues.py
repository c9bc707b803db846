"""Issues: taxonomy terms scored by salience, keyphrases the taxonomy misses."""

from __future__ import annotations

import pytest

from summarizers.document import parse
from summarizers.issues.rank import MIN_SCORE, IssueTerms, extract_issues, salience, taxonomy_scores
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
    assert issues[0].score > 0.8  # title, lead and three sentences: strong evidence
    # one sentence naming tariffs and trade ("trade was not the main subject") is a passing
    # remark, not real support; energy is never mentioned
    assert "trade" not in labels and "energy" not in labels
    assert all(0.0 <= i.score < 1.0 for i in issues)
    assert [i.score for i in issues] == sorted((i.score for i in issues), reverse=True)


LEAD_FREE = [
    "Officials met on Monday to talk about many things. They met for a long time in the capital.",
    "Oil was mentioned once during the second session.",
    "Water came up too. The water supply came up again later in the afternoon.",
]


def test_title_and_lead_weigh_more_than_body(nlp):
    body_only = parse(ArticleMeta(title="Talks open"), LEAD_FREE, nlp)
    issues = {i.label: i.score for i in extract_issues(body_only, TAXONOMY)}
    assert issues["water"] > issues.get("energy", 0)
    in_title = parse(ArticleMeta(title="Oil prices rise"), LEAD_FREE, nlp)
    ranked = [i.label for i in extract_issues(in_title, TAXONOMY)]
    assert ranked[0] == "energy"


def test_keyphrases_ranked_with_taxonomy_without_duplicates(document):
    issues = extract_issues(document, TAXONOMY)
    labels = [i.label for i in issues]
    assert "desalination plant" in labels
    assert [i.score for i in issues] == sorted((i.score for i in issues), reverse=True)
    assert len(labels) == len(set(labels))
    # a kept taxonomy label's own words are that issue, not a keyphrase of their own; a word that
    # matched its terms may be one ("asylum" is more specific than "migration")
    assert labels.count("migration") == 1


def test_no_taxonomy_gives_keyphrases_only(document):
    issues = extract_issues(document, None)
    labels = [i.label for i in issues]
    assert "desalination plant" in labels and "migration" in labels
    assert all(0.0 < i.score < 1.0 for i in issues)
    assert [i.score for i in issues] == sorted((i.score for i in issues), reverse=True)


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


# --- evidence, not normalisation: scores are absolute ----------------------------------------

FILLER = [
    "The regional council met in the town hall on Monday to discuss its plans for the summer season.",
    "Councillors approved a new timetable for the bus routes that serve the northern villages.",
    "Residents asked for more benches along the river path and for longer opening hours at the library.",
    "The council said the library would open on Sunday afternoons from next month.",
    "A local choir performed in the square after the meeting, and the mayor thanked the volunteers.",
    "The next meeting of the council is planned for the first week of September.",
]


def test_one_passing_mention_never_scores_as_certain(nlp):
    """An article that mentions an issue in one lead sentence among many is not 'about' it:
    normalising to the best issue used to make such a hit 1.00."""
    paragraphs = ["Councillors also heard that tariffs on imported steel would raise the cost of the new bridge."] + FILLER * 3
    doc = parse(ArticleMeta(title="Council approves summer timetable"), paragraphs, nlp)
    scores = {i.label: i.score for i in extract_issues(doc, TAXONOMY)}
    assert scores.get("trade", 0.0) < 0.6


def test_same_mentions_score_lower_in_a_longer_article(nlp):
    lead = "Tariffs on steel and a new trade agreement dominated the council meeting on Monday."
    short = parse(ArticleMeta(title="Council meets"), [lead, FILLER[0]], nlp)
    long = parse(ArticleMeta(title="Council meets"), [lead] + FILLER * 3, nlp)
    short_score = taxonomy_scores(short, TAXONOMY)["trade"]
    long_score = taxonomy_scores(long, TAXONOMY).get("trade", 0.0)
    assert long_score < short_score


def test_salience_grows_with_coverage_and_distinct_terms():
    assert salience(0, 20, 1) == 0.0
    assert salience(2, 40, 1) < salience(2, 20, 1) < salience(6, 20, 1) < 1.0
    assert salience(4, 20, 1) < salience(4, 20, 2) < salience(4, 20, 3)


WORLD_CASES = [
    # (title, paragraphs, labels that must be absent) -- each an ambiguous word in its other sense
    ("Sprinter signs new sponsor", [
        "The Olympic sprinter has signed a four-year sponsorship deal with an energy drink company.",
        "Her coach said the deal would let her train abroad during the winter months before the indoor season.",
        "She finished second in the 200 metres final at the European championships last summer.",
    ], {"climate and energy"}),
    ("Heist sequel tops the box office", [
        "The heist sequel, a crime caper starring three Hollywood veterans, went straight to number one at the box office.",
        "The film follows master criminals who try to pull off three robberies across Europe.",
        "Critics were less kind, and one of the judges at a film festival called it a vanity project.",
    ], {"crime and justice"}),
    ("Shareholders back sale of web portal", [
        "Shareholders of the web portal voted to approve the sale of its core business to a telecoms company.",
        "The vote clears the way for the deal, which values the business at almost five billion dollars.",
        "The company said the votes of large investors had been decisive at the meeting.",
    ], {"elections"}),
    ("Health campaign targets teenagers", [
        "A state health department launched an advertising campaign on Monday urging teenagers to avoid vaping.",
        "The campaign will run on television and on billboards near schools for three months.",
        "Officials said the campaign cost about one million dollars and was paid for by a federal grant.",
    ], {"elections"}),
    ("Airline rules on delays", [
        "Passengers whose flights are cancelled can demand compensation under rules that take effect on Thursday.",
        "The rules do not cover delays caused by bad weather, security alerts or strikes, the regulator said.",
        "Airlines have attacked the rules, saying they could push ticket prices higher.",
    ], {"security and defence"}),
    ("Blog awards shortlist announced", [
        "The shortlist for an annual prize for the best blogs was announced on Tuesday.",
        "Public voting closes at the end of the month, and the organisers expect more voters than last year.",
        "The award for the best new blog went to a site about knitting in the previous round.",
    ], {"elections"}),
]


@pytest.mark.parametrize("title,paragraphs,absent", WORLD_CASES, ids=[c[0] for c in WORLD_CASES])
def test_ambiguous_words_in_their_other_sense_give_no_world_issue(nlp, title, paragraphs, absent):
    from config.topics import get_topic

    doc = parse(ArticleMeta(title=title), paragraphs, nlp)
    labels = {i.label for i in extract_issues(doc, get_topic("world").issues)}
    assert not labels & absent, labels


def test_usmx_trade_story_mentioning_the_border_is_not_migration(nlp):
    """'Border' alone is geography; migration needs a migration term (it is a weak term in usmx)."""
    from config.topics import get_topic

    paragraphs = [
        "Mexico said on Monday it would answer new US tariffs on steel with duties of its own.",
        "Factories on both sides of the border depend on steel that crosses it several times.",
        "The tariffs threaten supply chains built up under the USMCA trade agreement, exporters said.",
        "Steelmakers in Monterrey warned that exports to the United States could fall by a third.",
        "Lorries loaded with steel coils already wait for hours at the border before customs checks.",
    ]
    doc = parse(ArticleMeta(title="Mexico vows to answer US steel tariffs at the border"), paragraphs, nlp)
    labels = [i.label for i in extract_issues(doc, get_topic("usmx").issues)]
    assert labels and labels[0] == "trade" and "migration" not in labels, labels


def test_weak_terms_count_beside_a_strong_term(nlp):
    from config.topics import get_topic

    taxonomy = get_topic("world").issues
    paragraphs = [
        "Voters in the northern province go to the polls on Sunday in a regional election.",
        "Turnout is expected to be high after a campaign dominated by the cost of housing.",
        "Both main candidates have promised to build more homes if they win the vote.",
    ]
    doc = parse(ArticleMeta(title="Province votes on Sunday"), paragraphs, nlp)
    issues = {i.label: i.score for i in extract_issues(doc, taxonomy)}
    assert issues.get("elections", 0) > 0.8
    # the same weak words without any strong term: an award vote, not an election
    no_strong = [p.replace("a regional election", "a talent show final") for p in paragraphs]
    doc = parse(ArticleMeta(title="Viewers vote on Sunday"), no_strong, nlp)
    assert "elections" not in {i.label for i in extract_issues(doc, taxonomy)}


def test_world_business_articles_get_business_and_markets(nlp):
    from config.topics import get_topic

    paragraphs = [
        "A large US insurer has agreed to buy the life insurance arm of a banking group for eleven billion dollars.",
        "The acquisition makes the buyer the biggest life insurer in North America, the company said.",
        "Shares in the banking group rose four percent after the takeover was announced, and investors welcomed the sale.",
    ]
    doc = parse(ArticleMeta(title="Insurer buys rival's life business"), paragraphs, nlp)
    issues = extract_issues(doc, get_topic("world").issues)
    assert issues and issues[0].label == "business and markets"


def test_sport_report_gets_no_policy_issue(nlp):
    from config.topics import get_topic

    taxonomy = get_topic("world").issues
    paragraphs = [
        "The home side came from two goals down to win the cup final in extra time on Saturday.",
        "Their captain scored twice in the second half, and the winning goal came from a free kick.",
        "The manager said his players had shown great spirit in front of a sold-out stadium.",
    ]
    doc = parse(ArticleMeta(title="Late goals win the cup"), paragraphs, nlp)
    assert not [i for i in extract_issues(doc, taxonomy) if i.label in taxonomy]


def test_term_markers_weak_and_exclusion():
    item = IssueTerms.compile("energy", ["?energy", "oil", "-energy drink*"])
    hits = item.matches("an energy drink maker and energy policy and oil")
    matched = [item.terms[k] for k, _, _ in hits]
    assert matched.count("energy") == 1 and "oil" in matched
    assert item.weak[item.terms.index("energy")] and not item.weak[item.terms.index("oil")]
    only_weak = IssueTerms.compile("energy", ["?energy"])
    assert only_weak.matches("energy") and only_weak.weak == [True]


def test_bundled_taxonomies_have_comma_free_labels_and_valid_terms():
    from config.topics import load_topics

    for topic in load_topics().values():
        for label, terms in topic.issues.items():
            assert "," not in label, f"{topic.name}: '{label}' (digests join labels with commas)"
            item = IssueTerms.compile(label, terms)
            assert item.pattern is not None and any(not w for w in item.weak), f"{topic.name}: {label} has no strong term"


def test_min_score_is_a_real_threshold(nlp):
    assert 0.0 < MIN_SCORE < 0.5


# --- issues that name the story's matter (keyphrases against a background of other news) ---

def _world_issues(nlp, title, paragraphs):
    from config.topics import get_topic

    doc = parse(ArticleMeta(title=title), paragraphs, nlp)
    return extract_issues(doc, get_topic("world").issues)


def test_matter_phrase_leads_and_keeps_its_abbreviation(nlp):
    paragraphs = [
        "MPs will vote on Tuesday on the ID cards bill, which would make every adult register for a card by 2010.",
        "Ministers say ID cards will help to fight identity fraud, but critics say the scheme is costly.",
        "The ID cards bill faces a rebellion from backbenchers who fear a national database of citizens.",
        "Opposition parties said they would try to amend the bill in committee next week.",
    ]
    issues = _world_issues(nlp, "MPs to vote on ID cards bill", paragraphs)
    labels = [i.label for i in issues]
    assert any(label.startswith("ID cards") for label in labels[:3]), labels
    assert not any(label.startswith("id card") for label in labels), labels


def test_proper_names_keep_their_form_in_keyphrases(nlp):
    paragraphs = [
        "The WikiLeaks cables published on Sunday describe talks between diplomats in three capitals.",
        "Officials said the WikiLeaks cables would damage trust between allies for years.",
        "Newspapers that printed the WikiLeaks cables removed the names of informants.",
    ]
    labels = [i.label for i in _world_issues(nlp, "Embassies react to leaked cables", paragraphs)]
    assert "WikiLeaks cables" in labels, labels
    assert not any("wikileak" in label.split() for label in labels), labels


def test_hyphenated_words_stay_whole(nlp):
    paragraphs = [
        "Migrants from high-risk countries would face chest X-rays on arrival under the plans.",
        "Doctors said chest X-rays found most cases of tuberculosis but missed early infections.",
        "The clinics that take the X-rays would be paid by the Home Office.",
    ]
    labels = [i.label for i in _world_issues(nlp, "Tories plan X-rays for migrants", paragraphs)]
    assert any("x-rays" in label.lower() for label in labels), labels
    assert not any(label.lower().endswith(("chest x", " x", "ray")) and "x-ray" not in label.lower() for label in labels)


def test_words_common_in_all_news_are_not_the_matter(nlp):
    from summarizers.issues.background import specificity

    paragraphs = [
        "People in the town said the government had done little for people like them this year.",
        "The government said people would see a new flood barrier next year, and that the barrier was on time.",
        "Many people said the flood barrier had been promised every year since the floods of 2000.",
    ]
    labels = [i.label for i in _world_issues(nlp, "Town waits for flood barrier", paragraphs)]
    assert "flood barrier" in labels, labels
    assert not {"people", "year", "government", "time"} & {label.lower() for label in labels}, labels
    assert specificity("people") < 0.3 < specificity("flood barrier")


def test_descriptions_of_actors_are_not_issues(nlp):
    paragraphs = [
        "The Tory leader accused the prime minister of breaking a promise on hospital waiting lists.",
        "The prime minister said waiting lists had fallen, and the Tory leader was wrong about them.",
        "A party spokesman said the Tory leader would return to waiting lists in the election campaign.",
    ]
    labels = [i.label for i in _world_issues(nlp, "Leaders clash over waiting lists", paragraphs)]
    assert any("waiting list" in label for label in labels), labels
    assert not any(label.split()[-1].lower() in {"leader", "minister", "spokesman"} for label in labels), labels


def test_one_remark_about_an_illness_is_not_a_health_issue(nlp):
    paragraphs = [
        "The senator launched her re-election campaign in Ohio on Monday, promising to cut taxes for small firms.",
        "She told voters that the election would decide whether the state kept its factories.",
        "The senator, who was treated in hospital for cancer last year, spoke for forty minutes.",
        "Her rival in the election said her plan for taxes would cost the state billions.",
        "Polls suggest the race for the seat is close, with many voters still undecided.",
    ]
    labels = [i.label for i in _world_issues(nlp, "Senator starts re-election bid", paragraphs)]
    assert "elections" in labels and "health" not in labels, labels


def test_inflections_of_one_word_give_one_issue(nlp):
    paragraphs = [
        "Betting on tennis matches is under scrutiny after suspicious bets on a Wimbledon match.",
        "The betting exchange that took the bets said it had passed the details to investigators.",
        "Officials said betting on lower-ranked matches was hard to police, and bets were rising.",
    ]
    labels = [i.label.lower() for i in _world_issues(nlp, "Tennis betting under scrutiny", paragraphs)]
    heads = [label.split()[-1] for label in labels]
    assert len([h for h in heads if h in ("bets", "betting", "bet")]) == 1, labels


def test_keyphrase_candidates_merge_inflections_not_names(nlp):
    from summarizers.issues.nounphrases import candidates

    doc = nlp("Plans for health checks were dropped. The WikiLeaks cables and the Iraq war dominated.")
    keys = {c.key: c.label for c in candidates(doc)}
    assert keys.get("plan") == "plans" and keys.get("health check") == "health checks"
    assert keys.get("wikileaks cable") == "WikiLeaks cables" and "iraq war" in keys
    assert "wikileak" not in " ".join(keys).split()


def test_background_statistics_build_and_load(tmp_path):
    """benchmarks/build_background.py counts document frequencies only; background.load reads them."""
    import gzip
    import subprocess
    import sys
    from pathlib import Path

    from summarizers.issues import background

    src = tmp_path / "news" / "politics"
    src.mkdir(parents=True)
    texts = ["The flood barrier opened on Monday.", "A flood barrier and a new bridge.", "The bridge closed."]
    for k, text in enumerate(texts):
        (src / f"{k:03}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "df.tsv.gz"
    repo = Path(__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, str(repo / "benchmarks" / "build_background.py"), "--bbc", str(tmp_path / "news"),
                          "--corpus", str(tmp_path / "none"), "--out", str(out), "--min-df", "2"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    raw = gzip.decompress(out.read_bytes()).decode()
    assert "Monday" not in raw and "opened" not in raw  # counts of keys, never the text
    n, df = background.load(str(out))
    assert n == 3 and df["flood barrier"] == 2 and df["bridge"] == 2 and "barrier" in df
    shipped_n, shipped = background.load()
    assert shipped_n > 2000 and shipped["people"] > 500
    with pytest.raises(FileNotFoundError):
        background.load(str(tmp_path / "missing.tsv.gz"))


def test_title_rescues_a_phrase_only_as_written_there(nlp):
    """A phrase in the title counts there only with its words together: "joint task" (a piece
    of "joint task force") is not in "agree to joint fentanyl task force"; "task force" is."""
    paragraphs = [
        "The two countries agreed on Tuesday to create a joint task force against fentanyl trafficking.",
        "Officials said the task force would start work within ninety days.",
        "A senator said a task force was a press release until it made its first arrest.",
    ]
    doc = parse(ArticleMeta(title="US and Mexico agree to joint fentanyl task force"), paragraphs, nlp)
    labels = [i.label for i in extract_issues(doc, None)]
    assert "task force" in labels and "joint task" not in labels, labels
