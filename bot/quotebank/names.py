"""Names of people across articles: folding, keys, and whether two forms can be one person.

One rule, used when storing (:mod:`bot.quotebank.speakers`) and when searching
(``/brief who``): a name is folded (accents removed, case-folded, punctuation dropped,
hyphens as spaces), then leading honorifics, titles and nationality words are stripped
("Mexican President Lopez Obrador" → ``lopez obrador``) and so are trailing generational
suffixes (Jr., III). Two person names are *compatible* when the shorter one's tokens appear
in order in the longer one (an initial matches a token it starts) and the shorter one ends on
a surname part of the longer one (a token after its first): ``lopez obrador`` and
``andres manuel lopez obrador`` are compatible, ``maria garcia`` and ``luis garcia`` are not.
Roles decide when only a surname is given (:func:`roles_compatible`).
"""

from __future__ import annotations

import re
import unicodedata

HONORIFICS = frozenset(
    "mr mrs ms miss mx dr doctor prof professor sir dame lord lady rev reverend father fr sr sra srta senor senora "
    "don dona lic licenciado licenciada ing hon honourable honorable".split()
)
TITLES = frozenset(
    "president presidente vice prime minister secretary senator sen rep representative congressman congresswoman "
    "governor gov mayor ambassador general gen admiral adm colonel col captain capt lieutenant lt sergeant sgt "
    "judge justice chief deputy foreign finance interior economy economic defense defence trade health foreign "
    "attorney state former ex acting outgoing incoming spokesman spokeswoman spokesperson commissioner director "
    "chairman chairwoman chair ceo pope king queen prince princess sheikh chancellor premier leader speaker "
    "us u s uk un eu".split()
)
DEMONYMS = frozenset(
    "mexican american canadian british french german chinese spanish italian russian ukrainian european "
    "brazilian colombian venezuelan cuban guatemalan honduran salvadoran argentine chilean peruvian japanese "
    "indian israeli palestinian iranian texan californian".split()
)
SUFFIXES = frozenset("jr sr ii iii iv phd".split())
ROLE_STOPWORDS = frozenset(
    "a an the of for in at on to and or with from by its his her their who said says former then now "
    "s us".split()
) | DEMONYMS

_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_APOSTROPHES = re.compile(r"[’'`´]")


def fold(text: str) -> str:
    """``text`` without accents, case-folded, apostrophes removed, other punctuation and hyphens as spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _APOSTROPHES.sub("", plain.casefold()).replace("_", " ")
    return " ".join(_PUNCT.sub(" ", plain).split())


def name_tokens(name: str) -> list[str]:
    """The folded tokens of a person's name without leading titles/honorifics/nationality and trailing suffixes."""
    tokens = fold(name).split()
    while len(tokens) > 1 and (tokens[0] in HONORIFICS or tokens[0] in TITLES or tokens[0] in DEMONYMS):
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens.pop()
    return tokens


def name_key(name: str) -> str:
    """The stored key of a name: its :func:`name_tokens` joined by spaces (may be empty)."""
    return " ".join(name_tokens(name))


def entity_key(name: str) -> str:
    """The key of a non-person actor (organization, place, group): folded, without a leading ``the``."""
    tokens = fold(name).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens.pop(0)
    return " ".join(tokens)


def _token_matches(short: str, long: str) -> bool:
    return short == long or (len(short) == 1 and long.startswith(short))


def covers(short: list[str], long: list[str]) -> bool:
    """Whether name ``short`` can be a shorter form of name ``long`` (token lists of :func:`name_tokens`).

    ``short``'s tokens must appear in order in ``long`` and its last token must match a token of
    ``long`` after the first (a surname part); equal names cover each other.
    """
    if not short or not long or len(short) > len(long):
        return False
    if short == long:
        return True
    j = 0
    last_at = -1
    for tok in short:
        while j < len(long) and not _token_matches(tok, long[j]):
            j += 1
        if j == len(long):
            return False
        last_at = j
        j += 1
    return last_at >= 1 and len(short[-1]) > 1


def compatible(a: list[str], b: list[str]) -> bool:
    """Whether two person names (token lists) can name the same person (either covers the other)."""
    return covers(a, b) if len(a) <= len(b) else covers(b, a)


def role_words(role: str | None) -> set[str]:
    """The content words of a role, folded (``"Mexico's finance minister"`` → {mexicos, finance, minister})."""
    return {w for w in fold(role or "").split() if w not in ROLE_STOPWORDS and len(w) > 1}


def roles_compatible(a: str | None, b: str | None) -> bool:
    """True when either role is unknown or they share a content word (``economist`` vs ``senator``: False)."""
    wa, wb = role_words(a), role_words(b)
    return not wa or not wb or bool(wa & wb)
