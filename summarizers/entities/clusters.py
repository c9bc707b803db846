"""Clusters of mentions: the entities of an article as :mod:`summarizers.entities.actors` builds them.

A :class:`Cluster` gathers the mentions and surface forms of one person, organisation, place
or group; :func:`cluster_people` merges person mentions by name containment and spelling
variants, with a word index so that each form is compared only with clusters sharing a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizers.entities.mentions import Mention
from summarizers.entities.names import PEERAGE, fold, is_subsequence, name_tokens, spelling_variants


@dataclass
class Cluster:
    """One entity of the article while actors are built: its display name, type (person,
    organization, place, group), the surface forms and mentions merged into it, and how often
    it speaks."""

    name: str
    type: str
    forms: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    speaks: int = 0
    _tokens: tuple[str, list[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def tokens(self) -> list[str]:
        """``name_tokens(self.name)``, computed once per name (read it, do not mutate it)."""
        if self._tokens is None or self._tokens[0] != self.name:
            self._tokens = (self.name, name_tokens(self.name))
        return self._tokens[1]


def index_by_word(index: dict[str, list[Cluster]], c: Cluster) -> None:
    """Add ``c`` under each folded word of its name (a name matches a cluster through
    :func:`is_subsequence` only if its first word is one of the cluster's words)."""
    for w in dict.fromkeys(fold(t) for t in c.tokens):
        index.setdefault(w, []).append(c)


def sharing_first_word(index: dict[str, list[Cluster]], toks: list[str]) -> list[Cluster]:
    """The clusters of ``index`` that carry the first word of ``toks`` (empty for no words)."""
    return index.get(fold(toks[0]), []) if toks else []


def _named_before(m: Mention, toks: list[str], c: Cluster, doc) -> bool:
    """True when ``m`` is a lone first name ("his son Nick") used before every full mention of
    the person ``c`` whose first name it is ("politics student Nick Vaughan" later): news names
    a person in full first, so an earlier bare first name is someone else. Not a first name
    sharing a surname with the next ("Joe and Hunter Biden"), nor one whose surname the text
    gave just before ("Mr Pike's father, Walter," then "Walter Pike"); False without ``doc``."""
    if doc is None or len(toks) != 1 or len(c.tokens) < 2 or fold(c.tokens[0]) != fold(toks[0]):
        return False
    if m.end + 1 < len(doc) and doc[m.end].lower_ in {"and", "or", "&"} and doc[m.end + 1].is_title:
        return False
    surname = fold(c.tokens[-1])
    if any(fold(t.text) == surname for t in doc[max(0, m.start - 60):m.start]):
        return False  # "Mr Pike's father, Walter," then "Walter Pike": the family was named just before
    return all(m.start < x.start for x in c.mentions)


_PLAIN_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss"}
_TITLED = {"sir", "dame"} | PEERAGE


def cluster_people(mentions: list[Mention], shared: list | None = None, doc=None) -> list[Cluster]:
    """Merge the person mentions of ``mentions`` into one cluster per person, longest forms
    first: a form joins the cluster whose name contains it as a subsequence ("Lopez" →
    "Andres Manuel Lopez Obrador") or, failing that, a spelling variant of it ("Zelenskiy" →
    "Zelensky"), except a lone first name used before the full name (someone else). A form
    that several clusters carry is merged with none and, when ``shared``
    is a list, appended to it as ``(mention, clusters)`` for a later decision, unless ``doc``
    shows a plain honorific before it ("Mr Blair") and exactly one of those people is not a
    knight or peer ("Sir Ian Blair" is "Sir Ian" on later mentions). Linear in the
    number of mentions (only clusters sharing a word are compared)."""
    people = [m for m in mentions if m.type == "person"]
    clusters: list[Cluster] = []
    index: dict[str, list[Cluster]] = {}  # only clusters sharing the first word can match: linear cost
    for m in sorted(people, key=lambda m: (-len(name_tokens(m.text)), m.start)):
        toks = name_tokens(m.text)
        matches = [c for c in sharing_first_word(index, toks) if is_subsequence(toks, c.tokens)
                   and not _named_before(m, toks, c, doc)]
        if not matches and len(toks) >= 2:  # "Victor Makarov" after "Viktor Makarov": one name
            matches = [c for c in index.get(fold(toks[-1]), []) if spelling_variants(toks, c.tokens)]
            if not matches:
                matches = [c for c in sharing_first_word(index, toks) if spelling_variants(toks, c.tokens)]
            matches = matches[:1] if len(matches) == 1 else []
        if len(matches) > 1 and doc is not None and m.start > 0 and doc[m.start - 1].lower_ in _PLAIN_HONORIFICS:
            # "Mr Blair" beside "Sir Ian Blair" and "Tony Blair": a knight or peer is "Sir Ian"/"Lord X", not "Mr"
            plain = [c for c in matches if c.tokens[0].lower() not in _TITLED
                     and not any(x.start > 0 and doc[x.start - 1].lower_ in _TITLED for x in c.mentions)]
            matches = plain if len(plain) == 1 else matches
        if len(matches) > 1:
            if shared is not None:
                shared.append((m, matches))
            continue  # "Kennedy" with "Maria Kennedy" and "Paul Kennedy": which one is not said
        if matches:
            matches[0].mentions.append(m)
            matches[0].forms.add(m.text)
        else:
            clusters.append(Cluster(name=" ".join(toks), type="person", forms={m.text}, mentions=[m]))
            index_by_word(index, clusters[-1])
    return clusters
