"""Finding a posted digest again in a Slack channel: message metadata + ``conversations.history``.

Every message of a digest is posted with Slack message metadata::

    {"event_type": "briefbot_digest", "event_payload": {"digest_id": "…", "part": 2, "parts": 3}}

(other replies with ``{"event_type": "briefbot_reply", "event_payload": {"reply_id": …}}``),

and :meth:`DigestHistory.delivered` pages through ``conversations.history`` (with
``include_all_metadata``, without which Slack leaves the payload out) over a bounded window
for the digest's last part. Messages are posted in order, so the last part present means the
whole digest is in the channel. Replies in a thread (threaded digests) are not in the channel's
history: they are looked for with ``conversations.replies`` of the parent's ``ts`` (same scopes).

Reading history needs the ``channels:history`` (public channels) and ``groups:history``
(private channels) bot scopes; without them Slack answers ``missing_scope`` and the answer is
"unknown" (None), logged once per adapter.
"""

from __future__ import annotations

import logging
import time

from slack_sdk.errors import SlackApiError

log = logging.getLogger("bot.adapters.slack")

EVENT_TYPE = "briefbot_digest"
REPLY_EVENT_TYPE = "briefbot_reply"
HISTORY_WINDOW_SECONDS = 30 * 24 * 3600  # how far back a digest is looked for
HISTORY_MAX_MESSAGES = 1000  # messages read at most per search
PAGE_SIZE = 200  # Slack's recommended page size for conversations.history


def digest_metadata(digest_id: str, part: int, parts: int) -> dict:
    """The ``metadata`` argument of ``chat.postMessage`` for message ``part`` (1-based) of ``parts``."""
    return {"event_type": EVENT_TYPE, "event_payload": {"digest_id": digest_id, "part": part, "parts": parts}}


def reply_metadata(reply_id: str, part: int, parts: int) -> dict:
    """The ``metadata`` of message ``part`` of ``parts`` of any other reply (a brief, a notice):
    lets an ambiguous answer to its post be checked in the channel before a retry."""
    return {"event_type": REPLY_EVENT_TYPE, "event_payload": {"reply_id": reply_id, "part": part, "parts": parts}}


def digest_part(message: dict, digest_id: str, event_type: str = EVENT_TYPE) -> tuple[int, int] | None:
    """``(part, parts)`` when ``message`` (a ``conversations.history`` item) belongs to ``digest_id``
    (or, with ``event_type`` :data:`REPLY_EVENT_TYPE`, to that reply id), else None."""
    meta = message.get("metadata") or {}
    if meta.get("event_type") != event_type:
        return None
    payload = meta.get("event_payload") or {}
    if payload.get("digest_id" if event_type == EVENT_TYPE else "reply_id") != digest_id:
        return None
    try:
        return int(payload.get("part", 0)), int(payload.get("parts", 0))
    except (TypeError, ValueError):
        return None


class DigestHistory:
    """Looks for digests in channel history with an ``AsyncWebClient`` (the bot token's).

    ``window_seconds`` and ``max_messages`` bound each search (defaults: 30 days, 1000 messages,
    i.e. at most 5 requests of 200). ``bot_id`` (from ``auth.test``; settable later) limits the
    search to this bot's messages; None accepts any poster.
    """

    def __init__(
        self,
        client,
        *,
        window_seconds: float = HISTORY_WINDOW_SECONDS,
        max_messages: int = HISTORY_MAX_MESSAGES,
        bot_id: str | None = None,
    ):
        self.client = client
        self.bot_id = bot_id
        self.window_seconds = window_seconds
        self.max_messages = max_messages
        self._scope_warned = False

    async def delivered(self, channel: str, digest_id: str) -> bool | None:
        """True when the last message of ``digest_id`` is in ``channel``; False when the window was
        searched completely and it is not there (or only some of its parts are: a re-send then
        repeats those); None when it cannot be told (missing scope, no access, API failure, or
        more than ``max_messages`` messages in the window).

        Never raises for Slack errors; they are logged.
        """
        parts_seen: set[int] = set()
        found = await self._search(channel, digest_id, lambda part, parts: bool(parts) and part == parts, parts_seen)
        found = found if found is None or found is False else True
        if found is False and parts_seen:
            log.warning(
                "slack: only part(s) %s of digest %s are in %s; it will be posted again whole",
                sorted(parts_seen), digest_id, channel,
            )
        return found

    async def part_posted(self, channel: str, digest_id: str, part: int, event_type: str = EVENT_TYPE,
                          thread: str | None = None) -> bool | None:
        """Whether message ``part`` of ``digest_id`` (of a reply id with :data:`REPLY_EVENT_TYPE`)
        is in ``channel`` (in the thread of the parent ``ts`` ``thread`` when given): True, False
        (searched completely), None (cannot tell, as for :meth:`delivered`). Never raises for Slack errors."""
        found = await self.locate(channel, digest_id, part, event_type, thread)
        return found if found is None or found is False else True

    async def locate(self, channel: str, digest_id: str, part: int, event_type: str = EVENT_TYPE,
                     thread: str | None = None) -> str | bool | None:
        """The ``ts`` of message ``part`` of ``digest_id`` when it is in ``channel`` (or in the
        thread ``thread``), False when it is not, None when that cannot be told."""
        return await self._search(channel, digest_id, lambda p, _parts: p == part, set(), event_type, thread)

    async def _search(self, channel: str, digest_id: str, match, parts_seen: set[int],
                      event_type: str = EVENT_TYPE, thread: str | None = None) -> str | bool | None:
        """The matching message's ``ts`` (channel history, or ``conversations.replies`` of the
        parent ``thread``: Slack's history leaves thread replies out), False, or None."""
        oldest = f"{time.time() - self.window_seconds:.6f}"
        cursor: str | None = None
        read = 0
        while True:
            try:
                if thread:
                    resp = await self.client.conversations_replies(
                        channel=channel, ts=thread, limit=PAGE_SIZE, include_all_metadata=True, cursor=cursor
                    )
                else:
                    resp = await self.client.conversations_history(
                        channel=channel, oldest=oldest, limit=PAGE_SIZE, include_all_metadata=True, cursor=cursor
                    )
            except SlackApiError as exc:
                self._log_error(channel, exc)
                return None
            except Exception as exc:  # connection errors after the retries
                log.warning("slack: cannot read the history of %s to confirm digest %s: %s", channel, digest_id, exc)
                return None
            messages = resp.get("messages") or []
            read += len(messages)
            for m in messages:
                if self.bot_id and m.get("bot_id") != self.bot_id:
                    continue
                found = digest_part(m, digest_id, event_type)
                if found is None:
                    continue
                if match(*found):
                    return str(m.get("ts") or "") or True
                parts_seen.add(found[0])
            cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
            if not resp.get("has_more") or not cursor:
                return False
            if read >= self.max_messages:
                log.warning(
                    "slack: digest %s not among the last %d messages of %s; cannot tell whether it was posted",
                    digest_id, read, channel,
                )
                return None

    def _log_error(self, channel: str, exc: SlackApiError) -> None:
        data = exc.response.data if exc.response is not None and isinstance(exc.response.data, dict) else {}
        error = data.get("error", "")
        if error == "missing_scope":
            if not self._scope_warned:
                self._scope_warned = True
                log.warning(
                    "slack: the app lacks the %s scope, so a digest interrupted by a crash cannot be confirmed "
                    "and is posted again (possible duplicate); add channels:history and groups:history "
                    "(slack-manifest.yml) and reinstall the app",
                    data.get("needed") or "channels:history/groups:history",
                )
            return
        log.warning("slack: conversations.history for %s failed (%s); cannot confirm a digest there", channel, error or exc)
