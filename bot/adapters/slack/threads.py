"""Digests on Slack as messages to post one by one, inline or as a thread.

Inline (``digest.threads = false``): the header and the stories packed into as few messages
as Slack's limits allow (:func:`~bot.adapters.slack.render.digest_messages`).

Threaded (``digest.threads = true``, the default): the parent message is the header (period,
story count, leading actors and issues, who said what); the stories follow as replies in its
thread (``thread_ts`` = the parent's ``ts``), as many whole stories per reply as fit. The
parent's ``ts`` is what :meth:`~bot.adapters.slack.adapter.SlackAdapter.post_part` returns
for it; the digest runner records it and passes it on, so a digest resumed after a crash
renders only replies into the same thread (``thread`` given).
"""

from __future__ import annotations

from dataclasses import replace

from bot.adapters.base import DigestPart
from bot.adapters.slack.history import DigestHistory, digest_metadata
from bot.adapters.slack.post import post_checked
from bot.adapters.slack.render import SlackMessage, digest_head_blocks, digest_messages, pack
from bot.core.replies import Digest


def digest_parts(digest: Digest, first: int = 1, *, threaded: bool, thread: str | None = None) -> list[DigestPart]:
    """The digest's messages as parts numbered from ``first`` (stories never split between two).

    ``threaded``: the header's message(s) first, the first opening the thread, then the story
    replies; with a known ``thread`` only the story replies, carrying it. Raises
    AssertionError for a digest without ``digest_id``.
    """
    assert digest.digest_id, "a digest posted in parts needs its digest_id"
    if not threaded and thread is None:
        messages = digest_messages(digest)
        return _numbered(digest.digest_id, first, [(m, ids, False) for m, ids in messages], None)
    units: list[tuple[SlackMessage, tuple[int, ...], bool]] = []
    if thread is None:
        head = pack(digest_head_blocks(digest), digest.title)
        units += [(m, (), i == 0) for i, m in enumerate(head)]
    replies = digest_messages(digest, head=False)
    units += [(SlackMessage(f"{digest.title}: stories", m.blocks), ids, False) for m, ids in replies]
    return _numbered(digest.digest_id, first, units, thread)


def _numbered(digest_id: str, first: int, units: list[tuple[SlackMessage, tuple[int, ...], bool]],
              thread: str | None) -> list[DigestPart]:
    last = first + len(units) - 1
    return [DigestPart(digest_id, first + i, last, tuple(ids), message, opens_thread=opens,
                       thread=None if opens else thread)
            for i, (message, ids, opens) in enumerate(units)]


async def post_part(client, history: DigestHistory, channel: str, part: DigestPart) -> str | None:
    """Post one digest message (metadata: digest id, part, last part) in ``channel``, as a reply
    in ``part.thread`` when it has one; returns the parent's ``ts`` for a part that opens the
    thread (None otherwise). See :func:`~bot.adapters.slack.post.post_checked` for what it raises."""
    ts = await post_checked(client, history, channel, part.message, digest_metadata(part.digest_id, part.number, part.total),
                            thread_ts=part.thread)
    return ts if part.opens_thread else None


async def post_parts(client, history: DigestHistory, channel: str, parts: list[DigestPart]) -> None:
    """Post ``parts`` in order, each reply into the thread the parent opened (a digest sent as a
    whole reply, outside the digest runner's bookkeeping)."""
    thread = None
    for part in parts:
        if thread and not part.opens_thread and part.thread is None:
            part = replace(part, thread=thread)
        opened = await post_part(client, history, channel, part)
        thread = opened or thread
