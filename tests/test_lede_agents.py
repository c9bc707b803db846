"""Who the lede makes act is a protagonist (issue 8, item 3): an unnamed group the first
sentence makes do the news ("Gunmen opened fire ..."), named again by another noun ("The
attackers ..."), and a body that acts through its followers ("militants loyal to X beheaded")."""

import pytest

from summarizers.entities.collectives import is_collective
from summarizers.entities.salience import acts, lede_agent
from summarizers.model import Actor
from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow

SIEGE = """Gunmen stormed a hotel in the port city of Salvento on Friday, killing six guests and a guard.

The attackers, dressed as waiters, held staff in the kitchen for three hours before police ended
the siege. Two gunmen were shot dead, officials said.

Interior Minister Ana Ruiz said the hotel had been warned. Ruiz said the city would review its
security. Tomas Berg, the mayor of Salvento, said: "We will not close our doors." Berg said tourism
would recover. Ida Moss, who leads the Hotel Workers Union, said workers were afraid. The Hotel
Workers Union has asked for guards. Karl Weber of the Salvento Chamber of Commerce said bookings had
fallen, and the Salvento Chamber of Commerce called for calm. The Tourism Board said visitors should
stay, and the Tourism Board promised help. Lena Park, a security analyst, said the attack was
planned. Park said hotels in Salvento were easy targets."""


def test_the_group_the_lede_makes_act_is_one_actor_among_the_first_eight(nlp):
    actors = analyse(nlp, SIEGE, title="Hotel siege in Salvento")[1]
    groups = [a for a in actors if a.name in {"gunmen", "attackers"}]
    assert len(groups) == 1, [a.name for a in actors]
    assert groups[0].type == "group" and groups[0].mentions == 3  # "Gunmen", "The attackers", "Two gunmen"
    assert groups[0] in actors[:8], [a.name for a in actors[:8]]


def test_gunmen_are_a_collective_that_never_speaks():
    assert is_collective(Actor(name="gunmen", type="group"))
    assert is_collective(Actor(name="masked gunmen", type="group"))
    assert not is_collective(Actor(name="Omar Haddad", type="person"))


def _span(doc, words: str) -> tuple[int, int]:
    toks = words.split()
    for i in range(len(doc) - len(toks) + 1):
        if [t.text for t in doc[i:i + len(toks)]] == toks:
            return i, i + len(toks)
    raise AssertionError(words)


@pytest.mark.parametrize("text, agent, others", [
    ("Gunmen opened fire on a market in Salvento, killing four people. Police said the men fled.",
     "Gunmen", ["Salvento", "Police"]),
    ("The Norland military said two soldiers were killed in a crash in Velora on Monday.",
     "Norland military", ["Norland", "Velora"]),
    ("Norland's Labour Party was accused on Tuesday of hiding a loan from its members.",
     "Labour Party", ["Norland"]),
    ("Velora band The Lanterns have come top of a poll of critics.", "The Lanterns", ["Velora"]),
    ("The bill was blocked by the Senate after Ana Ruiz spoke against it.", "Senate", ["Ana Ruiz"]),
    ("The port was closed, and Ana Ruiz said she would reopen it.", "Ana Ruiz", []),
])
def test_the_lede_agent_is_the_subject_of_its_main_verb_not_a_name_modifying_it(nlp, text, agent, others):
    doc = nlp(text)
    assert lede_agent(doc, *_span(doc, agent))
    for other in others:
        assert not lede_agent(doc, *_span(doc, other)), other


def test_only_the_first_sentence_is_the_lede(nlp):
    doc = nlp("Prices rose in March. Farmers blocked the roads in Velora on Tuesday.")
    assert not lede_agent(doc, *_span(doc, "Farmers"))


@pytest.mark.parametrize("text, body", [
    ("Militants loyal to the Red Dawn Front burned two villages.", "Red Dawn Front"),
    ("The attack raised fears that militants linked to the Red Dawn Front were expanding their operations.",
     "Red Dawn Front"),
    ("Rebels loyal to the Red Dawn Front were seen near the border.", "Red Dawn Front"),
    ("Members of the Harbour Union voted to strike.", "Harbour Union"),
])
def test_a_body_acts_through_its_followers(nlp, text, body):
    doc = nlp(text)
    assert acts(doc, *_span(doc, body))


@pytest.mark.parametrize("text, place", [
    ("The capital of Velora was calm on Tuesday.", "Velora"),
    ("Flights linked to Velora were cancelled.", "Velora"),
])
def test_a_place_a_subject_is_of_or_linked_to_does_not_act(nlp, text, place):
    doc = nlp(text)
    assert not acts(doc, *_span(doc, place))


FRONT = """Militants linked to the Red Dawn Front attacked a police post in Velora on Monday.

The Velora government said the post was rebuilt. In March, militants loyal to the Red Dawn Front
burned two villages near the border, and the Red Dawn Front has said it wants a state of its own.
Ana Ruiz, the interior minister, said the army would stay. Tomas Berg, a regional governor, said
militants were recruiting in the hills."""


def test_followers_tied_to_a_named_body_are_that_body_not_a_group_of_their_own(nlp):
    actors = analyse(nlp, FRONT, title="Attack in Velora")[1]
    names = [a.name for a in actors]
    assert "Red Dawn Front" in names
    assert not any(n.endswith("militants") for n in names), names  # one free mention left, below three
