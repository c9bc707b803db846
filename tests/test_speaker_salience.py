"""A quoted speaker the salience ranking left outside the first actors shown moves ahead of a
place that speaks no quotation (issue 8, item 3: every quoted speaker among the actors shown)."""

from summarizers.entities.salience import SHOWN, promote_speakers
from summarizers.model import Actor, Quote


def _ranked(names_types):
    return [Actor(name=n, type=t) for n, t in names_types]


def test_a_quoted_person_outranks_a_silent_place_in_the_window():
    actors = _ranked([("Harbour Party", "organization"), ("Freeland", "place")]
                     + [(f"Body {k}", "organization") for k in range(SHOWN - 2)] + [("Nora Vance", "person")])
    quotes = [Quote(text="The power should be used rarely", speaker="Nora Vance")]
    out = [a.name for a in promote_speakers(actors, quotes)]
    assert out[:3] == ["Harbour Party", "Nora Vance", "Freeland"]
    assert sorted(out) == sorted(a.name for a in actors)


def test_no_silent_place_in_the_window_or_no_quote_keeps_the_order():
    actors = _ranked([(f"Body {k}", "organization") for k in range(SHOWN)] + [("Nora Vance", "person")])
    quotes = [Quote(text="The power should be used rarely", speaker="Nora Vance")]
    assert promote_speakers(actors, quotes) == actors
    with_place = _ranked([("Freeland", "place")] + [(f"Body {k}", "organization") for k in range(SHOWN)]
                         + [("Nora Vance", "person")])
    assert promote_speakers(with_place, [Quote(text="Nothing to add", speaker=None)]) == with_place
