"""Role vocabulary and the text helpers every role reader shares: role nouns, titles,
offices, party members, and the cleaning of a token run into a verbatim role phrase."""

from __future__ import annotations

import re

from summarizers.entities.names import TITLES

ROLE_NOUNS = {
    "president", "leader", "minister", "secretary", "chancellor", "ambassador", "envoy", "senator", "governor", "mayor",
    "director", "spokesman", "spokeswoman", "spokesperson", "official", "officer", "adviser", "advisor", "analyst",
    "professor", "expert", "researcher", "fellow", "economist", "chairman", "chairwoman", "chair", "ceo", "founder",
    "member", "editor", "correspondent", "historian", "author", "lawyer", "attorney", "judge", "general", "commander",
    "representative", "deputy", "candidate", "activist", "co-chairman", "co-chair", "manager", "executive", "strategist",
    "scientist", "diplomat", "counselor", "counsellor", "aide", "head", "chief", "predecessor", "successor", "whistleblower",
    "politician", "lawmaker", "legislator", "mp", "mep", "congressman", "congresswoman", "prosecutor", "economist",
    "researcher", "scholar", "lecturer", "teacher", "doctor", "physician", "nurse", "campaigner", "organizer", "organiser",
    "coordinator", "negotiator", "commissioner", "governor", "premier", "monarch", "king", "queen", "prince", "pope",
    "witness", "investigator", "inspector", "reporter", "journalist", "columnist", "presenter", "host", "anchor",
    "colonel", "captain", "sergeant", "lieutenant", "admiral", "soldier", "veteran", "partner", "owner", "president-elect",
    "nominee", "challenger", "incumbent", "rival", "speaker", "treasurer", "ombudsman", "mediator", "consul", "attaché",
    "hotelier", "businessman", "businesswoman", "entrepreneur", "banker", "investor", "officials", "coach", "player",
    "actor", "singer", "writer", "novelist", "artist", "architect", "engineer", "specialist", "consultant", "auditor",
    "administrator", "superintendent", "principal", "dean", "rector", "provost", "counsel", "secretary-general",
    "lt.", "col.", "gen.", "sen.", "rep.", "gov.", "capt.", "sgt.", "adm.", "maj.", "cmdr.", "supt.",
    "figure", "replacement", "whip", "counterpart",
    # occupations ("Peoplesoft worker David Ogden", "The priest, Fidelis Moyo,")
    "priest", "bishop", "cleric", "imam", "rabbi", "vicar", "ranger", "worker", "employee", "farmer", "pilot",
    "surgeon", "detective", "producer", "composer", "musician", "rapper", "comedian", "poet", "playwright",
    "filmmaker", "photographer", "designer", "elder", "student",
    # the law, local government and the church ("The men's solicitor, Louise Christian,")
    "solicitor", "barrister", "magistrate", "coroner", "sheriff", "constable", "councillor", "councilor",
    "clerk", "chairperson", "convenor", "convener", "trustee", "delegate", "vice-president", "peer", "msp",
    "assemblyman", "assemblywoman", "commentator", "accountant", "headteacher", "headmaster",
    "headmistress", "pastor", "archbishop", "boss",
}
# Capitalised nouns for a member of a party: a role in an apposition ("a Republican from Texas").
PARTY_MEMBERS = {"Republican", "Democrat", "Conservative", "Tory", "Liberal", "Socialist", "Independent", "Green", "Lib", "Dem",
                 "Progressive", "Communist"}
# Abbreviated military/political titles ("Lt. Col.", "Sen."), with or without their dot.
ABBREVIATIONS = {"lt", "col", "gen", "sen", "rep", "gov", "capt", "sgt", "adm", "maj", "cmdr", "supt", "cpl", "pvt"}
ROLE_NOUNS |= ABBREVIATIONS
# Rulers and holders of power who are no office holders by title ("former Chilean military ruler").
ROLE_NOUNS |= {"ruler", "dictator", "strongman", "tycoon", "magnate", "warlord", "detainee", "prisoner", "defendant"}
# Candidacy and party standing: "Tory parliamentary hopefuls X and Y", "Labour backbencher X".
ROLE_NOUNS |= {"hopeful", "contender", "backbencher", "frontbencher", "defector"}
# Trades and occupations named as a title before a name: "computer games maker X", "property
# developer X", "racing driver X", "Labour donor X", "City trader X".
ROLE_NOUNS |= {"maker", "developer", "programmer", "inventor", "trader", "broker", "pioneer", "creator", "publisher",
               "blogger", "pundit", "pollster", "fisherman", "builder", "shareholder", "driver", "chef",
               "critic", "conductor", "striker", "goalkeeper", "referee", "lobbyist", "donor", "billionaire", "actuary",
               "surveyor", "landlord", "cfo"}
# Offices: a role headed by one of these says what the person officially is.
OFFICES = (TITLES | {
    "ambassador", "envoy", "secretary-general", "president-elect", "commissioner", "prosecutor", "counsel", "counselor",
    "counsellor", "diplomat", "official", "spokesperson", "head", "lawmaker", "legislator", "consul", "ombudsman",
    "lt.", "col.", "gen.", "sen.", "rep.", "gov.", "capt.", "sgt.", "adm.", "maj.", "cmdr.", "supt.", "editor",
    "correspondent", "economist", "analyst", "professor", "researcher", "historian", "adviser", "advisor",
}) - {"former", "state", "foreign", "defence", "defense", "interior", "finance", "treasury", "vice", "prime", "crown",
      "candidate", "leader", "deputy", "major", "general", "chief"}
_SOFT_OFFICES = {"leader", "chief", "deputy", "general", "candidate"}
# Verbs that give someone a role: "was named X", "tapped as X", "appointed X".
_APPOINT = {"name", "appoint", "tap", "nominate", "elect", "choose", "pick", "select", "install", "promote", "make",
            "confirm", "hire", "serve", "become", "designate", "swear"}
_EVALUATIVE = {"most", "least", "best", "worst", "key", "star", "top", "famous", "notorious", "controversial", "wealthy",
               "first", "last", "only"}
_AGE = re.compile(r"^\d+-year-old$")
_PREPS = {"of", "for", "to", "at", "on", "in", "with"}
_TITLE_PREPS = {"of", "for", "to", "on", "at"}
_VERB_MODIFIERS = {"acting", "retired", "elected", "outgoing", "incoming", "designated", "ousted", "jailed", "exiled",
                   "embattled", "disgraced", "appointed", "serving", "sitting", "departing", "leading", "ruling"}
_NAME_PREFIXES = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "baroness", "baron", "miss", "prof"}
_QUOTE_MARKS = {"\"", "“", "”", "‘", "’", "'", "«", "»"}
_NUMERIC_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _is_member(toks) -> bool:
    """An apposition naming a party member: "a Republican from Texas", "a Democrat", "the
    Virginia Democrat", "a veteran Texas Republican" (the member word heads a short phrase)."""
    if len(toks) < 2 or toks[0].lower_ not in {"a", "an", "the"}:
        return False
    if toks[0].lower_ != "the" and toks[1].text in PARTY_MEMBERS:
        return True
    return len(toks) <= 4 and toks[-1].text in PARTY_MEMBERS and toks[-1].pos_ in {"PROPN", "NOUN"} \
        and all(u.pos_ in {"PROPN", "ADJ"} for u in toks[1:-1])


def _is_role_noun(tok) -> bool:
    low = tok.lower_
    return low in ROLE_NOUNS or tok.lemma_.lower() in ROLE_NOUNS or (low in TITLES and tok.pos_ in {"NOUN", "PROPN"})


def _text(toks) -> str | None:
    """The verbatim article text from the first to the last of ``toks`` (contiguous)."""
    if not toks:
        return None
    doc = toks[0].doc
    span = doc[toks[0].i:toks[-1].i + 1]
    return re.sub(r"\s+", " ", span.text).strip() or None


def _clean(tokens) -> str | None:
    """Strip leading function words/ages and trailing function words, and cut at a full stop that
    ends a sentence ("editor at PC Pro. Apple's work ...": the parser ran two sentences into one);
    the rest stays verbatim."""
    toks = list(tokens)
    for k in range(1, len(toks) - 1):
        if toks[k].text in {".", "!", "?"} and toks[k - 1].lower_ not in ABBREVIATIONS and toks[k + 1].is_title \
                and not (len(toks[k - 1].text) == 1 and toks[k - 1].is_upper):
            toks = toks[:k]  # not "U.S. Army" nor "John F. Kennedy"
            break
    while toks and (toks[0].pos_ in {"DET", "ADP", "CCONJ", "PUNCT", "PRON", "SCONJ"} or toks[0].tag_ in {"POS", "HYPH"}
                    or toks[0].lower_ in {"the", "a", "an", "his", "her", "their", "its"} or _AGE.match(toks[0].lower_)
                    or (toks[0].like_num and len(toks) > 1 and toks[1].tag_ == "HYPH")):
        numeric = toks[0].like_num
        toks = toks[1:]
        if numeric:  # "79 - year - old" split over several tokens
            while len(toks) > 1 and (toks[0].tag_ == "HYPH" or toks[0].lower_ in {"year", "old", "-", "years"}):
                toks = toks[1:]
    while toks and (toks[-1].pos_ in {"ADP", "CCONJ", "PUNCT", "DET", "SCONJ"} and not (
            toks[-1].text == "." and len(toks) > 1 and toks[-2].lower_ in ABBREVIATIONS) or toks[-1].tag_ == "POS"
                    or toks[-1].lower_ in {"lord", "lady", "sir", "dame", "mr", "mrs", "ms", "dr"}):
        toks = toks[:-1]
    return _text(toks)
