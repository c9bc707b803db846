"""Posting one Slack message that must not be posted twice (``chat.postMessage``).

A 5xx answer, a dropped connection or a timeout after the request went out is ambiguous:
Slack may have stored the message. So a post is never re-sent blindly: every message carries an
id in its metadata (digest id and part, or a reply id) and :func:`post_checked` looks for it in
``conversations.history`` (:class:`~bot.adapters.slack.history.DigestHistory`, the search crash
recovery uses) before any re-send. The client passed in must not retry 5xx answers or connection
errors itself (slack_sdk's ``AsyncServerErrorRetryHandler`` / ``AsyncConnectionErrorRetryHandler``);
its 429 handler may stay, since a rate-limited message was not stored.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.adapters.base import DeliveryUncertain
from bot.adapters.slack.history import REPLY_EVENT_TYPE, DigestHistory
from bot.adapters.slack.render import SlackMessage
from bot.obs import metrics

log = logging.getLogger("bot.adapters.slack.adapter")

# ``ok: false`` errors after which Slack says some of the operation may have succeeded
MAYBE_POSTED = {"internal_error", "fatal_error", "service_unavailable"}
POST_ATTEMPTS = 3  # chat.postMessage attempts of one message when the answers are ambiguous
POST_RETRY_SECONDS = 1.0  # back-off before the n-th re-send: n × this


async def post_checked(client, history: DigestHistory, channel: str, message: SlackMessage, metadata: dict,
                       thread_ts: str | None = None) -> str | None:
    """``chat.postMessage`` that never posts a message twice when Slack can tell; with
    ``thread_ts`` the message is a reply in that parent message's thread (and is looked for
    there). Returns the posted message's ``ts`` (None when Slack's answer lacked it).

    Up to :data:`POST_ATTEMPTS` attempts. After an ambiguous failure (HTTP 5xx, the
    connection dropped or timed out once the request may have been sent) the channel's
    history is searched for the message's id first (also after Slack's ``internal_error``,
    ``fatal_error`` and ``service_unavailable``, after which "some aspect of the operation may
    have succeeded"): found → done; not found → re-sent;
    cannot tell (no history scope) → re-sent with a warning (possible duplicate). Raises
    the SlackApiError of a definite refusal (4xx, ``ok: false``) at once; after the last
    attempt the last error, or :class:`DeliveryUncertain` when the history could not tell.
    """
    payload = metadata["event_payload"]
    key = payload.get("digest_id") or payload.get("reply_id")
    event_type, part = metadata["event_type"], payload["part"]
    what = f"message {part} of {'digest' if event_type != REPLY_EVENT_TYPE else 'reply'} {key}"
    where = {"thread_ts": thread_ts} if thread_ts else {}
    for attempt in range(1, POST_ATTEMPTS + 1):
        try:
            resp = await client.chat_postMessage(
                channel=channel, text=message.text, blocks=message.blocks, unfurl_links=False, unfurl_media=False,
                metadata=metadata, **where,
            )
            return resp.get("ts")
        except SlackApiError as exc:
            status = exc.response.status_code if exc.response is not None else 0
            error_code = exc.response.get("error", "") if exc.response is not None and status < 500 else ""
            if status < 500 and error_code not in MAYBE_POSTED:
                raise
            error: Exception = exc
            seen = await history.locate(channel, key, part, event_type, thread_ts)
        except aiohttp.ClientConnectorError as exc:  # the request never reached Slack
            error, seen = exc, False
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
            error = exc
            seen = await history.locate(channel, key, part, event_type, thread_ts)
        why = _short(error)
        if seen:
            log.warning("slack: %s to %s was answered with %s but Slack had posted it; not re-sent", what, channel, why)
            return seen if isinstance(seen, str) else None
        if attempt == POST_ATTEMPTS:
            if seen is None:
                raise DeliveryUncertain(
                    f"Slack answered {why} to {what} in {channel} and its history cannot tell whether it was posted"
                ) from error
            raise error
        log.warning(
            "slack: %s to %s failed (%s)%s; re-sending", what, channel, why,
            "" if seen is False else " and the channel history cannot confirm it (possible duplicate)",
        )
        metrics.DELIVERY_RETRIES.labels("slack").inc()
        await asyncio.sleep(POST_RETRY_SECONDS * attempt)


def _short(exc: Exception) -> str:
    if isinstance(exc, SlackApiError) and exc.response is not None:
        code = exc.response.get("error") if isinstance(exc.response.data, dict) else None
        return f"HTTP {exc.response.status_code}" + (f" {code}" if code else "")
    return f"{type(exc).__name__}{': ' + str(exc) if str(exc) else ''}"[:200]


def explain(error: str) -> str:
    """A short reason for the user from a Slack ``error`` code (a refused post)."""
    return {
        "ratelimited": "Slack is rate-limiting this app",
        "invalid_blocks": "Slack rejected the message layout",
        "msg_too_long": "the message was too long for Slack",
        "not_authed": "the bot token is missing or invalid",
        "invalid_auth": "the bot token is missing or invalid",
        "missing_scope": "the app lacks a permission (see slack-manifest.yml)",
    }.get(error, f"Slack answered '{error}'" if error else "Slack did not accept the message")
