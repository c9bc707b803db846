"""Who "he" is when the sentence before has a thing as its subject and a person as the subject
of its adverbial clause ("His words came as X backed ..."), and names after a title that the
tagger misses ("Cardinal O'Connor said") (issue 8, items 1 and 2). Inputs are written for
these tests."""

import pytest

from tests.nlp_helpers import analyse, speaker_of

pytestmark = pytest.mark.slow

TEXT = ("Abortion row\n\n"
        "The prime minister's spokesman set out Mr Blair's view on Monday.\n\n"
        "His words came as Cardinal Cormac Murphy O'Connor, the Archbishop of Westminster, backed "
        "Mr Howard's stance and distanced himself from Labour. In a statement, he said abortion was a "
        "\"very key issue\", saying: \"The policy supported by Mr Howard is one that we would commend.\"\n\n"
        "Cardinal O'Connor claimed Labour had \"developed\" the notion, but he said: "
        "\"We are not going to suggest people support one particular party.\"")


def test_a_titled_name_with_an_apostrophe_is_a_person_with_its_apposition(nlp):
    _, actors, _ = analyse(nlp, TEXT)
    cardinal = next(a for a in actors if a.name == "Cormac Murphy O'Connor")
    assert cardinal.type == "person" and cardinal.role == "Archbishop of Westminster"


def test_he_after_a_thing_subject_is_the_subject_of_its_adverbial_clause(nlp):
    _, _, quotes = analyse(nlp, TEXT)
    assert speaker_of(quotes, "very key issue") == "Cormac Murphy O'Connor"
    assert speaker_of(quotes, "The policy supported") == "Cormac Murphy O'Connor"
    assert speaker_of(quotes, "We are not going") == "Cormac Murphy O'Connor"


def test_a_second_person_as_object_leaves_the_pronoun_undecided(nlp):
    text = ("Budget row\n\n"
            "The vote came after Mr Tomas Berg criticised Mr Jon Walsh in the chamber. "
            "Later, he said: \"This budget cannot stand.\"")
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "This budget") is None


def test_a_party_the_text_defines_is_one_organisation_wherever_named(nlp):
    text = ("Tunisia shaken\n\n"
            "In 2011, voters elected a government led by the Vostra party, a movement of pious reformers. "
            "Vostra came under fire for its tolerance of extremists.\n\n"
            "In 2013 Vostra stepped down. The leader of Vostra, Amir Selmi, condemned the attack, saying it "
            "\"will not break the will of our people.\"")
    _, actors, quotes = analyse(nlp, text)
    body = next(a for a in actors if a.name == "Vostra")
    assert body.type == "organization" and body.mentions >= 4
    assert body.role == "movement of pious reformers"
    assert not any(a.name == "Vostra party" for a in actors)
    assert speaker_of(quotes, "will not break") == "Amir Selmi"


def test_a_common_noun_after_a_capitalised_word_at_sentence_start_is_no_body(nlp):
    text = ("Election night\n\n"
            "Labour held a party in the town hall. Campaign staff said the mood was good.")
    _, actors, _ = analyse(nlp, text)
    assert not any(a.name in {"Campaign", "Campaign staff"} for a in actors)


def test_an_indefinite_description_is_someone_new_not_a_named_holder_of_that_role(nlp):
    text = ("ID cards\n\n"
            "Tory leader Tom Hart backed the plans. Among the doubters was Ian Vale, his transport spokesman.\n\n"
            "The Tories said they would hold ministers to account. \"It is important to remember that this bill "
            "will take a decade to come into full effect,\" a spokesman said.")
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "It is important") != "Ian Vale"


def test_a_campaign_named_like_a_sentence_is_one_organisation(nlp):
    text = ("Assembly vote\n\n"
            "The official North West Says No campaign has attacked the plans. Its chairman, Tim Brooks, said: "
            "\"The assembly would be a waste of money.\"\n\n"
            "North West Says No said it would keep fighting. Staff then went to the Christmas party.")
    _, actors, _ = analyse(nlp, text)
    campaign = next(a for a in actors if a.name == "North West Says No")
    assert campaign.type == "organization" and campaign.mentions == 2
    assert not any(a.name in {"North West", "Christmas"} for a in actors)


def test_a_side_of_a_vote_campaign_is_one_organisation_with_its_noun(nlp):
    text = ("Assembly vote\n\n"
            "The mayor has been drafted in to boost the Yes campaign as the referendum enters its final week. "
            "Yes campaign chairman John Toms said he hoped for a late flurry of votes.\n\n"
            "Graham Rudd, spokesman for the No campaign, said the Yes campaign's decision to get personal was wrong.")
    _, actors, _ = analyse(nlp, text)
    campaign = next(a for a in actors if a.name == "Yes campaign")
    assert campaign.type == "organization" and campaign.mentions >= 3
