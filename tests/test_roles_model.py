"""Roles the whole text gives a person (issue 8, item 1), on inputs written for these tests:
office verbs, affiliations, apposition before the name, a title the parser split, peers'
territorial names, and names the tagger missed but the text treats as a person's."""

import pytest

from tests.nlp_helpers import analyse, speaker_of

pytestmark = pytest.mark.slow


def _actor(actors, name):
    return next(a for a in actors if a.name == name)


def test_office_verb_gives_a_role(nlp):
    text = ("Robert Lind chairs the transport committee. He wants more buses.\n\n"
            "The Weekly Lantern, edited by Simon Pryce, published the cartoon.\n\n"
            "Nadia Okafor, who founded the Clean Rivers Trust, spoke last.")
    _, actors, _ = analyse(nlp, text)
    assert _actor(actors, "Robert Lind").role == "chair of the transport committee"
    assert _actor(actors, "Simon Pryce").role == "editor of The Weekly Lantern"
    assert _actor(actors, "Nadia Okafor").role == "founder of the Clean Rivers Trust"


def test_description_resolves_to_the_holder_of_an_office_verb_role(nlp):
    text = ("Robert Lind chairs the transport committee. It met on Monday.\n\n"
            '"Who will pay for the new bridge?" the chairman asked.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Who will pay") == "Robert Lind"


def test_party_possessive_is_an_affiliation(nlp):
    text = 'Labour\'s Paula Fenwick said the pair had had a "scorching" from MPs.'
    _, actors, _ = analyse(nlp, text)
    assert _actor(actors, "Paula Fenwick").role == "Labour"


def test_apposition_before_with_of_the(nlp):
    text = ("The chairman of the council's finance committee, Sher Malik, said the cuts would hurt. "
            '"We have no choice," Mr Malik said.')
    _, actors, _ = analyse(nlp, text)
    assert _actor(actors, "Sher Malik").role == "chairman of the council's finance committee"


def test_title_split_by_the_parser_still_names_the_speaker(nlp):
    text = 'Shadow spokesman for sport Hugh Rennard said: "The plan is a gimmick."'
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "The plan is a gimmick") == "Hugh Rennard"
    assert "spokesman for sport" in _actor(actors, "Hugh Rennard").role


def test_spokesman_for_a_person_is_not_that_person(nlp):
    text = 'Ana Ruiz left hospital on Monday. A spokesman for Ana Ruiz said: "She is resting at home."'
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "She is resting") is None


def test_peer_keeps_the_territorial_designation(nlp):
    text = ('Lord Faulkner of Worcester, who chaired the inquiry, said: "We accept most of it." '
            'Lord Faulkner added: "The rest must change."')
    _, actors, quotes = analyse(nlp, text)
    peer = _actor(actors, "Lord Faulkner of Worcester")
    assert peer.role == "chair of the inquiry"
    assert speaker_of(quotes, "The rest must change") == "Lord Faulkner of Worcester"


def test_full_name_the_tagger_missed_is_a_person_when_the_text_says_so_elsewhere(nlp):
    text = ('Ms Ruiz said the bill was "badly drafted and rushed" and promised to vote against it. '
            "Ana Ruiz is the opposition leader.")
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "badly drafted") == "Ana Ruiz"
    assert _actor(actors, "Ana Ruiz").type == "person"


def test_quotation_after_a_sentence_about_one_person(nlp):
    text = ('The minister spoke first. Opposition leader Carla Menon attacked the plan on Tuesday. '
            '"It is a gift to the banks and a burden for everyone else."\n\n'
            'Carla Menon met Tomas Berg on Friday. "We will vote against it."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "It is a gift") == "Carla Menon"
    assert speaker_of(quotes, "We will vote against") is None  # two people in the sentence before


def test_outlet_told_is_never_the_speaker(nlp):
    text = ('Paolo Conti spoke on Sunday. "The border will stay open," he told the Daily Courier.\n\n'
            'The editor told a radio programme: "We stand by every line we printed."')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "The border will stay open") == "Paolo Conti"
    assert speaker_of(quotes, "We stand by every line") is None  # kept, but whose editor is not said


def test_organisations_get_the_descriptor_the_text_gives_them(nlp):
    text = ("Former Labour MP George Gallow, who founded the anti-war party Respect, is standing. "
            "The Electoral Commission, the elections watchdog, said it was worried. "
            "Respect won two seats. The Electoral Commission will decide.")
    _, actors, _ = analyse(nlp, text)
    assert _actor(actors, "Respect").role == "anti-war party"
    assert _actor(actors, "Electoral Commission").role == "elections watchdog"
    assert _actor(actors, "George Gallow").role == "Former Labour MP"


def test_a_person_whose_surname_is_a_document_word_is_kept(nlp):
    text = ('Jack Law, from the charity Alcohol Watch, spoke on Monday. Mr Law added: "The remark was ill-advised." '
            "The Data Retention Bill was published on Tuesday and the Data Retention Bill will be debated.")
    _, actors, quotes = analyse(nlp, text)
    names = [a.name for a in actors]
    assert "Jack Law" in names and "Data Retention Bill" not in names
    assert speaker_of(quotes, "The remark was ill-advised") == "Jack Law"


def test_office_named_in_the_next_sentence_and_its_quote(nlp):
    text = ('Tony Blane has dismissed reports he would quit before the election.\n\n'
            '"You do not do deals over jobs like this," the prime minister told a radio programme.')
    _, actors, quotes = analyse(nlp, text)
    assert _actor(actors, "Tony Blane").role == "prime minister"
    assert speaker_of(quotes, "You do not do deals") == "Tony Blane"


def test_office_after_a_sentence_naming_two_people_links_nobody(nlp):
    text = ('Tony Blane met Gordon Broun on Monday.\n\n'
            '"You do not do deals over jobs like this," the prime minister told a radio programme.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "You do not do deals") is None


def test_person_shown_speaking_by_a_film(nlp):
    text = ('The documentary showed Mr Nattrell, apparently talking about the EU, telling the meeting: '
            '"The big losers here do not care." Mike Nattrell is an MEP.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "The big losers") == "Mike Nattrell"
