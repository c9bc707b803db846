"""A role whose body is a description ("chairman of the organisation", "the group's
founder") names the body the text was just about.

News text names a body, then gives a person's office in it by a generic noun: 'groups like
Harbour Watch ... Ana Ruiz, chairman of the organisation, says'. A brief that shows
"chairman of the organisation" says nothing, so the description is replaced by the body's
name when the text decides it: the one organisation (of the entity model's ``bodies``)
named in the role's sentence before the person or in the two sentences before, with a name
whose head word is the description's noun ("the union": the Harbour Workers Union) or
any name when the noun is generic ("organisation", "group", "company"). Two bodies in view leave the role as it is. This is the
definite-description pass of entity-centric coreference (Lee et al., 2013) applied to roles.
"""

from __future__ import annotations

import re

from summarizers.document import span_ents

_GENERIC = {"organisation", "organization", "body", "group", "company", "firm", "charity"}
_KINDS = {"party", "union", "agency", "campaign", "institute", "association",
          "society", "trust", "foundation", "bank", "network", "alliance", "council", "committee", "commission"}
_DESCRIBED = re.compile(r"\b(?:of|at|for) the (" + "|".join(sorted(_GENERIC | _KINDS)) + r")$|^the ("
                        + "|".join(sorted(_GENERIC | _KINDS)) + r")'s\b", re.IGNORECASE)
_SENTENCES_BACK = 2


def _bodies_in_view(doc, at: int, bodies) -> list[str]:
    """Names of ``bodies`` mentioned from two sentences before token ``at`` up to it."""
    sent = doc[at].sent
    lo = sent.start
    for _ in range(_SENTENCES_BACK):
        if lo == 0:
            break
        lo = doc[lo - 1].sent.start
    seen: list[str] = []
    for e in span_ents(doc[lo:at]):
        name = e.text[4:] if e.text.lower().startswith("the ") else e.text
        if name in bodies and name not in seen:
            seen.append(name)
    return seen


def name_the_body(doc, role: str | None, at: int, bodies) -> str | None:
    """``role`` with a described body ("of the organisation", "the group's") replaced by the one
    body of ``bodies`` (a set of organisation names) the text names near token ``at`` (the
    person's mention); ``role`` unchanged when it describes no body or the text does not
    decide which. Never raises."""
    if not role or not bodies:
        return role
    m = _DESCRIBED.search(role)
    if m is None:
        return role
    noun = (m.group(1) or m.group(2)).lower()
    found = _bodies_in_view(doc, at, bodies)
    if noun not in _GENERIC:
        found = [b for b in found if b.split()[-1].lower() == noun]
    if len(found) != 1:
        return role
    body = found[0]
    if m.group(1):
        return role[:m.start(1) - 4] + body
    return body + "'s" + role[m.end():]
