"""Roles and actors the whole text gives (issue 8, item 1), on inputs written for these tests:
relative clauses, "in charge of", lists after a plural title, relations, offices held "as",
offices given in the next sentence or in parallel to a named pair, organisations described by
a descriptor, an apposition, a "which" clause, the head of their name or the lede, and which
names are no actors (a pollster credited, someone else's government, a teaser)."""

import pytest

from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow

#: (text, {actor name: the role the text gives it, or None for none}) — one kind per row.
ROLES = {
    "relative clause with as": (
        "Ronny Parkes, who was then serving as the mayor's physician, suggested a new diet. "
        "Parkes said the mayor had followed it.",
        {"Ronny Parkes": "mayor's physician"}),
    "in charge of, relative clause and reduced apposition": (
        "Mr Lowe was joined at the launch by Tom Berg and Ian Kellett, the man controversially put in "
        "charge of election planning by Mr Lowe. Mr Kellett smiled.\n\n"
        "Later Mr Lowe praised Nora Vance, whom the council put in charge of the budget in place of the treasurer.",
        {"Ian Kellett": "in charge of election planning", "Nora Vance": "in charge of the budget", "Tom Berg": None}),
    "relative clause belongs to the name right before it": (
        "The delegation featured the mayor's adviser, Andrew Shorey, Justin Basso, who advises "
        "Attorney-General George Brent on crime, and Commissioner Andrew Colley.",
        {"Justin Basso": "adviser to Attorney-General George Brent", "Andrew Shorey": "mayor's adviser"}),
    "who heads": (
        "Nora Vance, who heads the regional transport board, spoke first. Vance said buses were late.",
        {"Nora Vance": "head of the regional transport board"}),
    "title given directly beats one inferred from a verb": (
        "Sandberg joined an irregular channel of diplomacy led by Rudy Ferranti. Ferranti, the president's "
        "lawyer, denied it.",
        {"Rudy Ferranti": "president's lawyer"}),
    "generic person nouns": (
        "The party posted an edited interview with Kira Stamford, a senior Green Party figure. Stamford objected.\n\n"
        "Nobody asked his Downing Street replacement David Hillier. Hillier was away.",
        {"Kira Stamford": "senior Green Party figure", "David Hillier": "Downing Street replacement"}),
    "plural title before a list": (
        "The decision was backed by senior ministers Paul Ferris, Nora Vance and Tomas Bergen on Monday. "
        "Mr Bergen said it was right.",
        {"Paul Ferris": "senior minister", "Nora Vance": "senior minister", "Tomas Bergen": "senior minister"}),
    "status before a list": (
        "Officials met the freed Guantanamo detainees Tom Berg and Paul Ferris on Monday. Mr Berg said nothing. "
        "It is not known whether the other two men released from the camp in March - Ian Kellett and Moazzam "
        "Begg - have also received letters. Letters also went to the two women freed from the camp in "
        "January - Ruth Penrose and Ana Lutz - on Friday.",
        {"Tom Berg": "freed Guantanamo detainee", "Paul Ferris": "freed Guantanamo detainee",
         "Moazzam Begg": "man released from the camp in March", "Ian Kellett": "man released from the camp in March",
         "Ruth Penrose": "woman freed from the camp in January"}),
    "plural description set off before a list": (
        "Police said two women arrested in Leeds, Ana Ruiz and Nora Vance, were released. The visitors, Tom Berg "
        "and Paul Ferris, left. Officials said the men - Ian Kellett and Ron Tate - were well.",
        {"Nora Vance": "woman arrested in Leeds", "Tom Berg": None, "Paul Ferris": None, "Ian Kellett": None}),
    "relation with one owner": (
        "Tom Bergen arrived with his wife Marta Bergen. Marta Bergen said nothing.",
        {"Marta Bergen": "Tom Bergen's wife"}),
    "position in apposition": (
        "The panel questioned Tim Morrow on Monday about his predecessor, Fiona Hale, and her notes. "
        "He asked Morrow about his successor, Ana Lutz, too. Hale did not testify. Lutz did.",
        {"Fiona Hale": "Tim Morrow's predecessor", "Ana Lutz": None}),
    "occupations": (
        "The agency quoted Peoplesoft worker David Ogden as saying so. Mr Mugabe resisted mediation. "
        "The priest, Fidelis Mukono, is acting as a middle-man. Mukono said no.",
        {"David Ogden": "Peoplesoft worker", "Fidelis Mukono": "priest"}),
    "relation with two candidate owners": (
        "Tom Bergen met Paul Ferris and his wife Marta Ferris on Monday.",
        {"Marta Ferris": None}),
    "office left as": (
        "It claims Mr Lowe said in November he would stand down as prime minister before the next election. "
        "Mr Lowe denied it.\n\nNora Vance said Tom Berg would stand down as mayor. Berg declined to comment.",
        {"Lowe": "prime minister", "Nora Vance": None, "Tom Berg": "mayor"}),
    "office given as": (
        "Mr Howe appointed Mr Crosland as his elections chief last October. Mr Crosland said nothing.\n\n"
        "The mayor may appoint Nora Vance as her deputy. Vance said nothing.",
        {"Crosland": "elections chief", "Nora Vance": None}),
    "affiliation after a comma names a body, not a home town": (
        "Mark Selwood, from the Public and Commercial Services union said there should be a strike. "
        "Kirsty Wills, for the Lib Dems, agreed. Tom Bergen, from Leeds, said the plan was wrong. Guards stopped "
        "travellers, mostly Nora Vance, from boarding flights to Britain from the Czech capital.",
        {"Mark Selwood": "Public and Commercial Services union", "Kirsty Wills": "Lib Dems", "Tom Bergen": None,
         "Nora Vance": None}),
    "a plural office set off before a dashed list of names": (
        "Kestrel Media has settled charges that it hid ties with its board.\n\n"
        "The three Kestrel directors in question in the central matter of the investigation - Ana Ruiz, Tomas Berg "
        "and Paul Ferris - have all since left the company, with Ms Ruiz and Mr Ferris both retiring. "
        "Critics of the plan - Nora Vance and Ian Kellett - were not asked.",
        {"Ana Ruiz": "Kestrel director", "Tomas Berg": "Kestrel director", "Paul Ferris": "Kestrel director",
         "Nora Vance": None, "Ian Kellett": None}),
    "affiliation after a comma names a body whose name holds a preposition": (
        'Ana Ruiz, from the Institute for Fiscal Studies, told reporters: "The sums do not add up." '
        "Tom Bergen, from the north of England, said nothing.",
        {"Ana Ruiz": "Institute for Fiscal Studies", "Tom Bergen": None}),
    "an office someone may return to": (
        'Tom Berg quit in December. Nora Vance said: "Mr Berg may return as a minister, but not soon." '
        "Mr Berg could serve as an adviser instead.",
        {"Tom Berg": None}),
    "parallel offices for a named pair": (
        "Labour put on a show of unity after MPs criticised Tom Lowe and Ian Kellett over reports of their rift. "
        "Mr Kellett was joined at the launch by Mr Lowe. The prime minister and chancellor faced discontent "
        "at the meeting.",
        {"Tom Lowe": "prime minister", "Ian Kellett": "chancellor"}),
    "parallel offices with two candidate pairs": (
        "MPs criticised Tom Lowe and Ian Kellett. Later Ana Ruiz and Paul Ferris met voters. "
        "The prime minister and chancellor faced discontent.",
        {"Tom Lowe": None, "Ian Kellett": None}),
    "parallel offices in both orders": (
        "MPs criticised Tom Lowe and Ian Kellett. The prime minister and chancellor faced discontent. "
        "The chancellor and prime minister met later.",
        {"Tom Lowe": None, "Ian Kellett": None}),
    "office with its field in the next sentence": (
        "Nora Vance visited the hospital in Cardiff on Monday. The new health minister for Wales said "
        "waiting lists were too long. Vance left early.",
        {"Nora Vance": "health minister for Wales"}),
    "bare office in the next sentence": (
        "Nora Vance announced the cuts on Monday. The minister said waiting lists were too long. Vance left.",
        {"Nora Vance": "minister"}),
    "a spokesman in the next sentence is someone else": (
        "Nora Vance announced the cuts on Monday. The spokesman said waiting lists were too long. Vance left.",
        {"Nora Vance": None}),
    "next-sentence office after two people": (
        "Nora Vance met Tom Bergen at the hospital on Monday. The health minister said waiting lists were "
        "too long. Vance left.",
        {"Nora Vance": None, "Tom Bergen": None}),
    "next-sentence office after a person the text titles with another office": (
        "Nora Vance has backed Chancellor Tom Bergen's spending report. In a speech in Cardiff, the prime "
        "minister said the report reinforced stability. Vance left.",
        {"Nora Vance": "prime minister", "Tom Bergen": "Chancellor"}),
    "next-sentence office that a titled person holds": (
        "Nora Vance has backed Chancellor Tom Bergen's spending report. In a speech in Cardiff, the "
        "chancellor said the report reinforced stability. Vance left.",
        {"Nora Vance": None, "Tom Bergen": "Chancellor"}),
    "description apposed before the name": (
        "The family's solicitor, Ruth Penrose, has asked for a review of the case. Ms Penrose said the inquest "
        "was rushed. A local councillor, Tom Haddow, agreed.",
        {"Ruth Penrose": "family's solicitor", "Tom Haddow": "local councillor"}),
    "description apposed before an honoured name": (
        "But the chairman of Border Watch, Sir Andrew Greenhill, said the decision was a step in the wrong "
        "direction.",
        {"Sir Andrew Greenhill": "chairman of Border Watch"}),
    "a clause after a description is no apposition": (
        "Asked about claims that he did not trust the prime minister, Mr Tom Bergen replied that he did. "
        "Mr Bergen smiled.",
        {"Tom Bergen": None}),
    "a description that is the subject of a reporting clause after a name": (
        "An identical letter has been sent to Tom Haddow, the family's solicitor says. Mr Haddow is 23.",
        {"Tom Haddow": None}),
    "lede description named in the next sentence": (
        "The lack of public interest in the floods is a failure of aid groups, the charity's chief has said. "
        "In a lecture at the Leeds Institute of Economics, Nora Vance said aid had been wasted.\n\n"
        "Waiting lists will fall, a Labour MP has said. Tom Haddow told the radio that hospitals were ready.",
        {"Nora Vance": "charity's chief", "Tom Haddow": None}),
    "lede description with a party member": (
        "Waiting lists will fall next year, a Labour MP has said. Tom Haddow told the radio that hospitals "
        "were ready.",
        {"Tom Haddow": "Labour MP"}),
    "lede description when the next sentence names two people": (
        "Waiting lists will fall next year, a Labour MP has said. Tom Haddow told Nora Vance that hospitals "
        "were ready.",
        {"Tom Haddow": None, "Nora Vance": None}),
    "lede spokesperson is someone else": (
        "Waiting lists will fall next year, a hospital spokesman has said. Tom Haddow told the radio that "
        "wards were ready.",
        {"Tom Haddow": None}),
    "office of a body in the next sentence": (
        'The Greens would stand up for the "silent majority", Nora Vance pledged as she unveiled the first part '
        "of the party manifesto. The Green leader argued there was a mass of people who feel let down by "
        "Tom Berg. Tom Berg said nothing.",
        {"Nora Vance": "Green leader", "Tom Berg": None}),
    "office of a body after someone named first in the next sentence": (
        "Nora Vance unveiled the first part of the party manifesto. Asked about Tom Berg, the Green leader "
        "said there was a mass of people who feel let down.",
        {"Nora Vance": None, "Tom Berg": None}),
    "body described by the head of its name": (
        "A group of councillors has called for tighter rules on parking. The Civic Group on Roads and Parking "
        "held an inquiry last year. The cross-party group recommended 12 changes.",
        {"Civic Group on Roads and Parking": "cross-party group"}),
    "two bodies share the head": (
        "The Harbour Committee on Fishing met the Joint Committee on Ports. Both said the quotas were wrong. "
        "The Harbour Committee on Fishing will meet again. The Joint Committee on Ports will not. "
        "The parliamentary committee said it needed more time.",
        {"Harbour Committee on Fishing": None, "Joint Committee on Ports": None}),
    "body which does something": (
        "Officials at the Harbour Commission, which regulates shipping tariffs, said nothing. "
        "The Harbour Commission later published a report.",
        {"Harbour Commission": "regulates shipping tariffs"}),
    "body described in the lede and named next": (
        "A cap on donations to political parties should not be introduced yet, the elections watchdog has said. "
        "The cap was proposed last year. In a new report, the Poll Standards Commission says it is worth "
        "debating. The Poll Standards Commission also wants more state funding.",
        {"Poll Standards Commission": "elections watchdog"}),
    "lede description when someone is named first": (
        "A cap on donations should not be introduced yet, the elections watchdog has said. Nora Vance, a "
        "lawyer, disagreed. The Poll Standards Commission says it is worth debating. The Poll Standards "
        "Commission also wants more state funding.",
        {"Poll Standards Commission": None}),
}


@pytest.mark.parametrize("kind", list(ROLES))
def test_role_the_text_gives(nlp, kind):
    text, expected = ROLES[kind]
    _, actors, _ = analyse(nlp, text)
    got = {a.name: a.role for a in actors}
    assert {name: got.get(name, "(no actor)") for name in expected} == expected


def _actor(actors, name):
    return next(a for a in actors if a.name == name)


def test_a_body_the_tagger_calls_a_person_still_owns_a_name(nlp):
    text = ('"It was an attempt to mislead," Will Morrow, chief executive of the fact-checking website Clear '
            "Record, told reporters. Clear Record has published its findings.")
    _, actors, _ = analyse(nlp, text)
    assert "chief executive" in _actor(actors, "Will Morrow").role
    assert _actor(actors, "Clear Record").type == "organization"


def test_a_description_actor_carries_its_description_as_role(nlp):
    text = ("Ministers met on Monday. The prime minister's official spokesman said the cabinet "
            "was still used to reach a consensus.")
    _, actors, _ = analyse(nlp, text)
    spokesman = next(a for a in actors if "spokesman" in a.name)
    assert spokesman.role == spokesman.name


def test_a_letter_to_a_surname_is_the_person_not_a_place(nlp):
    text = ("The plan came from Tony Abbot's office. As Bill Shore said in a letter to Abbot last month, "
            "it is flawed. Memories of the row would make Abbot sit up.")
    _, actors, _ = analyse(nlp, text)
    assert not any(a.type == "place" for a in actors)
    assert _actor(actors, "Tony Abbot").mentions == 3


def test_a_pollster_credited_for_a_survey_is_no_actor(nlp):
    text = "Support is falling, a new DPX poll shows. The DPX poll was taken in May, Nora Vance said."
    _, actors, _ = analyse(nlp, text)
    assert [a.name for a in actors] == ["Nora Vance"]


def test_a_nationality_before_a_body_is_part_of_its_name(nlp):
    text = "The Scottish Executive said the plan would go ahead. The Scottish Executive has spent £2m on it."
    _, actors, _ = analyse(nlp, text)
    assert [(a.name, a.type) for a in actors] == [("Scottish Executive", "organization")]


def test_an_apposition_saying_what_kind_of_body_types_an_organisation(nlp):
    text = "Sales will fall, according to Ovira, a research firm. Ovira expects prices to drop further next year, it said."
    _, actors, _ = analyse(nlp, text)
    ovira = _actor(actors, "Ovira")
    assert (ovira.type, ovira.role) == ("organization", "research firm")


def test_the_government_that_acts_is_an_actor(nlp):
    text = ("The Government has admitted the bill is flawed. Critics say the government should wait. "
            "Nora Vance said the plan was rushed.")
    _, actors, _ = analyse(nlp, text)
    gov = _actor(actors, "Government")
    assert (gov.type, gov.mentions) == ("organization", 2)


def test_someone_elses_government_or_one_mention_is_no_actor(nlp):
    text = ("The Labour government fell in 1979. Nora Vance said the government of the day was weak. "
            "Tom Bergen agreed with her.")
    _, actors, _ = analyse(nlp, text)
    assert not any(a.name.lower() == "government" for a in actors)


def _described(nlp, text: str, ends: tuple[str, ...]) -> dict:
    """{name: (type, role, mentions)} of the actors of ``text`` whose name ends with one of ``ends``."""
    return {a.name: (a.type, a.role, a.mentions) for a in analyse(nlp, text)[1] if a.name.endswith(ends)}


COMMITTEES = ("Ports could face closure, the Harbour Authority is warning a committee of MLAs. Experts are giving "
              "evidence to the Northern Assembly's transport committee. The evidence is part of the committee's "
              "inquiry into shipping.")


@pytest.mark.parametrize("text, expected", [
    (COMMITTEES, {"Northern Assembly's transport committee": (
        "organization", "Northern Assembly's transport committee", 2)}),
    # two committees named: the bare "the select committee" is not decided
    (COMMITTEES + "\n\nThe Commons rail select committee called this a scandal. The select committee found that "
     "the scheme had failed.", {}),
    ("Nora Vance, who chairs the Commons trade committee, said no. Tom Berg, who chairs the science and "
     "technology committee, agreed.", {}),
    ("A total of 24 billion pesos is earmarked for subsidies, the government department for housing said. "
     "The economy grew 2%, Freeland's finance ministry said. The department said nothing more. "
     '"We are ready," the finance ministry said.',
     {"Freeland's finance ministry": ("organization", "Freeland's finance ministry", 2),
      "government department for housing": ("organization", "government department for housing", 1)}),
])
def test_a_body_named_by_a_description_is_an_actor(nlp, text, expected):
    assert _described(nlp, text, ("committee", "ministry", "housing")) == expected


@pytest.mark.parametrize("text, role", [
    ("Half of the money put aside by the South Korean government is wasted, a study has found. The government "
     "believes it can do better. The government said so.", "South Korean government"),
    ("Half of the money put aside by the Colombian government is wasted, a study has found. The government "
     "believes it can do better. The government said so. The US government disagreed.", None),
    ("The government believes it can do better. The Colombian government said so. The government will wait.", None),
])
def test_whose_government_the_first_mention_says(nlp, text, role):
    _, actors, _ = analyse(nlp, text)
    assert _actor(actors, "Government").role == role


def test_a_recurring_plural_description_of_bodies_is_a_group(nlp):
    text = ("They met a group from the press union and leading press organisations. Tenant rights groups said the "
            "failure of tenant rights groups was clear. The press organisations protested. Nora Vance said press "
            "organisations were wrong. Other companies agreed. Tenant rights groups agreed.")
    _, actors, _ = analyse(nlp, text)
    got = {a.name: (a.type, a.mentions) for a in actors if a.type == "group"}
    assert got == {"tenant rights groups": ("group", 3), "press organisations": ("group", 3)}
