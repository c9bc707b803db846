"""Language check: non-English text is refused with the language named; short text passes."""

from __future__ import annotations

import pytest

from summarizers.errors import NotEnglishError
from summarizers.language import detect_language, ensure_english

GERMAN = ("Der mexikanische Präsident reist am Dienstag nach Washington, um mit der amerikanischen "
          "Regierung über Migration, Handel und die Sicherheit an der Grenze zu sprechen.")
SPANISH = ("El presidente de México viajará el martes a Washington para hablar con el gobierno "
           "estadounidense sobre migración, comercio y la seguridad en la frontera.")
ENGLISH = ("The Mexican president travels to Washington on Tuesday to talk with the US government "
           "about migration, trade and security at the border.")


@pytest.mark.parametrize("text,name", [(GERMAN, "German"), (SPANISH, "Spanish")])
def test_non_english_is_refused_naming_the_language(text, name):
    with pytest.raises(NotEnglishError, match=name):
        ensure_english(text)


def test_english_passes():
    ensure_english(ENGLISH)
    assert detect_language(ENGLISH)[0] == "en"


def test_too_short_to_judge_passes():
    assert detect_language("Hola, amigos.") is None
    ensure_english("Guten Tag, Berlin.")
