"""One-scan mention index and per-doc cached lookups give exactly what the per-form regex passes
and spaCy's ``Doc.ents`` / ``Span.ents`` / ``Token.sent`` give (speed shortcuts for long texts, issue 8)."""

from __future__ import annotations

import random
import re

from summarizers.document import doc_ents, parse, sentence_start, span_ents
from summarizers.entities.mentions import speech_subjects
from summarizers.model import Actor, ArticleMeta
from summarizers.quotes.formscan import form_occurrences
from summarizers.quotes.speakers import SpeakerContext

PARAGRAPHS = [
    "Harbour Minister Ilse Varga opened the ferry terminal in Portmallow on Tuesday with Tomas Varga-Lind.",
    "\"It is a good day for the islands,\" Ms Varga said, while Brightwater Lines chief Oren Pask watched.",
    "Varga's deputy, Ilse Varga Brandt, met officials of Brightwater and of the Portmallow Harbour Board.",
    "Pask said Brightwater Lines would hire 40 staff in Portmallow and Nordhaven by June.",
]
ACTORS = [
    Actor("Ilse Varga", "person", aliases=("Varga", "Ms Varga", "Varga's")),
    Actor("Ilse Varga Brandt", "person", aliases=("Varga Brandt",)),
    Actor("Tomas Varga-Lind", "person", aliases=("Varga-Lind",)),
    Actor("Oren Pask", "person", aliases=("Pask",)),
    Actor("Brightwater Lines", "organization", aliases=("Brightwater",)),
    Actor("Portmallow Harbour Board", "organization", aliases=("Harbour Board",)),
    Actor("Portmallow", "place"),
    Actor("Nordhaven", "place"),
]


def _finditer_starts(form: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)]


def test_form_occurrences_equal_one_finditer_per_form():
    pieces = ["Ana", "an", "Ana Ruiz", "Ruiz", "-", " ", "'", "’s", "é", "_", "9", ".", "(", "\n", "Ana-", "aa", "a"]
    rnd = random.Random(11)
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        forms = {"".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 3))).strip() or "a" for _ in range(rnd.randint(0, 5))}
        found = form_occurrences(text, forms)
        assert set(found) == forms
        for form in forms:
            assert found[form] == _finditer_starts(form, text), (text, form)


def test_form_occurrences_never_overlap_one_form_and_keep_whole_words():
    assert form_occurrences("aa aa aa", {"aa aa"}) == {"aa aa": [0]}  # as finditer: the next one overlaps
    assert form_occurrences("Ana-Maria met Ana, not Anab.", {"Ana"}) == {"Ana": [14]}
    assert form_occurrences("", {"Ana"}) == {"Ana": []}
    assert form_occurrences("Ana", set()) == {}


def _mentions_one_pass_per_form(ctx: SpeakerContext) -> list[tuple[int, int, str]]:
    """The index as it was built before the one-scan version: one ``finditer`` per form."""
    forms = []
    for a in ctx.actors:
        for f in {a.name, *a.aliases}:
            f = re.sub(r"(?:'s|’s)$", "", f.strip())
            if f:
                forms.append((f, a))
    forms.sort(key=lambda x: -len(x[0]))
    taken, out = set(), []
    for form, actor in forms:
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", ctx.document.text):
            span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(j in taken for j in range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            out.append((span.start, span.end, actor.name))
    return sorted(out)


def test_index_mentions_takes_longest_forms_first_as_before(nlp):
    document = parse(ArticleMeta(title="Ferries"), PARAGRAPHS, nlp)
    ctx = SpeakerContext(document, ACTORS)
    ctx.index_mentions()
    got = [(m.start, m.end, m.actor.name) for m in ctx.mentions]
    assert got == _mentions_one_pass_per_form(ctx)
    names = [name for _, _, name in got]
    assert "Ilse Varga Brandt" in names and "Tomas Varga-Lind" in names  # not cut to "Ilse Varga" / "Varga"
    assert names.count("Portmallow Harbour Board") == 1 and names.count("Portmallow") == 2
    for m in ctx.mentions:
        assert all(ctx.mention_at[j] is m for j in range(m.start, m.end))


def test_doc_ents_and_span_ents_equal_spacy(nlp):
    document = parse(ArticleMeta(title="Ferries"), PARAGRAPHS, nlp)
    doc = document.doc
    key = [(e.start, e.end, e.label_) for e in doc.ents]
    assert key and [(e.start, e.end, e.label_) for e in doc_ents(doc)] == key
    spans = list(doc.sents) + [doc[a:b] for a in range(len(doc) + 1) for b in range(a, min(len(doc), a + 12) + 1)]
    for span in spans:
        assert [(e.start, e.end, e.label_) for e in span_ents(span)] == [(e.start, e.end, e.label_) for e in span.ents]


def test_sentence_start_is_the_token_sentence_start(nlp):
    paragraphs = PARAGRAPHS + ["The boats are new. They sail at night, twice a week. Fares fall in May."]
    doc = parse(ArticleMeta(title="Ferries"), paragraphs, nlp).doc
    assert [sentence_start(doc, t.i) for t in doc] == [t.sent.start for t in doc]
    assert len({t.sent.start for t in doc}) > len(paragraphs)  # sentences inside a paragraph too


def test_speech_subjects_found_once_and_handed_out_as_new_lists(nlp):
    doc = parse(ArticleMeta(title="Ferries"), PARAGRAPHS, nlp).doc
    first = speech_subjects(doc)
    assert {doc[i].text for i in first} >= {"Varga", "Pask"}  # "Ms Varga said", "Pask said"
    first.append(-1)
    assert speech_subjects(doc) == first[:-1]
