"""A party written before a name is the person's affiliation when the text gives no title
(:mod:`summarizers.entities.partyroles`); a title before the name still wins; and a title set
off before a name with "the Rt Rev", "his Chinese counterpart, X" and "X, 27, a close
friend of ..." (an age skipped, a home town no role); on inputs written for these tests."""

import pytest

from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow


def _roles(nlp, text):
    _, actors, _ = analyse(nlp, text)
    return {a.name: a.role for a in actors}


def test_party_before_a_peer_and_a_two_word_party(nlp):
    roles = _roles(nlp, 'Opponents, including Tory Lord Berg of Ashby, spoke on Monday. '
                        'Liberal Democrat Ana Ruiz said the plan was wrong.')
    assert roles["Lord Berg of Ashby"] == "Tory"
    assert roles["Ana Ruiz"] == "Liberal Democrat"


def test_a_title_after_the_party_wins(nlp):
    roles = _roles(nlp, 'Labour MP Ana Ruiz said the plan was wrong. Tory leader Tomas Berg agreed.')
    assert roles["Ana Ruiz"] == "Labour MP"
    assert roles["Tomas Berg"] == "Tory leader"


def test_office_set_off_before_a_reverend_name(nlp):
    roles = _roles(nlp, 'The Bishop of Ashby, the Rt Rev Michael Hale, said the bill went too far. '
                        'Bishop Hale said he would vote against it.')
    assert roles["Rt Rev Michael Hale"] == "Bishop of Ashby"


def test_a_counterpart_in_apposition_is_a_role(nlp):
    roles = _roles(nlp, 'Officials could not reschedule a meeting between Mr Berg and his Danish counterpart, '
                        'Ana Ruiz, in Oslo.')
    assert roles["Ana Ruiz"] == "Danish counterpart"


def test_an_apposition_after_an_age_is_a_role_and_a_home_town_is_not(nlp):
    roles = _roles(nlp, 'Those charged included Luke Hale, 27, a close friend of the princes. '
                        'Peter Dunn, 50, of Headingley, was also charged.')
    assert roles["Luke Hale"] == "close friend of the princes"
    assert roles.get("Peter Dunn") is None
