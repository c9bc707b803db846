"""Digests on Discord as messages to post one by one, inline or in a thread.

Inline (``digest.threads = false``): the header embed and the story embeds packed into as
few messages as Discord's limits allow. Threaded (the default): the parent message is the
header embed alone (period, story count, leading actors and issues, who said what); a public
thread is started from it (``POST /channels/{channel}/messages/{message}/threads``) and the
stories are posted in that thread. When the bot may not create threads there (403 Missing
Permissions: it lacks Create Public Threads; 400: a channel type without threads) the
stories follow inline in the channel instead, logged once per channel, and later digests there
are inline without trying again (until restart). A 403 when posting in the thread (no Send
Messages in Threads) fails that digest (its articles stay pending) and makes the channel inline. The thread's id is
what :meth:`~bot.adapters.discord.adapter.DiscordAdapter.post_part` returns for the parent;
the digest runner records it, so a digest resumed after a crash posts only the stories, into
the same thread.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord

from bot.adapters.base import DigestPart
from bot.adapters.discord.render import digest_messages, trim
from bot.core.replies import Digest

log = logging.getLogger("bot.adapters.discord.adapter")

THREAD_NAME_MAX = 100  # Discord's limit on a thread name
ARCHIVE_MINUTES = 1440  # a digest thread leaves the channel list after a day without messages
THREAD_EXISTS = 160004  # Discord's error code: "A thread has already been created for this message"


def digest_parts(digest: Digest, first: int = 1, *, threaded: bool, thread: str | None = None) -> list[DigestPart]:
    """The digest's messages as parts numbered from ``first`` (footer mark ``i/n``, one story
    per embed): inline; or, ``threaded``, the header alone (it opens the thread) and then the
    stories; with a known ``thread`` only the stories, carrying it."""
    assert digest.digest_id, "a digest posted in parts needs its digest_id"
    layout = "replies" if thread else "threaded" if threaded else "inline"
    messages = digest_messages(digest, first, layout)
    last = first + len(messages) - 1
    return [DigestPart(digest.digest_id, first + i, last, ids, embeds, opens_thread=layout == "threaded" and i == 0,
                       thread=thread) for i, (embeds, ids) in enumerate(messages)]


def thread_name(part: DigestPart) -> str:
    """The thread's name: the parent's title (the digest's), within Discord's 100 characters."""
    title = part.message[0].title if part.message else None
    return trim(title or "briefbot digest", THREAD_NAME_MAX)


class ThreadOpener:
    """Starts a digest's thread from its parent message, or says that the stories go inline."""

    def __init__(self, client: discord.Client):
        self.client = client
        self._refused: set[int] = set()  # channels where Discord refused a thread: inline there

    async def open(self, message: discord.Message, name: str) -> str | None:
        """The id of a public thread started from ``message`` (one created by an earlier attempt
        counts), or None when Discord refuses (missing permission, wrong channel type) or it
        cannot be told: the caller then posts inline. In a channel where Discord refused a thread
        (or posting in one) before, no thread is tried again until restart. Never raises for
        Discord errors."""
        if message.channel.id in self._refused:
            return None
        try:
            thread = await message.create_thread(name=name, auto_archive_duration=ARCHIVE_MINUTES)
            return str(thread.id)
        except discord.HTTPException as exc:
            if exc.code == THREAD_EXISTS:
                return str(message.id)  # a thread started from a message has the message's id
            if exc.status < 500:
                self.refused(message.channel.id, f"{exc.status} {exc.text or ''}".strip())
                return None
            error: Exception = exc
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
            error = exc
        return await self._existing(message, error)

    async def _existing(self, message: discord.Message, error: Exception) -> str | None:
        """After an unanswered request: the thread if Discord made it (same id as the message)."""
        try:
            channel = await self.client.fetch_channel(message.id)
            return str(channel.id)
        except (discord.HTTPException, aiohttp.ClientError, asyncio.TimeoutError, OSError):
            log.warning("discord: starting a thread from message %s failed (%s: %s); the stories follow inline",
                        message.id, type(error).__name__, error)
            return None

    def refused(self, channel_id: int, why: str) -> None:
        """Note that Discord refused threads in ``channel_id`` (``why``, logged once): later
        digests there are posted inline."""
        if channel_id not in self._refused:
            self._refused.add(channel_id)
            log.warning(
                "discord: cannot start a thread in channel %s (%s); digests there are posted inline. Give the bot "
                "Create Public Threads and Send Messages in Threads, or set digest.threads = false", channel_id, why,
            )
