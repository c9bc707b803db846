"""CLI commands ``briefbot run`` (the chat bot) and ``briefbot discord-invite``."""

from __future__ import annotations

import asyncio
import logging
from typing import List, Optional

import typer

from bot.cli.app import app, fail, open_configured_store, state
from bot.core.echo import shorten


@app.command("run")
def run_command(
    ctx: typer.Context,
    adapter: Optional[List[str]] = typer.Option(
        None,
        "--adapter",
        "-a",
        help="Adapter to start (console, slack, discord or an installed one); repeat for several. "
        "Default: the 'adapters' setting.",
        show_default=False,
    ),
    no_poll: bool = typer.Option(
        False, "--no-poll", help="Do not poll the topics' feeds (answer commands and post digests only)."
    ),
) -> None:
    """Run the chat bot: start the adapters and answer /brief until stopped (Ctrl-C, SIGTERM or end of input)."""
    from bot.adapters.registry import AdapterConfigError, create
    from bot.core import runtime
    from bot.core.errors import UserError

    settings = state(ctx).settings()
    if no_poll:
        settings = settings.model_copy(update={"poll_feeds": False})
    names = list(dict.fromkeys(adapter or settings.adapters))
    if not names:
        raise fail("no adapter to run: pass --adapter NAME or set 'adapters' in the settings", code=2)
    try:
        adapters = [create(name, settings) for name in names]
    except AdapterConfigError as exc:
        raise fail(str(exc), code=2)
    for name in ("briefbot.runtime", "briefbot.scheduler"):  # health and shutdown lines are always shown
        health_log = logging.getLogger(name)
        if health_log.getEffectiveLevel() > logging.INFO:
            health_log.setLevel(logging.INFO)
    if "console" in names and any(getattr(a, "interactive", False) for a in adapters):
        _logs_to_file(settings)  # a person is typing: logs must not interleave with the conversation
    try:
        store = open_configured_store(settings)
        asyncio.run(runtime.run(settings, adapters, store=store))
    except (UserError, AdapterConfigError) as exc:
        raise fail(str(exc))
    except KeyboardInterrupt:  # pragma: no cover - signal handlers normally catch it first
        pass


def _logs_to_file(settings) -> None:
    """Send every log record to ``<data_dir>/briefbot.log`` instead of the terminal."""
    from bot.adapters.console.adapter import log_file

    path = log_file(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write the log file {path}: {exc.strerror or exc}")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)


@app.command("discord-invite")
def discord_invite(
    ctx: typer.Context,
    application_id: Optional[str] = typer.Option(
        None, "--application-id", help="Discord application id (default: the discord.application_id setting)."
    ),
) -> None:
    """Print the OAuth2 URL that adds the bot to a Discord server, with the scopes and permissions it needs."""
    settings = state(ctx).settings()
    app_id = (application_id or settings.discord.application_id or "").strip()
    if not app_id:
        raise fail(
            "no Discord application id: pass --application-id, or set discord.application_id in briefbot.toml "
            "(or BRIEFBOT_DISCORD__APPLICATION_ID); it is on the app's General Information page",
            code=2,
        )
    if not (app_id.isascii() and app_id.isdigit()) or len(app_id) > 20 or int(app_id) >= 2**64:
        raise fail(
            f"the Discord application id is a number (a 64-bit snowflake, up to 20 digits), got '{shorten(app_id)}'", code=2
        )
    from bot.adapters.discord.invite import invite_url

    typer.echo(invite_url(app_id))
