"""SlackAdapter: ``/brief`` through slack-bolt's AsyncApp, in Socket Mode or HTTP mode.

- Socket Mode (``slack.mode = "socket"``, the default): needs ``SLACK_APP_TOKEN`` (xapp-…) and
  ``SLACK_BOT_TOKEN`` (xoxb-…); no public URL.
- HTTP mode (``slack.mode = "http"``): needs ``SLACK_BOT_TOKEN`` and ``SLACK_SIGNING_SECRET``;
  serves ``POST /slack/events`` on ``slack.port`` (aiohttp); bolt checks every request's
  ``X-Slack-Signature`` and refuses bad ones with 401.

The ``/brief`` listener acknowledges at once (Slack allows 3 s), then runs the command in the
bot core. Briefs and digests are posted to the channel with ``chat.postMessage``; when the bot
cannot post there (not a member of a private channel, a DM), through the command's
``response_url`` instead. Usage, help and error notices go back to the requesting user only
(ephemeral ``response_url`` message). Rate limits (HTTP 429 + ``Retry-After``) are retried by
slack_sdk's retry handler. A 5xx answer or a dropped connection to ``chat.postMessage`` is
ambiguous (Slack may have stored the message), so posts are not retried blindly: every posted
message carries an id in its metadata, and before a retry :meth:`SlackAdapter.post_part` looks
for it in ``conversations.history`` (the check crash recovery uses); found means posted. Other
calls (reads) keep slack_sdk's 5xx and connection-error retries. A permanent failure is reported
to the user through ``response_url`` instead of going silent. ``slack.api_url`` points the Web
API client (and so Socket Mode's ``apps.connections.open``) elsewhere (tests use a local fake).

Digests carry their ``digest_id`` in Slack message metadata (event type ``briefbot_digest``)
so that :meth:`SlackAdapter.delivered` can find them in ``conversations.history`` after a
crash (exactly-once recovery, see ``bot/digest/deliver.py``). With ``digest.threads`` (default)
a digest is a parent message with its stories as replies in its thread (``bot/adapters/slack/threads.py``).
When the bot cannot post in a channel, a reply's chart is uploaded or explained (``fallback.py``).
"""

from __future__ import annotations

import asyncio
import functools
import html
import logging
import re
import time
import uuid

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.base import CommandHandler, CommandRequest, DigestPart
from bot.adapters.registry import AdapterConfigError
from bot.adapters.slack import threads
from bot.adapters.slack.connection import count_reconnects, socket_problem
from bot.adapters.slack.fallback import answer_through_response_url
from bot.adapters.slack.history import DigestHistory, reply_metadata
from bot.adapters.slack.post import explain, post_checked
from bot.adapters.slack.render import SlackMessage, render_reply
from bot.core.replies import Digest, Notice, Reply

log = logging.getLogger(__name__)

COMMAND = "/brief"
EVENTS_PATH = "/slack/events"
ADMIN_CACHE_SECONDS = 600
_LINK_RE = re.compile(r"<((?:https?://|mailto:)[^|>]+)(?:\|[^>]*)?>")
_CANNOT_POST_HERE = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}
_TOKEN_REFUSED = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"}
SOCKET_CONNECT_TIMEOUT = 30.0  # seconds to open the Socket Mode websocket before giving up at start


def retry_handlers(max_retries: int = 3) -> list:
    """slack_sdk retry handlers: 429 honouring Retry-After, 5xx and connection errors with backoff."""
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=max_retries),
        AsyncServerErrorRetryHandler(max_retry_count=max_retries),
        AsyncConnectionErrorRetryHandler(max_retry_count=max_retries),
    ]


def command_text(text: str) -> str:
    """Slack's escaped command text back to what the user typed (``<url|label>`` → url, entities decoded)."""
    return html.unescape(_LINK_RE.sub(r"\1", text or ""))


class SlackAdapter:
    """The ``slack`` adapter. ``host`` is the HTTP-mode bind address (tests use 127.0.0.1).

    ``receive=False`` (see :meth:`for_sending`) builds an adapter that only posts (``send``,
    ``delivered``), which needs the bot token alone. Raises :class:`AdapterConfigError` naming
    the missing token or secret for the chosen mode.
    """

    name = "slack"

    def __init__(self, settings, *, host: str = "0.0.0.0", receive: bool = True):
        cfg = settings.slack
        self.mode = cfg.mode
        if not cfg.bot_token:
            raise AdapterConfigError(
                "the Slack adapter needs a bot token: set SLACK_BOT_TOKEN (xoxb-...) or slack.bot_token"
            )
        if receive and self.mode == "socket" and not cfg.app_token:
            raise AdapterConfigError(
                "Slack Socket Mode needs an app-level token: set SLACK_APP_TOKEN (xapp-...) or slack.app_token, "
                "or use HTTP mode (slack.mode = \"http\") with SLACK_SIGNING_SECRET"
            )
        if receive and self.mode == "http" and not cfg.signing_secret:
            raise AdapterConfigError(
                "Slack HTTP mode needs the signing secret: set SLACK_SIGNING_SECRET or slack.signing_secret"
            )
        self.settings = settings
        self.host = host
        self.port = cfg.port
        self._retry = retry_handlers()
        self.client = AsyncWebClient(
            token=cfg.bot_token, base_url=_with_slash(cfg.api_url), retry_handlers=self._retry, timeout=20
        )
        # posts: only 429 is retried by slack_sdk (certainly not stored); see post_part
        self.poster = AsyncWebClient(
            token=cfg.bot_token, base_url=_with_slash(cfg.api_url),
            retry_handlers=[h for h in self._retry if isinstance(h, AsyncRateLimitErrorRetryHandler)], timeout=20,
        )
        self.app = AsyncApp(
            client=self.client,
            signing_secret=cfg.signing_secret or "",
            request_verification_enabled=self.mode == "http",
            process_before_response=False,
        )
        self.app.command(COMMAND)(self._on_command)
        self._app_token = cfg.app_token
        self._handler: CommandHandler | None = None
        self._runner: web.AppRunner | None = None
        self._socket = None
        self._admins: dict[str, tuple[float, bool]] = {}
        self._tasks: set[asyncio.Task] = set()
        self.history = DigestHistory(self.client)

    @classmethod
    def for_sending(cls, settings) -> "SlackAdapter":
        """An adapter that only posts (``briefbot digest --channel slack:...``): needs only the bot token.

        Raises :class:`AdapterConfigError` when ``SLACK_BOT_TOKEN`` is not set.
        """
        return cls(settings, receive=False)

    # -- lifecycle ------------------------------------------------------------------------------

    async def start_sending(self) -> None:
        """Get ready to post without receiving commands: checks the bot token with ``auth.test``.

        Raises :class:`AdapterConfigError` when Slack refuses the token or cannot be reached.
        """
        await self._check_bot_token()

    async def start(self, handler: CommandHandler) -> None:
        """Check the bot token, then connect (Socket Mode) or start the HTTP server; returns once
        commands can arrive.

        Raises :class:`AdapterConfigError` when Slack refuses a token, cannot be reached, or the
        Socket Mode websocket does not open within :data:`SOCKET_CONNECT_TIMEOUT` seconds.
        """
        await self._check_bot_token()
        self._handler = handler
        if self.mode == "http":
            self._runner = web.AppRunner(self.app.web_app(path=EVENTS_PATH, port=self.port))
            await self._runner.setup()
            site = web.TCPSite(self._runner, self.host, self.port)
            await site.start()
            sockets = getattr(site._server, "sockets", None) or []
            if sockets:
                self.port = sockets[0].getsockname()[1]
            log.info("slack: HTTP mode, listening on %s:%s%s", self.host, self.port, EVENTS_PATH)
        else:
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            wss_url = await self._open_socket_url()
            self._socket = AsyncSocketModeHandler(self.app, self._app_token, web_client=self.client)
            self._socket.client.wss_uri = wss_url  # the URL just issued; reconnects ask for new ones
            count_reconnects(self._socket.client)
            try:
                await asyncio.wait_for(self._socket.connect_async(), SOCKET_CONNECT_TIMEOUT)
            except asyncio.TimeoutError:
                await self._socket.close_async()
                self._socket = None
                raise AdapterConfigError(
                    f"the Slack Socket Mode websocket did not open within {SOCKET_CONNECT_TIMEOUT:.0f} s; "
                    "check the network (outgoing wss:// to Slack) and try again"
                ) from None
            log.info("slack: Socket Mode connected")

    def health(self) -> str | None:
        """None when commands can arrive (socket open / HTTP server running), else what is wrong."""
        if self.mode == "http":
            return None if self._runner is not None else "the Slack HTTP endpoint is not serving"
        return socket_problem(self._socket)

    async def _check_bot_token(self) -> None:
        try:
            resp = await self.client.auth_test()
        except SlackApiError as exc:
            error = exc.response.get("error", "") if exc.response is not None else ""
            if error in _TOKEN_REFUSED:
                raise AdapterConfigError(
                    f"Slack refused the bot token ({error}): check SLACK_BOT_TOKEN (xoxb-...) or slack.bot_token"
                ) from exc
            raise AdapterConfigError(f"Slack's auth.test failed ({error or exc}) for the bot token") from exc
        except Exception as exc:  # connection errors after the retries
            raise AdapterConfigError(
                f"cannot reach the Slack Web API at {self.client.base_url} ({type(exc).__name__}: {exc})"
            ) from exc
        self.history.bot_id = resp.get("bot_id") or None
        log.info("slack: bot token accepted (team %s, bot user %s)", resp.get("team"), resp.get("user_id"))

    async def _open_socket_url(self) -> str:
        """A Socket Mode websocket URL from ``apps.connections.open`` (checks the app-level token)."""
        try:
            resp = await self.client.apps_connections_open(app_token=self._app_token)
        except SlackApiError as exc:
            error = exc.response.get("error", "") if exc.response is not None else ""
            if error in _TOKEN_REFUSED:
                raise AdapterConfigError(
                    f"Slack refused the app-level token ({error}): check SLACK_APP_TOKEN (xapp-..., "
                    "scope connections:write) or slack.app_token"
                ) from exc
            raise AdapterConfigError(
                f"Slack would not open a Socket Mode connection ({error or exc}); is Socket Mode on for the app?"
            ) from exc
        except Exception as exc:
            raise AdapterConfigError(
                f"cannot reach the Slack Web API at {self.client.base_url} ({type(exc).__name__}: {exc})"
            ) from exc
        return resp["url"]

    async def stop(self) -> None:
        """Finish replies in progress (up to 10 s), then close the server or socket."""
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=10)
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.client.session.close() if self.client.session else None

    # -- outgoing -------------------------------------------------------------------------------

    async def send(self, channel: str, reply: Reply) -> None:
        """Post ``reply`` to ``channel`` with ``chat.postMessage``, split within Block Kit limits.

        A :class:`~bot.core.replies.Digest` with a ``digest_id`` carries it in each message's
        metadata (part i of n) for :meth:`delivered`; other replies carry a fresh reply id. Each
        message goes through :func:`~bot.adapters.slack.post.post_checked`. Raises
        :class:`slack_sdk.errors.SlackApiError` when Slack refuses a message, the connection
        error when it could not be reached, :class:`~bot.adapters.base.DeliveryUncertain` when
        it cannot be told whether Slack took a message.
        """
        if isinstance(reply, Digest) and reply.digest_id:
            return await threads.post_parts(self.poster, self.history, channel, self.digest_parts(reply))
        messages = render_reply(reply)
        reply_id = uuid.uuid4().hex
        for i, message in enumerate(messages, 1):
            await post_checked(self.poster, self.history, channel, message, reply_metadata(reply_id, i, len(messages)))
        image = getattr(reply, "image", None)
        if image is not None:  # a quote-bank chart, with Slack's external upload flow
            await self.upload(channel, image)

    async def upload(self, channel: str, image) -> None:
        """Share ``image`` (:class:`~bot.core.replies.Image`) in ``channel``: files.getUploadURLExternal,
        the bytes to the upload URL, files.completeUploadExternal (needs the ``files:write`` scope).
        Raises :class:`slack_sdk.errors.SlackApiError` when Slack refuses a step."""
        await self.client.files_upload_v2(
            channel=channel, file=image.data, filename=image.filename, title=image.title, alt_txt=image.alt_text[:1000],
        )

    def digest_parts(self, digest: Digest, first: int = 1, thread: str | None = None) -> list[DigestPart]:
        """The digest's messages as parts numbered from ``first``: inline, or a parent and its
        thread's replies (``digest.threads``); see :func:`bot.adapters.slack.threads.digest_parts`."""
        return threads.digest_parts(digest, first, threaded=self.settings.digest.threads, thread=thread)

    async def post_part(self, channel: str, part: DigestPart) -> str | None:
        """Post one digest message; returns the parent's ``ts`` when it opens the thread
        (see :func:`bot.adapters.slack.threads.post_part`)."""
        return await threads.post_part(self.poster, self.history, channel, part)

    async def part_posted(self, channel: str, digest_id: str, number: int, thread: str | None = None) -> bool | None:
        """Whether message ``number`` of digest ``digest_id`` is in ``channel`` (in the thread of
        the parent ``ts`` ``thread`` when given; None: cannot tell)."""
        return await self.history.part_posted(channel, digest_id, number, thread=thread)

    async def delivered(self, channel: str, digest_id: str) -> bool | None:
        """Whether digest ``digest_id`` is wholly in ``channel`` (its last message found in
        ``conversations.history``); None when Slack cannot tell us (missing history scope, no
        access, history longer than the search bound). See :class:`DigestHistory`.
        """
        return await self.history.delivered(channel, digest_id)

    async def respond(self, response_url: str, messages: list[SlackMessage], *, public: bool) -> None:
        """Post ``messages`` to a command's ``response_url`` (``in_channel`` when ``public``, else ephemeral).

        Raises RuntimeError when Slack answers with an error status after retries.
        """
        hook = AsyncWebhookClient(response_url, retry_handlers=self._retry, timeout=20)
        for message in messages:
            resp = await hook.send(
                text=message.text,
                blocks=message.blocks,
                response_type="in_channel" if public else "ephemeral",
                replace_original=False,
            )
            if resp.status_code != 200:
                raise RuntimeError(f"response_url answered {resp.status_code}: {resp.body[:200]}")

    # -- incoming -------------------------------------------------------------------------------

    async def _on_command(self, ack, command: dict) -> None:
        await ack()
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await self._answer(command)
        finally:
            if task is not None:
                self._tasks.discard(task)

    async def _answer(self, command: dict) -> None:
        channel = command.get("channel_id", "")
        user = command.get("user_id", "")
        response_url = command.get("response_url") or ""
        request = CommandRequest(
            adapter=self.name,
            channel=channel,
            user=user,
            text=command_text(command.get("text", "")),
            is_admin=await self._is_admin(user),
            extra={"team_id": command.get("team_id"), "response_url": response_url},
        )
        assert self._handler is not None
        for reply in await self._handler(request):
            await self._deliver(channel, response_url, reply)

    async def _deliver(self, channel: str, response_url: str, reply: Reply) -> None:
        """Briefs and digests to the channel; notices to the user; failures reported, never silent."""
        if isinstance(reply, Notice):
            await self._respond_or_log(response_url, render_reply(reply), public=False)
            return
        try:
            await self.send(channel, reply)
            return
        except SlackApiError as exc:
            error = exc.response.get("error", "") if exc.response is not None else ""
            if error in _CANNOT_POST_HERE and response_url:
                log.info("slack: cannot post in %s (%s); answering through response_url", channel, error)
                respond = functools.partial(self._respond_or_log, response_url, public=True)
                if await answer_through_response_url(respond, self.upload, channel, reply):  # and the chart, if any
                    return
                why = "Slack refused the message"
            else:
                log.error("slack: chat.postMessage to %s failed: %s", channel, error or exc)
                why = explain(error)
        except Exception as exc:  # connection errors after the retries
            log.exception("slack: posting to %s failed", channel)
            why = f"Slack could not be reached ({type(exc).__name__})"
        failure = Notice(lines=[f"I could not post the brief here: {why}. Please try again in a minute."], level="error")
        await self._respond_or_log(response_url, render_reply(failure), public=False)

    async def _respond_or_log(self, response_url: str, messages: list[SlackMessage], *, public: bool) -> bool:
        if not response_url:
            log.error("slack: no response_url to answer with")
            return False
        try:
            await self.respond(response_url, messages, public=public)
            return True
        except Exception:
            log.exception("slack: response_url failed")
            return False

    async def _is_admin(self, user: str) -> bool:
        """Whether ``user`` administers the workspace (``users.info``; cached; False when unknown)."""
        if not user:
            return False
        now = time.monotonic()
        hit = self._admins.get(user)
        if hit is not None and now - hit[0] < ADMIN_CACHE_SECONDS:
            return hit[1]
        try:
            resp = await self.client.users_info(user=user)
            info = resp.get("user") or {}
            admin = bool(info.get("is_admin") or info.get("is_owner") or info.get("is_primary_owner"))
        except Exception as exc:  # missing users:read scope, network: treat as not an admin
            log.debug("slack: users.info for %s failed: %s", user, exc)
            admin = False
        self._admins[user] = (now, admin)
        return admin


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
