"""Actors: names merged to the fullest form, roles from the text, furniture excluded."""

import pytest

from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow

STORY = """Harbour City, by Jane Holloway

Finance Minister Teresa Alvarado Munoz presented the budget to parliament on Monday.

Alvarado Munoz said spending on schools would rise. Opposition leader Karl Bremer rejected the plan.

"This budget ignores the north," said Bremer. "It will not pass," he added.

"Growth will be slower than the ministry hopes," Ines Okafor, chief economist at the Baltic Policy Institute, told the Coastal Times.

Peter Lund of the Nordic Research Council said the numbers were plausible. Alvarado later met the former central bank governor, Olaf Strand.

Workers protest outside parliamentImage: Pat Doe/AFP/Getty Images

Alvarado Munoz will present details on Friday."""


@pytest.fixture(scope="module")
def actors(nlp):
    return analyse(nlp, STORY, title="Budget row", author="Jane Holloway", source="Coastal Times")[1]


def _get(actors, name):
    for a in actors:
        if a.name == name:
            return a
    raise AssertionError(f"{name!r} not in {[a.name for a in actors]}")


def test_fullest_form_and_mentions_over_all_forms(actors):
    minister = _get(actors, "Teresa Alvarado Munoz")
    assert minister.type == "person"
    assert minister.mentions >= 4  # full name, "Alvarado Munoz" twice, "Alvarado"
    assert not any(a.name in {"Alvarado", "Alvarado Munoz"} for a in actors)


def test_roles_from_title_apposition_affiliation_and_preceding_apposition(actors):
    assert "Finance Minister" in _get(actors, "Teresa Alvarado Munoz").role
    assert "Opposition leader" in _get(actors, "Karl Bremer").role
    assert "chief economist at the Baltic Policy Institute" in _get(actors, "Ines Okafor").role
    assert "Nordic Research Council" in _get(actors, "Peter Lund").role
    assert "central bank governor" in _get(actors, "Olaf Strand").role


def test_author_publisher_and_photo_credits_are_not_actors(actors):
    names = {a.name for a in actors}
    for furniture in ["Jane Holloway", "Coastal Times", "Pat Doe", "AFP", "Getty Images"]:
        assert furniture not in names


def test_affiliations_inside_a_role_are_not_separate_actors(actors):
    names = {a.name for a in actors}
    assert "Baltic Policy Institute" not in names
    assert "Nordic Research Council" not in names


def test_speakers_rank_above_places(actors):
    names = [a.name for a in actors]
    assert names.index("Teresa Alvarado Munoz") < names.index("Harbour City") if "Harbour City" in names else True
    assert "Karl Bremer" in names[:4]


def test_org_headed_person_tag_and_acronym_merge(nlp):
    text = (
        "Maria Chen of the Hudson Center said the Federal Aviation Administration had acted too late. "
        "The FAA rejected the criticism on Tuesday, and the Hudson Center published its report."
    )
    _, actors, _ = analyse(nlp, text)
    by_name = {a.name: a for a in actors}
    assert "Hudson Center" not in by_name or by_name["Hudson Center"].type == "organization"
    faa = [a for a in actors if "Federal Aviation Administration" in a.name]
    assert faa and faa[0].mentions == 2 and faa[0].type == "organization"
    assert not any(a.name == "FAA" for a in actors)


WIRE_STORY = """OSLO (AP) — Norwegian Secretary of Fisheries and Coastal Affairs Ingrid Solberg Haug met union leaders on Monday, and the 71-year-old Danish Prime Minister Anders Kjeldsen joined by video.

Haug said the quota deal would hold. Norway expects the European Union to match the cut, she said.

Lt. Col. Petter Aasen told reporters the navy would escort the fleet. "We will keep the lanes open," Aasen said.

Another diplomat, former special envoy to Iceland Mikael Strand, said the talks were tense. "Nobody wanted to move first," Strand said.

Strand, the most quoted witness in the inquiry, later served as ambassador to the Nordic Council. He first went to sea on a trawler he bought in what is now Greenland.

The union met at Havnegata and then at Fiskertorget before the vote. The Coastal Data Act will be reviewed.

In an interview with the Northern Courier, Haug said prices would rise. The Northern Courier's chief political correspondent Lars Vik said she looked confident."""


@pytest.fixture(scope="module")
def wire(nlp):
    document, actors, _ = analyse(nlp, WIRE_STORY, title="Quota deal holds")
    return document, actors


def test_dateline_place_and_agency_are_not_actors(wire):
    names = {a.name for a in wire[1]}
    assert "OSLO" not in names and "AP" not in names


def test_title_before_the_name_is_the_role_verbatim(wire):
    document, actors = wire
    haug = _get(actors, "Ingrid Solberg Haug")
    assert haug.role == "Norwegian Secretary of Fisheries and Coastal Affairs"
    kjeldsen = _get(actors, "Anders Kjeldsen")
    assert kjeldsen.role == "Danish Prime Minister"  # the age is not part of the role
    assert _get(actors, "Petter Aasen").role.startswith("Lt. Col")
    for a in actors:
        if a.role:
            assert a.role in document.text, a.role  # exact text from the article


def test_person_tagged_as_an_organisation_and_best_role_across_mentions(wire):
    strand = _get(wire[1], "Mikael Strand")
    assert strand.type == "person"
    # an office with an affiliation beats an evaluative apposition ("most quoted witness")
    assert "envoy to Iceland" in strand.role or "ambassador to the Nordic Council" in strand.role


def test_passing_places_streets_and_laws_are_dropped_acting_countries_kept(wire):
    names = {a.name for a in wire[1]}
    assert "Greenland" not in names  # a place named once, in passing
    assert "Havnegata" not in names and "Fiskertorget" not in names  # street and square names
    assert "Coastal Data Act" not in names  # a law is a text, not an actor
    assert "Norway" in names  # a country that acts ("Norway expects ...")


def test_outlet_named_only_as_interviewer_or_employer_is_not_an_actor(wire):
    names = {a.name for a in wire[1]}
    assert "Northern Courier" not in names
    assert "chief political correspondent" in _get(wire[1], "Lars Vik").role


def test_organisation_names_keep_their_words(nlp):
    text = (
        "The State Department said on Friday that the People's Liberation Army had moved ships. "
        "The State Department added that talks would continue."
    )
    names = {a.name for a in analyse(nlp, text)[1]}
    assert "State Department" in names and "Department" not in names
    assert not any(n == "People Liberation Army" for n in names)


def test_sentence_initial_common_noun_is_not_an_actor(nlp):
    text = (
        'Economist Sofia Delgado of the Lakeside Institute was upbeat. '
        '"Nearshoring has brought billions of dollars of factories north," Delgado said.'
    )
    names = {a.name for a in analyse(nlp, text)[1]}
    assert "Nearshoring" not in names and "Sofia Delgado" in names
