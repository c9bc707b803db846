"""Actor salience from the whole text (issue 8, item 3): the headline's subject, places that
take part in the story against places that are only its setting."""

import pytest

from summarizers.entities.salience import headline_words, named_in_headline
from tests.nlp_helpers import analyse

pytestmark = pytest.mark.slow


def test_headline_words_split_possessives_hyphens_and_dotted_abbreviations():
    assert headline_words("Vargas’s Made-for-TV Trade Row Keeps Norland-U.S. Talks Guessing") == [
        "Vargas", "Made", "for", "TV", "Trade", "Row", "Keeps", "Norland", "US", "Talks", "Guessing"]
    assert headline_words(None) == []


def test_named_in_headline_by_surname_or_whole_form():
    words = headline_words("Vargas accuses Norland of stalling port deal")
    assert named_in_headline("person", {"Elena Vargas"}, words)
    assert named_in_headline("place", {"Norland"}, words)
    assert not named_in_headline("organization", {"Port Authority"}, words)
    assert not named_in_headline("organization", {"Deal"}, headline_words("Port deal stalls"))  # case matters


STORY = """Talks on the river treaty stalled again on Tuesday as delegates left the hall in Brennholm.

Minister Ana Ruiz of the Coastal Party said the delay would cost farmers dearly. Tomas Berg of the
Farmers Union agreed with her and said: "We cannot plant without water." Ida Moss, an engineer at
the River Institute, said the dams were safe. Karl Weber of the Water Board said the board would
publish its figures soon. Nora Lind of the Fishers League said fish stocks were falling.

Ruiz said the Coastal Party would raise the matter in parliament. Berg said the Farmers Union
would protest. Weber said the Water Board had done its part. Moss said the River Institute
would help. Lind said the Fishers League would wait.

The treaty was first drafted by Olaf Strand in 1998, and the talks resume next month."""


def test_the_person_the_headline_names_ranks_among_the_first_actors(nlp):
    _, plain, _ = analyse(nlp, STORY, title="River treaty talks stall")
    _, headed, _ = analyse(nlp, STORY, title="Strand's river treaty in doubt")
    rank = lambda actors: [a.name for a in actors].index("Olaf Strand")
    assert rank(headed) < rank(plain)
    assert rank(headed) < 8


PLACES = """Failing states, including Peru and Chile, cannot guard their nuclear material, the
report says. It names Peru as the state of gravest concern, and the author is also worried
about Chile after a scientist there admitted selling secrets.

Officials flew to Bolivia on Monday. The conference in Bolivia ended without a deal, said
Professor Ana Ruiz, who wrote the report."""


def test_a_place_named_twice_as_a_participant_stays_one_named_twice_as_a_setting_goes(nlp):
    names = {a.name for a in analyse(nlp, PLACES, title="Nuclear report")[1]}
    assert {"Peru", "Chile"} <= names
    assert "Bolivia" not in names


def test_a_body_named_once_as_the_agent_of_an_act_stays_one_named_once_in_passing_goes(nlp):
    # "an investigation by X": X acts though it is named once; "a meeting in X's offices" is a setting
    text = ('A shopper is suing Kestrel Printers over ink cartridges that expire early.\n\n'
            'Kestrel Printers declined to comment. The market has been the subject of an investigation by '
            'the Harbour Trading Office, which concluded that firms must price more clearly. '
            'The shopper first met lawyers at the offices of the Northern Legal Centre.')
    _, actors, _ = analyse(nlp, text)
    names = [a.name for a in actors]
    assert "Harbour Trading Office" in names
    assert "Northern Legal Centre" not in names
