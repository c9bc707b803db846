"""Speakers the text describes instead of naming: bodies, their spokespeople, documents, "it".

Used by :mod:`summarizers.quotes.attribution` when the subject of a reporting verb is a common noun or
the pronoun "it". Each rule links a description to an entity the text itself supports, and
otherwise leaves it unlinked (the quotation then gets no speaker, never a guess):

* **a spokesperson, official, aide or source of a body** ("a spokesman for the Harbour Trust",
  "a Labour source", "an IMF official", "Downing Street officials") speaks for that body: the organisation named in the
  noun phrase (compound, possessive, or "for/of/at/from X") — unless the text names that
  body's spokesperson, who then speaks. A later bare "the source" is the same unnamed entity
  when exactly one body's source was introduced; so is a bare "the spokeswoman" in the same or
  the next paragraph, when no person actor's role holds the word (a later description of a
  spokesperson is as often a named person's);
* **a document** ("the statement said", "says its report", "the bill's explanatory notes",
  "a letter from X") speaks for its author: the possessor or "of/from/by" complement, else
  the subject of an earlier sentence that issued, published or released a document of that
  kind ("The commission published its report ... The report said") or spoke in it ("Oxfam
  says in a report"); further back than three sentences only when the text gave documents of
  that kind one author; a report no sentence gives an author is the one inquiring body
  (committee, commission, watchdog, ...) among the actors;
* **an institution noun** ("the commission", "the committee") is the one organisation actor
  whose name has that head word; two candidates or none leave it unlinked;
* **a generic description of a body** ("the company", "the former monopoly") and "a
  spokesman" with no body named are the one organisation that was a main-clause subject just
  before (six sentences for a description, the previous sentence for a spokesman); two
  bodies in view leave it unlinked;
* **"it"** as a subject is the organisation that was the main-clause subject of the same or
  one of the two previous sentences, when no person became the subject in between.

These are the description and organisation passes of entity-centric, precision-ranked
coreference (Lee et al., *Computational Linguistics* 39(4), 2013), restricted to speakers.
"""

from __future__ import annotations

DOCUMENT_NOUNS = {
    "statement", "report", "letter", "note", "notes", "document", "paper", "study", "memo", "memorandum", "guidance",
    "ruling", "judgment", "judgement", "filing", "release", "post", "tweet", "survey", "review", "manifesto",
    "proposal", "proposals", "plan", "bill", "submission", "complaint", "lawsuit", "petition", "communique",
    "announcement", "briefing", "dossier", "analysis", "assessment", "audit", "draft", "policy", "website", "blog",
    "slogan", "motto", "message",
}
AGENT_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "source", "sources", "official", "officials",
    "representative", "representatives", "aide", "aides",
}
INSTITUTION_NOUNS = {
    "government", "ministry", "department", "commission", "committee", "council", "party", "police", "court",
    "company", "union", "agency", "authority", "office", "board", "campaign", "firm", "bank", "army", "regulator",
    "watchdog", "inquiry", "panel", "administration", "embassy", "federation", "association", "institute",
    "foundation", "trust", "group", "charity", "organisation", "organization", "society", "tribunal", "parliament",
    "alliance", "coalition", "league", "forum", "network", "confederation", "consortium", "bureau", "service",
}
_ISSUING = {"issue", "publish", "release", "send", "put", "post", "write", "present", "submit", "unveil", "deliver",
            "file", "produce", "circulate", "launch", "table", "draft", "tweet", "prepare", "compile", "commission"}
_BODY_PREPS = {"for", "of", "at", "from", "to", "with", "in", "by"}


def _actor_at(ctx, i: int, kinds: set[str]):
    m = ctx.mention_at.get(i)
    if m is None or ctx.quoted[i] or m.actor.type not in kinds:
        return None
    return m.actor


def _body(ctx, noun, kinds: set[str]):
    """The actor named inside ``noun``'s phrase: compound/possessive modifier or a
    for/of/at/from complement ("a Labour source", "the council's spokesman", "a spokesman for X")."""
    for c in noun.children:
        if c.dep_ in {"compound", "poss", "nmod", "amod"} and c.i < noun.i:
            a = _actor_at(ctx, c.i, kinds)
            if a is not None:
                return a
        if c.dep_ == "prep" and c.lower_ in _BODY_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    a = _actor_at(ctx, p.i, kinds)
                    if a is not None:
                        return a
    return None


def is_main_subject(t) -> bool:
    """True when token ``t`` is the subject of its sentence's root verb or of a verb conjoined to it."""
    if t.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    v = t.head
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head
    return v.dep_ == "ROOT"


def _main_subjects(ctx, sent):
    """Main-clause subjects of ``sent`` (root verb and its conjuncts, and reporting verbs), in order."""
    return [t for t in sent if not ctx.quoted[t.i] and is_main_subject(t)]


#: Definite descriptions of an organisation ("the company said", "the former monopoly added").
GENERIC_ORG_NOUNS = {
    "company", "firm", "group", "bank", "carrier", "operator", "retailer", "airline", "manufacturer", "insurer",
    "giant", "chain", "broadcaster", "monopoly", "watchdog", "regulator", "business", "corporation", "conglomerate",
    "supermarket", "club", "charity", "organisation", "organization", "lender", "maker", "producer", "publisher",
}


def _recent_organisation(ctx, tok, sentences: int) -> str | None:
    """The one organisation that was a main-clause subject in ``tok``'s sentence (before it)
    or the ``sentences`` sentences before; None when none or several were (never a guess
    between two bodies)."""
    doc = ctx.doc
    s = tok.sent
    found: set[str] = set()
    for k in range(sentences + 1):
        for t in _main_subjects(ctx, s):
            m = ctx.mention_at.get(t.i)
            if (k > 0 or t.i < tok.i) and m is not None and m.actor.type == "organization":
                found.add(m.actor.name)
        if s.start == 0:
            break
        s = doc[s.start - 1].sent
    return next(iter(found)) if len(found) == 1 else None


def _their_body(ctx, sent, reach: int = 3) -> str | None:
    """The body a run of "they" subjects right before ``sent`` stands for: "the Conservatives
    insisted ... They said ... And they pledged ... A spokesman said" → the Conservatives. The
    sentences before ``sent`` (at most ``reach``) must have "they" as their only main subject,
    back to one whose only main subject is an organisation or group actor; None otherwise."""
    doc = ctx.doc
    s = sent
    for k in range(reach + 1):
        if s.start == 0:
            return None
        s = doc[s.start - 1].sent
        subjects = _main_subjects(ctx, s)
        if len(subjects) != 1 and not (subjects and all(t.lower_ == "they" for t in subjects)):
            return None
        t = subjects[0]
        if t.lower_ == "they":
            continue
        m = ctx.mention_at.get(t.i)
        if k == 0 or m is None or m.actor.type not in {"organization", "group"}:
            return None  # the sentence right before must be one of "they"
        return m.actor.name
    return None


def organisation_pronoun(ctx, pron) -> str | None:
    """The organisation an "it"/"its" refers to: the last main-clause subject of the same or
    one of the two previous sentences when that subject is an organisation; None when it is a
    person (the topic moved to someone) or when nothing fits."""
    doc = ctx.doc
    sent = pron.sent
    sents = [sent]
    s = sent
    for _ in range(2):
        if s.start == 0:
            break
        s = doc[s.start - 1].sent
        sents.append(s)
    for k, s in enumerate(sents):
        subjects = [t for t in _main_subjects(ctx, s) if k > 0 or t.i < pron.i]
        for t in reversed(subjects):
            m = ctx.mention_at.get(t.i)
            if m is None:
                if t.pos_ == "PROPN" or t.lower_ in {"he", "she", "they"}:
                    return None
                the = any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
                if t.lemma_.lower() in GENERIC_ORG_NOUNS and the:
                    return _recent_organisation(ctx, t, 6)  # "The company also unveiled ... It added"
                named = institution(ctx, t) if t.lemma_.lower() in INSTITUTION_NOUNS and the else None
                if named:
                    return named  # "The commission says ... says its report"
                continue
            if m.actor.type == "person":
                return None
            if m.actor.type in {"organization", "group"}:
                return m.actor.name
    return None


#: Documents that report an inquiry's findings, and the bodies that write them: a report no
#: sentence gives an author is the story's one inquiring body's (a bridging reference).
_FINDINGS = {"report", "review", "inquiry", "audit", "findings", "study"}
_INQUIRING = {"committee", "commission", "inquiry", "panel", "watchdog", "regulator", "auditor", "ombudsman", "office"}


def document_author(ctx, noun) -> str | None:
    """The author of the document ``noun`` ("the statement", "its report"), or None: the
    author the text gives it or an earlier document of its kind, else, for a report of
    findings, the one inquiring body among the actors ("The Commons committee ... the report
    found")."""
    for c in noun.children:
        if c.dep_ == "poss" and c.lower_ in {"its", "their"}:
            return organisation_pronoun(ctx, c)
        if c.dep_ == "poss" and c.lower_ in {"his", "her"} and hasattr(ctx, "resolve_pronoun"):
            return ctx.resolve_pronoun(c, c.sent.start)[0]  # "His message to the chancellor was: ..."
    body = _body(ctx, noun, {"organization", "group", "person"})
    if body is not None:
        return body.name
    lemma = noun.lemma_.lower()
    doc = ctx.doc
    lo = doc[noun.sent.start].sent.start
    for _ in range(3):  # up to three sentences back
        if lo == 0:
            break
        lo = doc[lo - 1].sent.start
    earlier: set[str] = set()
    for t in reversed(doc[:noun.i]):
        if t.lemma_.lower() != lemma or ctx.quoted[t.i] or t.i == noun.i:
            continue
        author = _author_of(ctx, t)
        if author and t.i >= lo:
            return author
        if author:
            earlier.add(author)
    # further back: the one author the text gave a document of this kind ("Oxfam says in a
    # report, ..." five sentences before "The report said"); two authors give nobody
    if earlier:
        return next(iter(earlier)) if len(earlier) == 1 else None
    if lemma in _FINDINGS:  # "the report found": the one inquiring body of the story wrote it
        bodies = {a.name for a in ctx.actors if a.type == "organization"
                  and a.name.split()[-1].lower().rstrip("s") in _INQUIRING}
        return bodies.pop() if len(bodies) == 1 else None
    return None


def _author_of(ctx, t) -> str | None:
    """The author the text gives the document noun ``t``: a possessor or of/from/by body, the
    subject that issued it ("The commission published its report"), or the subject that spoke
    in it ("Oxfam says in a report")."""
    body = _body(ctx, t, {"organization", "group", "person"})
    if body is not None:
        return body.name
    v = t.head
    if v.dep_ == "prep" and v.lower_ in {"in", "through"} and v.head.pos_ == "VERB" \
            and v.head.lemma_.lower() in {"say", "warn", "argue", "claim", "state", "conclude", "find", "suggest", "add"}:
        v = v.head  # "Oxfam says in a report"
    elif not (v.pos_ == "VERB" and v.lemma_.lower() in _ISSUING):
        return None
    for c in v.children:
        if c.dep_ == "nsubj":
            a = _actor_at(ctx, c.i, {"organization", "group", "person"})
            if a is not None:
                return a.name
            if c.lower_ in {"it"}:
                return organisation_pronoun(ctx, c)
    return None


def institution(ctx, noun) -> str | None:
    """The one organisation actor whose name has ``noun``'s word ("the commission" →
    "Electoral Commission"); None for none or several."""
    word = noun.lemma_.lower()
    names = [a.name for a in ctx.actors if a.type == "organization" and word in {w.lower() for w in a.name.split()}]
    return names[0] if len(names) == 1 else None


def _named_agent(ctx, lemma: str, body) -> str | None:
    """The person the text names as ``body``'s spokesperson (their role has the agent noun
    and the body's name or acronym): "a spokesman for MAB" is "MAB spokesman Dr Azzam
    Tamimi". None when no one or several fit."""
    stem = lemma.rstrip("s")
    forms = {body.name.lower(), *(a.lower() for a in body.aliases)}
    fits = [a.name for a in ctx.actors if a.type == "person" and a.role and stem in a.role.lower()
            and any(f in a.role.lower() for f in forms)]
    return fits[0] if len(fits) == 1 else None


_SPOKES = {"spokesman", "spokeswoman", "spokesperson"}


def _indefinite(noun) -> bool:
    """True for "a spokesman", "a Labour spokesman" (an indefinite article on the noun)."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)


def _has_spoken(ctx, name: str, before: int) -> bool:
    """True when ``name`` was already given words before token ``before``. A writer refers back
    to a named person who has spoken by name or pronoun; "Labour campaign spokesman X said ...
    A Labour spokesman later said ..." brings in someone else, who speaks for the body."""
    return any(ev.speaker == name and ev.pos < before for ev in ctx.events)


def _same_spokesperson(ctx, noun, lemma: str) -> str | None:
    """ "A spokeswoman for the Harbour Office said ... "...," said the spokeswoman": the bare
    definite description is the unnamed spokesperson introduced just before, so the same body,
    when exactly one body's spokesperson of that word was introduced, in this paragraph or the
    one before, and no person actor's role holds the word (then it may be theirs)."""
    bodies = ctx.unnamed_agents.get(lemma, set())
    seen = [i for i in ctx.agents_at.get(lemma, []) if i < noun.i]
    if len(bodies) != 1 or not seen:
        return None
    paragraph = ctx.document.paragraph_of
    if paragraph(ctx.doc[seen[-1]].idx) < paragraph(noun.idx) - 1:
        return None
    if any(a.type == "person" and a.role and lemma in a.role.lower() for a in ctx.actors):
        return None
    return next(iter(bodies))


def is_generic_body(t) -> bool:
    """True for the head of "the company", "the firm": "the" + a generic organisation noun."""
    return t.lemma_.lower() in GENERIC_ORG_NOUNS and any(d.dep_ == "det" and d.lower_ == "the" for d in t.children)


def _generic_owner(noun):
    """The "the company" of "a spokesman for the company", or None."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in {"for", "of", "at"}:
            for p in c.children:
                if p.dep_ == "pobj" and is_generic_body(p):
                    return p
    return None


def described_speaker(ctx, noun) -> str | None:
    """The entity a described subject ``noun`` stands for (see the module docstring), or None."""
    lemma = noun.lemma_.lower()
    text = noun.lower_
    if (lemma in AGENT_NOUNS or text in AGENT_NOUNS):
        body = _body(ctx, noun, {"organization", "group"})
        if body is not None:
            named = _named_agent(ctx, lemma, body)
            if named is not None and not (_indefinite(noun) and _has_spoken(ctx, named, noun.i)):
                return named  # "a spokesman for MAB" where the text names MAB's spokesman
            ctx.unnamed_agents.setdefault(lemma, set()).add(body.name)
            ctx.agents_at.setdefault(lemma, []).append(noun.i)
            return body.name
        generic = _generic_owner(noun)
        if generic is not None:  # "a spokesman for the firm": the one body the text was about
            return _recent_organisation(ctx, noun, 6)
        if lemma in {"source", "sources"} and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            bodies = ctx.unnamed_agents.get(lemma, set())
            return next(iter(bodies)) if len(bodies) == 1 else None
        if lemma in _SPOKES and [c.lower_ for c in noun.children] == ["the"]:
            return _same_spokesperson(ctx, noun, lemma)
        if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children) and noun.sent.start > 0:
            # "AOL backed the cuts. A spokesman said": the body that was the subject just before
            prev = _recent_organisation(ctx, ctx.doc[noun.sent.start - 1], 0) or _their_body(ctx, noun.sent)
            actor = next((a for a in ctx.actors if a.name == prev), None)
            if actor is not None:
                return _named_agent(ctx, lemma, actor) or actor.name
        return None
    if (lemma in DOCUMENT_NOUNS or text in DOCUMENT_NOUNS):
        return document_author(ctx, noun)
    if is_generic_body(noun) \
            and not _body(ctx, noun, {"organization", "group", "person", "place"}):
        named = institution(ctx, noun)
        return named or _recent_organisation(ctx, noun, 6)  # "the former monopoly said"
    if lemma in INSTITUTION_NOUNS and any(c.dep_ in {"det", "poss"} for c in noun.children):
        body = _body(ctx, noun, {"organization", "group", "place"})
        if body is not None and body.type != "place":
            return body.name
        return institution(ctx, noun)
    return None
