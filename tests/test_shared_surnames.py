"""Two people with one surname: "Mr X" is the one who is no knight or peer (issue 8, item 1);
names with digits are no people. Inputs are written for these tests."""

import pytest

from tests.nlp_helpers import analyse, speaker_of

pytestmark = pytest.mark.slow

TEXT = ("Terror warning\n\n"
        "Sir Alan Marsh, the country's most senior police officer, said an attack was likely. "
        "Sir Alan said: \"Terrorists have long memories.\"\n\n"
        "The warning came days after Peter Marsh named the date of the election. Sir Alan added: "
        "\"There are obvious targets.\"\n\n"
        "But Mr Marsh insisted: \"There is no greater freedom than to live free from attack.\" "
        "Mr Marsh will meet the G8 leaders in July.")


def test_mr_with_a_surname_a_knight_shares_is_the_other_bearer(nlp):
    _, actors, quotes = analyse(nlp, TEXT)
    assert speaker_of(quotes, "There is no greater freedom") == "Peter Marsh"
    assert speaker_of(quotes, "Terrorists have long") == "Sir Alan Marsh"
    assert next(a for a in actors if a.name == "Peter Marsh").mentions == 3


def test_mr_with_two_plain_bearers_stays_undecided(nlp):
    text = ("Family firm\n\n"
            "Ana Marsh and Peter Marsh founded the company in 1990.\n\n"
            "Mr Marsh said: \"We never expected this.\"")
    _, _, quotes = analyse(nlp, text)
    # neither bearer is a knight: the honorific alone does not pick one here (Ana may be a man's name)
    assert speaker_of(quotes, "We never expected") in {None, "Peter Marsh"}
    assert speaker_of(quotes, "We never expected") != "Ana Marsh"


def test_a_name_with_a_digit_is_no_person():
    from summarizers.entities.names import looks_like_org

    assert looks_like_org("G8") and looks_like_org("G20 summit") and looks_like_org("3M")
    assert not looks_like_org("Peter Marsh") and not looks_like_org("Louis XIV")


INCUMBENT = ("Whale lore\n\n"
             "Elder Hemi Tane was seven when he saw his first stranding.\n\n"
             "Seven decades later, Tane, 75, has overseen 500 strandings. \"The ocean is sick,\" says Tane.\n\n"
             "Tane and his son, Rewi Tane, were called in to help. \"We do not hug the whales,\" says Rewi.\n\n"
             "\"People dismiss what we know,\" says Tane.")


def test_a_bare_surname_used_before_a_namesake_appears_stays_with_its_first_bearer(nlp):
    _, _, quotes = analyse(nlp, INCUMBENT)
    assert speaker_of(quotes, "The ocean is sick") == "Hemi Tane"
    assert speaker_of(quotes, "People dismiss") == "Hemi Tane"


def test_a_bare_surname_first_used_after_both_bearers_appear_stays_undecided(nlp):
    text = ("Family firm\n\n"
            "Hemi Tane and his son Rewi Tane run the farm.\n\n"
            "\"We never expected this,\" said Tane.")
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "We never expected") is None
