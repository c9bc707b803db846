"""A party named only by its adjective is an actor, and a career told with ages is no role
(issue 8, items 1 and 3): 'Former Tory leader X ... senior Tory members, who say the party
needs him' makes the Conservative Party act; 'X became an MP at 30 and Leader of the
Opposition at 41' is biography, so the title the lede gives stays the role."""

import pytest

from tests.nlp_helpers import analyse, role_of

pytestmark = pytest.mark.slow

RETIRED = """Former Tory leader Tomas Berg says he will not stand for the leadership again, having given up his ambition to be prime minister.

Mr Berg, 52, told a radio programme he would find a life dominated by politics dull. Mr Berg became an MP at 30 and Leader of the Opposition at 41. His decision will disappoint senior Tory members, who say the party needs him.

"I have done enough," he said."""

NO_PARTY_NOUN = """Republican senator Ida Moss said the budget would pass. Ms Moss said the vote would come on Friday.
"We have the numbers," she said. Democratic senator Karl Weber said he would vote against it."""

GREEN_WORDS = """The Green Belt around Salvento will shrink, the council said. Liberal estimates put the loss at 200 acres.
Ana Ruiz, who leads the council's planning committee, said the party of developers had won. "We lost," she said."""


def test_a_party_named_by_its_adjective_acts_when_the_text_speaks_of_the_party(nlp):
    actors = analyse(nlp, RETIRED, title="Berg gives up ambition")[1]
    party = [a for a in actors if a.name == "Conservative Party"]
    assert len(party) == 1 and party[0].type == "organization", [a.name for a in actors]
    assert party[0].mentions == 2  # "Former Tory leader", "senior Tory members"
    assert not any(a.name == "Tory" for a in actors)


def test_a_career_told_with_ages_does_not_outrank_the_title(nlp):
    actors = analyse(nlp, RETIRED, title="Berg gives up ambition")[1]
    assert role_of(actors, "Tomas Berg") == "Former Tory leader"


def test_no_party_actor_without_the_noun_party(nlp):
    actors = analyse(nlp, NO_PARTY_NOUN, title="Budget vote")[1]
    assert not any(a.name.endswith("Party") for a in actors), [a.name for a in actors]


def test_adjectives_that_are_ordinary_words_make_no_party(nlp):
    actors = analyse(nlp, GREEN_WORDS, title="Green belt shrinks")[1]
    assert not any(a.name.endswith("Party") for a in actors), [a.name for a in actors]
