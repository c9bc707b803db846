"""Speakers through reported clauses (issue 8, item 2): a reporting verb the parse joins to the
verb of the reported clause, a quotation inside speech reported within speech, and a name
followed by post-nominal letters. Inputs are written for these tests."""

import pytest

from summarizers.parsefix import repair_postnominals, repair_reporting_conjuncts
from tests.nlp_helpers import analyse, role_of, speaker_of

pytestmark = pytest.mark.slow

OPENING = "Carla Mendes has denied her cabinet was divided over the port levy.\n\n"


@pytest.mark.parametrize("clause", [
    'had reached a "shared position" after holding a "long meeting", but admitted it was',
    'front bench team had reached a "joint view" after holding a "frank discussion", but admitted it was',
    "would meet again after the holiday, but conceded it was",
    "has agreed a plan after three meetings, and admitted it was",
])
def test_a_speech_verb_joined_to_the_reported_verb_shares_the_reporting_subject(nlp, clause):
    team = "" if clause.startswith("front") else "team "
    text = OPENING + f'The finance minister said her {team}{clause} "not a simple choice for anyone".'
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "not a simple choice") == "Carla Mendes"


def test_the_repair_moves_the_verb_only_when_its_form_says_so(nlp):
    moved = nlp('The finance minister said her front bench team had reached a "joint view" after holding a "frank '
                'discussion", but admitted it was "not an easy matter".')
    if next(t for t in moved if t.text == "admitted").head.text == "said":
        pytest.skip("this model version parses the sentence right: nothing to repair")
    assert repair_reporting_conjuncts(moved) == 1
    assert next(t for t in moved if t.text == "admitted").head.text == "said"
    # the same tense in both verbs: who admitted is not decided by the form; left as parsed
    same = nlp("The minister said the team met on Monday and admitted it was hard.")
    before = [(t.dep_, t.head.i) for t in same]
    repair_reporting_conjuncts(same)
    assert [(t.dep_, t.head.i) for t in same] == before


def test_a_quotation_in_speech_reported_within_speech_is_the_named_outer_speakers(nlp):
    text = ("Tomas Berg has backed the plan to widen the port.\n\n"
            'Mr Berg said the harbour police had said the new cameras could "help them stop a smuggling ring '
            'before it lands". He added: "When the police ask for tools you have to listen."\n\n'
            'He acknowledged there were "strong arguments on the other side", but said the board had weighed them. '
            '"I do not claim it was an easy decision, but a decision had to be made."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "help them stop") == "Tomas Berg"
    assert speaker_of(quotes, "When the police ask") == "Tomas Berg"
    assert speaker_of(quotes, "strong arguments") == "Tomas Berg"
    assert speaker_of(quotes, "I do not claim") == "Tomas Berg"


def test_a_named_inner_speaker_keeps_the_quotation(nlp):
    text = ("Tomas Berg has backed the plan to widen the port.\n\n"
            'Mr Berg said Ana Ruiz had told him the new cameras could "help them stop a smuggling ring before it lands".')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "help them stop") == "Ana Ruiz"


@pytest.mark.parametrize("letters", ["MSP", "MP", "QC", "MEP"])
def test_a_name_with_post_nominal_letters_speaks_and_the_letters_are_no_actor(nlp, letters):
    text = ("Harbour fees in the north are set to rise by about 4% next year.\n\n"
            f'The opposition finance spokesman, Ana Costa {letters}, said: "It is a tax in disguise and the ports '
            'will pay for it in the end."\n\n'
            f'The Northern Finance Minister, Tomas Berg {letters}, said: "We have asked the ports to show restraint."')
    _, actors, quotes = analyse(nlp, text)
    # the name may keep its letters ("Tom Hale QC" is how a barrister is named), never lose the person
    costa = speaker_of(quotes, "It is a tax")
    assert costa in {"Ana Costa", f"Ana Costa {letters}"}
    assert speaker_of(quotes, "We have asked") in {"Tomas Berg", f"Tomas Berg {letters}"}
    assert letters not in {a.name for a in actors}
    assert "spokesman" in role_of(actors, costa)


def test_post_nominal_repair_keeps_other_capitals(nlp):
    doc = nlp("The talks ended at 10 AM in Dundee, and the MSP left early.")
    ents = [(e.text, e.label_) for e in doc.ents]
    repair_postnominals(doc)
    assert [(e.text, e.label_) for e in doc.ents] == ents


def test_a_name_that_only_modifies_a_thing_is_no_antecedent_of_a_parenthetical_he(nlp):
    text = ("The party met in Harbour City for its spring conference on Saturday, a day after minister Tom Berg "
            "called its leader a \"hound\".\n\n"
            "Carl Dunne, one of the men mocked in the rival poster, affects bewilderment at the attacks. The Tom "
            "Berg \"hound\" remark, he says, is \"just the latest example of a party getting the tone wrong\".")
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "just the latest example") == "Carl Dunne"


def test_letters_after_a_described_place_are_a_description_not_a_name(nlp):
    text = ("Robert Hale is to stand in Harbour North at the general election.\n\n"
            "The West Midlands MEP, who quit the Vostra party, wants his new group to \"change the face\" of "
            "politics. On Thursday, he told a news conference that his party would avoid the old parties' "
            "\"lies and spin\".")
    _, actors, quotes = analyse(nlp, text)
    assert not any(a.name == "West Midlands" and a.type == "person" for a in actors)
    assert speaker_of(quotes, "lies and spin") in {None, "Robert Hale"}
