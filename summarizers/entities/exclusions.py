"""What is no actor: the article's author and publisher, outlets only addressed ("told
DW", "in an interview with the BBC") or cited as the source of the material ("according to the
Intelligencer", "seen by Reuters"), and one-word "names" that are common nouns or never
act, while a person the text calls Mr/Ms is kept even when the name ends like a document
("Jack Law"). Read by :func:`summarizers.entities.actors.extract_actors` on its clusters
(objects with ``name``, ``type``, ``forms``, ``tokens``, ``mentions`` and ``speaks``).
"""

from __future__ import annotations

import re

from summarizers.document import Document
from summarizers.entities.mentions import Mention
from summarizers.entities.names import HONORIFICS, TITLES, acronym, name_key, name_tokens
from summarizers.entities.roleterms import ROLE_NOUNS

_MEDIA_VERBS = {"tell", "interview", "speak", "talk", "write"}
#: Verbs whose object, when an outlet, was given the story's material ("provided the Post with").
_SOURCED = {"provide", "give", "supply", "send", "show", "leak", "brief"}
# Staff of a news outlet: "the BBC's North America editor" names the outlet as employer, not actor.
_MEDIA_STAFF = {"editor", "correspondent", "reporter", "journalist", "columnist", "presenter", "host", "anchor",
                "analyst", "producer", "programme", "program", "show", "website", "newsroom", "team"}


def excluded_keys(document: Document) -> set[str]:
    meta = document.meta
    keys: set[str] = set()
    if meta.author:
        for part in re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", meta.author):
            k = name_key(part)
            if k:
                keys.add(k)
    if meta.source:
        k = name_key(meta.source)
        keys.add(k)
        keys.add(acronym(meta.source).lower())
        first = k.split(" ")[0] if k else ""
        if first and first.isupper() is False and len(first) <= 4:
            keys.add(first)  # "BBC News" → "bbc"
        keys.add(k.replace(" news", ""))
    return {k for k in keys if k}


def _before(doc, start: int) -> int:
    """Index of the token before a mention starting at ``start``, past a "the" and line breaks
    (-1 when none)."""
    k = start - 1
    while k >= 0 and (doc[k].is_space or doc[k].lower_ == "the"):
        k -= 1
    return k


#: Verbs after which "on X" names the programme or channel someone spoke on.
_ON_AIR = {"say", "speak", "tell", "appear", "talk", "comment", "argue", "admit", "insist", "claim", "interview"}


def is_interlocutor(doc, m: Mention) -> bool:
    """An outlet addressed, not acting: "told DW", "in an interview with the BBC", "speaking on
    GMTV", "BBC Radio 4's Today"."""
    k = _before(doc, m.start)
    prev = doc[k] if k >= 0 else None
    if prev is None:
        return False
    if prev.lemma_.lower() in _MEDIA_VERBS:
        return True
    if prev.lower_ in {"with", "to"} and prev.head.lemma_.lower() in {"interview", "speak", "talk", "tell"}:
        return True
    if prev.lower_ == "on" and prev.head.lemma_.lower() in _ON_AIR:
        return True  # "speaking on GMTV", "said on Sky News", "appearing on Channel 4"
    nxt = doc[m.end] if m.end < len(doc) else None
    if nxt is not None and nxt.tag_ == "POS":
        # "BBC Radio 4's Today programme", "the BBC's North America editor Jon Sopel"
        for t in doc[m.end + 1:min(len(doc), m.end + 5)]:
            if t.lower_ in _MEDIA_STAFF:
                return True
            if t.pos_ not in {"PROPN", "ADJ", "NOUN", "NUM"}:
                break
    return False


#: News agencies, and the last words of outlet names ("the Intelligencer", "Wheeling News-Register").
_AGENCIES = {"reuters", "associated press", "ap", "afp", "agence france-presse", "agence france presse", "bloomberg",
             "xinhua", "tass", "ria novosti", "interfax", "dpa", "kyodo", "yonhap", "press association", "pa", "efe",
             "ansa", "upi", "anadolu", "bernama", "pti", "ians"}
#: Broadcasters whose name opens the names of their services ("BBC Wales", "Sky News").
_BROADCASTERS = {"bbc", "itv", "cnn", "sky", "nbc", "cbs", "abc", "npr", "pbs", "rte", "cbc", "stv", "gmtv", "msnbc"}
_OUTLET_WORDS = {"times", "post", "news", "herald", "journal", "gazette", "telegraph", "guardian", "intelligencer",
                 "tribune", "chronicle", "register", "observer", "independent", "mail", "express", "mirror", "standard",
                 "magazine", "radio", "television", "tv", "bulletin", "courier", "press", "inquirer", "examiner",
                 "dispatch", "sentinel", "daily", "weekly", "newspaper", "agency", "wire", "broadcaster", "network"}
#: Verbs whose agent ("seen by X") is an outlet only credited for having the material.
_WRITTEN_IN = {"write", "article", "column", "interview", "piece", "editorial", "op", "report", "letter", "comment",
               "advert", "advertisement", "ad", "appear", "publish", "print", "run"}  # "an advert in the Harbour Times"
_CREDIT_VERBS = {"see", "obtain", "report", "cite", "quote", "review", "publish", "broadcast", "air", "leak", "reveal"}


def is_outlet(name: str) -> bool:
    """True for a news agency ("Reuters", "AFP"), a broadcaster's service ("BBC Wales") or
    a name ending like an outlet's ("Intelligencer", "Wheeling News-Register", "Daily Courier")."""
    words = [w.lower() for w in re.split(r"[\s-]+", name.strip()) if w]
    if not words:
        return False
    if " ".join(words) in _AGENCIES or (words[0] == "the" and " ".join(words[1:]) in _AGENCIES):
        return True
    if words[0] in _BROADCASTERS:
        return True  # "BBC Wales", "CNN International", "Sky News"
    return words[-1] in _OUTLET_WORDS or words[0] == "daily"


def is_cited_source(doc, m: Mention) -> bool:
    """An outlet named only as where the story's material comes from: "according to the
    Intelligencer", "intelligence reports seen by Reuters", "documents obtained by the Post",
    "writing in the Daily Courier", "the Harbour Times reported", "provided BBC Wales with
    the figures", "told Reuters" (see
    :func:`is_interlocutor`). Read with :func:`is_outlet`."""
    if is_interlocutor(doc, m):
        return True
    k = _before(doc, m.start)
    if k < 0:
        return False
    prev = doc[k]
    if prev.lower_ == "to" and k > 0 and doc[k - 1].lower_ == "according":
        return True
    if prev.lemma_.lower() in _SOURCED:
        return True  # "the council group, which provided BBC Wales with the figures": the outlet was given the news
    if prev.lower_ == "in" and prev.head.lemma_.lower() in _WRITTEN_IN:
        return True  # "writing in the Daily Courier", "in an article in the Harbour Times"
    head = doc[m.end - 1]
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in {"report", "reveal", "disclose", "learn", "understand"}:
        return True  # "the Harbour Times reported that ...", "BBC Wales has learned"
    return prev.lower_ == "by" and prev.head.lemma_.lower() in _CREDIT_VERBS


#: Nouns of a poll or a rating that a firm is only credited for ("a 2004 ICM survey showed").
_POLL_NOUNS = {"poll", "polls", "survey", "surveys", "ratings", "figures", "index", "estimate", "estimates", "data"}


def is_source_credit(doc, m: Mention) -> bool:
    """A firm named only as the maker of a poll or survey it is credited for: "a 2004 ICM
    survey showed", "the latest YouGov poll" (the pollster is a source, not an actor)."""
    head = doc[m.end - 1]
    nxt = doc[m.end] if m.end < len(doc) else None
    return nxt is not None and nxt.lower_ in _POLL_NOUNS and head.head.i == nxt.i and head.dep_ in {"compound", "nmod", "amod"}


def honoured(doc, c) -> bool:
    """True for a person the text calls Mr/Ms/Dr somewhere: "Jack Law" ("Mr Law") is a name
    even though it ends like a document ("Data Retention Bill")."""
    honorifics = {h.rstrip(".") for h in HONORIFICS}
    return c.type == "person" and any(m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in honorifics
                                      or doc[m.start].lower_.rstrip(".") in honorifics for m in c.mentions)


def not_a_name(doc, c, role: str | None, lower_words: set[str]) -> bool:
    """A one-word "actor" that is no name: a common noun capitalised at a sentence start
    ("Meth", "Nearshoring"), or a one-word "person" the text never titles, never gives a
    role, never lets speak and names at most twice ("Roadmap", "Snapchat")."""
    if any(len(name_tokens(f)) > 1 for f in c.forms) or len(c.tokens) != 1:
        return False
    word = c.tokens[0]
    if word.isupper() and len(word) > 1:
        return False  # an acronym
    if word.lower() in lower_words:
        return True  # the text uses it as a common noun elsewhere
    def sentence_initial(m: Mention) -> bool:
        k = m.start - 1
        while k >= 0 and (doc[k].is_punct or doc[k].is_space):
            if doc[k].text in {".", "!", "?", ":"}:
                return True
            k -= 1
        return k < 0 or doc[m.start].is_sent_start
    if c.type != "place" and all(sentence_initial(m) for m in c.mentions) and len(c.mentions) <= 2 and not c.speaks:
        return True
    if c.type != "person":
        return False
    titled = any(m.start > 0 and (doc[m.start - 1].lower_.rstrip(".") in {h.rstrip(".") for h in HONORIFICS | TITLES}
                                  or doc[m.start - 1].lower_ in ROLE_NOUNS) for m in c.mentions)
    return not (titled or role or c.speaks) and len(c.mentions) <= 2


#: Journalists' titles: a conduit of the story (:func:`is_conduit`) holds one of them.
_JOURNALISTS = {"correspondent", "reporter", "journalist", "editor", "presenter", "columnist"}
#: Evidence that a conduit relays: "X says opinion polls suggest ...".
_EVIDENCE = {"poll", "survey", "figure", "statistic", "data", "research", "study", "report", "source", "sign",
             "indication", "evidence", "number", "count", "result", "forecast", "projection"}


def is_conduit(doc, mentions, role: str | None) -> bool:
    """True for a journalist who only relays evidence: named once, with a journalist's title
    (``role``: "BBC political correspondent"), in a sentence without quotation marks, whose
    one clause reports what evidence shows ("X says opinion polls suggest the party still lags
    ..."). Such a person is the story's conduit, like its byline, not an actor. A journalist
    who judges the actors ("X said the president did not sound confident") or is quoted there
    stays. Input: the spaCy doc, the person's mentions (``start``/``end``) and role; output: a
    bool."""
    if len(mentions) != 1 or not role or not _JOURNALISTS & set(re.findall(r"[a-z]+", role.lower())):
        return False
    m = mentions[0]
    if any(t.is_quote for t in doc[m.start].sent):
        return False
    head = next((t for t in doc[m.start:m.end] if not (m.start <= t.head.i < m.end) or t.head.i == t.i), None)
    if head is None or head.dep_ != "nsubj" or head.head.pos_ != "VERB":
        return False
    clause = next((c for c in head.head.children if c.dep_ == "ccomp"), None)
    subj = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if clause is not None else None
    return subj is not None and subj.lemma_.lower() in _EVIDENCE
