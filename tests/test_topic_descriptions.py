"""A definite description as speaker ("the singer told reporters", "the Labour peer and former
minister said:") resolved to the person the text was just about
(:mod:`summarizers.entities.topicperson`), on inputs written for these tests; and what stays
``None`` because the text does not decide."""

import pytest

from tests.nlp_helpers import analyse, role_of, speaker_of

pytestmark = pytest.mark.slow


def test_occupation_description_after_the_named_topic(nlp):
    text = ('Rock star Ana Ruiz has said her band will not tour again.\n\n'
            '"At the end of it I did not like living in hotels," the veteran singer told reporters in Rome.')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "At the end of it") == "Ana Ruiz"


def test_description_speaker_gives_a_role_the_text_gave_nowhere_else(nlp):
    text = ('Lord Berg agreed to withdraw his bill after a long debate. "We cannot wait for ever," he told peers. '
            'During the debate, the Labour peer and former minister said: "The monarchy should change."')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "The monarchy should change") == "Lord Berg"
    assert role_of(actors, "Lord Berg") == "Labour peer and former minister"


def test_relative_clause_after_the_description(nlp):
    text = ('Tomas Berg opened his new show in Leeds on Friday.\n\n'
            'The comedian, who grew up in the city, said: "It feels like coming home."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "It feels like coming home") == "Tomas Berg"


def test_an_office_the_topic_is_not_said_to_hold_is_nobody(nlp):
    text = ('Tomas Berg attacked the budget plan on Monday.\n\n'
            '"It is a fair plan and we will keep it," the prime minister said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "It is a fair plan") is None


def test_an_office_the_lede_gives_links_the_description_and_the_pronoun(nlp):
    text = ('Paid leave should be extended to a full year, the Home Secretary has said.\n\n'
            'Ana Ruiz said the cost of the plan was still being worked out.\n\n'
            'Workers in small firms earn a fifth less, according to official figures.\n\n'
            'The minister told delegates that the change was overdue. '
            '"Families cannot wait another decade," she said.')
    _, actors, quotes = analyse(nlp, text)
    assert role_of(actors, "Ana Ruiz") == "Home Secretary"
    assert speaker_of(quotes, "Families cannot wait") == "Ana Ruiz"


def test_two_people_in_the_sentence_before_give_nobody(nlp):
    text = ('Ana Ruiz met Carla Menon at the awards in Rome.\n\n'
            '"It was the best night of my life," the singer said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "It was the best night") is None


def test_an_unnamed_person_of_that_kind_introduced_since_gives_nobody(nlp):
    text = ('Ana Ruiz was charged with fraud on Monday. Her family hired a lawyer the same day.\n\n'
            '"She has done nothing wrong," the lawyer said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "She has done nothing wrong") is None


def test_a_description_of_another_party_gives_nobody(nlp):
    text = ('Tory Lord Berg attacked the bill in the Lords on Tuesday.\n\n'
            '"The bill is badly drafted," the Labour peer said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "The bill is badly drafted") != "Lord Berg"


def test_someone_else_named_in_the_description_sentence_gives_nobody(nlp):
    text = ('Tomas Berg opened his new show in Leeds on Friday.\n\n'
            'Asked about Carla Menon, the comedian said: "She taught me everything."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "She taught me everything") != "Tomas Berg"


def test_a_past_office_with_its_complement_is_the_topic(nlp):
    text = ('The council must act quickly on the court ruling, Ana Ruiz has said.\n\n'
            'The former UN commissioner for refugees told a radio programme the ruling would be watched abroad. '
            '"It would be troubling if the council ignored the judgement," she said.')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "It would be troubling") == "Ana Ruiz"
    assert role_of(actors, "Ana Ruiz") == "former UN commissioner for refugees"


def test_a_current_office_with_a_complement_stays_nobody(nlp):
    text = ('The council must act quickly on the court ruling, Ana Ruiz has said.\n\n'
            'The head of the refugee agency told a radio programme the ruling would be watched abroad. '
            '"It would be troubling if the council ignored the judgement," she said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "It would be troubling") is None


def test_an_age_as_description_is_the_topic_and_no_role(nlp):
    text = ('Duncan Berg has resigned as chairman of the club after ten years.\n\n'
            '"It has been an honour to serve the fans," the 52-year-old said.')
    _, actors, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "It has been an honour") == "Duncan Berg"
    assert "year-old" not in (role_of(actors, "Duncan Berg") or "")


def test_a_description_whose_own_words_say_he_after_a_sentence_about_a_woman(nlp):
    text = ('Rock star Tomas Berg was asleep when burglars broke in. His wife Ana, who called the police, said '
            'her rings were taken.\n\n'
            'The veteran star said he could have been killed in the break-in. '
            '"I heard them on the stairs and froze," he added.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "I heard them on the stairs") != "Ana"
