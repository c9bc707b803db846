"""Registers ``subscribe``, ``unsubscribe`` and ``subscriptions`` with the bot core's verb registry.

Importing this module is enough (``bot.cli`` does); the work is in :mod:`bot.subscriptions.commands`.
"""

from __future__ import annotations

import asyncio
import dataclasses

from bot.core.commands import CommandContext, command
from bot.core.replies import Reply
from bot.subscriptions import commands as sub_commands


async def _run(ctx: CommandContext) -> list[Reply]:
    req = dataclasses.replace(ctx.request, text=" ".join([ctx.verb, *ctx.args]))
    notice = await asyncio.to_thread(sub_commands.handle, req, ctx.settings, ctx.service.store)
    return [notice]


command("subscribe", usage="subscribe TOPIC daily HH:MM [Area/City] | weekdays HH:MM | every 4h",
        summary="post the topic's digest in this channel on a schedule (admins)")(_run)
command("unsubscribe", usage="unsubscribe TOPIC", summary="stop this channel's digest of a topic (admins)")(_run)
command("subscriptions", usage="subscriptions", summary="list this channel's digest subscriptions")(_run)
