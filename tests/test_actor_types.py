"""Actor types from every mention (issue 8, item 3: platforms, hospitals and companies are
organisations, not people or places)."""

import pytest

from summarizers.entities.actortype import TypeEvidence, vote_single
from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow


def test_a_one_word_person_without_person_cues_and_with_even_company_and_place_cues_is_an_organisation():
    # "ridicule across Twitter" (a place cue) and "some Twitter users" (a company cue), tagged PERSON twice
    ev = TypeEvidence(organization=1, place=1, labels={"person": 2})
    assert vote_single(None, ev, "person") == "organization"
    titled = TypeEvidence(organization=1, place=1, person_strong=True, labels={"person": 2})
    assert vote_single(None, titled, "person") == "person"  # "Mr Twitter" stays a person
    assert vote_single(None, TypeEvidence(place=1, labels={"person": 2}), "person") == "person"


def test_a_name_before_an_institution_noun_is_an_organisation(nlp):
    text = ("Senator Tomas Berg was taken to the Marlow Reed hospital after he fell ill, his office said. "
            "Marlow Reed doctors said he was recovering, and Marlow Reed declined to comment further.")
    types = {a.name: a.type for a in analyse(nlp, text, title="Senator in hospital")[1]}
    assert types["Marlow Reed"] == "organization"


def test_armed_forces_described_by_their_country_as_speakers_are_organisations(nlp):
    text = ("Two soldiers were killed in a helicopter crash in Norland, the US military said in a statement on "
            "Monday. The army of the rebels said nothing. Officials said the military would investigate.")
    actors = {a.name: a for a in analyse(nlp, text, title="Helicopter crash")[1]}
    assert actors["US military"].type == "organization"
    assert not any(n.lower() in {"military", "the military", "army"} for n in actors)  # no owner: no actor


def test_a_government_named_with_its_country_is_an_organisation(nlp):
    text = ("Beijing and the Hong Kong government will not take a step back, protesters said. The American "
            "government plans to lift sanctions on the Sudanese government. The Tory government fell in 1997.")
    actors = {a.name: a for a in analyse(nlp, text, title="Stand-off")[1]}
    assert actors["Hong Kong government"].type == "organization"
    assert "American government" in actors
    assert "Sudanese government" not in actors  # named once, as an object
    assert not any("Tory" in n for n in actors)



def test_a_newspaper_s_name_and_a_name_after_the_article_are_no_person_s(nlp):
    from summarizers.entities.actortype import evidence
    from summarizers.entities.names import looks_like_org

    assert looks_like_org("Daily Courier") and looks_like_org("Sunday Herald") and not looks_like_org("Daly Courier")
    doc = nlp("The Courier was sued by Mr Berg. The Berg plan failed.")
    assert evidence(doc, [(1, 2, "PERSON")]).organization == 1  # "The Courier was sued": no person takes "the"
    assert evidence(doc, [(10, 11, "PERSON")]).organization == 0  # "The Berg plan": a modifier


def test_a_seat_the_tagger_calls_a_person_is_a_place_by_what_the_text_says_of_it(nlp):
    # "contest X, in London," and "the constituency of X": a place, whatever the tagger said
    text = ('Tomas Berg is to stand against Labour MP Ana King at the next election.\n\n'
            'Mr Berg said he would contest Harbour Green, in London, for his new party. Ms King has represented '
            'the constituency of Harbour Green since 1997. Both parties chose candidates from the constituency '
            'of Harbour Green last year.')
    _, actors, _ = analyse(nlp, text)
    assert [a.type for a in actors if "Harbour Green" in a.name and a.type == "person"] == []


def test_a_name_that_has_directors_or_staff_is_a_company_cue(nlp):
    from summarizers.entities.actortype import evidence

    doc = nlp("Three Walton directors left. Walton staff were told. Walton said nothing.")
    assert [evidence(doc, [(k, k + 1, "PERSON")]).organization for k in (1, 5, 9)] == [1, 1, 0]


def test_a_title_word_opening_a_company_s_two_word_name_stays(nlp):
    from summarizers.entities.spans import trim

    doc = nlp("US behemoth General Kestrel posted higher sales. General Berg agreed, and Mr Berg left.")
    assert trim(doc, 2, 4, "ORG") == (2, 4)  # "General Kestrel", tagged ORG: a company's name
    assert trim(doc, 8, 10, "ORG") == (9, 10)  # "General Berg": "Mr Berg" elsewhere makes it a title


def test_a_company_s_own_speech_is_no_evidence_that_its_last_word_is_a_surname(nlp):
    from summarizers.entities.mentions import _alone_elsewhere

    doc = nlp("General Kestrel declared itself in great shape. Later Kurt Volker arrived, and Volker said so.")
    assert not _alone_elsewhere(doc, 0, 2)
    assert _alone_elsewhere(doc, 9, 11)


def test_a_company_named_without_its_trade_word_is_the_same_company(nlp):
    # "Brantwell" of "Brantwell Energy" joins it; "Barclays Capital" would be another arm of "Barclays"
    text = ('Brantwell Energy has cut its forecast for the Rajasthan oil field.\n\n'
            'Shares in Brantwell fell 4% on Monday. Brantwell said the field was smaller than it had hoped.')
    _, actors, _ = analyse(nlp, text)
    assert [(a.name, a.type) for a in actors if "Brantwell" in a.name] == [("Brantwell Energy", "organization")]
