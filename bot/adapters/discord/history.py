"""Finding a posted digest message again in a Discord channel or thread, by its footer mark.

Every digest message carries ``briefbot digest <id> · i/n`` in the footer of its last embed
(:func:`~bot.adapters.discord.render.digest_mark`); :func:`find_digest_message` reads this
bot's messages of the last :data:`HISTORY_WINDOW` (at most :data:`HISTORY_MAX_MESSAGES`,
newest first) for one. A thread is a channel of its own on Discord, so the replies of a
threaded digest are looked for in the thread's id. Reading needs Read Message History.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import aiohttp
import discord

from bot.adapters.discord.render import digest_mark_of

log = logging.getLogger("bot.adapters.discord.adapter")

HISTORY_WINDOW = timedelta(days=30)  # how far back delivered() looks for a digest
HISTORY_MAX_MESSAGES = 500  # messages read at most per search (5 requests of 100)


class DigestHistory:
    """Searches channel history for digest messages; ``channel_of`` is the adapter's coroutine
    giving the channel (or thread) object for an id. The missing-permission warning is logged once."""

    def __init__(self, client: discord.Client, channel_of):
        self.client = client
        self.channel_of = channel_of
        self._warned = False

    async def find(self, channel: str, digest_id: str, match, parts_seen: set[int]) -> discord.Message | bool | None:
        """The first message (newest first) of ``digest_id`` whose ``(part, parts)`` satisfies
        ``match``; False when the window was read completely without one (the parts seen on the
        way are added to ``parts_seen``); None when it cannot be told: no permission to read the
        history (Forbidden), unknown channel, API failure, or more messages than the bound.
        Never raises for Discord errors."""
        read = 0
        me = self.client.user.id if self.client.user else None
        try:
            target = await self.channel_of(channel)
            after = discord.utils.utcnow() - HISTORY_WINDOW
            async for message in target.history(limit=HISTORY_MAX_MESSAGES, after=after, oldest_first=False):
                read += 1
                if me is not None and message.author.id != me:
                    continue
                mark = digest_mark_of(message.embeds)
                if mark is None or mark[0] != digest_id:
                    continue
                if match(mark[1], mark[2]):
                    return message
                parts_seen.add(mark[1])
        except discord.Forbidden as exc:
            if not self._warned:
                self._warned = True
                log.warning(
                    "discord: cannot read the history of channel %s (%s): a digest interrupted by a crash cannot be "
                    "confirmed and is posted again (possible duplicate); give the bot Read Message History",
                    channel, exc.text or exc.status,
                )
            return None
        except (discord.HTTPException, ValueError, aiohttp.ClientError, asyncio.TimeoutError) as exc:
            log.warning("discord: cannot search channel %s for digest %s: %s", channel, digest_id, exc)
            return None
        if read >= HISTORY_MAX_MESSAGES:
            log.warning("discord: digest %s not among the last %d messages of %s; cannot tell", digest_id, read, channel)
            return None
        return False
