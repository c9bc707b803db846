"""The adapter interface every chat platform implements.

An adapter receives commands from its platform, passes them to a :class:`CommandHandler`
(the bot core) and sends :data:`~bot.core.replies.Reply` values back, rendered within its
platform's limits. ``send`` is the single way out, used by command replies and by the
scheduler's digests alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Awaitable, Callable, Protocol, runtime_checkable

from bot.core.replies import Reply


@dataclass(frozen=True)
class CommandRequest:
    """A command as the core sees it, whatever the platform.

    ``text`` is what follows ``/brief`` (``"usmx 3"``); ``channel`` the adapter's channel id;
    ``user`` the adapter's user id; ``is_admin`` whether the platform says the user administers
    the workspace or guild.
    """

    adapter: str
    channel: str
    user: str
    text: str
    is_admin: bool = False
    extra: dict = field(default_factory=dict)


CommandHandler = Callable[[CommandRequest], Awaitable[list[Reply]]]


class DeliveryError(Exception):
    """``Adapter.send`` could not deliver the reply (e.g. the console's output was closed).

    ``str(err)`` says why in one line. Callers treat the reply as not delivered (a digest's
    articles stay pending) and need no traceback to explain it.
    """


@runtime_checkable
class Adapter(Protocol):
    """A chat platform. Implementations live in ``bot/adapters/<name>/``.

    - ``name``: the adapter's config name (``console``, ``slack``, ``discord``).
    - ``start(handler)``: connect and begin passing commands to ``handler``; returns when
      started (the adapter runs in the background on the current event loop).
    - ``send(channel, reply)``: post ``reply`` to ``channel``; raises on a permanent failure
      after retrying transient ones.
    - ``stop()``: disconnect cleanly.

    Optional (looked up with ``getattr``):

    - ``async delivered(channel, digest_id) -> bool | None``: whether a digest is already in the
      channel (None: cannot tell); used by digest recovery after a crash (``bot/digest/deliver.py``).
    - ``classmethod for_sending(settings)``: an instance that will only post (fewer settings needed).
    - ``async start_sending()``: get ready to ``send`` without receiving commands (used by
      ``briefbot digest --channel``, which never calls ``start``); ``stop()`` is called afterwards.
    """

    name: str

    async def start(self, handler: CommandHandler) -> None: ...

    async def send(self, channel: str, reply: Reply) -> None: ...

    async def stop(self) -> None: ...
