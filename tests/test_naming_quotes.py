"""Quoted words given as someone's description of a thing ("X called the bill "..."", "X
described the plan as "..."") are that person's quotation; a quoted name after "called" is
not (issue 8, item 2: partial quotations). Roles a party-member apposition or a copula gives
(item 1). Inputs are written for these tests."""

import pytest

from tests.nlp_helpers import analyse, role_of, speaker_of

pytestmark = pytest.mark.slow

TEXT = ("Senator Ana Ruiz of Texas opposed the spending plan on Tuesday. In 2015 she called the old budget "
        "\"the most reckless plan this chamber has seen.\" Last year Tomas Berg, the Ohio Republican, described "
        "the tax bill as \"a gift to the people who need it least.\"\n\n"
        "A campaign called \"Save Our Local Schools\" has collected 9,000 names.\n\n"
        "Mr Berg said: \"We will keep fighting.\"")


def test_words_a_person_calls_or_describes_something_are_their_quotation(nlp):
    _, _, quotes = analyse(nlp, TEXT)
    assert speaker_of(quotes, "the most reckless plan") == "Ana Ruiz"
    assert speaker_of(quotes, "a gift to the people") == "Tomas Berg"


def test_a_name_after_called_is_no_quotation(nlp):
    _, _, quotes = analyse(nlp, TEXT)
    assert not any(q.text.startswith("Save Our") for q in quotes)


def test_party_member_apposition_is_a_role_and_a_home_state_is_not(nlp):
    _, actors, _ = analyse(nlp, TEXT)
    assert role_of(actors, "Tomas Berg") == "Ohio Republican"
    assert role_of(actors, "Ana Ruiz") == "Senator"  # not "Texas": where she is from


def test_an_organisation_gets_the_kind_a_copula_gives_it(nlp):
    text = ("Browser battle heats up\n\n"
            "The Larkspur Foundation is an open source organisation that pays a few developers.\n\n"
            "Eleni Rask, who runs the Larkspur Foundation, said: \"We are glad to see it grow.\"")
    _, actors, _ = analyse(nlp, text)
    assert role_of(actors, "Larkspur Foundation") == "open source organisation"


def test_a_copula_after_a_longer_subject_gives_no_role(nlp):
    # "the head of X is a ...": the copula describes the head, not the organisation
    text = ("The head of the Larkspur Foundation is a former engineer who joined in 2001.\n\n"
            "The Larkspur Foundation said: \"We are glad to see it grow.\"")
    _, actors, _ = analyse(nlp, text)
    assert role_of(actors, "Larkspur Foundation") is None


def test_an_office_outranks_a_party_membership(nlp):
    text = ("Budget vote\n\n"
            "Senator Tomas Berg, the Ohio Republican, voted against the bill. Mr Berg said: \"It costs too much.\"")
    _, actors, _ = analyse(nlp, text)
    assert role_of(actors, "Tomas Berg") == "Senator"
