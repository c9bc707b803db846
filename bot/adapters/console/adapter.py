"""ConsoleAdapter: one command per line on standard input, replies printed to standard output.

Accepted lines: ``/brief usmx 3``, ``brief usmx 3`` or just ``usmx 3``; blank lines and lines
starting with ``#`` are skipped; ``quit``/``exit`` or end of input ends the adapter (after
the last reply is printed). Commands run one after another, in input order. Needs no tokens.
A UTF-8 byte-order mark at the start of the input (Windows editors, PowerShell pipes) is ignored.

When standard input is a terminal (a person typing), a short :data:`BANNER` says what to type
and how to end, and a ``>`` prompt is shown whenever briefbot waits for a command; piped
input gets neither. ``briefbot run`` then also sends the logs to a file (see
:func:`log_file`) so they do not interleave with the conversation.

A reply counts as sent only once it is written and flushed: when standard output is closed
(``briefbot ... | head``) :meth:`ConsoleAdapter.send` raises
:class:`~bot.adapters.base.DeliveryError`, so a digest posted to ``console:...`` is not
recorded as delivered, and ``briefbot run`` stops reading commands nobody can see answered.
"""

from __future__ import annotations

import asyncio
import getpass
import logging
import sys
import threading
from pathlib import Path
from typing import TextIO

from bot.adapters.base import CommandHandler, CommandRequest, DeliveryError
from bot.adapters.console.render import render_reply
from bot.core.replies import Reply

CHANNEL = "console"
PROMPT = "> "
BANNER = (
    "briefbot console: type /brief help for the commands, /brief topics for the topics, "
    "/brief usmx for the newest brief. Ctrl-D (or quit) ends."
)
log = logging.getLogger("briefbot.console")


def log_file(settings) -> Path:
    """Where ``briefbot run`` writes its logs while a person uses the console: ``<data_dir>/briefbot.log``."""
    return Path(settings.data_dir) / "briefbot.log"


def is_interactive(stream) -> bool:
    """True when ``stream`` is a terminal (a person typing), False for pipes, files and closed streams."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class ConsoleAdapter:
    """The ``console`` adapter. ``stdin``/``stdout`` default to the process's streams."""

    name = "console"
    warm_up = False  # no acknowledgement deadline: the model loads on the first brief

    def __init__(self, settings=None, *, stdin: TextIO | None = None, stdout: TextIO | None = None):
        self.settings = settings
        self._stdin = stdin or sys.stdin
        self._stdout = stdout or sys.stdout
        self._closed = asyncio.Event()
        self.interactive = is_interactive(self._stdin)
        self._task: asyncio.Task | None = None
        self._lock = asyncio.Lock()
        try:
            self._user = getpass.getuser()
        except Exception:  # pragma: no cover - no login name in some containers
            self._user = "console"

    async def start(self, handler: CommandHandler) -> None:
        """Begin reading standard input in a daemon thread; returns at once."""
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[str | None] = asyncio.Queue()

        def deliver(item: str | None) -> bool:
            try:
                loop.call_soon_threadsafe(lines.put_nowait, item)
                return True
            except RuntimeError:  # the event loop is closed: nobody reads any more
                return False

        def read() -> None:  # daemon thread: a blocked read never holds up shutdown
            try:
                for line in self._stdin:
                    if not deliver(line):
                        return
            except (OSError, ValueError):
                pass
            deliver(None)

        if self.interactive:
            self._write(BANNER + "\n" + _logs_note(self.settings) + "\n" + PROMPT)
        threading.Thread(target=read, name="console-stdin", daemon=True).start()
        self._task = asyncio.create_task(self._serve(lines, handler), name="console-adapter")

    async def _serve(self, lines: asyncio.Queue, handler: CommandHandler) -> None:
        try:
            first = True
            while (line := await lines.get()) is not None:
                text = line.lstrip("\ufeff").strip() if first else line.strip()
                first = False
                if not text or text.startswith("#"):
                    self._prompt()
                    continue
                if text.lower() in ("quit", "exit"):
                    break
                request = CommandRequest(adapter=self.name, channel=CHANNEL, user=self._user, text=text, is_admin=True)
                for reply in await handler(request):
                    await self.send(CHANNEL, reply)
                self._prompt()
        except DeliveryError as exc:  # nobody reads the answers any more: stop
            log.warning("console: %s; no more commands are read", exc)
        finally:
            self._closed.set()

    async def send(self, channel: str, reply: Reply) -> None:
        """Print ``reply`` as text, followed by a blank line, and flush (``channel`` is ignored: there is one).

        Raises :class:`~bot.adapters.base.DeliveryError` when the text cannot be written or
        flushed (a closed pipe, a full disk, a closed stream).
        """
        text = render_reply(reply)
        image = getattr(reply, "image", None)
        if image is not None:  # a quote-bank chart: the terminal cannot show it, so it goes to a file
            text += "\n\n" + await asyncio.to_thread(self._save_image, image)
        async with self._lock:
            try:
                self._stdout.write(text + "\n\n")
                self._stdout.flush()
            except BrokenPipeError as exc:
                raise DeliveryError("cannot write to standard output: its reader has gone (broken pipe)") from exc
            except (OSError, ValueError) as exc:  # ValueError: I/O operation on a closed file
                raise DeliveryError(f"cannot write to standard output: {exc}") from exc

    def _save_image(self, image) -> str:
        """Write a reply's image into ``chart_dir`` (default: the working directory); one line saying where."""
        from pathlib import Path

        from bot.adapters.console.report import write_image

        folder = Path(getattr(self.settings, "chart_dir", None) or ".")
        try:
            return f"Chart ({image.title}) written to {write_image(image, folder)}"
        except OSError as exc:
            return f"The chart could not be written to {folder}: {exc.strerror or exc}"

    def _prompt(self) -> None:
        if self.interactive:
            self._write(PROMPT)

    def _write(self, text: str) -> None:
        try:
            self._stdout.write(text)
            self._stdout.flush()
        except (OSError, ValueError):
            pass  # the next reply reports a closed output

    async def wait_closed(self) -> None:
        """Return when input ended (EOF or ``quit``) and the last reply was printed."""
        await self._closed.wait()

    async def stop(self) -> None:
        """Stop handling input (a command in progress is cancelled)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self._closed.set()


def _logs_note(settings) -> str:
    if settings is None:
        return "Logs are not shown here."
    return f"Logs go to {log_file(settings)}."
