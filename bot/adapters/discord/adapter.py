"""DiscordAdapter: the ``/brief`` application command with discord.py.

``/brief topic:<topic> [count:<1-5>] [url:<page>]``: ``topic`` autocompletes from the
configured topics and also accepts ``topics`` and ``help``. The handler runs the command in
the bot core. Notices (usage, help, errors, confirmations) are for the user who typed the
command only, as on Slack: an answer that is only notices and comes within
:data:`QUICK_ANSWER_SECONDS` is the interaction's ephemeral response. Otherwise it defers
(Discord allows 3 s) and sends the replies as embeds in follow-up messages, split to fit
Discord's limits; notices that come late replace the public "thinking" message with an
ephemeral follow-up. discord.py honours Discord's rate limits itself; a follow-up that still
fails is logged and reported in the channel when possible. No privileged intent is needed (slash commands arrive without any intent; the
``guilds`` intent keeps the channel cache for scheduled posts).

Needs ``discord.token`` (``DISCORD_TOKEN``); ``discord.guild_ids`` syncs the command to those
servers at once (global commands can take a while to appear).

Digests are posted with their ``digest_id`` in the embed footer (and in each message's
nonce, which Discord enforces, so a quick repeat of the same message is not posted twice; every
other message gets a nonce too). discord.py re-sends a message after a 5xx answer (same nonce:
Discord returns the message it already has); after an answer that never came (connection
dropped) or discord.py gave up, :meth:`DiscordAdapter.post_part` looks for the digest message in
the channel history before re-sending it; :meth:`DiscordAdapter.delivered` looks for it in
the channel's recent history after a crash (needs the Read Message History permission).
:meth:`DiscordAdapter.start_sending` logs in over REST only, for posting from the CLI without a
gateway connection.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import replace

import aiohttp
import discord
from discord import app_commands

from bot.adapters.base import CommandHandler, CommandRequest, DeliveryUncertain, DigestPart
from bot.adapters.discord import threads
from bot.adapters.discord.gateway import count_reconnects, gateway_problem, log_gateway_end
from bot.adapters.discord.history import DigestHistory
from bot.adapters.discord.render import render_reply
from bot.adapters.discord.threads import ThreadOpener
from bot.adapters.discord.report import attach_image
from bot.adapters.registry import AdapterConfigError
from bot.core.commands import MAX_COUNT
from bot.obs import metrics
from bot.core.echo import shorten_words
from bot.core.replies import Digest, Notice, Reply
from config.topics import TopicError, load_topics

log = logging.getLogger(__name__)


EXTRA_WORDS = ("topics", "help", "subscribe", "unsubscribe", "subscriptions", "quotes", "who", "trends")
NONCE_MAX = 25  # Discord's limit on a message nonce
QUICK_ANSWER_SECONDS = 1.0  # an answer within this is the interaction's response (Discord allows 3 s)
POST_ATTEMPTS = 3  # attempts of one channel message when the answers are ambiguous
POST_RETRY_SECONDS = 1.0  # back-off before the n-th re-send: n × this


class DiscordAdapter:
    """The ``discord`` adapter. Raises :class:`AdapterConfigError` when no bot token is set."""

    name = "discord"

    def __init__(self, settings):
        cfg = settings.discord
        if not cfg.token:
            raise AdapterConfigError("the Discord adapter needs a bot token: set DISCORD_TOKEN or discord.token")
        self.settings = settings
        self._token = cfg.token
        self._guild_ids = list(cfg.guild_ids)
        try:
            self.topics = load_topics(settings.topics_dir)
        except TopicError as exc:
            raise AdapterConfigError(str(exc)) from exc
        intents = discord.Intents.none()
        intents.guilds = True
        app_id = int(cfg.application_id) if cfg.application_id and str(cfg.application_id).isdigit() else None
        self.client = discord.Client(intents=intents, application_id=app_id)
        self.client.setup_hook = self._setup_hook  # type: ignore[method-assign]
        self.tree = app_commands.CommandTree(self.client)
        self.tree.add_command(self._build_command())
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]
        self._handler: CommandHandler | None = None
        self._task: asyncio.Task | None = None
        self._sync_commands = True
        self.history = DigestHistory(self.client, self._channel)
        self.threads = ThreadOpener(self.client)

    # -- the command ----------------------------------------------------------------------------

    def _build_command(self) -> app_commands.Command:
        adapter = self

        @app_commands.command(name="brief", description="Policy brief of the newest news on a topic, or of a page")
        @app_commands.describe(
            topic="Topic to brief (or 'topics' to list them, 'help' for usage)",
            count=f"How many of the newest articles (1-{MAX_COUNT})",
            url="Brief this web page instead",
        )
        async def brief(
            interaction: discord.Interaction,
            topic: str,
            count: app_commands.Range[int, 1, MAX_COUNT] | None = None,
            url: str | None = None,
        ) -> None:
            await adapter.on_brief(interaction, topic, count, url)

        brief.autocomplete("topic")(self.autocomplete_topic)
        return brief

    async def autocomplete_topic(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """Topics (and the words topics/help) whose name or title contains what was typed; ≤ 25."""
        cur = (current or "").strip().lower()
        choices = [
            app_commands.Choice(name=f"{name} — {t.title}"[:100], value=name)
            for name, t in self.topics.items()
            if cur in name or cur in t.title.lower()
        ]
        choices += [app_commands.Choice(name=w, value=w) for w in EXTRA_WORDS if w.startswith(cur)]
        return choices[:25]

    async def on_brief(self, interaction: discord.Interaction, topic: str, count: int | None, url: str | None) -> None:
        """Run ``/brief`` in the core; notices go to the user alone (ephemeral), briefs to the
        channel as follow-up messages with embeds after a deferral."""
        words = [topic] + ([str(count)] if count is not None else []) + ([url] if url else [])
        perms = interaction.permissions
        request = CommandRequest(
            adapter=self.name,
            channel=str(interaction.channel_id or ""),
            user=str(interaction.user.id),
            text=" ".join(words),
            is_admin=bool(perms.administrator or perms.manage_guild),
            extra={"guild_id": str(interaction.guild_id) if interaction.guild_id else None},
        )
        assert self._handler is not None, "adapter not started"
        work = asyncio.ensure_future(self._handler(request))
        done, _ = await asyncio.wait({work}, timeout=QUICK_ANSWER_SECONDS)
        if done and _private(work.result()):
            messages = [embeds for reply in work.result() for embeds in render_reply(reply)]
            await interaction.response.send_message(embeds=messages[0], ephemeral=True)
            for embeds in messages[1:]:
                await interaction.followup.send(embeds=embeds, ephemeral=True)
            return
        await interaction.response.defer(thinking=True)
        replies = await work
        private = _private(replies)
        if private:  # the first follow-up would inherit the public deferral: drop it first
            try:
                await interaction.delete_original_response()
            except discord.HTTPException as exc:
                log.info("discord: could not delete the deferred response: %s", exc)
        try:
            for reply in replies:
                messages = render_reply(reply)
                last = attach_image(messages, getattr(reply, "image", None))  # a quote-bank chart
                for i, embeds in enumerate(messages, 1):
                    await interaction.followup.send(embeds=embeds, ephemeral=private,
                                                    **(last if i == len(messages) else {}))
        except discord.HTTPException as exc:
            log.error("discord: follow-up failed: %s", exc)
            await self._report(interaction, f"I could not post the whole answer: Discord said {exc.status} {exc.text[:100]}")

    async def _report(self, interaction: discord.Interaction, text: str) -> None:
        try:
            [embeds] = render_reply(Notice(lines=[text], level="error"))
            await interaction.followup.send(embeds=embeds, ephemeral=True)
        except discord.HTTPException:
            log.exception("discord: could not report the failure either")

    async def _on_tree_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        log.error("discord: command error: %s", error, exc_info=error)
        text = "Sorry, something went wrong on my side while answering that. The error was logged."
        if isinstance(error, app_commands.TransformerError):
            text = f"That value is not accepted: {shorten_words(str(error))}"
        [embeds] = render_reply(Notice(lines=[text], level="error"))
        try:
            if interaction.response.is_done():
                await interaction.followup.send(embeds=embeds, ephemeral=True)
            else:
                await interaction.response.send_message(embeds=embeds, ephemeral=True)
        except discord.HTTPException:
            log.exception("discord: could not report the command error")

    # -- lifecycle ------------------------------------------------------------------------------

    async def _setup_hook(self) -> None:
        """Register ``/brief`` with Discord: per configured guild at once, else globally
        (not when only sending, see :meth:`start_sending`)."""
        if not self._sync_commands:
            return
        if self._guild_ids:
            for gid in self._guild_ids:
                guild = discord.Object(id=gid)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
        else:
            await self.tree.sync()

    async def login(self, handler: CommandHandler | None) -> None:
        """Attach ``handler``, log in over REST and register the command (no gateway connection yet).

        Raises :class:`AdapterConfigError` with one line for the user when Discord refuses the
        token, cannot be reached (DNS, connection, TLS, timeout) or answers the login or the
        command registration with an error.
        """
        self._handler = handler
        try:
            await self.client.login(self._token)
        except discord.LoginFailure as exc:
            await self.client.close()
            raise AdapterConfigError(f"Discord refused the bot token: {exc}") from exc
        except discord.HTTPException as exc:
            await self.client.close()
            detail = " ".join(str(exc.text or "").split())[:200]
            raise AdapterConfigError(
                f"Discord answered the login with an error: {exc.status} {exc.response.reason if exc.response else ''}"
                f"{': ' + detail if detail else ''}".rstrip()
            ) from exc
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            await self.client.close()
            detail = " ".join(str(exc).split()) or type(exc).__name__
            raise AdapterConfigError(f"cannot reach Discord at {discord.http.Route.BASE}: {detail}") from exc
        except BaseException:
            await self.client.close()
            raise

    async def start_sending(self) -> None:
        """Log in over REST only, to ``send`` and check ``delivered`` without receiving commands
        (no gateway connection, no command registration). Raises :class:`AdapterConfigError`
        when Discord refuses the token."""
        self._sync_commands = False
        await self.login(None)

    async def start(self, handler: CommandHandler) -> None:
        """Log in, then keep a gateway connection in the background (reconnecting as needed)."""
        await self.login(handler)
        count_reconnects(self.client)
        self._task = asyncio.create_task(self.client.connect(reconnect=True), name="discord-gateway")
        self._task.add_done_callback(log_gateway_end)

    def health(self) -> str | None:
        """None when commands can arrive (the gateway is ready), else what is wrong (for ``/healthz``)."""
        return gateway_problem(self.client, self._task)

    async def stop(self) -> None:
        """Close the gateway connection and the HTTP session."""
        await self.client.close()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def send(self, channel: str, reply: Reply) -> None:
        """Post ``reply`` to the channel with id ``channel`` as embeds (several messages when needed).

        A digest with a ``digest_id`` goes part by part through :meth:`post_part`; every other
        message carries a fresh nonce, so a re-send after an unanswered request is not posted
        twice. Raises :class:`discord.HTTPException` (after discord.py's own retries) or the
        connection error on failure, :class:`~bot.adapters.base.DeliveryUncertain` when it cannot
        be told whether Discord took a digest message.
        """
        if isinstance(reply, Digest) and reply.digest_id:
            thread = None
            for part in self.digest_parts(reply):
                thread = await self.post_part(channel, replace(part, thread=thread) if thread else part) or thread
            return
        target = await self._channel(channel)
        messages = render_reply(reply)
        last = attach_image(messages, getattr(reply, "image", None))  # a quote-bank chart, as an attachment
        for i, embeds in enumerate(messages, 1):
            nonce = uuid.uuid4().hex[:NONCE_MAX]
            await self._send_once(target, embeds, nonce, None, last if i == len(messages) else None)

    def digest_parts(self, digest: Digest, first: int = 1, thread: str | None = None) -> list[DigestPart]:
        """The digest's messages as parts numbered from ``first``: inline, or a parent and the
        stories for its thread (``digest.threads``); see :func:`bot.adapters.discord.threads.digest_parts`."""
        return threads.digest_parts(digest, first, threaded=self.settings.digest.threads, thread=thread)

    async def post_part(self, channel: str, part: DigestPart) -> str | None:
        """Post one digest message with its nonce (see :meth:`_send_once`), in ``part.thread`` when
        it has one; for the parent of a threaded digest, start the thread and return its id (None:
        Discord refused, so the stories go inline). A 403 inside a thread (no Send Messages in
        Threads) is raised, and later digests of ``channel`` are posted inline."""
        target = await self._channel(part.thread or channel)
        try:
            message = await self._send_once(target, part.message, digest_nonce(part.digest_id, part.number), part)
        except discord.Forbidden as exc:
            if part.thread:
                self.threads.refused(int(channel), f"posting in its threads: {exc.status} {exc.text or ''}".strip())
            raise
        if not part.opens_thread or message is None:
            return None
        return await self.threads.open(message, threads.thread_name(part))

    async def part_posted(self, channel: str, digest_id: str, number: int, thread: str | None = None) -> bool | None:
        """Whether message ``number`` of digest ``digest_id`` is in ``channel`` (in the thread
        ``thread`` when given) by its footer mark; None: cannot tell, as for :meth:`delivered`."""
        found = await self.history.find(thread or channel, digest_id, lambda part, _parts: part == number, set())
        return found if found is None or found is False else True

    async def _send_once(self, target, embeds: list[discord.Embed], nonce: str, part: DigestPart | None,
                         extra: dict | None = None) -> discord.Message | None:
        """Send one message, never twice: up to :data:`POST_ATTEMPTS` attempts with the same nonce
        (which Discord enforces for a few minutes); before re-sending a digest ``part`` after an
        ambiguous failure (5xx after discord.py's retries, connection dropped or timed out) the
        channel history is searched for it. Returns the message (the one found in the history
        after an ambiguous answer). Raises a definite refusal (4xx) at once; after the last
        attempt the last error, or :class:`DeliveryUncertain` when the history could not tell.
        """
        for attempt in range(1, POST_ATTEMPTS + 1):
            try:
                return await target.send(embeds=embeds, nonce=nonce, **(extra or {}))  # extra: an image attachment
            except discord.HTTPException as exc:
                if exc.status < 500:
                    raise
                error: Exception = exc
            except aiohttp.ClientConnectorError as exc:  # never reached Discord
                error = exc
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
                error = exc
            seen: discord.Message | bool | None = None
            if part is not None and not isinstance(error, aiohttp.ClientConnectorError):
                seen = await self.history.find(str(target.id), part.digest_id, lambda n, _parts: n == part.number, set())
            elif isinstance(error, aiohttp.ClientConnectorError):
                seen = False
            what = f"message {part.number} of digest {part.digest_id}" if part else "a message"
            why = f"{type(error).__name__}: {error}"[:200]
            if seen:
                log.warning("discord: %s to %s was answered with %s but Discord had posted it; not re-sent", what, target.id, why)
                return seen if isinstance(seen, discord.Message) else None
            if attempt == POST_ATTEMPTS:
                if seen is None and part is not None:
                    raise DeliveryUncertain(
                        f"Discord answered {why} to {what} in {target.id} and its history cannot tell whether it was posted"
                    ) from error
                raise error
            log.warning("discord: %s to %s failed (%s); re-sending with the same nonce", what, target.id, why)
            metrics.DELIVERY_RETRIES.labels(self.name).inc()
            await asyncio.sleep(POST_RETRY_SECONDS * attempt)

    async def delivered(self, channel: str, digest_id: str) -> bool | None:
        """Whether digest ``digest_id`` is wholly in ``channel``: its last message (by the footer
        mark, among this bot's messages of the last :data:`~bot.adapters.discord.history.HISTORY_WINDOW`, at most
        :data:`~bot.adapters.discord.history.HISTORY_MAX_MESSAGES`) is there.

        False when the search covered the window and found no last part (found parts are
        logged: a re-send repeats them); None when it cannot tell: no permission to read the
        history (Forbidden, logged once), unknown channel, API failure, or a window longer
        than the bound. Never raises for Discord errors.
        """
        parts_seen: set[int] = set()
        found = await self.history.find(channel, digest_id, lambda part, parts: part == parts, parts_seen)
        found = found if found is None or found is False else True
        if found is False and parts_seen:
            log.warning("discord: only part(s) %s of digest %s are in %s; it will be posted again", sorted(parts_seen), digest_id, channel)
        return found

    async def _channel(self, channel: str):
        """The channel with id ``channel`` (from the gateway cache, else fetched over REST)."""
        return self.client.get_channel(int(channel)) or await self.client.fetch_channel(int(channel))


def digest_nonce(digest_id: str, part: int) -> str:
    """The nonce of message ``part`` of a digest (≤ 25 characters; Discord drops a repeat within minutes)."""
    suffix = f"-{part}"
    return digest_id[: NONCE_MAX - len(suffix)] + suffix


def _private(replies: list[Reply]) -> bool:
    """Whether an answer is for the requesting user alone: only notices (usage, help, errors,
    confirmations), the same rule as the Slack adapter's ephemeral answers."""
    return bool(replies) and all(isinstance(r, Notice) for r in replies)
