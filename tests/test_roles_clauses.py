"""Roles given by clauses and descriptions around a name (issue 8, item 1), on inputs written
for these tests: relative clauses, "in charge of", a title the text gives directly beating one
inferred from a verb, generic person nouns in apposition, organisations that own a name, and
the kind of body a descriptor states."""

import pytest

from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow


def _role(actors, name):
    return next(a for a in actors if a.name == name).role


def test_relative_clause_with_as_gives_the_function(nlp):
    text = ("Ronny Parkes, who was then serving as the mayor's physician, suggested a new diet. "
            "Parkes said the mayor had followed it.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Ronny Parkes") == "mayor's physician"


def test_in_charge_of_in_a_relative_clause_and_a_reduced_apposition(nlp):
    text = ("Mr Lowe was joined at the launch by Tom Berg and Ian Kellett, the man controversially put in "
            "charge of election planning by Mr Lowe. Mr Kellett smiled.\n\n"
            "Later Mr Lowe praised Nora Vance, whom the council put in charge of the budget in place of the treasurer.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Ian Kellett") == "in charge of election planning"
    assert _role(actors, "Nora Vance") == "in charge of the budget"
    assert _role(actors, "Tom Berg") is None  # the apposition belongs to the name right before it


def test_relative_clause_belongs_to_the_name_right_before_it(nlp):
    text = ("The delegation featured the mayor's adviser, Andrew Shorey, Justin Basso, who advises "
            "Attorney-General George Brent on crime, and Commissioner Andrew Colley.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Justin Basso") == "adviser to Attorney-General George Brent"
    assert _role(actors, "Andrew Shorey") == "mayor's adviser"


def test_title_given_directly_beats_a_role_inferred_from_a_verb(nlp):
    text = ("The scheme ran through an irregular channel of diplomacy led by the governor's lawyer Rudy Ferranti. "
            "Ferranti denied it.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Rudy Ferranti") == "governor's lawyer"


def test_generic_person_nouns_make_roles(nlp):
    text = ("The party posted an edited interview with Kira Stamford, a senior Green Party figure. Stamford objected.\n\n"
            "Nobody asked his Downing Street replacement David Hillier. Hillier was away.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Kira Stamford") == "senior Green Party figure"
    assert _role(actors, "David Hillier") == "Downing Street replacement"


def test_a_body_the_tagger_calls_a_person_still_owns_a_name(nlp):
    text = ('"It was an attempt to mislead," Will Morrow, chief executive of the fact-checking website Clear '
            "Record, told reporters. Clear Record has published its findings.")
    _, actors, _ = analyse(nlp, text)
    assert "chief executive" in _role(actors, "Will Morrow")
    assert next(a for a in actors if a.name == "Clear Record").type == "organization"


def test_a_description_actor_carries_its_description_as_role(nlp):
    text = ("Ministers met on Monday. The prime minister's official spokesman said the cabinet "
            "was still used to reach a consensus.")
    _, actors, _ = analyse(nlp, text)
    spokesman = next(a for a in actors if "spokesman" in a.name)
    assert spokesman.role == spokesman.name


def test_organisation_described_by_the_head_of_its_name(nlp):
    text = ("A group of councillors has called for tighter rules on parking. The Civic Group on Roads and Parking "
            "held an inquiry last year. The cross-party group recommended 12 changes.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Civic Group on Roads and Parking") == "cross-party group"


def test_head_description_links_nobody_when_two_bodies_share_the_head(nlp):
    text = ("The Harbour Committee on Fishing met the Joint Committee on Ports. Both said the quotas were wrong. "
            "The Harbour Committee on Fishing will meet again. The Joint Committee on Ports will not. "
            "The parliamentary committee said it needed more time.")
    _, actors, _ = analyse(nlp, text)
    assert all(a.role is None for a in actors if "Committee" in a.name)


def test_organisation_which_does_something(nlp):
    text = ("Officials at the Harbour Commission, which regulates shipping tariffs, said nothing. "
            "The Harbour Commission later published a report.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Harbour Commission") == "regulates shipping tariffs"


def test_office_left_as(nlp):
    text = ("It claims Mr Lowe said in November he would stand down as prime minister before the next election. "
            "Mr Lowe denied it.\n\nNora Vance said Tom Berg would stand down as mayor. Berg declined to comment.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Lowe") == "prime minister"
    assert _role(actors, "Nora Vance") is None  # "he" is not the one who said it when another person is named
    assert _role(actors, "Tom Berg") == "mayor"


def test_parallel_offices_go_to_a_named_pair_in_order(nlp):
    text = ("Labour put on a show of unity after MPs criticised Tom Lowe and Ian Kellett over reports of their rift. "
            "Mr Kellett was joined at the launch by Mr Lowe. The prime minister and chancellor faced discontent "
            "at the meeting.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Tom Lowe") == "prime minister"
    assert _role(actors, "Ian Kellett") == "chancellor"


def test_parallel_offices_need_one_pair_in_one_order(nlp):
    two_pairs = ("MPs criticised Tom Lowe and Ian Kellett. Later Ana Ruiz and Paul Ferris met voters. "
                 "The prime minister and chancellor faced discontent.")
    both_orders = ("MPs criticised Tom Lowe and Ian Kellett. The prime minister and chancellor faced discontent. "
                   "The chancellor and prime minister met later.")
    for text in (two_pairs, both_orders):
        _, actors, _ = analyse(nlp, text)
        assert all(a.role is None for a in actors if a.type == "person"), text


def test_a_letter_to_a_surname_is_the_person_not_a_place(nlp):
    text = ("The plan came from Tony Abbot's office. As Bill Shore said in a letter to Abbot last month, "
            "it is flawed. Memories of the row would make Abbot sit up.")
    _, actors, _ = analyse(nlp, text)
    assert not any(a.type == "place" for a in actors)
    assert next(a for a in actors if a.name == "Tony Abbot").mentions == 3


def test_a_pollster_credited_for_a_survey_is_no_actor(nlp):
    text = ("The Liberal Democrats - the party a 2004 Pollwise survey showed was gaining most - came second. "
            "The Liberal Democrats were pleased. A Pollwise survey last year found the same.")
    _, actors, _ = analyse(nlp, text)
    assert not any("Pollwise" in a.name for a in actors)


def test_an_office_someone_may_return_to_is_no_role(nlp):
    text = ('Tom Berg quit in December. Nora Vance said: "Mr Berg may return as a minister, but not soon." '
            "Mr Berg could serve as an adviser instead.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Tom Berg") is None


def test_a_nationality_before_a_body_is_part_of_its_name(nlp):
    text = "The Scottish Executive said the plan would go ahead. The Scottish Executive has spent £2m on it."
    _, actors, _ = analyse(nlp, text)
    assert [(a.name, a.type) for a in actors] == [("Scottish Executive", "organization")]


def test_an_apposition_saying_what_kind_of_body_types_an_organisation(nlp):
    text = "Sales will fall, according to Quorvex, a research firm. Quorvex expects prices to drop further next year."
    _, actors, _ = analyse(nlp, text)
    quorvex = next(a for a in actors if a.name == "Quorvex")
    assert (quorvex.type, quorvex.role) == ("organization", "research firm")


def test_a_plural_title_before_a_list_gives_each_name_the_title(nlp):
    text = ("The decision was backed by senior ministers Paul Ferris, Nora Vance and Tomas Bergen on Monday. "
            "Mr Bergen said it was right.")
    _, actors, _ = analyse(nlp, text)
    for name in ("Paul Ferris", "Nora Vance", "Tomas Bergen"):
        assert _role(actors, name) == "senior minister", name


def test_a_relation_names_its_owner_only_when_one_person_fits(nlp):
    one = "Tom Bergen arrived with his wife Marta Bergen. Marta Bergen said nothing."
    two = "Tom Bergen met Paul Ferris and his wife Marta Ferris on Monday."
    _, actors, _ = analyse(nlp, one)
    assert _role(actors, "Marta Bergen") == "Tom Bergen's wife"
    _, actors, _ = analyse(nlp, two)
    assert _role(actors, "Marta Ferris") is None


def test_an_office_made_specific_by_its_field_in_the_next_sentence(nlp):
    text = ("Nora Vance visited the hospital in Cardiff on Monday. The new health minister for Wales said "
            "waiting lists were too long. Vance left early.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Nora Vance") == "health minister for Wales"


def test_a_bare_office_next_is_that_office_but_a_spokesman_is_someone_else(nlp):
    bare = "Nora Vance announced the cuts on Monday. The minister said waiting lists were too long. Vance left."
    _, actors, _ = analyse(nlp, bare)
    assert _role(actors, "Nora Vance") == "minister"
    spokesman = "Nora Vance announced the cuts on Monday. The spokesman said waiting lists were too long. Vance left."
    _, actors, _ = analyse(nlp, spokesman)
    assert _role(actors, "Nora Vance") is None


def test_an_office_next_after_a_sentence_naming_two_people_links_nobody(nlp):
    two = ("Nora Vance met Tom Bergen at the hospital on Monday. The health minister said waiting lists were "
           "too long. Vance left.")
    _, actors, _ = analyse(nlp, two)
    assert all(a.role is None for a in actors if a.type == "person")


def test_who_heads_gives_the_head_of_the_body(nlp):
    text = "Nora Vance, who heads the regional transport board, spoke first. Vance said buses were late."
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Nora Vance") == "head of the regional transport board"


def test_the_government_that_acts_is_an_actor(nlp):
    text = ("The Government has admitted the bill is flawed. Critics say the government should wait. "
            "Nora Vance said the plan was rushed.")
    _, actors, _ = analyse(nlp, text)
    gov = next(a for a in actors if a.name == "Government")
    assert (gov.type, gov.mentions) == ("organization", 2)


def test_someone_elses_government_or_one_mention_is_no_actor(nlp):
    text = ("The Labour government fell in 1979. Nora Vance said the government of the day was weak. "
            "Tom Bergen agreed with her.")
    _, actors, _ = analyse(nlp, text)
    assert not any(a.name.lower() == "government" for a in actors)


def test_a_body_described_in_the_lede_and_named_next(nlp):
    text = ("A cap on donations to political parties should not be introduced yet, the elections watchdog has said. "
            "The cap was proposed last year. In a new report, the Poll Standards Commission says it is worth "
            "debating. The Poll Standards Commission also wants more state funding.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Poll Standards Commission") == "elections watchdog"


def test_a_lede_description_is_nobodys_when_someone_is_named_first(nlp):
    text = ("A cap on donations should not be introduced yet, the elections watchdog has said. Nora Vance, a "
            "lawyer, disagreed. The Poll Standards Commission says it is worth debating. The Poll Standards "
            "Commission also wants more state funding.")
    _, actors, _ = analyse(nlp, text)
    assert _role(actors, "Poll Standards Commission") is None
