"""A recording adapter: tests push command text and read what was sent, like a conversation."""

from __future__ import annotations

from bot.adapters.base import CommandHandler, CommandRequest
from bot.core.replies import Reply


class RecordingAdapter:
    name = "recording"

    def __init__(self, settings=None):
        self.handler: CommandHandler | None = None
        self.sent: list[tuple[str, Reply]] = []
        self.started = self.stopped = False

    async def start(self, handler: CommandHandler) -> None:
        self.handler, self.started = handler, True

    async def push(self, text: str, *, channel: str = "C1", user: str = "U1", is_admin: bool = False) -> list[Reply]:
        """Deliver ``text`` as a command and send the replies to ``channel``; returns them."""
        assert self.handler is not None, "adapter not started"
        replies = await self.handler(CommandRequest(self.name, channel, user, text, is_admin))
        for r in replies:
            await self.send(channel, r)
        return replies

    async def send(self, channel: str, reply: Reply) -> None:
        self.sent.append((channel, reply))

    async def stop(self) -> None:
        self.stopped = True
