"""CLI command ``briefbot digest TOPIC [--channel ADAPTER:CHANNEL] [--dry-run]``.

Importing this module also registers the subscription verbs with the bot core and the
digest scheduler with ``briefbot run`` (its startup hook).
"""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Optional

import typer

from bot.cli.app import app, fail, open_configured_store, since_option, state
from bot.core.echo import shorten
from bot.scheduler.hook import install as _install_scheduler
from bot.subscriptions import verbs as _verbs  # noqa: F401  (registers subscribe/unsubscribe/subscriptions)

_install_scheduler()


class PostError(Exception):
    """Posting a digest from the CLI failed; ``str(err)`` says why, for the user."""


def sending_adapter(name: str, settings):
    """The adapter ``name`` built for posting only: its ``for_sending(settings)`` class method when
    it has one (Slack: only the bot token is needed), else ``cls(settings)``.

    Raises :class:`~bot.adapters.registry.AdapterConfigError` for an unknown adapter or missing
    settings (the message names the token to set).
    """
    from bot.adapters.registry import load_class

    cls = load_class(name)
    return (getattr(cls, "for_sending", None) or cls)(settings)


async def post_digest(runner, adapter_name: str, adapter, topic: str, channel: str, *, since):
    """Post ``topic``'s digest to ``channel`` through ``adapter`` (registered in ``runner`` as
    ``adapter_name``) with the exactly-once bookkeeping.

    The adapter is readied with its optional ``start_sending()`` (Slack: token check; Discord:
    REST login, no gateway), never ``start()``: a CLI run must not receive (and so take away)
    the running bot's commands. It is stopped afterwards. Raises :class:`PostError` when the
    platform refuses the token or the message (the articles then stay pending), and what
    :meth:`~bot.digest.deliver.DigestRunner.deliver` raises for bad input.
    """
    from bot.adapters.registry import AdapterConfigError
    from bot.core.errors import UserError
    from config.topics import TopicError

    try:
        opener = getattr(adapter, "start_sending", None)
        if opener is not None:
            try:
                await opener()
            except AdapterConfigError as exc:
                raise PostError(str(exc)) from exc
        try:
            return await runner.deliver(topic, adapter_name, channel, since=since)
        except (TopicError, UserError):
            raise
        except Exception as exc:  # the platform refused or could not be reached (after its retries)
            raise PostError(
                f"could not post the digest to {adapter_name}:{channel} ({_one_line(exc)}); its articles stay pending"
            ) from exc
    finally:
        await adapter.stop()


def _one_line(exc: Exception, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_since(text: str) -> timedelta:
    """``30m``, ``24h``, ``7d``, ``2w`` → timedelta, by the one duration rule of
    :mod:`bot.core.durations` (more than zero, at most 100 years). Raises ValueError
    (:class:`~bot.core.durations.DurationError`) with a message for the user."""
    from bot.core.durations import parse_duration

    return parse_duration(text, what="--since")


@app.command("digest")
def digest_command(
    ctx: typer.Context,
    topic: str = typer.Argument(..., metavar="TOPIC", help="Topic name (see `briefbot brief --help` or /brief topics)."),
    channel: Optional[str] = typer.Option(
        None, "--channel", help="ADAPTER:CHANNEL to post to (e.g. slack:C0123, console:console); "
        "without it the digest is only printed.", show_default=False,
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print what would be posted; record nothing."),
    since: str = typer.Option(
        "24h", "--since",
        help="Articles stored (ingested) within this window, whatever their publication date: a digest brings "
        "what is new to the store (30m, 24h, 7d, 2w; at most 100 years). `brief --since` counts publication dates.",
    ),
    fmt: str = typer.Option("text", "--format", help="text or json (printing only)."),
) -> None:
    """Render a topic's digest now: print it, or post it to a channel and record the deliveries.

    Posting uses the same exactly-once bookkeeping as scheduled digests: articles the channel
    already received are left out, and what is posted is recorded.
    """
    from bot.core.errors import UserError
    from bot.core.service import BriefService
    from bot.digest.briefs import StoryBriefer
    from bot.digest.deliver import DigestRunner
    from bot.store.models import utcnow
    from config.topics import TopicError

    if fmt not in ("text", "json"):
        raise fail(f"--format must be text or json, not '{shorten(fmt)}'", code=2)
    window = since_option(since)
    adapter_name = chan = None
    if channel is not None:
        adapter_name, sep, chan = channel.partition(":")
        if not sep or not adapter_name or not chan:
            raise fail(f"--channel must be ADAPTER:CHANNEL (e.g. slack:C0123), not '{shorten(channel)}'", code=2)
    settings = state(ctx).settings()
    _check_topic(topic, settings)
    topic = topic.strip().lower()
    store = open_configured_store(settings)
    try:
        service = BriefService(settings, store)
    except UserError as exc:
        raise fail(str(exc))
    adapters = {}
    if adapter_name and not dry_run:
        from bot.adapters.registry import AdapterConfigError

        try:
            adapters[adapter_name] = sending_adapter(adapter_name, settings)
        except AdapterConfigError as exc:
            service.close()
            raise fail(str(exc), code=2)
    runner = DigestRunner(settings, store, StoryBriefer.from_service(service), adapters, topics=service.topics)
    start = utcnow() - window
    try:
        if adapter_name and not dry_run:
            result = asyncio.run(
                post_digest(runner, adapter_name, adapters[adapter_name], topic, chan, since=start)
            )
            if result.posted:
                typer.echo(
                    f"posted digest {result.digest_id} to {channel}: {result.stories} stories, {result.articles} articles"
                    + (f", {result.deferred} stories left for the next digest" if result.deferred else ""),
                    err=True,
                )
            else:
                typer.echo(f"nothing new for {channel}" + (" (posted the empty notice)" if result.notice else ""), err=True)
            return
        digest = asyncio.run(runner.preview(topic, adapter_name or "cli", chan or "-", since=start))
    except TopicError as exc:
        raise fail(str(exc), code=2)
    except (UserError, PostError) as exc:
        raise fail(str(exc))
    finally:
        service.close()
    if digest is None:
        typer.echo(f"no {topic} articles stored in the last {since.strip()} to put in a digest "
                   "(--since counts storage time)", err=True)
        return
    if fmt == "json":
        from bot.digest.compose import digest_to_dict

        typer.echo(json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=2))
    else:
        from bot.adapters.console.render import render_reply

        typer.echo(render_reply(digest))


def _check_topic(name: str, settings) -> None:
    """Exit with code 2 (as ``brief`` and ``ingest`` do) when ``name`` is no usable topic, before any work."""
    from config.topics import TopicError, get_topic

    try:
        get_topic(name, settings.topics_dir)
    except TopicError as exc:
        raise fail(str(exc), code=2)
