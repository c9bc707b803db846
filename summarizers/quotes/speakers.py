"""Who is the subject of a reporting verb: the speaker lookup of the quote extractor.

:class:`SpeakerContext` indexes every mention of the article's actors and answers, for a
reporting verb, who speaks: the parser's subject (through coordination, "saying" clauses,
relative clauses and titles the parser split), a pronoun (:mod:`summarizers.entities.pronouns`), a
description or a body or document (:mod:`summarizers.entities.descriptions`), or the words next to the
verb when the parse gives no subject ("said Mr Howard", "X, of the Y Institute, told DW").
It returns ``(name, blocked)``: ``blocked`` is True when the text names a speaker that no
actor resolves, so that later pronouns are not attributed past it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from summarizers.entities.descriptions import DOCUMENT_NOUNS, described_speaker, organisation_pronoun
from summarizers.document import Document
from summarizers.model import Actor
from summarizers.entities.names import STRONG_SPEECH, name_tokens
from summarizers.entities.pronouns import SUBJECT_PRONOUNS, resolve_pronoun
from summarizers.entities.roleterms import ROLE_NOUNS
from summarizers.quotes.clauses import quoted_as_saying
from summarizers.quotes.formscan import form_occurrences
from summarizers.entities.topicperson import described_person, is_age

_PRONOUNS = SUBJECT_PRONOUNS
_SKIP_BEFORE_VERB = {"also", "later", "then", "has", "had", "have", "previously", "once", "repeatedly", "further",
                     "again", "recently", "earlier", "both", "himself", "herself", "simply", "just", "even", "would",
                     "will", "only", "quickly", "and", "but", "subsequently", "reportedly", "separately"}
_WORD = re.compile(r"[\w'’-]+")
# Words that make a role a different office: "shadow chancellor" is not "the chancellor".
_QUALIFIERS = {"shadow", "deputy", "vice", "junior", "assistant", "acting", "ex", "opposition", "co"}
# Verbs that show someone doing something: "showed Mr X telling", "heard her saying".
_DEPICT = {"show", "see", "hear", "film", "record", "catch", "capture", "depict", "picture", "overhear", "watch"}
# Names of one office: "the chairman" is the person whose role says "chair of the committee".
_SAME_OFFICE = {"chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "spokeswoman": "spokesman",
                "spokesperson": "spokesman", "head": "chief", "boss": "chief"}


@dataclass
class ActorMention:
    start: int
    end: int
    actor: Actor


@dataclass
class SpeechEvent:
    pos: int  # token index
    para: int
    speaker: str | None
    blocked: bool  # a speaker the text describes but no actor matches: pronoun search stops here
    main: bool = True  # False for a reporting verb inside reported content ("X said officials had warned")
    plural: bool = False  # an unnamed plural speaker ("people asked"): no "he"/"she" is theirs


class SpeakerContext:
    def __init__(self, document: Document, actors: list[Actor]):
        self.document = document
        self.doc = document.doc
        self.actors = actors
        self.by_name = {a.name: a for a in actors}
        self.quoted = [False] * len(self.doc)
        self.mentions: list[ActorMention] = []
        self.mention_at: dict[int, ActorMention] = {}
        self.events: list[SpeechEvent] = []
        self.gender: dict[str, str] = {}
        self.subjects: list = []  # pronouns.SubjectMention
        self.person_words: set[str] | None = None
        self.context_lo: int | None = None
        self._starts: list[int] = []  # starts of self.mentions, for mentions_in
        self._first_seen: tuple[int, dict[int, int]] = (-1, {})  # (mentions seen, first start per actor)
        self.unnamed_agents: dict[str, set[str]] = {}  # "source" -> bodies whose unnamed source spoke
        self.agents_at: dict[str, list[int]] = {}  # "spokeswoman" -> where such unnamed agents were introduced

    # -- mentions -------------------------------------------------------------------
    def index_mentions(self) -> None:
        """Every occurrence of an actor's name or alias, longest forms first, as token spans.

        Forms are taken longest first (ties in actor order), each form's occurrences left to
        right as ``re.finditer`` finds them (whole words: no word character or hyphen on
        either side, never overlapping an earlier occurrence of that form); an occurrence
        whose tokens a longer form already took is skipped. The occurrences of all forms are
        found in one scan of the text (:func:`form_occurrences`), not one scan per form."""
        forms: list[tuple[str, Actor]] = []
        for a in self.actors:
            for f in {a.name, *a.aliases}:
                f = re.sub(r"(?:'s|’s)$", "", f.strip())
                if f:
                    forms.append((f, a))
        forms.sort(key=lambda x: -len(x[0]))
        doc, text = self.doc, self.document.text
        found = form_occurrences(text, {f for f, _ in forms})
        taken: set[int] = set()
        for form, actor in forms:
            for start in found[form]:
                span = doc.char_span(start, start + len(form), alignment_mode="expand")
                if span is None or any(j in taken for j in range(span.start, span.end)):
                    continue
                mention = ActorMention(span.start, span.end, actor)
                self.mentions.append(mention)
                for j in range(span.start, span.end):
                    taken.add(j)
                    self.mention_at[j] = mention
        self.mentions.sort(key=lambda m: m.start)

    # -- speakers -------------------------------------------------------------------
    def compatible(self, actor_name: str, g: str | None) -> bool:
        a = self.by_name.get(actor_name)
        if g is None:
            return True
        if a is None or a.type != "person":
            return False
        known = self.gender.get(actor_name)
        return known is None or known == g

    def unknown_person(self, tok) -> bool:
        """A person's name the actors do not resolve: a PERSON-tagged word outside every
        mention, or a surname several actors share ("Kennedy" beside "Maria Kennedy" and
        "Paul Kennedy"). Such a speaker is nobody we know: never replaced by someone nearby."""
        if tok.i in self.mention_at or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or self.quoted[tok.i]:
            return False
        if self.person_words is None:
            self.person_words = {w for a in self.actors if a.type == "person" for w in name_tokens(a.name)[1:]}
        return tok.ent_type_ == "PERSON" or tok.text in self.person_words

    def mentions_in(self, lo: int, hi: int) -> list[ActorMention]:
        # self.mentions is sorted by start: bisect to lo instead of scanning every mention
        if len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        out = []
        for k in range(bisect.bisect_left(self._starts, lo), len(self.mentions)):
            m = self.mentions[k]
            if m.start >= hi:
                break
            if m.end <= hi and not self.quoted[m.start]:
                out.append(m)
        return out

    def match_role_np(self, np_tokens, before: int) -> str | None:
        """An actor introduced earlier whose role contains the words of a descriptive NP. An
        indefinite NP ("a spokesman", "an official") introduces someone new, never a named
        actor: None."""
        if np_tokens and np_tokens[0].lower_ in {"a", "an", "another"}:
            return None
        words = [t.lower_ for t in np_tokens if t.is_alpha and t.lower_ not in {"the", "a", "an", "former"} and t.pos_ != "DET"]
        if not words:
            return None
        cands = []
        for a in self.actors:
            if a.type != "person" or not a.role:
                continue
            if self._first_seen[0] != len(self.mentions):
                firsts: dict[int, int] = {}
                for m in self.mentions:
                    firsts.setdefault(id(m.actor), m.start)
                self._first_seen = (len(self.mentions), firsts)
            first = self._first_seen[1].get(id(a))
            if first is None or first >= before:
                continue
            role_words = {_SAME_OFFICE.get(w, w) for w in _WORD.findall(a.role.lower())}
            if (role_words & _QUALIFIERS) - set(words):
                continue  # "the chancellor" is not the "shadow chancellor" nor the "deputy chancellor"
            if all(_SAME_OFFICE.get(w, w) in role_words or (w.endswith("s") and w[:-1] in role_words) for w in words):
                cands.append(a.name)
        return cands[0] if len(cands) == 1 else None

    def resolve_pronoun(self, pron, sent_lo: int) -> tuple[str | None, bool]:
        """(speaker, blocked) for a he/she subject: see :mod:`summarizers.entities.pronouns`."""
        return resolve_pronoun(self, pron, sent_lo)

    def dependency_subject(self, verb, lo: int, hi: int):
        """The parser's subject of ``verb`` (or of the verb it is coordinated with), if it is
        an actor mention or a he/she pronoun outside quotations; else None."""
        v = verb
        for _ in range(5):
            if v is not verb and v.dep_ == "ccomp" and v.head.lemma_.lower() in STRONG_SPEECH \
                    and any(c.dep_ == "nsubjpass" for c in v.children):
                v = v.head  # "He said more should be done, saying ...": a passive clause says nothing
                continue
            subj = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} and lo <= c.i < hi and not self.quoted[c.i]]
            if subj:
                s = self._person_in_subject(subj, v)
                if s.tag_ in {"WP", "WDT"} and v.dep_ == "relcl":
                    return self._antecedent(s, v.head, lo)  # "Secretary Tessa Jowell, who said: ..."
                if s.lower_ in _PRONOUNS:
                    return self.resolve_pronoun(s, lo)
                if s.lower_ == "it":
                    org = organisation_pronoun(self, s)
                    return (org, False) if org else None
                if s.i in self.mention_at and self.mention_at[s.i].actor.type != "place":
                    return self.mention_at[s.i].actor.name, False
                named = [c for c in s.children if c.dep_ == "appos" and c.i in self.mention_at]
                if named and self.mention_at[named[0].i].actor.type == "person":
                    return self.mention_at[named[0].i].actor.name, False  # "the spokesman, Ana Ruiz, said"
                titled = self._titled_name(s)
                if titled is not None:
                    return titled, False  # "Shadow spokesman for sport Hugh Robertson said"
                if s.i not in self.mention_at and (s.pos_ == "NOUN" or s.lower_ in ROLE_NOUNS or s.lemma_.lower() in ROLE_NOUNS
                                                   or is_age(s)):
                    # a described speaker ("Officials said", "the spokesman said"): an actor
                    # introduced with that role, else nobody — never a person nearby
                    name = self.match_role_np(list(self.doc[s.left_edge.i:s.i + 1]), s.i) or described_speaker(self, s) \
                        or described_person(self, s)  # "the singer told reporters": the person just named
                    return (name, False) if name else (None, True)
                if self.unknown_person(s):
                    return None, True
                return None
            if v.dep_ == "conj" and v.head.pos_ == "VERB":
                v = v.head
                continue
            if v.tag_ == "VBG" and v.dep_ in {"advcl", "xcomp", "oprd", "ccomp"} and v.head.lemma_.lower() in _DEPICT:
                obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i), None)
                m = self.mention_at.get(obj.i) if obj is not None else None
                if m is not None and m.actor.type == "person":
                    return m.actor.name, False  # "The film showed Mr X ... telling the meeting:"
            if (v.dep_ in {"advcl", "xcomp"} and v.tag_ == "VBG" or v.dep_ == "xcomp" and v is not verb) \
                    and v.head.pos_ in {"VERB", "AUX"}:
                v = v.head  # "He urged Mr. Trump to act, saying ...": the subject of "urged" speaks
                continue
            break
        return None

    def _titled_name(self, s) -> str | None:
        """The person named at the end of a title the parser made the subject ("Shadow
        spokesman for sport Hugh Robertson said", parsed with the name inside "for ..."):
        a role noun without determiner whose phrase ends in a person's name."""
        if s.i in self.mention_at or s.lemma_.lower() not in ROLE_NOUNS and s.lower_ not in ROLE_NOUNS:
            return None
        if any(c.dep_ in {"det", "poss"} for c in s.children):
            return None  # "a spokesman for Ana Ruiz said": her spokesman speaks, not she
        m = self.mention_at.get(s.right_edge.i)
        if m is None or m.actor.type != "person" or m.end != s.right_edge.i + 1 or self.quoted[m.start]:
            return None
        return m.actor.name

    def _person_in_subject(self, subj: list, verb):
        """The subject token that names the speaker: a person rather than the organisation
        beside them ("WikiLeaks editor-in-chief Kristinn Hrafnsson said", which the parser
        may read as two subjects or with the organisation as head)."""
        def person(t):
            m = self.mention_at.get(t.i)
            return m is not None and m.actor.type == "person"
        people = [c for c in subj if person(c)]
        if people:
            return people[-1]
        s = subj[0]
        m = self.mention_at.get(s.i)
        described = m is None and s.lemma_.lower() in ROLE_NOUNS  # "The leader of the Unity Party, Omar Haddad, said"
        if m is not None and m.actor.type != "person" or described:
            # a person named between the organisation (or the description) and the verb, not
            # as a possessor; after a description only as its apposition
            j = verb.i - 1
            while j > s.i and self.doc[j].pos_ in {"ADV", "AUX", "PART", "PUNCT"}:
                j -= 1
            if j > s.i and person(self.doc[j]) and self.mention_at[j].start > s.i \
                    and self.doc[j].dep_ not in {"poss"} and not (j + 1 < len(self.doc) and self.doc[j + 1].tag_ == "POS") \
                    and (not described or self.doc[j].dep_ == "appos" and self.doc[j + 1].text == ","):
                return self.doc[j]
        return s

    def _antecedent(self, rel, head, lo: int) -> tuple[str | None, bool]:
        """Speaker of a relative clause "X who said" (``rel`` the relative pronoun, ``head``
        the word the parser attached the clause to): the name right before the pronoun,
        else the noun phrase the clause modifies."""
        j = rel.i - 1
        if j >= lo and self.doc[j].text == ",":
            j -= 1
        m = self.mention_at.get(j)
        if m is not None and m.actor.type == "person" and not self.quoted[j]:
            return m.actor.name, False
        m = self.mention_at.get(head.i)
        if m is not None and m.actor.type != "place":
            return m.actor.name, False
        if self.unknown_person(head):
            return None, True
        if head.pos_ == "NOUN":
            name = self.match_role_np(list(self.doc[max(lo, head.left_edge.i):head.i + 1]), head.i)
            return (name, False) if name else (None, True)
        return None, True

    def plural_subject(self, verb) -> bool:
        """True when the subject of reporting verb ``verb`` is a plural noun or they/we ("people
        asked", "they said"): such a speaker is never the "he"/"she" of a later sentence."""
        if verb is None or isinstance(verb, str) or not hasattr(verb, "children"):
            return False
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return subj is not None and (subj.tag_ in {"NNS", "NNPS"} or subj.lower_ in {"they", "we"})

    def subject_of(self, verb, lo: int, hi: int) -> tuple[str | None, bool]:
        """Speaker of reporting verb ``verb`` inside tokens [lo, hi): (name or None, blocked).

        ``blocked`` is True when the text names a speaker we cannot map to an actor (a
        descriptive noun phrase), so that later pronouns are not attributed past it."""
        doc = self.doc
        obj = quoted_as_saying(verb)
        if obj is not None:  # "the agency quoted worker David Ogden as saying": Ogden speaks, not the agency
            m = self.mention_at.get(obj.i)
            if m is not None and m.actor.type != "place" and not self.quoted[obj.i]:
                return m.actor.name, False
            if obj.lemma_.lower() not in DOCUMENT_NOUNS:
                return None, True  # "quoted an insider in the talks as saying": someone unnamed
            verb = verb.head.head  # "X quoted its five-year plan as saying": X speaks through the document
        if verb.lower_ == "according":
            for m in self.mentions_in(verb.i + 1, min(hi, verb.i + 8)):
                return m.actor.name, False
            return None, False
        if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            # "published a report into the agency noting ...": the participle hangs on a noun;
            # the person or body named there or a document's author speaks, else the subject
            # of the clause that holds that noun — never a common noun it was hung on
            noun = verb.head
            m = self.mention_at.get(noun.i)
            if m is not None and m.actor.type != "place":
                return m.actor.name, False  # "Twitter, pledging ...", "Ana Ruiz, insisting ..."
            author = described_speaker(self, noun) if noun.lemma_.lower() in DOCUMENT_NOUNS else None
            if author:
                return author, False
            clause = verb.head
            while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
                clause = clause.head
            dep = self.dependency_subject(clause, lo, hi) if clause.pos_ in {"VERB", "AUX"} else None
            if dep is not None:
                return dep
        dep = self.dependency_subject(verb, lo, hi)
        if dep is not None:
            return dep
        j = verb.i - 1
        while j >= lo and (doc[j].lower_ in _SKIP_BEFORE_VERB or doc[j].pos_ in {"ADV", "AUX", "PART"} and doc[j].lower_ not in {"not", "n't"}):
            j -= 1
        if j < lo or self.quoted[j] or doc[j].is_punct and doc[j].text not in {","}:
            # "said Hill", "said Mr Howard", "said another witness ..., former adviser Fiona Hill"
            k = verb.i + 1
            if k < hi and doc[k].lower_ in _PRONOUNS:
                return self.resolve_pronoun(doc[k], lo)
            if k < hi and self.unknown_person(doc[k]):
                return None, True
            people = [m for m in self.mentions_in(verb.i + 1, hi) if m.actor.type == "person"]
            if people:
                return people[0].actor.name, False
            others = self.mentions_in(verb.i + 1, min(hi, verb.i + 4))
            if others:
                return others[0].actor.name, False
            return None, False
        tok = doc[j]
        if verb.dep_ == "conj" and tok.i < verb.i - 1 and tok.i != verb.head.i and doc[tok.i + 1].pos_ == "CCONJ" \
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.head.children):
            # "the Pentagon told X "..." torture and said ...": the word before "and" ends the
            # first verb's object; the subject is the first verb's, outside this window
            return None, False
        if tok.lower_ in _PRONOUNS:
            return self.resolve_pronoun(tok, lo)
        if tok.lower_ == "it":
            return organisation_pronoun(self, tok), False
        if tok.lower_ in {"i", "we", "they", "you"}:
            return None, False
        if self.unknown_person(tok):
            return None, True
        if tok.i in self.mention_at:
            m = self.mention_at[tok.i]
            if m.actor.type != "place":
                return m.actor.name, False
            people = [p for p in self.mentions_in(max(lo, verb.i - 25), verb.i) if p.actor.type == "person"]
            return (people[-1].actor.name, False) if people else (m.actor.name, False)
        window = self.mentions_in(max(lo, verb.i - 30), verb.i)
        people = [m for m in window if m.actor.type == "person"]
        if tok.text == "," or tok.pos_ in {"PROPN", "ADP", "NUM"} or tok.is_title:
            if people:
                return people[-1].actor.name, False
            right = [m for m in self.mentions_in(verb.i + 1, hi) if m.actor.type == "person"]
            if right:
                return right[0].actor.name, False
            if window:
                return window[-1].actor.name, False
            return None, False
        if tok.pos_ in {"NOUN", "ADJ"}:
            np_tokens = [t for t in doc[max(lo, tok.left_edge.i):tok.i + 1]]
            name = self.match_role_np(np_tokens, tok.i) or described_speaker(self, tok)
            if name:
                return name, False
            return None, True  # a speaker the text describes but no actor matches
        return None, False
