"""Judging a candidate role: how informative it is, and whether it can describe one person.

:func:`role_score` ranks the candidates :func:`summarizers.entities.roles.find_role` collects;
:func:`plausible_role` drops those that cannot be one person's role (a plural group, a
phrase ending in an adverb, a bare relational noun, one naming another person).
"""

from __future__ import annotations

import re

from summarizers.entities.names import TITLES
from summarizers.entities.roleterms import _EVALUATIVE, _PREPS, _SOFT_OFFICES, OFFICES, PARTY_MEMBERS, ROLE_NOUNS


def role_score(role: str, doc=None) -> float:
    """How informative a role is: an office (+2) with an affiliation — a capitalised name or
    an "of/at/for" phrase — (+2/+1) beats a bare title, a generic word or an evaluative
    description ("most anticipated witness", −3) and a party membership ("the Ohio Republican",
    −1.5); very long phrases lose a little."""
    words = re.findall(r"[\w.'’-]+", role)
    if not words:
        return -10.0
    low = [w.lower().strip("'’") for w in words]
    score = 0.0
    if any(w in OFFICES for w in low):
        score += 2.0
    elif any(w in _SOFT_OFFICES for w in low):
        score += 1.0
    elif any(w in ROLE_NOUNS or w.rstrip("s") in ROLE_NOUNS for w in low):
        score += 0.5
    role_words = ROLE_NOUNS | TITLES | {"former", "acting", "deputy", "vice", "prime", "chief"}
    caps = [w for n, w in enumerate(words) if w[:1].isupper() and w.lower().rstrip(".") not in role_words
            and w.lower() not in role_words and not (n == 0 and w.lower() in {"former", "then", "new", "acting"})]
    if caps:
        score += 2.0
    if any(w in {"of", "at", "for", "to"} for w in low[1:]):
        score += 1.0
    if len(words) == 1:
        score -= 1.0
    if len(words) > 12:
        score -= 2.0
    if any(w in _EVALUATIVE for w in low[:3]):
        score -= 3.0
    if words[-1] in PARTY_MEMBERS:
        score -= 1.5  # "the Ohio Republican" says less than the office the text also gives ("Senator")
    return score


_RELATIONAL = {"predecessor", "successor", "wife", "husband", "son", "daughter", "father", "mother", "brother", "sister",
               "friend", "colleague", "boss", "partner", "aide", "ally", "rival", "widow", "widower", "niece", "nephew"}
_ADVERBS = {"recently", "now", "also", "still", "then", "too", "again", "already", "later", "earlier", "currently",
            "previously", "formerly", "once", "here", "there", "today", "yesterday", "instead"}
_LY_NOUNS = {"ally", "family", "assembly", "supply", "daily", "weekly", "monthly", "rally", "fly", "italy", "july", "bully"}
_NOT_PLURAL = ("ss", "us", "is", "ics", "news", "'s", "’s", "series", "species")


def plausible_role(role: str, people: set[str] | frozenset = frozenset()) -> bool:
    """False for text that cannot describe one person: a plural head with no complement
    ("novelists", "cabinet ministers" — a group the person belongs to, not a role), a phrase
    ending in an adverb ("Ngātiwai recently"), a bare relational noun with no anchor
    ("predecessor"), or one naming another person of ``people`` other than as a possessor
    ("director Sir Richard Eyre", "integral member of Hori Parata"; "Mr Trump's lawyer" and
    "adviser to Senator Ana Ruiz" are fine)."""
    words = role.split()
    last = words[-1].strip(".,;:").lower()
    if last in _ADVERBS or last.endswith("ly") and last not in _LY_NOUNS and len(last) > 4:
        return False
    if len(words) == 1 and last in _RELATIONAL:
        return False
    if last.endswith("s") and not last.endswith(_NOT_PLURAL) and words[-1][:1].islower() \
            and not any(w.lower() in _PREPS for w in words):
        return False
    for name in people:
        if name in role and not re.search(re.escape(name) + r"['’]s?\b", role) and not re.match(r"advis[eo]r to\b", role):
            return False
    return True
