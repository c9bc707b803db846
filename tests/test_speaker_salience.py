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
    assert out[:2] == ["Harbour Party", "Nora Vance"] and out[SHOWN] == "Freeland"
    assert sorted(out) == sorted(a.name for a in actors)


def test_no_silent_place_in_the_window_or_no_quote_keeps_the_order():
    actors = _ranked([(f"Body {k}", "organization") for k in range(SHOWN)] + [("Nora Vance", "person")])
    quotes = [Quote(text="The power should be used rarely", speaker="Nora Vance")]
    assert promote_speakers(actors, quotes) == actors
    with_place = _ranked([("Freeland", "place")] + [(f"Body {k}", "organization") for k in range(SHOWN)]
                         + [("Nora Vance", "person")])
    assert promote_speakers(with_place, [Quote(text="Nothing to add", speaker=None)]) == with_place


def test_each_speaker_takes_a_silent_place_slot_and_the_others_keep_theirs():
    # two quoted people outside the window, two silent places inside it, a body at its edge
    actors = _ranked([("Harbour Party", "organization"), ("Freeland", "place"), ("Eastmark", "place")]
                     + [(f"Body {k}", "organization") for k in range(SHOWN - 3)]
                     + [("Ida Moss", "person"), ("Nora Vance", "person")])
    quotes = [Quote(text="We will decide soon", speaker="Nora Vance"),
              Quote(text="Farmers cannot wait", speaker="Ida Moss")]
    out = [a.name for a in promote_speakers(actors, quotes)]
    assert out[:3] == ["Harbour Party", "Nora Vance", "Ida Moss"]
    assert out[3:SHOWN] == [f"Body {k}" for k in range(SHOWN - 3)]
    assert set(out[SHOWN:]) == {"Freeland", "Eastmark"}


def test_a_quoted_body_outranks_a_silent_place():
    actors = _ranked([("Freeland", "place")] + [(f"Person {k}", "person") for k in range(SHOWN)]
                     + [("Coastal Ministry", "organization")])
    quotes = [Quote(text="The decision is regrettable", speaker="Coastal Ministry")]
    out = [a.name for a in promote_speakers(actors, quotes)]
    assert out[0] == "Coastal Ministry" and out[SHOWN] == "Freeland"


def test_a_place_the_headline_names_keeps_its_slot():
    actors = _ranked([("Freeland", "place"), ("Eastmark", "place")] + [(f"Body {k}", "organization") for k in range(SHOWN - 2)]
                     + [("Nora Vance", "person")])
    quotes = [Quote(text="The power should be used rarely", speaker="Nora Vance")]
    out = [a.name for a in promote_speakers(actors, quotes, "Eastmark-Freeland talks: Eastmark’s envoy walks out")]
    assert out == [a.name for a in actors]  # both places named: the speaker stays outside
    out = [a.name for a in promote_speakers(actors, quotes, "Eastmark’s envoy walks out")]
    assert out[0] == "Nora Vance" and out[SHOWN] == "Freeland"
