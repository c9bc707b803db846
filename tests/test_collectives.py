"""Collective actors named by a plain plural noun ("protesters", "Swedish prosecutors")."""

import pytest

from summarizers.entities.collectives import is_collective
from summarizers.model import Actor
from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow

STRIKE = """Teachers marched on the state capitol in Harbour City on Tuesday to demand higher pay.

The teachers say class sizes have doubled. Governor Ana Ruiz said the budget was already set, and
Tomas Berg, who leads the Harbour Teachers Union, said the march would go on.

Many teachers brought their pupils' drawings. Student loans were also discussed."""


def test_a_plural_noun_the_text_returns_to_is_one_group_actor(nlp):
    actors = analyse(nlp, STRIKE, title="Teachers march for pay")[1]
    groups = [a for a in actors if a.name == "teachers"]
    assert len(groups) == 1 and groups[0].type == "group" and groups[0].mentions == 3
    assert not any(a.name.lower().startswith(("student", "pupil")) for a in actors)  # modifiers, or too few
    assert {"teachers", "Ana Ruiz"} <= {a.name for a in actors[:3]}


CASE = """Swedish prosecutors dropped the rape investigation on Tuesday. The prosecutors said the
evidence had weakened over time. Defence lawyer Ana Ruiz said: "This was always the right outcome."

Swedish prosecutors had reopened the case in May, and prosecutors had interviewed seven witnesses."""


def test_the_most_frequent_modified_form_names_the_group(nlp):
    actors = analyse(nlp, CASE, title="Case dropped")[1]
    assert "Swedish prosecutors" in [a.name for a in actors]


def test_a_collective_never_speaks_a_quotation():
    assert is_collective(Actor(name="Swedish prosecutors", type="group"))
    assert is_collective(Actor(name="protesters", type="group"))
    assert not is_collective(Actor(name="Harbour Teachers Union", type="organization"))
    assert not is_collective(Actor(name="Ana Ruiz", type="person"))


RALLY = """Thousands of teachers marched on the state capitol in Harbour City on Tuesday.

Ana Ruiz said she came with 40 fellow teachers from her school, and that many new teachers leave within
three years. Governor Tomas Berg told the teachers the budget was already set. Teachers say they will
return next month."""


def test_a_form_used_once_is_a_part_of_the_group_not_its_name(nlp):
    actors = analyse(nlp, RALLY, title="Teachers rally")[1]
    names = [a.name for a in actors]
    assert "teachers" in names
    assert not any(n in names for n in ("fellow teachers", "new teachers"))


def test_gunmen_who_return_in_the_text_are_a_group(nlp):
    text = ("Gunmen attacked a museum in the capital on Wednesday, killing 20 people.\n\n"
            "The gunmen entered through a side door, officials said. Police later shot two of the gunmen, and "
            "Interior Minister Ana Ruiz said the gunmen had trained abroad.")
    actors = analyse(nlp, text, title="Museum attack")[1]
    assert any(a.name.lower() == "gunmen" and a.type == "group" for a in actors)
