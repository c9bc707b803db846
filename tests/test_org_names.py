"""Organisation names as the text writes them: an "'s" that belongs to the name ("Moody's
said"), an acronym with an ampersand ("S&P" of "Standard & Poor's"), and the description a
lede gives as "one of the ... agencies" (issue 8, items 1 and 3). Inputs are written for these
tests."""

import pytest

from tests.nlp_helpers import analyse, role_of

pytestmark = pytest.mark.slow

TEXT = ("Bonds upgraded\n\n"
        "Rising oil sales mean the country's debt is no longer a risky investment, one of the world's leading "
        "credit rating agencies says.\n\n"
        "Standard & Poor's has classed the bonds as investment grade. S&P said the finances were solid. "
        "S&P had held back for a year. The other agencies, Kessler's and Fitzroy, upgraded the bonds in May.")


def test_an_ampersand_acronym_joins_its_organisation(nlp):
    _, actors, _ = analyse(nlp, TEXT)
    assert not any(a.name == "S&P" for a in actors)
    body = next(a for a in actors if a.name.startswith("Standard & Poor"))
    assert body.mentions >= 3


def test_an_apostrophe_s_before_a_verb_is_part_of_the_name(nlp):
    _, actors, _ = analyse(nlp, TEXT)
    assert any(a.name == "Standard & Poor's" for a in actors)


def test_a_possessive_before_a_noun_is_not_part_of_the_name(nlp):
    text = "Rates rise\n\nMarlow & Finch's analysts expect a cut in May. Marlow & Finch said rates would fall."
    _, actors, _ = analyse(nlp, text)
    body = next(a for a in actors if "Marlow" in a.name)
    assert body.name == "Marlow & Finch" and body.type == "organization"


def test_the_lede_one_of_the_agencies_describes_the_body_named_next(nlp):
    _, actors, _ = analyse(nlp, TEXT)
    assert role_of(actors, "Standard & Poor's") == "one of the world's leading credit rating agencies"


def test_a_union_named_with_and_is_one_name_and_its_lede_describes_it(nlp):
    text = ("Civil servants ballot\n\n"
            "The country's biggest civil service union is to ballot its members on strikes.\n\n"
            "The Public and Commercial Services Union will co-ordinate any action with other unions. "
            "PCS leader Mark Serwo said the plans were unfair.")
    _, actors, _ = analyse(nlp, text)
    union = next(a for a in actors if a.name == "Public and Commercial Services Union")
    assert union.role == "biggest civil service union"
    assert not any(a.name in {"Public", "Commercial Services Union"} for a in actors)


def test_two_bodies_joined_by_and_stay_two(nlp):
    text = ("Regulators meet\n\n"
            "Ofcom and the Competition Commission will review the deal. The Competition Commission said it "
            "would report in May, and Ofcom agreed.")
    _, actors, _ = analyse(nlp, text)
    names = {a.name for a in actors}
    assert "Ofcom" in names and "Competition Commission" in names


def test_a_broadcaster_that_learned_or_was_given_the_news_is_no_actor(nlp):
    text = ("Council tax to rise\n\n"
            "Council tax is set to rise by about 4% in the coming year, BBC Wales has learned.\n\n"
            "The councils' umbrella group Wlga, which provided BBC Wales with the figures, warned of cuts. "
            "Wlga said: \"Councils will struggle to keep services going.\"")
    _, actors, _ = analyse(nlp, text)
    assert not any(a.name.startswith("BBC") for a in actors)
    assert any(a.name == "Wlga" for a in actors)


def test_a_newspaper_that_only_ran_an_advert_is_no_actor(nlp):
    text = ("Browser fans pay for advert\n\n"
            "Fans of the Larkspur browser raised $50,000 to pay for an advert in the Harbour Times announcing "
            "version 1.0. The Larkspur Foundation said: \"Our users made this happen.\"")
    _, actors, _ = analyse(nlp, text)
    assert not any(a.name.endswith("Harbour Times") for a in actors)


def test_two_named_bodies_after_one_article_stay_two(nlp):
    text = ("Settlements row\n\n"
            "The United Nations and European Union criticised the decision. The European Union said it would "
            "study the plan, and the United Nations called for talks.")
    _, actors, _ = analyse(nlp, text)
    names = {a.name for a in actors}
    assert "United Nations" in names and "European Union" in names


def test_a_campaign_named_like_a_slogan_is_one_organisation(nlp):
    text = ("Campaigners fighting the closure of three northern harbours are to stand in the general election.\n\n"
            "Save the Northern Harbours will also field a candidate against the transport minister, Tom Hale, in "
            "Portree. Mr Berg said the Save the Northern Harbours had done a \"superb job\" in fighting the cuts.\n\n"
            "As well as their election move, Save the Northern Harbours will join other campaigners at a rally in "
            "the spring.")
    actors = analyse(nlp, text, title="Harbour campaigners to stand")[1]
    names = [a.name for a in actors]
    assert "Save the Northern Harbours" in names
    assert next(a.type for a in actors if a.name == "Save the Northern Harbours") == "organization"
    assert "Northern Harbours" not in names


def test_a_creed_s_or_people_s_adjective_before_a_titled_body_word_is_one_organisation(nlp):
    text = ("Gunmen attacked a museum in the capital on Wednesday, killing 20 people.\n\n"
            "No group claimed responsibility, but officials fear militants linked to the Islamic State are "
            "expanding their operations. Thousands of young men have joined groups abroad, including the "
            "Islamic State.\n\n"
            "In January, militants loyal to Islamic State beheaded 21 workers. \"We must pay attention,\" "
            "Interior Minister Ana Ruiz said.")
    actors = analyse(nlp, text, title="Museum attack")[1]
    found = [a for a in actors if a.name == "Islamic State"]
    assert found and found[0].type == "organization" and found[0].mentions == 3
