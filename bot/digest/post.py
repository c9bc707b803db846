"""Posting one claimed digest: part by part when the adapter can, with the claim renewed meanwhile.

An adapter that renders digests in parts (``digest_parts``, ``post_part``, ``part_posted``,
see :class:`~bot.adapters.base.Adapter`) gets each message posted on its own: its articles'
rows go to ``posting`` (with the part number) just before it is posted and to ``sent`` as soon
as the platform confirmed it. A crash between two messages then leaves the confirmed ones
recorded, at most one message uncertain, and the rest ``pending``; recovery resumes from
there instead of posting the whole digest again. A threaded digest's parent message opens a
thread whose id is recorded at once, so a resumed digest replies into the same thread. Other adapters get the whole digest through
``send`` (all rows ``posting`` before, ``sent`` after).

While a digest is being posted a heartbeat renews its claim every ``heartbeat_seconds``, so
that a slow platform (a long ``Retry-After``) does not let another instance take it over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import replace
from datetime import datetime
from typing import AsyncIterator, Callable

from bot.adapters.base import Adapter
from bot.core.replies import Digest
from bot.digest import claims
from bot.store.db import Store

log = logging.getLogger("briefbot.digest")


def posts_in_parts(ad: Adapter) -> bool:
    """Whether ``ad`` offers the part-by-part digest methods."""
    return all(callable(getattr(ad, m, None)) for m in ("digest_parts", "post_part", "part_posted"))


@contextlib.asynccontextmanager
async def heartbeat(store: Store, digest_id: str, owner: str, clock: Callable[[], datetime], seconds: float) -> AsyncIterator[None]:
    """Renew ``owner``'s claim on ``digest_id`` every ``seconds`` while the block runs.

    A failed renewal (database unreachable) is logged and tried again at the next beat; a
    claim found taken over is logged once (the next state change then raises
    :class:`~bot.digest.claims.ClaimLost`).
    """

    async def beat() -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                n = await asyncio.to_thread(claims.renew, store, digest_id, owner, clock())
            except Exception as exc:  # the database is away for a moment: try at the next beat
                log.warning("digest %s: could not renew its claim (%s)", digest_id, exc)
                continue
            if n == 0:
                return  # nothing left open, or taken over (the next state change says so)

    task = asyncio.create_task(beat(), name=f"claim-heartbeat-{digest_id}")
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def post_digest(
    store: Store, ad: Adapter, channel: str, digest: Digest, owner: str, clock: Callable[[], datetime], first_part: int = 1,
    thread: str | None = None,
) -> None:
    """Post ``digest`` (claimed by ``owner`` under ``digest.digest_id``) to ``channel``, recording
    each confirmed part; ``first_part`` numbers its first message (a resumed digest goes on after
    the numbers it used) and ``thread`` is the thread a resumed threaded digest replies into.
    A part that opens a thread has the thread's id recorded (:func:`~bot.digest.claims.note_thread`)
    before any reply goes into it. Raises :class:`~bot.digest.claims.ClaimLost` when another
    instance took the claim, and what the adapter raises (rows of confirmed parts stay ``sent``)."""
    did = digest.digest_id
    assert did is not None
    if not posts_in_parts(ad):
        if await asyncio.to_thread(claims.set_state, store, did, "posting", None, owner=owner) == 0:
            raise claims.ClaimLost(f"digest {did} is no longer claimed by {owner}")
        await ad.send(channel, digest)
        await asyncio.to_thread(claims.set_state, store, did, "sent", clock())
        return
    render = ad.digest_parts  # type: ignore[attr-defined]
    parts = render(digest, first_part, thread=thread) if thread else render(digest, first_part)
    for part in parts:
        if thread and not part.opens_thread and part.thread is None:
            part = replace(part, thread=thread)
        if not part.article_ids:  # the header alone: its number must not be used again for this digest
            await asyncio.to_thread(claims.note_part, store, did, owner, part.number)
        await asyncio.to_thread(claims.mark_part, store, did, owner, part.article_ids, "posting", part.number)
        opened = await ad.post_part(channel, part)  # type: ignore[attr-defined]
        if part.opens_thread and opened:
            thread = str(opened)
            await asyncio.to_thread(claims.note_thread, store, did, owner, thread)
        await asyncio.to_thread(claims.mark_part, store, did, owner, part.article_ids, "sent", part.number, clock())
