"""Answering in a channel the bot cannot post in (not a member of a private channel, a DM):
through the command's ``response_url``, which carries messages but no files.

A reply with an image (the ``/brief trends`` chart) then still gets it: the image is shared in
the channel with the external upload flow (:meth:`~bot.adapters.slack.adapter.SlackAdapter.upload`),
and when Slack refuses that as well (the bot is not in the channel) a second message says
that the chart could not be attached, why, and how to get it. Never a silent loss.
"""

from __future__ import annotations

import logging
from typing import Awaitable, Callable

from slack_sdk.errors import SlackApiError

from bot.adapters.slack.render import SlackMessage, render_reply
from bot.core.replies import Image, Notice, Reply

log = logging.getLogger("bot.adapters.slack.adapter")


async def answer_through_response_url(
    respond: Callable[[list[SlackMessage]], Awaitable[bool]],
    upload: Callable[[str, Image], Awaitable[None]],
    channel: str,
    reply: Reply,
) -> bool:
    """Post ``reply`` with ``respond`` (its messages to the response_url, in the channel; returns
    whether that worked), then its image, if any, with ``upload(channel, image)``. Returns False
    when the messages could not be posted; an upload that fails is explained in a further message."""
    if not await respond(render_reply(reply)):
        return False
    image: Image | None = getattr(reply, "image", None)
    if image is None:
        return True
    try:
        await upload(channel, image)
    except Exception as exc:  # SlackApiError (not_in_channel, missing_scope ...) or the connection
        why = _why(exc)
        log.info("slack: cannot share %s in %s (%s); saying so through response_url", image.filename, channel, why)
        await respond(render_reply(chart_not_attached(image, why)))
    return True


def chart_not_attached(image: Image, why: str) -> Notice:
    """The line that replaces an image Slack would not take."""
    return Notice([
        f"The chart ({image.title}) could not be attached here: Slack refused the upload ({why}). "
        "Invite the bot to this channel (/invite @briefbot) to get charts, or draw it with "
        "`briefbot trends TOPIC --chart chart.png`."
    ])


def _why(exc: Exception) -> str:
    if isinstance(exc, SlackApiError) and exc.response is not None:
        data = exc.response.data if isinstance(exc.response.data, dict) else {}
        return str(data.get("error") or f"HTTP {exc.response.status_code}")
    return type(exc).__name__
