"""Speakers introduced without a speech verb of their own, or by an inverted tag (issue 8,
item 2): "Said Mr X:", a pronoun after the sentence that introduces a new voice with an
affiliation the tagger reads as a person, an unnamed spokesperson after the body's named one
has spoken, and a role that the parser ran into the next sentence."""

import pytest

from tests.nlp_helpers import analyse, role_of, speaker_of

pytestmark = pytest.mark.slow

INVERTED = ('Ian Moss, an analyst at Jupiter Research, said the console was cheap. "It will sell well," he said. '
            'The machine also lacks a disc drive, said Mr Moss. "It is not ready for films yet," he said. '
            'Said Mr Moss: "It is very much a games machine."')


def test_an_inverted_tag_opening_a_sentence_names_the_speaker_without_its_verb(nlp):
    _, actors, quotes = analyse(nlp, INVERTED)
    assert not any(a.name.lower().startswith("said") for a in actors), [a.name for a in actors]
    assert speaker_of(quotes, "It is very much") == "Ian Moss"


DISSENT = ('Ian Moss, an analyst at Jupiter Research, said the console was cheap. "It will sell well," he said. '
           '"It is not ready for films yet," he added.\n\n'
           'One dissenting opinion came from Brian Gammon, vice-president of research at analysts Gartner. '
           'He said: "I do not think it changes the market." Also, he said, few buyers cared about size. '
           '"The games market is a pile-them-high market," he said.')


def test_a_pronoun_after_the_sentence_introducing_a_new_voice_is_that_voice(nlp):
    _, _, quotes = analyse(nlp, DISSENT)
    assert speaker_of(quotes, "I do not think") == "Brian Gammon"
    assert speaker_of(quotes, "The games market") == "Brian Gammon"
    assert speaker_of(quotes, "It is not ready") == "Ian Moss"


SPOKES = ('Labour campaign spokesman Tom Kerr said the poster had been misunderstood. The image only showed '
          'Mr Hale as a magician, he argued. "Concern has been expressed and we take it on board."\n'
          'A Labour spokesman later said the timing of removing the poster was not affected by the row. '
          '"It has been up on the website for two weeks and there has only been a fuss in the last four days," '
          'he said.')


def test_an_unnamed_spokesman_after_the_named_one_has_spoken_is_the_bodys_voice(nlp):
    _, _, quotes = analyse(nlp, SPOKES)
    assert speaker_of(quotes, "Concern has been") == "Tom Kerr"
    assert speaker_of(quotes, "It has been up") in {"Labour", None}


# the same spokesman before the named one has spoken stays that person: see
# tests/test_speaker_descriptions.py::test_spokesman_of_a_body_whose_spokesman_the_text_names


RUN_ON = ('"It is a good idea because it is cheap," said Nick Rowe, deputy labs editor at PC Pro. Apple\'s '
          'work on making things easy to use would also help the machine win fans, he said.')


def test_a_role_stops_at_the_end_of_its_sentence(nlp):
    _, actors, _ = analyse(nlp, RUN_ON)
    assert role_of(actors, "Nick Rowe") == "deputy labs editor at PC Pro"
