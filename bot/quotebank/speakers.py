"""One speaker across articles and outlets: find or create the ``speakers`` row for a name.

People are matched by :mod:`bot.quotebank.names`: the candidates are the speakers sharing the
name's last token (``surname``); a candidate with the same full name (two or more tokens) is
the same person whatever the roles; a shorter or longer compatible form ("Lopez Obrador" vs
"Andrés Manuel López Obrador") is the same person when the roles do not contradict each other
(both known and sharing no content word) and no other candidate fits as well. A bare surname
that fits several people goes to the one whose role matches; when that does not decide, it
gets a speaker of its own rather than being given to the wrong person. A match with a fuller
name upgrades the speaker's name. Organizations, places and groups match by folded name.

No unique key can guard this fuzzy match, so the look-up and the insert hold a lock on the
surname (or entity key) until the transaction ends (:func:`bot.store.locks.lock_name`): two
processes recording the same new speaker at once on PostgreSQL create it once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.quotebank.models import Speaker
from bot.store.locks import lock_name
from bot.quotebank.names import compatible, entity_key, name_tokens, role_words, roles_compatible


class SpeakerResolver:
    """Resolves names to speaker ids within one session (remembers what it resolved)."""

    def __init__(self, session: Session):
        self.session = session
        self._seen: dict[tuple[str, str, str], int] = {}

    def resolve(self, name: str | None, kind: str = "person", role: str | None = None) -> int | None:
        """The id of the speaker called ``name`` (a :data:`summarizers.model.ActorType` ``kind``),
        created when none matches; None for an empty name. Updates the speaker's role to ``role``."""
        if not name or not name.strip():
            return None
        kind = kind if kind in ("person", "organization", "place", "group") else "person"
        memo = (name, kind, role or "")
        if memo in self._seen:
            return self._seen[memo]
        speaker = self._person(name, role) if kind == "person" else self._entity(name, kind)
        if role:
            speaker.role = role[:500]
        self.session.flush()
        self._seen[memo] = speaker.id
        return speaker.id

    def _entity(self, name: str, kind: str) -> Speaker:
        key = entity_key(name)[:300] or name.strip().lower()[:300]
        lock_name(self.session, "entity", key)  # two processes resolving one new name create one speaker
        found = self.session.scalar(
            select(Speaker).where(Speaker.key == key, Speaker.kind != "person").order_by(Speaker.id).limit(1)
        )
        return found or self._new(name, key, key.split()[-1], kind)

    def _person(self, name: str, role: str | None) -> Speaker:
        tokens = name_tokens(name)
        if not tokens:
            tokens = name.strip().lower().split()
        key = " ".join(tokens)[:300]
        lock_name(self.session, "person", tokens[-1][:100])  # the candidates' surname: one new speaker, not two
        candidates = list(
            self.session.scalars(
                select(Speaker).where(Speaker.surname == tokens[-1][:100], Speaker.kind == "person").order_by(Speaker.id)
            )
        )
        if len(tokens) >= 2:
            same = [c for c in candidates if c.key == key]
            if same:
                return _best_role(same, role)
        fits = [c for c in candidates if compatible(tokens, c.key.split()) and roles_compatible(role, c.role)]
        if len(fits) > 1 and len(tokens) == 1:
            fits = [c for c in fits if role_words(role) & role_words(c.role)]
        if len(fits) > 1:
            longer = [c for c in fits if len(c.key.split()) >= len(tokens)]
            # several people fit a partial name: only a role that matches exactly one decides
            shared = [c for c in longer if role_words(role) & role_words(c.role)]
            fits = shared if len(shared) == 1 else []
        if len(fits) == 1:
            speaker = fits[0]
            if len(tokens) > len(speaker.key.split()):
                speaker.name, speaker.key = name.strip()[:300], key
            return speaker
        return self._new(name, key, tokens[-1], "person")

    def _new(self, name: str, key: str, surname: str, kind: str) -> Speaker:
        speaker = Speaker(name=name.strip()[:300], key=key, surname=surname[:100], kind=kind)
        self.session.add(speaker)
        self.session.flush()
        return speaker


def _best_role(speakers: list[Speaker], role: str | None) -> Speaker:
    words = role_words(role)
    return max(speakers, key=lambda s: (len(words & role_words(s.role)), -s.id))
