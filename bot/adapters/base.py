"""The adapter interface every chat platform implements.

An adapter receives commands from its platform, passes them to a :class:`CommandHandler`
(the bot core) and sends :data:`~bot.core.replies.Reply` values back, rendered within its
platform's limits. ``send`` is the single way out, used by command replies and by the
scheduler's digests alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Protocol, runtime_checkable

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


class DeliveryUncertain(DeliveryError):
    """The platform may or may not have taken the message: its answer was an error or never
    came, and its history cannot tell (e.g. a missing history scope). A digest part in this
    state is left to recovery (``bot/digest/deliver.py``), which asks again later."""


@dataclass(frozen=True)
class DigestPart:
    """One message of a digest, rendered by an adapter (see ``Adapter.digest_parts``).

    ``number`` counts from the digest's first part ever sent (a digest resumed after a crash
    goes on numbering after its earlier parts, so a number is never reused for another message
    of the same ``digest_id``); ``total`` is the number of the digest's last part;
    ``article_ids`` are the articles whose stories this message carries (empty for a message
    with only the digest's header); ``message`` is the adapter's payload. A threaded digest's
    parent message has ``opens_thread``; its replies carry the ``thread`` they go into (the
    platform's id: a Slack parent ``ts``, a Discord thread id), filled in once it is known.
    """

    digest_id: str
    number: int
    total: int
    article_ids: tuple[int, ...]
    message: Any = None
    opens_thread: bool = False
    thread: str | None = None


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
    - Digests part by part (all three, or none): ``digest_parts(digest, first=1) ->
      list[DigestPart]`` renders the messages, numbered from ``first``; ``async
      post_part(channel, part)`` posts one and returns once the platform has it (an ambiguous
      answer is checked in the channel before any retry; raises :class:`DeliveryUncertain`
      when that cannot be told, another exception when it was certainly not posted); ``async
      part_posted(channel, digest_id, number) -> bool | None`` whether that message is in the
      channel. The digest runner then records each part as it is confirmed and resumes an
      interrupted digest from its first unconfirmed part.
    - Threaded digests (with the three above): ``digest_parts(digest, first, thread=...)``
      renders only replies into the known ``thread`` (a resumed digest); a part with
      ``opens_thread`` makes ``post_part`` return the id of the thread it opened (None: the
      platform would not open one, and the rest goes inline); ``part_posted(channel,
      digest_id, number, thread=...)`` looks for a reply in that thread.
    - ``classmethod for_sending(settings)``: an instance that will only post (fewer settings needed).
    - ``async start_sending()``: get ready to ``send`` without receiving commands (used by
      ``briefbot digest --channel``, which never calls ``start``); ``stop()`` is called afterwards.
    """

    name: str

    async def start(self, handler: CommandHandler) -> None: ...

    async def send(self, channel: str, reply: Reply) -> None: ...

    async def stop(self) -> None: ...
