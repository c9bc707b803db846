"""Page furniture and credited sources are no actors (issue 8, item 3): outlets cited as the
source of the material, reporters credited in a footer."""

import pytest

from summarizers.entities.exclusions import is_outlet
from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow


def test_outlet_names():
    for name in ["Reuters", "AFP", "Associated Press", "Intelligencer", "Wheeling News-Register", "Daily Courier",
                 "Harbour Times"]:
        assert is_outlet(name), name
    for name in ["Ana Ruiz", "Coastal Party", "Water Board", "Norland"]:
        assert not is_outlet(name), name


STORY = """Minister Ana Ruiz will resign next week, according to the Harbour Intelligencer.

Intelligence reports seen by Reuters suggest that Ruiz had planned the move for months. "I have
done what I came to do," Ruiz told the Daily Courier on Sunday.

Tomas Berg, who leads the Coastal Party, said he was surprised. Writing in the Harbour Herald, Berg
called her a friend. The Coastal Times reported that the party would meet on Friday. Speaking on
Harbour Television, Berg said the vote would be close; Ruiz, appearing on Harbour Television later, said it would not.

Lena Park contributed reporting from Brennholm."""


def test_outlets_cited_as_sources_and_credited_reporters_are_not_actors(nlp):
    names = {a.name for a in analyse(nlp, STORY, title="Ruiz to resign")[1]}
    assert {"Ana Ruiz", "Tomas Berg"} <= names
    for furniture in ["Harbour Intelligencer", "Intelligencer", "Reuters", "Daily Courier", "Lena Park",
                      "Harbour Herald", "Coastal Times", "Harbour Television"]:
        assert furniture not in names, furniture


def test_an_outlet_that_acts_in_the_story_stays(nlp):
    text = ("The Harbour Times sued the city council on Monday. The Harbour Times said the council had hidden "
            "its budget, and Mayor Ana Ruiz said the paper was wrong.")
    names = {a.name for a in analyse(nlp, text, title="Paper sues council")[1]}
    assert "Harbour Times" in names


def test_a_headings_opening_gerund_is_no_part_of_a_name(nlp):
    text = ("Key moments of the hearing\n\n3. Questioning Berg's judgment\n\nAna Ruiz said Tomas Berg had raised "
            "concerns about the call. Berg said he stood by them, and Ruiz said she did not share them.")
    names = {a.name: a.mentions for a in analyse(nlp, text, title="Hearing")[1]}
    assert not any(n.startswith("Questioning") for n in names)
    assert names.get("Tomas Berg", 0) >= 2


def test_a_person_named_once_in_passing_is_set_aside_unless_quoted(nlp):
    from summarizers.entities.salience import promote_speakers
    from summarizers.model import Quote

    text = ("Professor Ana Ruiz says the report was ignored. She suggests it was buried in return for help in "
            "hunting Omar Bashiri. Ruiz said the committee had failed, and Tomas Berg resigned on Monday.")
    actors = analyse(nlp, text, title="Report ignored")[1]
    by_name = {a.name: a for a in actors}
    assert by_name["Omar Bashiri"].aside
    assert not by_name["Ana Ruiz"].aside and not by_name["Tomas Berg"].aside  # a subject acts
    shown = [a.name for a in promote_speakers(actors, [])]
    assert "Omar Bashiri" not in shown and "Tomas Berg" in shown
    quoted = [a.name for a in promote_speakers(actors, [Quote(text="I was never hunted", speaker="Omar Bashiri")])]
    assert "Omar Bashiri" in quoted


CONDUIT = """Party delegates gathered in Brightsea on Friday for their spring forum.

Party chairman Liam Fenn opened the forum with a speech attacking the government. Mr Fenn said the
government could not be trusted on schools.

Velora News political correspondent Shaun Leigh says opinion polls suggest the party still lags
behind on health and schools. Opposition leader Ana Ruiz will speak on Saturday."""


def test_a_journalist_who_only_relays_what_polls_show_is_no_actor(nlp):
    names = [a.name for a in analyse(nlp, CONDUIT, title="Party forum opens")[1]]
    assert "Shaun Leigh" not in names
    assert {"Liam Fenn", "Ana Ruiz"} <= set(names)


@pytest.mark.parametrize("sentence", [
    "Velora News political correspondent Shaun Leigh said Mr Fenn did not sound confident.",
    'Velora News political correspondent Shaun Leigh said: "Polls suggest the party still lags."',
    "Shaun Leigh, an analyst at Brightsea Capital, says opinion polls suggest the party still lags.",
])
def test_a_journalist_judging_an_actor_or_quoted_and_an_analyst_stay(nlp, sentence):
    text = CONDUIT.replace(
        "Velora News political correspondent Shaun Leigh says opinion polls suggest the party still lags\nbehind on health and schools.",
        sentence)
    assert sentence in text
    names = [a.name for a in analyse(nlp, text, title="Party forum opens")[1]]
    assert "Shaun Leigh" in names


def test_a_capitalised_title_before_a_speaker_s_name_is_no_person(nlp):
    text = ('The chancellor has promised a budget for families.\n\n'
            'Conservative Shadow chancellor Tomas Berg said: "I cannot find a single forecaster who agrees."')
    _, actors, quotes = analyse(nlp, text)
    assert [a.name for a in actors if a.type == "person"] == ["Tomas Berg"]
    assert next(q.speaker for q in quotes) == "Tomas Berg"
