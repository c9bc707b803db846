"""Expert quotes: every direct quotation with its exact words and its speaker.

:func:`extract_quotes` finds quotation spans per cleaned paragraph
(:mod:`summarizers.quotes.marks`), drops what is not a quotation (:mod:`summarizers.quotes.filter`:
scare quotes, titles and names in quotation marks, glosses, imagined speech, short fragments
with no reporting verb used to report in their sentence) and attributes each quotation:

1. the reporting clause after the quotation ("...," X said / said X / X told DW /
   he added), or before it in the same sentence (X said: "..." / according to X);
2. the subject of the reporting verb (:mod:`summarizers.quotes.speakers`) is the actor mention next
   to it (skipping an apposition such as ", deputy director of ...,"), a pronoun, a
   descriptive noun phrase ("the Tory leader") matched to an actor introduced with that
   role, or a body, its spokesperson or a document (:mod:`summarizers.entities.descriptions`);
   "quoted X as saying" gives X;
3. a pronoun resolves through :mod:`summarizers.entities.pronouns`: never to a person of the other
   known gender, preferring the most recent speaker or main-clause subject, and to nobody
   when the text leaves it unclear;
4. a quotation without its own reporting clause continues the previous quotation or
   reported speech in the same paragraph, or, when it opens its paragraph, the last speaker
   of the previous paragraph — unless someone else has become the subject since, in which
   case, as for a quotation after a sentence without speech, it is the person the sentence
   right before is about when that sentence names nobody else.

A quotation whose speaker cannot be found is kept with ``speaker=None``. The approach follows
the rule-based attribution of news quotations (e.g. Pouliquen et al., 2007; Pareti, 2016):
reporting verbs, their subjects, and continuation across sentences.
"""

from __future__ import annotations

import dataclasses
import re

from summarizers.document import Document, tokens
from summarizers.model import Actor, Quote
from summarizers.entities.names import STRONG_SPEECH
from summarizers.entities.pronouns import learn_genders, subject_mentions
from summarizers.entities.orgdescriptions import org_description_roles
from summarizers.entities.rolecheck import plausible_role
from summarizers.quotes.filter import is_finding, is_quotation, reports, speech_act_over, speech_noun_source
from summarizers.quotes.marks import find_quote_spans
from summarizers.quotes.clauses import embedded
from summarizers.quotes.speakers import ActorMention, SpeakerContext, SpeechEvent
from summarizers.quotes.tags import _bare_tag, _coiner, _is_short_tag, _verbless_tag, governing_tag

_WORD = re.compile(r"[\w'’-]+")


_UNIT_SUFFIXES = re.compile(r"^\d*(?:m|bn|k|p|pc|km|kg|mph|am|pm|tn)\.$", re.I)



_QUOTE_CHARS = set('"“”‘’\'')


def _interlude(paragraph: str) -> bool:
    """True for a paragraph that a page sets between the paragraphs of a story without being
    part of it, a picture's caption: no quotation mark, and either list-marked ("- Ana Ruiz
    at her farm") or a line of six words or more that ends without a sentence's closing
    punctuation ("Ana Ruiz at her farm, where she was born and grew up"; a short heading
    stays a break). A continuation quotation after it continues the quotation before it."""
    text = paragraph.strip()
    if not text or _QUOTE_CHARS & set(text):
        return False
    return text[:2] in {"- ", "• ", "– ", "* "} or len(text.split()) >= 6 and text[-1] not in ".!?…:;"

def _unit_stop(tok) -> bool:
    """A full stop glued to a number's unit ("$360m.", "5bn.", "10pm."): the sentence ends
    there even when the parser runs on into the next one."""
    prev = tok.nbor(-1) if tok.i > 0 else None
    return bool(_UNIT_SUFFIXES.match(tok.text)) and (tok.text[0].isdigit() or prev is not None and prev.like_num)


def _colon_speaker(ctx: "SpeakerContext", lo: int, qs: int):
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


def _topic_of_previous_sentence(ctx: "SpeakerContext", qs: int, para: int) -> str | None:
    """The person a quotation without a reporting clause belongs to when the sentence right
    before it (same paragraph, or the last of the previous one) is about that person alone:
    its main-clause subject names them, it names no other person, and it holds no quotation
    ("Ana Ruiz attacked the plan. '...'"). None otherwise."""
    doc = ctx.doc
    start = doc[qs].sent.start
    if start == 0:
        return None
    prev = doc[start - 1].sent
    if ctx.document.paragraph_of(prev[0].idx) < para - 1 or any(ctx.quoted[t.i] for t in prev):
        return None
    subjects = [sm for sm in ctx.subjects if prev.start <= sm.pos < prev.end]
    people = {m.actor.name for m in ctx.mentions_in(prev.start, prev.end) if m.actor.type == "person"}
    if len(subjects) != 1 or subjects[0].name is None or people != {subjects[0].name}:
        return None
    return subjects[0].name


def _reported_within(verb, options: list) -> bool:
    """True when ``verb`` (a reporting verb whose subject names nobody: "the police had said")
    stands inside the clause another reporting verb of ``options`` reports ("Mr Ruiz said the
    police had said ..."): the quotation is then that outer speaker's account, the words the
    writer heard from him, and his clause decides. Only the next option is looked at."""
    if not hasattr(verb, "dep_"):
        return False
    outer = [v for v, _lo, _hi in options if hasattr(v, "dep_") and v.i < verb.i]
    if not outer:
        return False
    head, steps = verb, 0
    while head.dep_ in {"ccomp", "conj"} and head.head.i != head.i and steps < 4:
        head, steps = head.head, steps + 1
        if head.i == outer[0].i:
            return True
    return False


def extract_quotes(document: Document, actors: list[Actor]) -> list[Quote]:
    """Every direct quotation in ``document`` with its speaker, in article order.

    Input: the parsed, cleaned article and its actors (from
    :func:`summarizers.entities.actors.extract_actors`). Output: :class:`Quote` values whose ``text`` is
    exactly the words inside the marks, ``speaker`` the canonical name of an actor or None when
    the text does not say who spoke, ``speaker_role`` that actor's role. A person actor with no
    role whom the text calls by a description linked here ("the Labour peer and former minister
    said", :mod:`summarizers.entities.topicperson`), and an organisation with none that the text
    refers back to by a description ("The phone company collapsed",
    :mod:`summarizers.entities.orgdescriptions`), get that description as role (the one change
    made to the list ``actors``: that item is replaced). Never raises on text.
    """
    ctx = SpeakerContext(document, actors)
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
    verbs = [t for t in tokens(doc) if not ctx.quoted[t.i] and (
        t.lemma_.lower() in STRONG_SPEECH and t.pos_ in {"VERB", "AUX"} or is_finding(t) or
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
            if t.lemma_.lower() in {"quote", "cite"}:  # "..., the agency quoted X as saying"
                saying = next((g for c in t.children if c.lower_ == "as" for g in c.children
                               if g.lemma_.lower() == "say"), None)
                if saying is not None:
                    found_after = (saying, qe, max(j, saying.i + 1))
                    break
            if (t in verbs or t.lemma_.lower() in STRONG_SPEECH) and (reports(t) or t.lower_ == "according"):
                if ends_sentence and not _is_short_tag(ctx, t, j):
                    break
                found_after = (t, qe, j)
                break
            if t.pos_ == "VERB" and t.lemma_.lower() not in STRONG_SPEECH and t.dep_ not in {"advcl", "xcomp", "amod", "compound"} \
                    and not (t.i > 0 and doc[t.i - 1].tag_ == "HYPH"):  # "London-based" is an adjective
                if _bare_tag(ctx, t, qe, j):
                    found_after = (t, qe, j)  # '"...?" Mr Hale pressed.': the tag of its own quotation
                elif not ends_sentence and (tag := governing_tag(ctx, after, qs, qe)) is not None:
                    found_after = (tag, qe, j)  # 'X was "..." and Y had ..., Ms Short said.'
                break
        if found_after is None and qtext.strip().endswith(","):
            found_after = _verbless_tag(ctx, after)  # '"...," Ms Brook.': the verb left out
        # before: from the sentence start (not past the previous quotation's sentence end) to the quotation
        lo = qs
        lo = clause_start(qs, para_lo)
        out = [found_after] if found_after else []
        source = None if ends_sentence else speech_noun_source(ctx, qs, qe)
        if source is not None:  # "a call for him to "..." from X": X's words, whoever the clause is about
            out.insert(0, ((source.actor.name, False), lo, qs))
        cands = [t for t in doc[lo:qs] if not ctx.quoted[t.i] and (t.lemma_.lower() in STRONG_SPEECH and reports(t)
                                                                    or is_finding(t) or t.lower_ == "according")]
        if cands:  # the nearest first; an earlier one when the nearest has no subject ("He added: said")
            coined = _coiner(ctx, qs, qe)
            if coined is not None:  # "He said Fiona Hill had dubbed it "the Gordon problem"": her words
                out.append((coined, lo, qs))
            out.extend((c, lo, qs) for c in reversed(cands))
        elif qs > 0 and doc[qs - 1].text == ":":  # "X: '...'", "The Tory leader went on: '...'"
            colon = _colon_speaker(ctx, lo, qs)
            if colon is not None:
                out.append((colon, lo, qs))
        else:  # a fragment a speech act governs: "Twitter pledged to take "decisive action""
            act = speech_act_over(doc, qs, qe, ctx.quoted)
            if act is not None and act.i >= lo:
                out.append((act, lo, qs))
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
            if t.text.endswith(".") and len(t.text) > 1 and not ctx.quoted[lo - 1] and doc[lo].text[:1].isupper() \
                    and (doc[lo].is_sent_start or _unit_stop(t)):
                break  # "... at Warner Bros. However", "... save $360m. Looking ahead, ..."
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
            inner = embedded(obj)
            if name or blocked and not inner:  # "X said the checks would continue": no new speaker
                ctx.events.append(SpeechEvent(obj.i, document.paragraph_of(obj.idx), name, blocked, not inner,
                                              plural=not name and ctx.plural_subject(obj)))
            continue
        k = obj
        p, qs, qe, qtext, closed, char_start = tok_spans[k]
        options = attribution_verb(k)
        verb = None
        speaker: str | None = None
        blocked = False
        ctx.context_lo = doc[qs].sent.start
        for verb, lo, hi in options:  # the reporting clause after the quote first, then before it
            if isinstance(verb, ActorMention):
                speaker = verb.actor.name
            elif isinstance(verb, tuple):  # introduced by a colon: "Labour's slogan will be: "...""
                speaker, blocked = verb
                verb = ":" if speaker else None
            else:
                speaker, blocked = ctx.subject_of(verb, lo, hi)
                done_verbs.add(verb.i)
            if speaker or blocked and not _reported_within(verb, options):
                break
            blocked = False  # "X said the police had said it could "..."": X's account, if X is named
        if not options:
            # continuation: same paragraph's last speaker, or the previous paragraph's when
            # the quotation opens its paragraph
            para_start_char = document.paragraph_starts[p]
            opens_para = char_start == para_start_char
            # speech of a main clause or a quotation: not "X needed to respond to ill health"
            same_para = [ev for ev in ctx.events if ev.para == p and ev.pos < qs and ev.main]
            last = same_para[-1] if same_para else None
            if last is None and opens_para:
                before = p - 1
                while before > 0 and p - before <= 2 and _interlude(document.paragraphs[before]):
                    before -= 1  # a picture's caption between a quotation and its continuation
                prev = [ev for ev in ctx.events if ev.para == before and ev.main]
                last = prev[-1] if prev else None
            if last is not None and not opens_sentence(qs, para_start_char):
                # a fragment inside someone else's sentence ("with the Los Angeles Times
                # labelling it a "..."") continues nobody's speech
                last = None
            if last is not None:
                speaker, blocked = last.speaker, last.blocked
                own = doc[last.pos].sent.start  # the last quotation's own reporting clause ("said an IMF official")
                if any(last.pos < sm.pos < qs and sm.name != speaker and doc[sm.pos].sent.start != own
                       for sm in ctx.subjects):
                    # someone else became the subject since ("Unison's Dave Prentis criticised
                    # the plans. "..."): theirs if that sentence is about them alone, else nobody's
                    speaker, blocked = _topic_of_previous_sentence(ctx, qs, p), False
            elif opens_sentence(qs, para_start_char):
                speaker = _topic_of_previous_sentence(ctx, qs, p)  # "Ana Ruiz attacked the plan. '...'"
        if not is_quotation(ctx, k, tok_spans, verb):
            continue  # a scare quote or a title is no event in the speaker timeline
        ctx.events.append(SpeechEvent(qs, p, speaker, blocked, plural=not speaker and ctx.plural_subject(verb)))
        results.append((k, qtext, speaker))

    described = {**org_description_roles(ctx), **getattr(ctx, "described_roles", {})}
    for i, actor in enumerate(actors):
        text = described.get(actor.name)
        if text and actor.role is None and plausible_role(text):
            # "the Labour peer and former minister said": what the text calls them
            actors[i] = ctx.by_name[actor.name] = dataclasses.replace(actor, role=text)
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
