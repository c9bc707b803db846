"""Expert quotes: every direct quotation with its exact words and its speaker.

:func:`extract_quotes` finds quotation spans per cleaned paragraph
(:mod:`summarizers.quotemarks`), drops what is not a quotation (:mod:`summarizers.quotefilter`:
scare quotes, titles and names in quotation marks, glosses, imagined speech, short fragments
with no reporting verb used to report in their sentence) and attributes each quotation:

1. the reporting clause after the quotation ("...," X said / said X / X told DW /
   he added), or before it in the same sentence (X said: "..." / according to X);
2. the subject of the reporting verb is the actor mention next to it (skipping an
   apposition such as ", deputy director of ...,"), a pronoun, or a descriptive noun
   phrase ("the Tory leader") matched to an actor already introduced with that role;
3. a pronoun resolves through :mod:`summarizers.pronouns`: never to a person of the other
   known gender, preferring the most recent speaker or main-clause subject, and to nobody
   when the text leaves it unclear;
4. a quotation without its own reporting clause continues the previous quotation or
   reported speech in the same paragraph, or, when it opens its paragraph, the last speaker
   of the previous paragraph — unless someone else has become the subject since.

A quotation whose speaker cannot be found is kept with ``speaker=None``. The approach follows
the rule-based attribution of news quotations (e.g. Pouliquen et al., 2007; Pareti, 2016):
reporting verbs, their subjects, and continuation across sentences.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from summarizers.document import Document
from summarizers.model import Actor, Quote
from summarizers.names import STRONG_SPEECH, name_tokens
from summarizers.pronouns import SUBJECT_PRONOUNS, learn_genders, resolve_pronoun, subject_mentions
from summarizers.quotefilter import is_quotation, reports
from summarizers.quotemarks import find_quote_spans
from summarizers.roles import ROLE_NOUNS

_PRONOUNS = SUBJECT_PRONOUNS
_SKIP_BEFORE_VERB = {"also", "later", "then", "has", "had", "have", "previously", "once", "repeatedly", "further",
                     "again", "recently", "earlier", "both", "himself", "herself", "simply", "just", "even", "would",
                     "will", "only", "quickly", "and", "but", "subsequently", "reportedly", "separately"}
_WORD = re.compile(r"[\w'’-]+")
# Words that make a role a different office: "shadow chancellor" is not "the chancellor".
_QUALIFIERS = {"shadow", "deputy", "vice", "junior", "assistant", "acting", "ex", "opposition", "co"}
_EMBEDDED = {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"}  # clause deps below a main verb


@dataclass
class _Mention:
    start: int
    end: int
    actor: Actor


@dataclass
class _Event:
    pos: int  # token index
    para: int
    speaker: str | None
    blocked: bool  # a speaker the text describes but no actor matches: pronoun search stops here
    main: bool = True  # False for a reporting verb inside reported content ("X said officials had warned")


class _Context:
    def __init__(self, document: Document, actors: list[Actor]):
        self.document = document
        self.doc = document.doc
        self.actors = actors
        self.by_name = {a.name: a for a in actors}
        self.quoted = [False] * len(self.doc)
        self.mentions: list[_Mention] = []
        self.mention_at: dict[int, _Mention] = {}
        self.events: list[_Event] = []
        self.gender: dict[str, str] = {}
        self.subjects: list = []  # pronouns.SubjectMention
        self.person_words: set[str] | None = None
        self.context_lo: int | None = None
        self._starts: list[int] = []  # starts of self.mentions, for mentions_in
        self._first_seen: tuple[int, dict[int, int]] = (-1, {})  # (mentions seen, first start per actor)

    # -- mentions -------------------------------------------------------------------
    def index_mentions(self) -> None:
        """Every occurrence of an actor's name or alias, longest forms first, as token spans."""
        forms: list[tuple[str, Actor]] = []
        for a in self.actors:
            for f in {a.name, *a.aliases}:
                f = re.sub(r"(?:'s|’s)$", "", f.strip())
                if f:
                    forms.append((f, a))
        forms.sort(key=lambda x: -len(x[0]))
        doc, text = self.doc, self.document.text
        taken: set[int] = set()
        for form, actor in forms:
            for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or any(j in taken for j in range(span.start, span.end)):
                    continue
                mention = _Mention(span.start, span.end, actor)
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

    def mentions_in(self, lo: int, hi: int) -> list[_Mention]:
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
        """An actor introduced earlier whose role contains the words of a descriptive NP."""
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
            role_words = set(_WORD.findall(a.role.lower()))
            if (role_words & _QUALIFIERS) - set(words):
                continue  # "the chancellor" is not the "shadow chancellor" nor the "deputy chancellor"
            if all(w in role_words or (w.endswith("s") and w[:-1] in role_words) for w in words):
                cands.append(a.name)
        return cands[0] if len(cands) == 1 else None

    def resolve_pronoun(self, pron, sent_lo: int) -> tuple[str | None, bool]:
        """(speaker, blocked) for a he/she subject: see :mod:`summarizers.pronouns`."""
        return resolve_pronoun(self, pron, sent_lo)

    def dependency_subject(self, verb, lo: int, hi: int):
        """The parser's subject of ``verb`` (or of the verb it is coordinated with), if it is
        an actor mention or a he/she pronoun outside quotations; else None."""
        v = verb
        for _ in range(4):
            subj = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} and lo <= c.i < hi and not self.quoted[c.i]]
            if subj:
                s = self._person_in_subject(subj, v)
                if s.tag_ in {"WP", "WDT"} and v.dep_ == "relcl":
                    return self._antecedent(s, v.head, lo)  # "Secretary Tessa Jowell, who said: ..."
                if s.lower_ in _PRONOUNS:
                    return self.resolve_pronoun(s, lo)
                if s.i in self.mention_at and self.mention_at[s.i].actor.type != "place":
                    return self.mention_at[s.i].actor.name, False
                named = [c for c in s.children if c.dep_ == "appos" and c.i in self.mention_at]
                if named and self.mention_at[named[0].i].actor.type == "person":
                    return self.mention_at[named[0].i].actor.name, False  # "the spokesman, Ana Ruiz, said"
                if s.i not in self.mention_at and (s.pos_ == "NOUN" or s.lower_ in ROLE_NOUNS or s.lemma_.lower() in ROLE_NOUNS):
                    # a described speaker ("Officials said", "the spokesman said"): an actor
                    # introduced with that role, else nobody — never a person nearby
                    name = self.match_role_np(list(self.doc[s.left_edge.i:s.i + 1]), s.i)
                    return (name, False) if name else (None, True)
                if self.unknown_person(s):
                    return None, True
                return None
            if v.dep_ == "conj" and v.head.pos_ == "VERB":
                v = v.head
                continue
            if (v.dep_ in {"advcl", "xcomp"} and v.tag_ == "VBG" or v.dep_ == "xcomp" and v is not verb) \
                    and v.head.pos_ in {"VERB", "AUX"}:
                v = v.head  # "He urged Mr. Trump to act, saying ...": the subject of "urged" speaks
                continue
            break
        return None

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
        if m is not None and m.actor.type != "person":
            # a person named between the organisation and the verb, not as a possessor
            j = verb.i - 1
            while j > s.i and self.doc[j].pos_ in {"ADV", "AUX", "PART", "PUNCT"}:
                j -= 1
            if j > s.i and person(self.doc[j]) and self.mention_at[j].start > s.i \
                    and self.doc[j].dep_ not in {"poss"} and not (j + 1 < len(self.doc) and self.doc[j + 1].tag_ == "POS"):
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

    def subject_of(self, verb, lo: int, hi: int) -> tuple[str | None, bool]:
        """Speaker of reporting verb ``verb`` inside tokens [lo, hi): (name or None, blocked).

        ``blocked`` is True when the text names a speaker we cannot map to an actor (a
        descriptive noun phrase), so that later pronouns are not attributed past it."""
        doc = self.doc
        if verb.lower_ == "according":
            for m in self.mentions_in(verb.i + 1, min(hi, verb.i + 8)):
                return m.actor.name, False
            return None, False
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
        if tok.lower_ in _PRONOUNS:
            return self.resolve_pronoun(tok, lo)
        if tok.lower_ in {"i", "we", "they", "it", "you"}:
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
            name = self.match_role_np(np_tokens, tok.i)
            if name:
                return name, False
            return None, True  # a speaker the text describes but no actor matches
        return None, False


def _colon_speaker(ctx: "_Context", lo: int, qs: int):
    """(speaker, blocked) of a quotation introduced by a colon without a reporting verb:
    the subject of the clause before the colon ("The Tory leader went on:" → the actor
    introduced as Tory leader; a description nobody matches → blocked), else the single
    person named there as a non-possessor ("Mr Howard:"). None when there is no clue."""
    doc = ctx.doc
    clause_verbs = [t for t in doc[lo:qs] if not ctx.quoted[t.i] and t.pos_ in {"VERB", "AUX"}
                    and any(c.dep_ in {"nsubj", "nsubjpass"} and lo <= c.i < qs for c in t.children)]
    if clause_verbs:
        dep = ctx.dependency_subject(clause_verbs[-1], lo, qs)
        if dep is not None:
            return dep
    people = {m.actor.name: m for m in ctx.mentions_in(lo, qs) if m.actor.type == "person"
              and not (m.end < len(doc) and doc[m.end].tag_ == "POS")}
    if len(people) == 1:
        return next(iter(people)), False
    return None


def _is_short_tag(ctx: "_Context", verb, end: int) -> bool:
    """After a complete quoted sentence, only a short reporting tag belongs to it:
    "Holmes testified.", "he said, talking ...", "said Mr Howard." — not "X said the plans
    ..." (new reported speech) nor "X told BBC News:" (which introduces the next quotation)."""
    doc = ctx.doc
    last = doc[end - 1] if end - 1 > verb.i else verb
    if last.text == ":" or end < len(doc) and doc[end].text == ":":
        return False
    nxt = doc[verb.i + 1] if verb.i + 1 < end else None
    if nxt is None or nxt.is_punct:
        return True
    if nxt.pos_ == "ADP" or nxt.lower_ in {"in", "on", "at", "to"}:
        return not any(u.pos_ == "VERB" for u in doc[nxt.i:end])
    after = doc[nxt.i + 1] if nxt.i + 1 < end else None
    if nxt.lower_ in _PRONOUNS:
        return after is None or after.is_punct
    m = ctx.mention_at.get(nxt.i) or (ctx.mention_at.get(nxt.i + 1) if nxt.lower_ in {"mr", "mrs", "ms", "dr"} else None)
    if m is not None and m.actor.type == "person":
        return m.end >= end or doc[m.end].is_punct
    if verb.lemma_.lower() in {"tell"} and nxt.pos_ == "PROPN":
        return not any(u.pos_ == "VERB" for u in doc[nxt.i:end])
    return False


def extract_quotes(document: Document, actors: list[Actor]) -> list[Quote]:
    """Every direct quotation in ``document`` with its speaker, in article order.

    Input: the parsed, cleaned article and its actors (from
    :func:`summarizers.actors.extract_actors`). Output: :class:`Quote` values whose ``text`` is
    exactly the words inside the marks, ``speaker`` the canonical name of an actor or None when
    the text does not say who spoke, ``speaker_role`` that actor's role. Never raises on text.
    """
    ctx = _Context(document, actors)
    doc = ctx.doc
    text = document.text
    starts = document.paragraph_starts or [0]
    # 1. quotation spans per paragraph, as token ranges
    raw = []  # (para, span, char offsets)
    for p in range(len(starts)):
        lo = starts[p]
        hi = starts[p + 1] - 2 if p + 1 < len(starts) else len(text)
        para = text[lo:hi]
        for sp in find_quote_spans(para):
            raw.append((p, lo + sp.start, lo + sp.end, lo + sp.inner_start, lo + sp.inner_end, sp.closed))
    tok_spans = []
    sentence_closers: set[int] = set()  # last token of a quotation that ends a sentence
    for p, s, e, i_s, i_e, closed in raw:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            ctx.quoted[t.i] = True
        if re.search(r"[.!?…]['’‘]?$", text[i_s:i_e].strip()):
            sentence_closers.add(span.end - 1)
        tok_spans.append((p, span.start, span.end, text[i_s:i_e], closed, s))
    ctx.index_mentions()
    ctx.subjects = subject_mentions(ctx)
    ctx.gender = learn_genders(ctx)

    # 2. reporting verbs outside quotations: the timeline of who spoke
    verbs = [t for t in doc if not ctx.quoted[t.i] and (
        t.lemma_.lower() in STRONG_SPEECH and t.pos_ in {"VERB", "AUX"} or
        t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to")]

    def sentence_bounds(tok_i: int) -> tuple[int, int]:
        s = doc[tok_i].sent
        return s.start, s.end

    def attribution_verb(k: int):
        """The reporting verb of quotation ``k``: after it in its clause, else before it."""
        p, qs, qe, qtext, closed, _ = tok_spans[k]
        para_lo = document.paragraph_starts[p]
        para_hi = document.paragraph_span(p)[1]
        # after: up to the next quotation, sentence end or paragraph end
        nxt = tok_spans[k + 1][1] if k + 1 < len(tok_spans) and tok_spans[k + 1][0] == p else len(doc)
        ends_sentence = bool(re.search(r"[.!?…]['’‘]?$", qtext.strip()))
        j = qe
        found_after = None
        after = []
        while j < nxt and doc[j].idx < para_hi:
            t = doc[j]
            if t.text in {".", "!", "?"} and not ctx.quoted[j]:
                break
            after.append(t)
            j += 1
        for t in after[:40]:
            if (t in verbs or t.lemma_.lower() in STRONG_SPEECH) and (reports(t) or t.lower_ == "according"):
                if ends_sentence and not _is_short_tag(ctx, t, j):
                    break
                found_after = (t, qe, j)
                break
            if t.pos_ == "VERB" and t.lemma_.lower() not in STRONG_SPEECH and t.dep_ not in {"advcl", "xcomp", "amod"} \
                    and not (t.i > 0 and doc[t.i - 1].tag_ == "HYPH"):  # "London-based" is an adjective
                break
        # before: from the sentence start (not past the previous quotation's sentence end) to the quotation
        prev_end = para_lo
        lo = qs
        lo = clause_start(qs, para_lo)
        out = [found_after] if found_after else []
        cands = [t for t in doc[lo:qs] if not ctx.quoted[t.i] and (t.lemma_.lower() in STRONG_SPEECH and reports(t) or t.lower_ == "according")]
        if cands:
            out.append((cands[-1], lo, qs))
        elif qs > 0 and doc[qs - 1].text == ":":  # "X: '...'", "The Tory leader went on: '...'"
            colon = _colon_speaker(ctx, lo, qs)
            if colon is not None:
                out.append((colon, lo, qs))
        return out

    def clause_start(qs: int, para_lo: int) -> int:
        """First token of the sentence holding the token at ``qs``, read back to a full stop
        outside quotation marks — not past the end of an earlier quotation that closed a
        sentence ('She added: "... boom." The committee found ...'), nor past an
        abbreviation that ended a sentence ("at Warner Bros. However, ...")."""
        lo = qs
        while lo > 0 and doc[lo - 1].idx >= para_lo:
            t = doc[lo - 1]
            if t.text in {".", "!", "?"} and not ctx.quoted[lo - 1]:
                break
            if lo - 1 in sentence_closers and lo - 1 < qs:
                break
            if t.text.endswith(".") and len(t.text) > 1 and not ctx.quoted[lo - 1] and doc[lo].is_sent_start \
                    and doc[lo].text[:1].isupper():
                break
            lo -= 1
        return lo

    def opens_sentence(qs: int, para_lo: int) -> bool:
        """True when nothing but punctuation or a connective stands before the quotation in its sentence."""
        lo = clause_start(qs, para_lo)
        return all(t.is_punct or t.is_space or t.pos_ in {"CCONJ", "ADV"} for t in doc[lo:qs])

    # 3. walk the article in order: reporting verbs and quotations
    items = [(t.i, "verb", t) for t in verbs] + [(tok_spans[k][1], "quote", k) for k in range(len(tok_spans))]
    items.sort(key=lambda x: (x[0], x[1] == "verb"))
    done_verbs: set[int] = set()
    results: list[tuple[int, str, str | None]] = []
    for pos, kind, obj in items:
        if kind == "verb":
            if obj.i in done_verbs:
                continue
            s_lo, s_hi = sentence_bounds(obj.i)
            ctx.context_lo = None
            name, blocked = ctx.subject_of(obj, s_lo, s_hi)
            embedded = obj.dep_ in _EMBEDDED
            if name or blocked and not embedded:  # "X said the checks would continue": no new speaker
                ctx.events.append(_Event(obj.i, document.paragraph_of(obj.idx), name, blocked, not embedded))
            continue
        k = obj
        p, qs, qe, qtext, closed, char_start = tok_spans[k]
        options = attribution_verb(k)
        verb = None
        speaker: str | None = None
        blocked = False
        ctx.context_lo = doc[qs].sent.start
        for verb, lo, hi in options:  # the reporting clause after the quote first, then before it
            if isinstance(verb, _Mention):
                speaker = verb.actor.name
            elif isinstance(verb, tuple):
                speaker, blocked = verb
                verb = None
            else:
                speaker, blocked = ctx.subject_of(verb, lo, hi)
                done_verbs.add(verb.i)
            if speaker or blocked:
                break
        if not options:
            # continuation: same paragraph's last speaker, or the previous paragraph's when
            # the quotation opens its paragraph
            para_start_char = document.paragraph_starts[p]
            opens_para = char_start == para_start_char
            same_para = [ev for ev in ctx.events if ev.para == p and ev.pos < qs]
            last = same_para[-1] if same_para else None
            if last is None and opens_para:
                prev = [ev for ev in ctx.events if ev.para == p - 1]
                last = prev[-1] if prev else None
            if last is not None and not opens_sentence(qs, para_start_char):
                # a fragment inside someone else's sentence ("with the Los Angeles Times
                # labelling it a "..."") continues nobody's speech
                last = None
            if last is not None:
                speaker, blocked = last.speaker, last.blocked
                if any(last.pos < sm.pos < qs and sm.name != speaker for sm in ctx.subjects):
                    # someone else became the subject since ("Unison's Dave Prentis criticised
                    # the plans. "..."): the quotation may be theirs — never guessed
                    speaker, blocked = None, False
        if not is_quotation(ctx, k, tok_spans, verb):
            continue  # a scare quote or a title is no event in the speaker timeline
        ctx.events.append(_Event(qs, p, speaker, blocked))
        results.append((k, qtext, speaker))

    out: list[Quote] = []
    seen: set[str] = set()
    for _, qtext, speaker in results:
        key = " ".join(_WORD.findall(qtext.lower()))
        if key in seen:
            continue
        seen.add(key)
        role = ctx.by_name[speaker].role if speaker in ctx.by_name else None
        out.append(Quote(text=qtext, speaker=speaker, speaker_role=role))
    return out
