"""Text cleaning: page furniture out, article sentences and quoted words intact."""

from summarizers.model import ArticleMeta
from summarizers.textclean import clean_paragraphs, fix_glued_quotes, is_furniture, strip_dateline

META = ArticleMeta(title="Port strike spreads to the north", author="Jane Holloway", source="Coastal Times")

PAGE = """1. Skip to content
  2. Skip to main menu
  3. Skip to more sites

Port strike spreads to the north

Jane Holloway
March 3, 2023

Dock workers in three northern ports walked out on Monday, halting container traffic.

Cranes stand idle at the harbour
Cranes stood idle as the strike entered its second dayImage: Pat Doe/AFP/Getty Images

"We will stay out until the offer improves,"Maria Lenz, head of the dockers' union, told reporters.

Talks stall

‘No deal in sight'

Share this article
Read more: Why ports matter for trade
Photo: Sam Roe/Reuters

The ministry said mediators would meet both sides on Thursday.

This article was originally written in Spanish."""


def test_removes_menu_byline_caption_headings_and_footer():
    paras = clean_paragraphs(PAGE, META)
    assert paras == [
        "Dock workers in three northern ports walked out on Monday, halting container traffic.",
        '"We will stay out until the offer improves," Maria Lenz, head of the dockers\' union, told reporters.',
        "The ministry said mediators would meet both sides on Thursday.",
    ]


def test_glued_closing_quote_gets_a_space_and_quoted_words_stay():
    assert fix_glued_quotes('"It is over,"Ana Ruiz said.') == '"It is over," Ana Ruiz said.'
    assert fix_glued_quotes("“It is over.”Ana left.") == "“It is over.” Ana left."
    # apostrophes and normal spacing untouched
    assert fix_glued_quotes("the union's 'final' offer") == "the union's 'final' offer"


def test_keeps_real_sentences_that_look_like_labels():
    text = (
        "Share prices fell sharply on Monday after the announcement.\n\n"
        "By the end of the week, the ministry had changed course.\n\n"
        "Related issues dominated the talks, officials said.\n\n"
        "Video footage showed crowds gathering outside the parliament building."
    )
    assert clean_paragraphs(text, ArticleMeta()) == [p for p in text.split("\n\n")]


def test_bullet_lists_kept_short_menus_dropped():
    text = (
        "The plan includes:\n"
        "- Migrants will have to show an acceptable standard of health\n"
        "- Visa fees will rise for long stays\n\n"
        "- Home\n- News\n- Sport\n- Weather\n\n"
        "The opposition called it unworkable."
    )
    paras = clean_paragraphs(text, ArticleMeta())
    assert "Migrants will have to show an acceptable standard of health" in paras
    assert "Visa fees will rise for long stays" in paras
    assert not any(p in {"Home", "News", "Sport", "Weather"} for p in paras)
    assert paras[-1] == "The opposition called it unworkable."


def test_wire_and_outlet_footers_are_furniture():
    meta = ArticleMeta()
    for line in [
        "Associated Press writers Ann Lee and Bo Chen contributed to this report.",
        "Reporting by Tom Fry; Editing by Kim Oda",
        "Lena Park contributed reporting from Seoul.",
        "Omar Ruiz and Jo Bell contributed research.",
        "Additional reporting was contributed by Tom Fry in Lagos.",
        "Follow AP's full coverage of the election at https://example.org/vote",
        "Copyright 2019 The Associated Press. All rights reserved.",
        "Media caption The minister spoke to reporters in London",
        "941 comments",
        "From the section Europe",
        "24 July 2015",
        "Author: Julia Frost",
    ]:
        assert is_furniture(line, meta), line
    assert not is_furniture("The minister said the report was accurate.", meta)
    assert not is_furniture("Each member contributed to the fund, the treasurer said.", meta)


def test_hard_wrapped_lines_are_joined_and_unicode_normalised():
    text = "The council voted on Tuesday to close the old bridge because\nrepairs would cost too much,\u00a0the mayor said.\u200b"
    assert clean_paragraphs(text, ArticleMeta()) == [
        "The council voted on Tuesday to close the old bridge because repairs would cost too much, the mayor said."
    ]


def test_empty_and_furniture_only_text():
    assert clean_paragraphs("", ArticleMeta()) == []
    assert clean_paragraphs("Skip to content\n\nShare\n\n12 comments", ArticleMeta()) == []


def test_datelines_are_stripped_from_the_opening_paragraph():
    cases = {
        "OSLO (AP) — Fishing crews blocked the harbour on Monday.": "Fishing crews blocked the harbour on Monday.",
        "LIMA (Reuters) - Peru's congress voted to remove the minister.": "Peru's congress voted to remove the minister.",
        "NAIROBI, Kenya (AP) — The court ordered a recount of the vote.": "The court ordered a recount of the vote.",
        "SEOUL, Nov 20 (Reuters) - Asian shares slipped on Wednesday morning.": "Asian shares slipped on Wednesday morning.",
        "Ottawa (CNN) — The government tabled its budget bill on Tuesday.": "The government tabled its budget bill on Tuesday.",
        "NEW DELHI: The ministry said exports grew in March.": "The ministry said exports grew in March.",
        "(CNN)President Ana Ruiz, according to aides, made an unscheduled trip.": "President Ana Ruiz, according to aides, made an unscheduled trip.",
    }
    for given, expected in cases.items():
        assert strip_dateline(given) == expected, given


def test_text_that_only_resembles_a_dateline_is_kept():
    for text in [
        "US — Mexico talks resume in the spring after a long pause.",
        "Mexico City — not a dateline, only a place and a dash in running text.",
        "He paused (quietly) - then went on with the speech.",
        "NATO",
    ]:
        assert strip_dateline(text) == text


def test_dateline_removed_in_clean_paragraphs_but_not_deep_in_the_story():
    text = (
        "Harbour talks collapse\n\n"
        "OSLO (AP) — Fishing crews blocked the harbour on Monday after talks collapsed.\n\n"
        "The union said the offer was too low.\n\n"
        "Talks resumed.\n\n"
        "BERGEN — A second port joined the strike, the union said on Tuesday."
    )
    paras = clean_paragraphs(text, ArticleMeta(title="Harbour talks collapse"))
    assert paras[0] == "Fishing crews blocked the harbour on Monday after talks collapsed."
    assert paras[-1].startswith("BERGEN — A second port")


def test_link_text_artefacts_are_undone():
    from summarizers.textclean import unfuse

    teaser = ("Dakota Gov. Lena Marsh Lena Ann MarshDakota governor doubles down on slogan and sign goes into "
              "effect MORE (R) is defending the campaign.")
    assert unfuse("Gov. Lena MarshLena Ann MarshDakota governor doubles down MORE (R) is defending it.") == \
        "Gov. Lena Marsh (R) is defending it."
    assert "MORE" not in unfuse(teaser)
    assert unfuse("Voters in North Dakota and the NorthDakota board met.") == "Voters in North Dakota and the North Dakota board met."
    assert unfuse("She posted it on YouTube after a McDonald meeting.") == "She posted it on YouTube after a McDonald meeting."
    assert unfuse("PETER VANCE IT’S time we talked about rates.") == "It’s time we talked about rates."
    assert unfuse("GORDON Pike was a liberal.") == "Gordon Pike was a liberal."
    assert unfuse("US officials met NATO envoys.") == "US officials met NATO envoys."


def test_capitals_byline_never_reaches_the_paragraphs():
    paras = clean_paragraphs("SUSAN HOLT THE good thing about rail is that it is cheap.\n\nMore text here follows.",
                             ArticleMeta())
    assert paras[0].startswith("The good thing")


def test_limit_cleans_a_prefix_with_the_same_result_after_the_cap():
    """A huge text is cleaned only as far as the engine's cap needs (issue 8, item 7): the
    limited result is a prefix of the full one and caps to exactly the same text."""
    from summarizers.engine import cap_paragraphs

    block = [
        "The harbour council met on Tuesday to discuss the new ferry terminal and its costs.",
        "Read more",
        "Harbour plans",
        "- Home\n- News\n- Sport",
        "- The terminal opens in 2027, officials said on Tuesday at the harbour.\n- It will cost 40 million euros, the council's budget shows.",
        "A dry riverbed near the port Image: Example Photographer/Agency",
        "Residents of the old quarter say the terminal will bring traffic through narrow streets.",
    ]
    text = "\n\n".join(f"{p} ({k})" if not p.startswith("-") else p for k in range(400) for p in block)
    meta = ArticleMeta(title="Harbour plans")
    full = clean_paragraphs(text, meta)
    for limit in (1000, 5000, 20000):
        part = clean_paragraphs(text, meta, limit)
        assert len(part) < len(full) and full[: len(part)] == part
        assert cap_paragraphs(part, limit) == cap_paragraphs(full, limit)
    assert clean_paragraphs(text, meta, 10 * len(text)) == full


def test_teasers_after_an_other_stories_heading_are_cut():
    body = [f"Paragraph {k} of the column says the harbour levy will be debated again next week by the council." for k in range(12)]
    tail = ["Other Opinion Columns", "Editorial: the mayor's legacy",
            "Tom Bergen was an effective mayor, quietly installed and loudly re-elected.",
            "The good thing about flat-pack furniture is that it is cheap."]
    text, meta = "\n\n".join(body + tail), ArticleMeta(title="Harbour levy")
    assert clean_paragraphs(text, meta) == body
    for limit in (400, 2000):  # a capped walk still gives a prefix of the same result
        part = clean_paragraphs(text, meta, limit)
        assert part and part == body[: len(part)]


def test_an_other_stories_heading_before_the_body_cuts_nothing():
    text = "More from Politics\n\nThe council voted on Monday to raise the harbour levy by two percent.\n\nTom Bergen voted against."
    kept = clean_paragraphs(text, ArticleMeta(title="Harbour levy"))
    assert kept[-1] == "Tom Bergen voted against."
