"""Whether a spokesperson's body is a generic description of the body the text was just
about: 'Portnet Holdings said it would wait. "...," said a spokesman for the company.'

Read by :func:`summarizers.entities.mentions.descriptive_speakers`: such a spokesperson is no
unnamed actor of its own ("spokesman for the company") but the voice of that body, which
:func:`summarizers.entities.descriptions.described_speaker` then names from the previous
sentence's main subject (never a guess between two bodies).
"""

from __future__ import annotations

from summarizers.entities.descriptions import is_generic_body, is_main_subject


def _main_subject_orgs(sent) -> set[str]:
    """Texts of the main-clause subjects of ``sent`` (root verb and its conjuncts) that may name
    a body: tagged ORG, or a proper noun the tagger left untagged ("Portnet Holdings")."""
    return {t.text for t in sent if (t.ent_type_ == "ORG" or t.pos_ == "PROPN" and not t.ent_type_) and is_main_subject(t)}


_SENTENCES_BACK = 6


def is_previous_subject_body(doc, noun, bodies: list) -> bool:
    """True when every token of ``bodies`` (the heads naming ``noun``'s owner) is "the" + a
    generic organisation noun ("the company", "the firm") and the sentences before ``noun``
    (its own up to it, and six before, as the description pass reads them) have exactly one
    body as main-clause subject."""
    if not bodies or not all(is_generic_body(b) for b in bodies):
        return False
    sent = noun.sent
    found = _main_subject_orgs(doc[sent.start:noun.i])
    for _ in range(_SENTENCES_BACK):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        found |= _main_subject_orgs(sent)
    return len(found) == 1
