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
