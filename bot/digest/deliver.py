"""Building and delivering digests exactly once per (channel, article).

The protocol for one digest (see docs/digests.md for the reasoning):

1. **Recover** the channel's stale claims first (below).
2. **Plan**: the channel's pending articles → near-duplicate stories → top ``max_stories``.
3. **Brief** the story leads (brief cache, engine off the loop).
4. **Claim** every article of the kept stories under a fresh ``digest_id`` (insert, unique
   constraint, ``ON CONFLICT DO NOTHING``); drop what another instance claimed meanwhile.
5. Post it (:mod:`bot.digest.post`): message by message when the adapter renders digests in
   parts (each part's rows ``posting`` just before it goes, ``sent`` once the platform
   confirmed it), else whole through ``send``; ``digest.digest_id`` is the idempotency key. A
   heartbeat renews the claim meanwhile.

Crash windows: rows still ``pending`` were certainly not posted, so recovery re-sends them.
Rows in ``posting`` (one message of a digest in parts, or a whole digest otherwise) may or
may not have been posted: recovery asks the adapter (``part_posted`` for a part, else
``delivered(channel, digest_id)``); confirmed → mark sent, not found → re-send, cannot tell →
re-send (at-least-once for that window only, logged as a possible duplicate). Recovered
digests keep their id; a digest resumed after some of its parts went out numbers its next
messages after them, and a threaded one replies into the thread its parent opened (recorded
with the claim) instead of opening another.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Mapping

from bot.adapters.base import Adapter, DeliveryError, DeliveryUncertain
from bot.core.replies import Digest, Notice
from bot.digest import claims
from bot.digest.briefs import StoryBriefer
from bot.digest.compose import StoryPlan, compose_digest, plan_stories, since_text
from bot.digest.post import heartbeat, post_digest, posts_in_parts
from bot.digest.select import articles_by_id, pending_articles
from bot.obs import metrics
from bot.store.db import Store
from bot.store.models import utcnow
from config.topics import Topic, TopicError, load_topics

log = logging.getLogger("briefbot.digest")


def default_instance_id(settings) -> str:
    """``settings.instance_id``, else ``host:pid`` (unique, but then a restart recovers only after the lease)."""
    return settings.instance_id or f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class DigestResult:
    """What one delivery attempt did: ``posted`` a digest of ``stories`` stories / ``articles``
    articles (``deferred`` stories left for next time), or posted an empty ``notice``, or nothing;
    ``recovered`` counts stale digests finished first."""

    digest_id: str | None = None
    stories: int = 0
    articles: int = 0
    deferred: int = 0
    posted: bool = False
    notice: bool = False
    recovered: int = 0
    skipped: bool = False  # the scheduled run had already been claimed


class DigestRunner:
    """Delivers topic digests to adapter channels exactly once per article.

    - ``settings``: :class:`~config.settings.Settings` (``digest.*``, ``instance_id``, ``topics_dir``).
    - ``store``: the opened store.
    - ``briefer``: a :class:`~bot.digest.briefs.StoryBriefer`.
    - ``adapters``: adapter name → started adapter (``send`` is the way out).
    - ``clock``: returns the current UTC time (tests pass a controlled one).
    - ``heartbeat_seconds``: how often a claim is renewed while its digest is built and posted
      (default: a third of ``settings.digest.claim_lease_minutes``).
    """

    def __init__(
        self,
        settings,
        store: Store,
        briefer: StoryBriefer,
        adapters: Mapping[str, Adapter],
        *,
        topics: dict[str, Topic] | None = None,
        instance_id: str | None = None,
        clock: Callable[[], datetime] = utcnow,
        heartbeat_seconds: float | None = None,
    ):
        self.settings = settings
        self.store = store
        self.briefer = briefer
        self.adapters = adapters
        self.topics = topics if topics is not None else load_topics(settings.topics_dir)
        self.instance_id = instance_id or default_instance_id(settings)
        self.clock = clock
        self.heartbeat_seconds = heartbeat_seconds or settings.digest.claim_lease_minutes * 60 / 3
        self._inflight: set[str] = set()
        self._channel_locks: dict[tuple[str, str], asyncio.Lock] = {}

    # -- public ------------------------------------------------------------------------------

    def topic(self, name: str) -> Topic:
        """The topic ``name``; raises :class:`~config.topics.TopicError` when unknown."""
        if name not in self.topics:
            raise TopicError(f"unknown topic '{name}'. Known topics: {', '.join(self.topics) or '(none)'}")
        return self.topics[name]

    async def preview(self, topic: str, adapter: str, channel: str, since: datetime | None = None) -> Digest | None:
        """The digest ``adapter``/``channel`` would get now, without claiming or recording anything."""
        t = self.topic(topic)
        cands = await asyncio.to_thread(pending_articles, self.store, t.name, adapter, channel, since)
        if not cands:
            return None
        kept, deferred = plan_stories(cands, self.settings.digest.max_stories)
        briefs = await self.briefer.briefs(t, [s.lead for s in kept])
        return compose_digest(t.name, self._title(t), kept, briefs, period=self._since_text(since), deferred=len(deferred))

    async def deliver(
        self,
        topic: str,
        adapter: str,
        channel: str,
        *,
        since: datetime | None = None,
        period: str | None = None,
        run: tuple[int, datetime] | None = None,
    ) -> DigestResult:
        """Post the digest of ``topic`` that ``adapter``/``channel`` is owed (articles added since
        ``since``, UTC) and record it.

        ``run = (subscription_id, due)`` makes this the subscription's scheduled run at ``due``:
        it is claimed together with the articles, and when another instance (or an earlier
        run) already claimed it nothing is posted (``DigestResult.skipped``). Raises KeyError
        for an adapter that is not running, :class:`~config.topics.TopicError` for an unknown
        topic, and what the adapter raises: the unsent claims are then released and their
        articles stay pending (parts already confirmed stay sent), except for
        :class:`~bot.adapters.base.DeliveryUncertain`, which leaves them to recovery. When
        another instance took the claim over meanwhile, ``posted`` is False."""
        t = self.topic(topic)
        ad = self._adapter(adapter)
        async with self._lock(adapter, channel):
            recovered = await self._recover(adapter, channel)
            cands = await asyncio.to_thread(pending_articles, self.store, t.name, adapter, channel, since)
            if not cands:
                if run is not None and not await asyncio.to_thread(claims.claim_run, self.store, *run):
                    return DigestResult(recovered=recovered, skipped=True)
                if self.settings.digest.post_when_empty:
                    await ad.send(channel, Notice([f"No new {t.name} articles{' ' + period if period else ''}."], title=self._title(t)))
                    return DigestResult(notice=True, recovered=recovered)
                return DigestResult(recovered=recovered)
            kept, deferred = plan_stories(cands, self.settings.digest.max_stories)
            briefs = await self.briefer.briefs(t, [s.lead for s in kept])
            digest_id = uuid.uuid4().hex
            self._inflight.add(digest_id)
            try:
                ids = [i for s in kept for i in s.article_ids]
                try:
                    got = await asyncio.to_thread(
                        claims.claim_articles, self.store, adapter, channel, t.name, ids, digest_id, self.instance_id,
                        self.clock(), run,
                    )
                except claims.RunTaken:
                    return DigestResult(recovered=recovered, skipped=True)
                kept = _restrict(kept, got)
                if not kept:
                    return DigestResult(recovered=recovered)
                async with self._heartbeat(digest_id):
                    missing = [s.lead for s in kept if s.lead.id not in briefs]
                    briefs.update(await self.briefer.briefs(t, missing))
                    digest = compose_digest(
                        t.name, self._title(t), kept, briefs, period=period or self._since_text(since), deferred=len(deferred),
                        digest_id=digest_id,
                    )
                    if not await self._post(ad, channel, digest):
                        return DigestResult(digest_id, recovered=recovered)
                n = sum(len(s.articles) for s in kept)
                log.info("digest %s: %d stories (%d articles) to %s:%s", digest_id, len(kept), n, adapter, channel)
                return DigestResult(digest_id, len(kept), n, len(deferred), posted=True, recovered=recovered)
            finally:
                self._inflight.discard(digest_id)

    async def recover(self, adapter: str | None = None, channel: str | None = None) -> int:
        """Finish every stale claim (of a crashed instance, or of an earlier life of this one) on
        running adapters; returns how many digests were re-sent or confirmed."""
        done = 0
        stale = await asyncio.to_thread(self._stale, adapter, channel)
        for key in sorted({(c.adapter, c.channel) for c in stale if c.adapter in self.adapters}):
            async with self._lock(*key):
                done += await self._recover(*key)
        return done

    # -- internals ---------------------------------------------------------------------------

    def _cutoff(self) -> datetime:
        return self.clock() - timedelta(minutes=self.settings.digest.claim_lease_minutes)

    def _heartbeat(self, digest_id: str):
        return heartbeat(self.store, digest_id, self.instance_id, self.clock, self.heartbeat_seconds)

    def _stale(self, adapter: str | None, channel: str | None) -> list[claims.OpenClaim]:
        cutoff = self._cutoff()
        return claims.stale_claims(
            self.store, self.instance_id, cutoff, adapter=adapter, channel=channel, exclude=set(self._inflight)
        )

    async def _recover(self, adapter: str, channel: str) -> int:
        ad = self.adapters.get(adapter)
        if ad is None:
            return 0
        done = 0
        for claim in await asyncio.to_thread(self._stale, adapter, channel):
            if not await asyncio.to_thread(claims.take_over, self.store, claim, self.instance_id, self.clock(), self._cutoff()):
                continue  # another instance is recovering it, or its owner renewed it
            self._inflight.add(claim.digest_id)
            try:
                async with self._heartbeat(claim.digest_id):
                    if await self._recover_one(ad, claim):
                        done += 1
            except claims.ClaimLost:
                log.warning("digest %s: another instance took its claim over during recovery; leaving it to that instance",
                            claim.digest_id)
            finally:
                self._inflight.discard(claim.digest_id)
        return done

    async def _recover_one(self, ad: Adapter, claim: claims.OpenClaim) -> bool:
        """Finish one taken-over claim: confirm what may have been posted, re-send the rest.
        Returns False when the claim was lost to another instance meanwhile."""
        resend = list(claim.article_ids)
        for part, ids in claim.posting:
            seen = await self._posted(ad, claim, part)
            if seen:
                if part is None:
                    await asyncio.to_thread(claims.set_state, self.store, claim.digest_id, "sent", self.clock())
                    resend = []
                else:
                    await asyncio.to_thread(
                        claims.mark_part, self.store, claim.digest_id, self.instance_id, ids, "sent", part, self.clock()
                    )
                    resend = [i for i in resend if i not in set(ids)]
                log.warning(
                    "digest %s%s to %s:%s was posted before a crash; recorded it",
                    claim.digest_id, f" part {part}" if part is not None else "", claim.adapter, claim.channel,
                )
            elif seen is None:
                log.warning(
                    "digest %s%s to %s:%s may have been posted before a crash and %s cannot confirm it; re-sending "
                    "(possible duplicate)",
                    claim.digest_id, f" part {part}" if part is not None else "", claim.adapter, claim.channel, claim.adapter,
                )
        if not resend:
            return True
        try:
            t = self.topic(claim.topic)
        except TopicError:
            log.warning("digest %s: topic %s is gone; releasing its %d articles", claim.digest_id, claim.topic, len(resend))
            await asyncio.to_thread(claims.release, self.store, claim.digest_id)
            return True
        arts = await asyncio.to_thread(articles_by_id, self.store, resend)
        stories, _ = plan_stories(arts)
        briefs = await self.briefer.briefs(t, [s.lead for s in stories])
        resumed = claim.next_part > 1
        digest = compose_digest(
            t.name, self._title(t), stories, briefs, digest_id=claim.digest_id,
            period="continued after a restart" if resumed else "delayed by a restart",
        )
        log.warning(
            "%s digest %s (%d articles) to %s:%s after a restart", "resuming" if resumed else "re-sending",
            claim.digest_id, len(arts), claim.adapter, claim.channel,
        )
        parts = posts_in_parts(ad)
        return await self._post(ad, claim.channel, digest, claim.next_part if parts else 1, claim.thread if parts else None)

    async def _posted(self, ad: Adapter, claim: claims.OpenClaim, part: int | None) -> bool | None:
        """Whether the message ``part`` of the claim's digest (None: the whole digest) is in the channel."""
        if part is not None and posts_in_parts(ad):
            where = {"thread": claim.thread} if claim.thread else {}  # a reply of a threaded digest: in its thread
            return await ad.part_posted(claim.channel, claim.digest_id, part, **where)  # type: ignore[attr-defined]
        confirm = getattr(ad, "delivered", None)
        return await confirm(claim.channel, claim.digest_id) if confirm is not None else None

    async def _post(self, ad: Adapter, channel: str, digest: Digest, first_part: int = 1, thread: str | None = None) -> bool:
        """Post a claimed digest; False when another instance took the claim over meanwhile.

        A definite failure releases the digest's unsent claims (its articles stay pending, its
        confirmed parts stay sent) and is raised; an uncertain one leaves them to recovery.
        """
        did = digest.digest_id
        assert did is not None
        try:
            await post_digest(self.store, ad, channel, digest, self.instance_id, self.clock, first_part, thread)
        except claims.ClaimLost:
            log.warning("digest %s to %s: another instance took its claim over; leaving it to that instance", did, channel)
            return False
        except DeliveryUncertain as exc:
            metrics.DELIVERY_FAILURES.labels(ad.name).inc()
            log.warning("digest %s to %s: %s; recovery will check the channel again and finish it", did, channel, exc)
            raise
        except Exception as exc:
            metrics.DELIVERY_FAILURES.labels(ad.name).inc()
            await asyncio.to_thread(claims.release, self.store, did)
            explained = isinstance(exc, DeliveryError)  # the caller reports it; no traceback needed
            log.log(
                logging.INFO if explained else logging.ERROR,
                "digest %s could not be posted to %s; its articles stay pending: %s", did, channel, exc,
                exc_info=not explained,
            )
            raise
        return True

    def _adapter(self, name: str) -> Adapter:
        if name not in self.adapters:
            raise KeyError(f"adapter '{name}' is not running (running: {', '.join(self.adapters) or 'none'})")
        return self.adapters[name]

    def _lock(self, adapter: str, channel: str) -> asyncio.Lock:
        return self._channel_locks.setdefault((adapter, channel), asyncio.Lock())

    @staticmethod
    def _title(t: Topic) -> str:
        return f"{t.title} digest"

    @staticmethod
    def _since_text(since: datetime | None) -> str | None:
        return since_text(since) if since is not None else None


def _restrict(stories: list[StoryPlan], got: set[int]) -> list[StoryPlan]:
    out = []
    for s in stories:
        arts = tuple(a for a in s.articles if a.id in got)
        if arts:
            out.append(StoryPlan(arts))
    return out
