"""Speakers the text describes or refers to instead of naming (issue 8, item 2), on inputs
written for these tests: bodies and their spokespeople, documents, "it", several reporting
verbs, and pronouns inside embedded clauses."""

import pytest

from tests.nlp_helpers import analyse, speaker_of

pytestmark = pytest.mark.slow


def test_it_after_an_organisation_subject(nlp):
    text = ('The Harbour Trust criticised the decision on Monday. In a statement, it said: '
            '"The closure will cost hundreds of jobs."')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "The closure will cost") == "Harbour Trust"
    assert "Harbour Trust" in [a.name for a in actors]


def test_it_after_a_person_subject_is_nobody(nlp):
    text = ('The Harbour Trust met on Monday. Carla Menon, its chair, left early. '
            'It said: "The closure will cost hundreds of jobs."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "The closure will cost") is None


def test_document_speaks_for_its_author(nlp):
    text = ('The Ministry of Transport issued a statement after the crash. '
            '"Safety is our first priority," the statement said.\n\n'
            'The National Audit Office published its report on rail subsidies on Thursday. '
            'The report said the scheme was "poorly managed and badly costed".')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Safety is our first") == "Ministry of Transport"
    assert speaker_of(quotes, "poorly managed") == "National Audit Office"


def test_document_with_an_unknown_author_has_no_speaker(nlp):
    text = ('Ana Ruiz, the finance minister, spoke on Monday.\n\n'
            '"Costs will rise by a third," the report said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Costs will rise") is None


def test_unnamed_spokesman_of_a_named_body_speaks_for_the_body(nlp):
    text = 'A spokesman for the Harbour Trust said: "We are reviewing the figures."'
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "We are reviewing") == "Harbour Trust"
    assert "Harbour Trust" in [a.name for a in actors]
    assert not any("spokesman" in a.name for a in actors)


def test_unnamed_source_of_a_party_and_the_source_later(nlp):
    text = ('A Labour source told the Daily Courier the campaign would start in March.\n\n'
            '"We will talk about jobs and nothing else," the source told the paper.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "We will talk about jobs") == "Labour"


def test_spokesman_of_a_body_whose_spokesman_the_text_names(nlp):
    text = ('MAB spokesman Dr Karim Nasser organised the meeting in Leeds.\n\n'
            'A spokesman for MAB said: "This meeting is about policies, not parties."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "This meeting is about") == "Karim Nasser"


def test_nearest_reporting_verb_without_a_subject_falls_back_to_an_earlier_one(nlp):
    text = ('Schools Minister Paul Dane said the scheme was useful.\n\n'
            'He added: said "Young voters are essential to the future of our democracy.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Young voters") == "Paul Dane"


def test_pronoun_in_an_embedded_clause_takes_the_governing_subject(nlp):
    text = ('Downing Street cited that comment when reporters suggested Mr Dane had failed to deny '
            'claims he had once told Mr Hale: "There is nothing you could ever say to me now that I could believe". '
            'Paul Dane is the chancellor.')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "There is nothing") == "Paul Dane"


def test_quoted_as_saying_gives_the_quoted_person_not_the_outlet(nlp):
    text = ('A Nordia sign had been turned into a shrine. "We are mourning a great company," '
            'the agency quoted Nordia worker David Ogwen as saying.\n\n'
            'Harbin Bank moved first. "They were so quick it caught us by surprise," '
            'the Daily Courier quoted an insider in the talks as saying.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "We are mourning") == "David Ogwen"
    assert speaker_of(quotes, "They were so quick") is None  # an unnamed insider, not the bank


def test_speech_verb_inside_reported_content_starts_no_continuation(nlp):
    text = ('Health Minister Brian Gibley spoke on Monday.\n\n'
            "But he said the NHS also needed to create a healthier population rather than "
            "respond only to ill health. "
            '"We need one approach across the whole service."')
    _, _, quotes = analyse(nlp, text)
    # not the NHS, subject of "respond" inside what he said: he continues
    assert speaker_of(quotes, "We need one approach") == "Brian Gibley"


def test_a_name_the_text_treats_as_a_body_is_no_person(nlp):
    text = ('But both Cymru Unida and the Liberal Democrats said the minister must change policy. '
            'Owen Price, leader of the Cymru Unida group in the assembly, said: "This reshuffle changes nothing."')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "This reshuffle changes") == "Owen Price"
    assert all(a.type != "person" for a in actors if a.name == "Cymru Unida")


def test_ordinal_title_and_unattached_of_phrase(nlp):
    text = ('First Minister Rhodri Morwen said he had told Ms Hattie of the reshuffle on Monday morning. '
            '"She has done the job for five years," Mr Morwen said.')
    _, actors, _ = analyse(nlp, text)
    by_name = {a.name: a for a in actors}
    assert by_name["Rhodri Morwen"].role == "First Minister"
    assert not (by_name.get("Hattie") and by_name["Hattie"].role)


def test_generic_description_of_the_one_organisation_in_view(nlp):
    text = ('Kestrel Telecom wants lighter regulation in exchange for the changes.\n\n'
            'The company also unveiled plans to cut wholesale prices by 8%. '
            'It added that it plans to invest heavily to build a "faster national fibre network".\n\n'
            'Kestrel Telecom backed the price cuts on Monday. A spokesman said: "Regulation is still needed."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "faster national fibre") == "Kestrel Telecom"
    assert speaker_of(quotes, "Regulation is still needed") == "Kestrel Telecom"


def test_generic_description_between_two_organisations_is_nobody(nlp):
    text = ('The Harbour Trust is carrying out a review of the market. Kestrel Telecom faces a possible break-up.\n\n'
            '"The proposals go far beyond what we were asked," the company said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "The proposals go far") is None


def test_a_noun_tagged_as_a_verb_inside_a_title(nlp):
    text = ('"Now the real negotiation begins," director of telecoms research Tony Lavelle said.')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Now the real negotiation") == "Tony Lavelle"


def test_a_sentence_ending_in_a_unit_is_no_reporting_clause_for_the_next(nlp):
    text = ('Kestrel Insurance cut 3,000 jobs. The company said it was halving its dividend, a move which '
            'should save $360m. Looking ahead, Mr Cherkasov expects "an operating margin in the upper-teens" next year.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "an operating margin") is None  # not the company of the sentence before


SPOKESWOMAN = ("The harbour watchdog is to look into a complaint about late-night calls.\n\n"
               "A spokeswoman for the Harbour Standards Office said it was examining one complaint. \"We are "
               "investigating one of the complaints,\" she said. The office will now examine the evidence. "
               "\"The guidance is that calls can be made as long as nothing is being sold,\" said the spokeswoman.")


def test_the_spokeswoman_after_a_body_s_unnamed_spokeswoman_speaks_for_the_body(nlp):
    _, _, quotes = analyse(nlp, SPOKESWOMAN)
    assert speaker_of(quotes, "The guidance is") == "Harbour Standards Office"


def test_the_spokeswoman_is_nobody_when_a_named_person_is_a_spokeswoman(nlp):
    text = SPOKESWOMAN + ("\n\nJo Marsh, a spokeswoman for the harbour towns, said the calls had to stop. "
                          "\"Nobody should be woken at midnight,\" said the spokeswoman.")
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Nobody should be woken") != "Harbour Standards Office"


def test_spokesman_for_the_company_is_the_voice_of_the_body_just_named(nlp):
    text = ('Brantwell Shipping said on Tuesday it would wait for the ruling before cutting routes. '
            'Its shares fell 4% in early trading.\n\n'
            '"We will not close a single route until the court has spoken," said a spokesman for the company.')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "We will not close") == "Brantwell Shipping"
    assert [a.type for a in actors if a.name == "Brantwell Shipping"] == ["organization"]  # named after its trade
    assert not [a.name for a in actors if "spokesman" in a.name]


def test_spokesman_for_the_company_between_two_bodies_is_nobody(nlp):
    text = ('Brantwell Shipping said on Tuesday it would wait for the ruling. '
            'Kestrel Telecom said it would appeal.\n\n'
            '"We will not close a single route," said a spokesman for the company.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "We will not close") in (None, "spokesman for the company")
