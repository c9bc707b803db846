"""Who speaks when the tag after a quotation uses a verb that is no reporting verb ('"...?"
Mr Hale pressed.'), and bodies named by the head noun of their name ("the alliance said"), on
inputs written for these tests; and a document introduced far back ("X says in a report") speaking
for its one author."""

import pytest

from tests.nlp_helpers import analyse, speaker_of

pytestmark = pytest.mark.slow


def test_bare_tag_after_a_question_names_its_speaker_not_the_last_one(nlp):
    text = ('On Monday, lawyer Tomas Hale questioned the witness. "Not that I know of," Mr Berg replied. '
            '"Did you ever see Ms Ruiz sign a cheque?" Mr Hale pressed. "Never," replied the witness.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Not that I know of") == "Berg"
    assert speaker_of(quotes, "Did you ever see") == "Tomas Hale"


def test_a_verb_with_an_object_after_the_quotation_is_no_tag(nlp):
    text = ('Ana Ruiz opened the hearing. "We start with the accounts," she said. '
            '"Tell me about the cheques." Tomas Berg pressed the button.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Tell me about the cheques") != "Tomas Berg"


def test_the_alliance_is_the_one_body_whose_name_says_alliance(nlp):
    text = ('The Rural Alliance held a rally in Leeds on Sunday. Farmers came from four counties.\n\n'
            'The alliance said the new rules were "impossible to follow" and would be ignored.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "impossible to follow") == "Rural Alliance"


_FILLER = ('Ports handle a third of the trade. Many of them are old. Dredging costs rise every year. '
           'Ships are getting bigger.\n\n')


def test_a_report_introduced_paragraphs_before_speaks_for_its_one_author(nlp):
    text = ('Dock jobs are at risk, the Harbour Trust says in a report, Ports in Peril.\n\n' + _FILLER +
            'The report said: "Without new money, four ports will close by 2030."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Without new money") == "Harbour Trust"


def test_reports_of_two_authors_far_back_give_nobody(nlp):
    text = ('The Harbour Trust published a report on Monday. The Rail Freight Union issued a report on Tuesday.\n\n'
            + _FILLER + 'The report said: "Without new money, four ports will close by 2030."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Without new money") is None


def test_a_name_coined_inside_reported_speech_is_the_coiners(nlp):
    text = ('Tomas Berg gave evidence on Tuesday. He said his predecessor, Ana Ruiz, had dubbed the envoy\'s '
            'role in the talks "the Hale problem." Carla Menon said the talks were "a total mess from the start".')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "the Hale problem") == "Ana Ruiz"
    assert speaker_of(quotes, "a total mess") == "Carla Menon"


def test_a_pronoun_that_coined_the_name_decides_nothing_new(nlp):
    text = ('Tomas Berg gave evidence on Tuesday. He said they had dubbed the envoy\'s role "the Hale problem."')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "the Hale problem") in (None, "Tomas Berg")


def test_a_quotation_after_a_sentence_ending_in_film_or_programme_is_kept(nlp):
    text = ('Ana Ruiz began her career as a production assistant. She was seen by many as a pioneer in film. '
            '"Back when I started, there were very few women working in the industry," she said. '
            'Tomas Berg spoke to the Today programme. "We have made a terrible mistake here," he said.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "Back when I started") == "Ana Ruiz"
    assert speaker_of(quotes, "We have made a terrible mistake") == "Tomas Berg"


def test_a_title_after_film_in_its_own_sentence_is_still_no_quotation(nlp):
    text = 'Ana Ruiz starred in the film "The Long Road Home" last year.'
    _, _, quotes = analyse(nlp, text)
    assert not quotes


# A partial quotation inside reported content whose tag ends the sentence, past another
# clause of that content (issue 8, item 2: partial quotations inside reported speech).
TAG_LAST = """Ana Ruiz attacked the harbour plan on Monday.

The plan was "badly drafted and rushed" and the port had its own problems, Ms Ruiz said. Tomas Berg said the port was "in very good shape indeed", adding that it would grow.

The trust "ignored every warning" but the council was slow too, said Lena Park, a local historian."""


def test_a_partial_quote_takes_the_tag_that_ends_its_reported_content(nlp):
    _, _, quotes = analyse(nlp, TAG_LAST)
    assert speaker_of(quotes, "badly drafted and rushed") == "Ana Ruiz"
    assert speaker_of(quotes, "in very good shape indeed") == "Tomas Berg"
    assert speaker_of(quotes, "ignored every warning") == "Lena Park"


def test_the_tag_reaches_past_a_time_clause_and_a_second_conjunct(nlp):
    text = ('Ana Ruiz attacked the harbour plan on Monday.\n\n'
            'The plan was "badly drafted and rushed" before the trust took over, and it failed, Tomas Berg said '
            'on Tuesday, after Ms Ruiz spoke.')
    _, _, quotes = analyse(nlp, text)
    assert speaker_of(quotes, "badly drafted and rushed") == "Tomas Berg"  # not the topic before
