"""One person's surname spelt two ways in one article (issue 8, item 1: spelling variants)."""

import pytest

from summarizers.entities.variants import _variant
from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow


def test_variant_kinds():
    assert _variant("Kovalenkiy", "Kovalenky") and _variant("Kovalenkyy", "Kovalenky")
    assert _variant("Kovalenkiy", "Kovalenkyy")
    assert _variant("Mauser", "Mouser")
    for a, b in [("Johnson", "Johnston"), ("Smith", "Smyth"), ("Ivanova", "Ivanov"), ("Maria", "Mario"),
                 ("Brown", "Braun"), ("Lind", "Lund")]:
        assert not _variant(a, b), (a, b)


STORY = """President Taras Kovalenky met the envoy in Kyiv on Monday. Kovalenkiy said the talks had gone
well, and his office said he would travel to Brussels next week.

The economist Trevor Mouser said the deal would help exports. "It is a start," Mauser said.

Another envoy, Olga Braun, said nothing. Brown, a spokesman for the bank, said it would wait."""


def test_a_bare_surname_spelt_another_way_is_the_named_person(nlp):
    _, actors, quotes = analyse(nlp, STORY, title="Talks in Kyiv")
    names = {a.name: a for a in actors}
    assert "Kovalenkiy" not in names and names["Taras Kovalenky"].mentions >= 2
    assert "Mauser" not in names
    assert [q.speaker for q in quotes if q.text.startswith("It is a start")] == ["Trevor Mouser"]
    assert "Olga Braun" in names and "Brown" in names  # two edits: two people


def test_a_party_nickname_is_the_party(nlp):
    text = ("Ana Ruiz said the Conservatives would cut taxes. The Tories also plan health checks, and the Tories "
            "said the checks would be fair. Labour said the Conservatives were scaremongering.")
    actors = {a.name: a for a in analyse(nlp, text, title="Tax plans")[1]}
    assert "Tories" not in actors and actors["Conservatives"].mentions == 4


def test_a_knight_or_dame_is_named_with_the_title(nlp):
    text = ('Party deputy leader Sir Tomas Berg said the report was a whitewash. "It is a cover-up," Sir Tomas '
            'said. Berg added that ministers had misled MPs. Dame Ana Ruiz said she agreed with Berg.')
    _, actors, quotes = analyse(nlp, text, title="Report row")
    names = {a.name for a in actors}
    assert "Sir Tomas Berg" in names and "Tomas Berg" not in names
    assert "Dame Ana Ruiz" in names
    assert [q.speaker for q in quotes if q.text.startswith("It is a cover-up")] == ["Sir Tomas Berg"]
