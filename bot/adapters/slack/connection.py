"""Whether the Slack adapter can receive commands now (its ``health()``), and its reconnections counted.

Socket Mode: slack_sdk's client reconnects by itself (Slack's ``disconnect`` messages, a stale
or dropped websocket); every websocket Slack opens starts with a ``hello`` message, so the
``hello`` messages after the first count as reconnections
(``briefbot_adapter_reconnects_total{adapter="slack"}``). HTTP mode: healthy while the
``/slack/events`` server runs.
"""

from __future__ import annotations

from bot.obs import metrics


def socket_problem(handler) -> str | None:
    """None when the Socket Mode websocket of ``handler`` (slack_bolt's ``AsyncSocketModeHandler``,
    None before start) is open, else what is wrong. Safe to call from any thread (reads state only)."""
    if handler is None:
        return "the Slack Socket Mode websocket is not open"
    client = handler.client
    session = client.current_session
    if client.closed:
        return "the Slack Socket Mode client is closed"
    if session is None or session.closed or client.stale:
        return "the Slack Socket Mode websocket is not connected (reconnecting)"
    return None


def count_reconnects(client) -> None:
    """Count the reconnections of slack_sdk Socket Mode ``client`` (a message listener on ``hello``).
    Call before it connects."""
    hellos = [0]

    async def on_message(_client, message: dict, _raw) -> None:
        if message.get("type") == "hello":
            if hellos[0]:
                metrics.ADAPTER_RECONNECTS.labels("slack").inc()
            hellos[0] += 1

    client.message_listeners.append(on_message)
