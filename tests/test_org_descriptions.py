"""What an organisation is, from descriptions the text gives it away from the name: a definite
description referring back to it ("The phone company collapsed"), a description set off
before the name ("The mill, Krivo Steel, is ...") or after a dash ("X - the Danish firm which
...  -"); on inputs written for these tests."""

import pytest

from tests.nlp_helpers import analyse, role_of

pytestmark = pytest.mark.slow


def test_a_description_referring_back_to_the_body_that_acted(nlp):
    text = ('Telvanta Group cut 700 jobs in Leeds last year. The phone company later collapsed under its debts.\n\n'
            'Ana Ruiz, its founder, said: "We grew too fast."')
    _, actors, _ = analyse(nlp, text)
    assert role_of(actors, "Telvanta Group") == "phone company"


def test_a_description_after_a_body_that_reports_is_not_that_body(nlp):
    text = ('The Daily Courier said the company would pay a fine. The firm also ignored orders to stop building.')
    _, actors, _ = analyse(nlp, text)
    assert all(a.role is None for a in actors if a.name == "Daily Courier")


def test_a_description_after_another_body_is_named_is_not_the_earlier_subject(nlp):
    # the nearer body ("Harbour Airlines", never a subject) may be the one described: no guess
    text = ('Telvanta Group was founded in 1974 to protect pensions. Last week it took control of the pilots\' '
            'pension scheme at Harbour Airlines. With Harbour Airlines battling bankruptcy, the carrier had '
            'wanted to use the money to pay its running costs.')
    _, actors, _ = analyse(nlp, text)
    assert all(a.role != "carrier" for a in actors if a.name == "Telvanta Group")


def test_a_description_repeating_the_name_head_adds_nothing(nlp):
    text = ('The Harbour Party won two seats on Monday. The party will now join the coalition.')
    _, actors, _ = analyse(nlp, text)
    assert role_of(actors, "Harbour Party") is None


def test_description_set_off_before_the_name_and_after_a_dash(nlp):
    text = ('The government wants to sell the steel plant again. The mill, Krivo Steel, is one of the most '
            'profitable in the world. If Vodacom backs out, Nordkom Telecom - the Danish firm which lost out in the '
            'tender - may well return.')
    _, actors, _ = analyse(nlp, text)
    assert role_of(actors, "Nordkom Telecom") == "Danish firm"
    roles = {a.name: a.role for a in actors}
    assert roles.get("Krivo Steel") in (None, "mill")  # the tagger may call it a person; never another role


@pytest.mark.parametrize("text, role", [
    ("Manufacturers' organisation, the EEF, said it expected rates to hold. The EEF also said confidence was waning.",
     "Manufacturers' organisation"),
    ("The EEF, the manufacturers' organisation, said it expected rates to hold. The EEF also said confidence was waning.",
     "manufacturers' organisation"),
])
def test_a_body_described_with_its_members_as_possessor_gets_that_description(nlp, text, role):
    assert role_of(analyse(nlp, text)[1], "EEF") == role
