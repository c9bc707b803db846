"""A continuation quotation after a picture's caption, campaign names that read as sentences
as affiliations, and rulers as roles (issue 8, items 1 and 2). Inputs are written for these
tests."""

import pytest

from tests.nlp_helpers import analyse, role_of, speaker_of

pytestmark = pytest.mark.slow


def test_a_caption_between_a_quotation_and_its_continuation_is_skipped(nlp):
    text = ("River guardians\n\n"
            "Mere Hohaia has cleaned the river for forty years.\n\n"
            "\"The river is our grandmother,\" says Hohaia, an elder of her tribe.\n\n"
            "Mere Hohaia at her home by the river, where she was born and grew up\n\n"
            "\"People come to take photographs and leave their rubbish behind.\"\n\n"
            "The council has promised a new clean-up plan.")
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "People come to take") == "Mere Hohaia"


def test_what_counts_as_a_caption_between_paragraphs():
    from summarizers.quotes.attribution import _interlude

    assert _interlude("Mere Hohaia at her home by the river, where she was born and grew up")
    assert _interlude("- Mere Hohaia at her home")
    assert not _interlude("New rules")  # a heading: too short to be a caption
    assert not _interlude("The council has promised a new clean-up plan for the river.")  # a sentence
    assert not _interlude("\u201cWe will not give up on the river and its people\u201d")  # a quotation


def test_a_campaign_named_like_a_sentence_is_an_affiliation(nlp):
    text = ("Access plans\n\n"
            "Tom Reyes, from Parents Need Schools, said the new proposals \"lacked any teeth\".")
    _, actors, _ = analyse(nlp, text)
    assert role_of(actors, "Tom Reyes") == "Parents Need Schools"


def test_a_ruler_is_a_role(nlp):
    text = ("Victims paid\n\n"
            "The bank will pay $8m to victims of former Andean military ruler Carlos Ibarra's regime. "
            "Gen Ibarra ruled from 1973 to 1990.")
    _, actors, _ = analyse(nlp, text)
    assert role_of(actors, "Carlos Ibarra") == "former Andean military ruler"


VERBLESS = ("Growth to slow\n\n"
            "Kestrel's chief economist Anna Brook said: \"The biggest hit will come from housing.\"\n\n"
            "Economic growth is likely to slow, the firm Kestrel believes. Kestrel stressed that prices would hold. "
            "It expects a series of rate cuts. \"Although 2005 may not be the year when things go wrong, it will "
            "mark the start of a more difficult period,\" Ms Brook.")


def test_a_name_after_a_quotation_whose_verb_was_left_out_is_its_speaker(nlp):
    _, _, quotes = analyse(nlp, VERBLESS)
    assert speaker_of(quotes, "Although 2005") == "Anna Brook"


def test_a_report_with_no_named_author_is_the_inquiring_bodys(nlp):
    text = ("Online college a waste\n\n"
            "A failed scheme to sell courses online has been branded a waste by MPs. The Commons health select committee "
            "called the bonuses \"hard to defend\". The committee also criticised the board.\n\n"
            "With no private investors, the college had had \"too much freedom to spend public money as it wished\", "
            "the report found. Committee chairman Bill Osman said: \"It was a terrible waste.\"")
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "too much freedom") == "Commons health select committee"


def test_a_report_with_two_inquiring_bodies_in_view_has_no_speaker(nlp):
    text = ("Online college a waste\n\n"
            "The Commons health select committee and the Audit Commission both looked at the scheme. "
            "The committee also criticised the board, and the Audit Commission said it would act.\n\n"
            "The college had had \"too much freedom to spend public money as it wished\", the report found.")
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "too much freedom") is None
