"""Word lists and helpers for names: honorifics, name particles, organisation heads, speech verbs.

Small hand-written lexicons used by :mod:`summarizers.entities.actors`, :mod:`summarizers.entities.roles` and
:mod:`summarizers.quotes.attribution` to correct typical errors of small spaCy NER models (a person
tagged ORG, "Wilson Center" tagged PERSON) and to recognise attributions.
"""

from __future__ import annotations

import re
import unicodedata

# Honorifics dropped from a person's canonical name ("Mr Howard" → "Howard").
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "mx", "rev", "fr", "mr.", "mrs.", "ms.", "dr.", "prof.",
}
# Titles that may precede a name; they belong to the role, not the name.
TITLES = {
    "president", "vice", "prime", "minister", "chancellor", "ambassador", "senator", "sen.", "sen", "rep.", "rep",
    "representative", "governor", "gov.", "gov", "mayor", "secretary", "general", "gen.", "gen", "lt.", "col.", "lt", "col",
    "colonel", "lieutenant", "major", "captain", "capt.", "admiral", "judge", "justice", "king", "queen", "prince", "princess",
    "pope", "cardinal", "bishop", "archbishop", "chairman", "chairwoman", "commissioner", "speaker", "premier", "sheikh",
    "deputy", "foreign", "defence", "defense", "interior", "finance", "attorney", "envoy", "spokesman", "spokeswoman",
    "officer", "sergeant", "sgt.", "inspector", "chief", "leader", "director", "minister", "state", "treasury", "former",
    "candidate", "councillor", "councilor", "mp", "mep", "congressman", "congresswoman", "emir", "sultan", "crown",
}
# Peerage titles stay part of the name ("Lord Butler").
PEERAGE = {"lord", "lady", "baroness", "baron", "earl", "duke", "duchess"}
PARTICLES = {"de", "del", "della", "da", "das", "do", "dos", "di", "van", "von", "der", "den", "la", "le", "bin", "ibn", "al", "el", "y", "ter", "ten", "mac", "st."}
# Final words that make a capitalised run an organisation rather than a person.
ORG_HEADS = {
    "center", "centre", "institute", "institution", "university", "college", "school", "council", "committee", "party",
    "ministry", "department", "agency", "administration", "association", "bank", "fund", "foundation", "trust",
    "commission", "court", "congress", "senate", "parliament", "assembly", "group", "corporation", "corp", "corp.",
    "company", "co", "co.", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "organization", "organisation", "union", "service",
    "services", "office", "board", "forum", "network", "news", "times", "post", "journal", "press", "alliance",
    "coalition", "federation", "league", "army", "navy", "police", "force", "forces", "guard", "authority", "bureau",
    "society", "club", "museum", "library", "hospital", "church", "movement", "front", "initiative", "project",
    "program", "programme", "cabinet", "government", "tribunal", "reserve", "exchange", "airlines", "group",
    "industries", "holdings", "partners", "capital", "media", "tv", "radio", "magazine", "channel", "watch", "international",
    "house", "statehouse", "electronics", "pharmaceuticals", "motors", "technologies", "systems", "labs", "energy",
    # industries a company is named after ("Brantwell Shipping", "Kestrel Telecom"); no surname among them
    "shipping", "telecom", "telecoms", "airways", "logistics", "petroleum", "mining", "foods", "insurance",
    "software", "communications", "investments", "securities", "ventures", "entertainment", "studios",
    "publishing", "chemicals", "railways", "aerospace", "pharma", "brewery", "breweries", "semiconductor", "bancorp",
}
# Lemmas of verbs that attribute speech (reporting verbs).
SPEECH_VERBS = {
    "say", "tell", "add", "state", "explain", "note", "argue", "insist", "warn", "claim", "write", "ask", "reply",
    "answer", "respond", "declare", "continue", "admit", "acknowledge", "testify", "announce", "comment", "remark",
    "observe", "suggest", "stress", "emphasize", "emphasise", "point", "recall", "conclude", "concede", "confirm",
    "deny", "predict", "complain", "quip", "joke", "tweet", "post", "counter", "retort", "vow", "promise", "urge",
    "caution", "contend", "assert", "maintain", "describe", "call", "accuse", "believe", "think", "agree", "add",
    "recount", "scoff", "lament", "begin", "go", "put", "quote", "cite", "shout", "exclaim", "mutter", "whisper",
    "interject", "elaborate", "reiterate", "underline", "underscore", "summarize", "summarise", "acknowledge", "worry",
}
# Reporting verbs a speaker's quote usually ends with ("X said" / "said X"); a stricter set.
STRONG_SPEECH = {
    "say", "tell", "add", "state", "explain", "note", "argue", "insist", "warn", "claim", "write", "ask", "reply",
    "answer", "respond", "declare", "continue", "admit", "acknowledge", "testify", "announce", "comment", "remark",
    "observe", "suggest", "stress", "emphasize", "emphasise", "recall", "conclude", "concede", "confirm", "predict", "forecast",
    "complain", "quip", "joke", "tweet", "counter", "retort", "vow", "urge", "caution", "contend", "assert", "maintain",
    "lament", "exclaim", "reiterate", "elaborate", "underline", "interject", "scoff", "deny", "describe",
    "confess", "boast", "shout", "muse", "mutter", "whisper", "recount",
}
MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
MALE_HONORIFICS = {"mr", "mr.", "sir", "lord", "king", "prince", "baron", "earl", "duke", "father", "brother"}
FEMALE_HONORIFICS = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "baroness", "duchess", "sister"}

_WORD = re.compile(r"[\w'’.-]+")


def name_tokens(name: str) -> list[str]:
    """The words of a name, without a trailing possessive ("Obrador's" → "Obrador")."""
    words = _WORD.findall(name)
    out = []
    for w in words:
        w = re.sub(r"(?:'s|’s|'|’)$", "", w)
        w = w.rstrip(".") if w.count(".") == 1 and w.endswith(".") and len(w) > 3 else w
        if w:
            out.append(w)
    return out


def name_key(name: str) -> str:
    """A lower-case comparison key: honorifics and "the" dropped, possessives removed."""
    toks = [t.lower() for t in name_tokens(name)]
    while toks and (toks[0] in HONORIFICS or toks[0] == "the"):
        toks = toks[1:]
    return " ".join(toks)


def fold(word: str) -> str:
    """Lower case without accents: "López" → "lopez" (texts spell names both ways)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def is_subsequence(short: list[str], long: list[str]) -> bool:
    """True when ``short`` occurs as a contiguous run inside ``long`` (case- and accent-insensitive):
    "Castañeda" and "Castañeda Ruiz" in "Elena Castañeda Ruiz", "Lopez" in "Andrés Manuel López Obrador"."""
    s = [fold(w) for w in short]
    lo = [fold(w) for w in long]
    n = len(s)
    return n > 0 and any(lo[i:i + n] == s for i in range(len(lo) - n + 1))


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def spelling_variants(a: list[str], b: list[str]) -> bool:
    """True when two full names of as many words are one name spelt two ways: every word equal
    (case and accents folded) but one, and that one a transliteration variant: same first
    letter, at least five letters, one edit apart ("Viktor"/"Victor Makarov",
    "Volodymyr Zelensky"/"Zelenskyy"), and not a changed ending ("Maria"/"Mario",
    "Ivanov"/"Ivanova" are often two people). Names of one word never match: too little evidence."""
    if len(a) != len(b) or len(a) < 2:
        return False
    fa, fb = [fold(w) for w in a], [fold(w) for w in b]
    diff = [(k, x, y) for k, (x, y) in enumerate(zip(fa, fb)) if x != y]
    if len(diff) != 1:
        return False
    k, x, y = diff[0]
    if min(len(x), len(y)) < 5 or x[0] != y[0] or not _one_edit(x, y):
        return False
    if x[:-1] == y[:-1] or x[:-1] == y or y[:-1] == x:
        # an ending changed ("Maria"/"Mario", "Daniel"/"Daniela", "Ivanov"/"Ivanova"): often two
        # people; only a surname's doubled letter is a spelling ("Zelensky"/"Zelenskyy")
        return k == len(fa) - 1 and max(x, y, key=len)[-1] == max(x, y, key=len)[-2]
    return True


def is_clipped_form(short: list[str], long: list[str]) -> bool:
    """True when the name ``short`` clips every word of ``long`` to its start ("Lib Dem", "Lib
    Dems" of "Liberal Democrats"): as many words of at least three letters, each beginning the
    other's word (a plural "s" ignored), and not the same words. Inputs: name tokens."""
    return len(long) == len(short) >= 2 and short != long and all(
        len(a) >= 3 and b.lower().startswith(a.lower().rstrip("s")) for a, b in zip(short, long))


def acronym(name: str) -> str:
    """Initials of the capitalised words: "Drug Enforcement Administration" → "DEA"."""
    return "".join(w[0] for w in name_tokens(name) if w[:1].isupper() and w.lower() not in PARTICLES)


def looks_like_org(name: str) -> bool:
    """True when the last word of ``name`` is a typical organisation head ("Wilson Center"), the
    first a newspaper's ("Daily Courier"), or the name holds a digit or an ampersand ("G8",
    "3M", "Marlow & Finch"): no person's name does."""
    toks = name_tokens(name)
    return bool(toks) and (toks[-1].lower() in ORG_HEADS or "&" in name or any(c.isdigit() for c in name)
                           or len(toks) >= 2 and toks[0] in _PAPER_FIRST_WORDS)


#: First words of newspapers' names ("Daily Courier", "Sunday Herald"): no person's name.
_PAPER_FIRST_WORDS = {"Daily", "Sunday", "Evening", "Weekly"}
