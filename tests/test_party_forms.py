"""One party under its several names, and the party a run of "they" stands for (issue 8,
items 1 and 2): "the Conservatives" and "the Conservative Party", "the Lib Dems" and "the
Liberal Democrats", and "They said ... a spokesman said" after the party was the subject."""

import pytest

from tests.nlp_helpers import analyse, speaker_of

pytestmark = pytest.mark.slow

THEY = """The Conservative Party will back the identity cards bill in the Commons next week.

Despite giving their backing, the Conservatives insisted they would hold ministers to account.

They said they would also press the government over the cost. And they pledged to check whether
privacy would be protected. "It is important to remember that this bill will take a decade to come
into effect," a spokesman said. "It will do nothing about crime now."

Lib Dem home affairs spokesman Mark Oten said the Tories had lost their nerve."""


def test_an_unnamed_spokesman_after_a_run_of_they_speaks_for_the_body_they_stand_for(nlp):
    _, actors, quotes = analyse(nlp, THEY, title="Tories back ID cards")
    assert speaker_of(quotes, "It is important") == "Conservative Party"
    assert speaker_of(quotes, "It will do nothing") == "Conservative Party"
    names = [a.name for a in actors]
    assert "Conservatives" not in names, names  # one body, not two


def test_a_spokesman_after_they_that_stands_for_people_speaks_for_no_body(nlp):
    text = ("The teachers marched to the capitol on Monday. They said pay had fallen. "
            '"We cannot go on like this," a spokesman said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "We cannot go on") is None


def test_a_person_whose_name_clips_a_body_of_the_text_is_that_body(nlp):
    from summarizers.entities.mentions import _retype_clipped_bodies
    from summarizers.entities.names import is_clipped_form
    from summarizers.entities.spans import Mention

    doc = nlp("The Liberal Democrats met. The Lib Dems accuse Mr Hale. Mr Lib Dem spoke. Libby Demsey left.")
    found = [Mention(1, 3, "Liberal Democrats", "group"), Mention(6, 8, "Lib Dems", "person"),
             Mention(13, 15, "Lib Dem", "person"), Mention(17, 19, "Libby Demsey", "person")]
    _retype_clipped_bodies(doc, found)
    assert [m.type for m in found] == ["group", "organization", "person", "person"]  # "Mr Lib Dem" keeps its honorific
    assert is_clipped_form(["Lib", "Dems"], ["Liberal", "Democrats"])
    assert not is_clipped_form(["Liberal", "Democrats"], ["Liberal", "Democrats"])
    assert not is_clipped_form(["Li", "Dem"], ["Liberal", "Democrats"])  # too short to be a clip


def test_a_party_keeps_its_plural_name_when_a_fragment_of_a_title_joins_it(nlp):
    text = ("The Liberal Democrats called the plan a gimmick on Monday.\n\n"
            'Liberal Democrat spokeswoman for women Sandra Gadley said: "While mothers would welcome the pay, the '
            'Liberal Democrats feel this money is misdirected."')
    names = [a.name for a in analyse(nlp, text, title="Maternity pay plan")[1]]
    assert "Liberal Democrats" in names and "Liberal Democrat" not in names, names
