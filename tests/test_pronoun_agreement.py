"""Pronouns past things that cannot be "he" or "she": a person of the other gender named in the
sentence before, an unnamed plural speaker ("people asked"), a gendered word that names no
person ("the sister event"); on inputs written for these tests."""

import pytest

from tests.nlp_helpers import analyse, speaker_of

pytestmark = pytest.mark.slow


def test_a_man_named_as_possessor_beside_the_one_woman(nlp):
    text = ('"We will carry on," said Mr Tomas Berg, the festival director.\n\n'
            'Mr Berg\'s view was shared by Ana Ruiz, head of the sister event in Leeds. '
            '"We have been careful to respect the victims of the flood," she said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "We have been careful") == "Ana Ruiz"


def test_two_people_of_unknown_gender_in_the_sentence_before_give_nobody(nlp):
    text = ('Tomas Berg\'s view was shared by Sam Ruiz, head of the sister event in Leeds. '
            '"We have been careful to respect the victims of the flood," she said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "We have been careful") is None


def test_an_unnamed_plural_speaker_does_not_stop_he(nlp):
    text = ('Mr Tomas Berg agreed, but added it was hard to answer when people asked "What has the council done for us?" '
            '"I have had doors slammed in my face every single night," he said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "I have had doors slammed") == "Tomas Berg"


def test_an_unnamed_singular_speaker_still_stops_he(nlp):
    text = ('Mr Tomas Berg agreed, but added it was hard to answer when a voter asked "What has the council done for us?" '
            '"I have had doors slammed in my face every single night," he said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "I have had doors slammed") is None  # the voter may be "he"


def test_an_unnamed_plural_speaker_alone_in_its_sentence_still_stops_the_search(nlp):
    text = ('The money includes the full sum announced by Chancellor Tomas Berg. '
            'But opposition parties said the new bands would mean steep rises. '
            'A further sum will come from a business grant. '
            'She said she was "confident that councils will set fair rates".')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "confident that councils") is None


def test_a_surname_that_is_a_gendered_title_does_not_make_her_a_man(nlp):
    # "Ms King" is a woman: the surname "King" is no title and gives no gender
    text = ('Tomas Berg is to stand against Labour MP Ana King at the next election.\n\n'
            'Speaking in the town, Mr Berg said he had accepted the invitation with "great honour and pride".\n\n'
            'He added: "There is a stooge MP here." Ms King has represented the seat since 1997. '
            'She said: "I am delighted to have the chance to beat him."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "There is a stooge") == "Tomas Berg"
    assert speaker_of(quotes, "I am delighted") == "Ana King"
