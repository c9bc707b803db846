"""The Discord gateway connection's state (the adapter's ``health()``) and its reconnections counted.

discord.py keeps the gateway connected (``Client.connect(reconnect=True)``): a new session
dispatches ``connect`` (after READY), a resumed one ``resumed``. Every ``connect`` after the
first and every ``resumed`` counts as a reconnection
(``briefbot_adapter_reconnects_total{adapter="discord"}``).
"""

from __future__ import annotations

import asyncio
import logging

from bot.obs import metrics

log = logging.getLogger("bot.adapters.discord.adapter")


class _NoVoiceWarnings(logging.Filter):
    """Drops discord.py's "PyNaCl/davey is not installed, voice will NOT be supported" warnings:
    briefbot never joins voice channels, so they only clutter every start."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "voice will NOT be supported" not in record.getMessage()


logging.getLogger("discord.client").addFilter(_NoVoiceWarnings())


def gateway_problem(client, task: asyncio.Task | None) -> str | None:
    """None when ``client`` (a ``discord.Client``) is ready on an open gateway websocket kept by
    ``task`` (the ``connect`` task; None before start), else what is wrong. Reads state only."""
    if task is None:
        return "the Discord gateway connection has not started"
    if task.done() or client.is_closed():
        return "the Discord gateway connection has ended"
    ws = getattr(client, "ws", None)
    socket = getattr(ws, "socket", None)
    if not client.is_ready() or socket is None or socket.closed:
        return "the Discord gateway is not connected (connecting or reconnecting)"
    return None


def count_reconnects(client) -> None:
    """Count the reconnections of ``client`` (sets its ``on_connect`` and ``on_resumed`` events)."""
    connects = [0]

    async def on_connect() -> None:
        if connects[0]:
            metrics.ADAPTER_RECONNECTS.labels("discord").inc()
        connects[0] += 1

    async def on_resumed() -> None:
        metrics.ADAPTER_RECONNECTS.labels("discord").inc()

    client.on_connect = on_connect
    client.on_resumed = on_resumed


def log_gateway_end(task: asyncio.Task) -> None:
    """Done callback of the gateway task: log why it ended (not for a cancellation or a clean close)."""
    if not task.cancelled() and task.exception() is not None:
        log.error("discord: gateway connection ended: %s", task.exception())
