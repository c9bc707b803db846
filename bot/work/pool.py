"""A local pool of worker processes that survives the death of its workers.

:class:`LocalPool` wraps :class:`concurrent.futures.ProcessPoolExecutor` (``forkserver`` start
method on Linux, ``spawn`` elsewhere: no process forked from a threaded parent). Each worker
process has its own interpreter, spaCy pipeline and lxml, so extraction and briefing run on
every core without the process-wide lxml lock of :mod:`bot.ingest.extract`.

When a worker process dies (killed, out of memory, a native crash), the executor is broken and
every unit it held fails with ``BrokenProcessPool``. :meth:`LocalPool.run` then replaces the
executor (once per breakage) and submits the unit again, so no unit is lost and no caller
waits forever. Each worker notes which unit it runs (a mark file per process): only a unit that
was running when the pool broke uses one of its :data:`MAX_ATTEMPTS`; units that were only
queued are submitted again for free. A unit that kills its worker every time raises
:class:`UnitLost`, and the units queued behind it still run. Workers start on the first unit, or all at once with :meth:`LocalPool.start`.

With ``preload`` (a :class:`~bot.work.units.UnitSpec`), the forkserver warms the engine of that
spec once (:mod:`bot.work.preload`) before it forks any worker, so the workers share the loaded
spaCy pipeline copy-on-write instead of each loading its own (a fixed cost per worker that
does not shrink with the number of workers). The forkserver is one per process: the first pool
that starts it decides what it preloads; later pools' workers load what they need lazily.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import multiprocessing
import os
import signal
import shutil
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable

from bot.obs import metrics
from bot.work import worklogs

log = logging.getLogger("briefbot.work")

MAX_ATTEMPTS = 3
"""How many times a unit may be running when its worker process dies under it."""

MAX_FREE_RETRIES = 10
"""How many times a unit that was only queued when the pool broke is submitted again without
using an attempt (a bound, so that no unit is retried forever)."""


class UnitLost(RuntimeError):
    """A unit's worker process died under it :data:`MAX_ATTEMPTS` times (the unit likely kills it)."""


PARENT_CHECK_SECONDS = 2.0
"""How often a worker process checks that the process that started the pool is alive."""


def _gone(pid: int) -> bool:
    """True when process ``pid`` no longer runs: it does not exist, or it is a zombie that its
    own parent has not reaped yet (Linux: state Z or X in ``/proc/PID/stat``)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, owned by someone else (pid reused): keep going
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] in {b"Z", b"X"}
    except (OSError, IndexError):
        return False  # no /proc (not Linux): existence is all we can tell


def _watch_parent(parent_pid: int) -> None:
    """Worker initializer: exit when the pool's process is gone (killed with SIGKILL or SIGTERM,
    so it could not stop its workers; also while it is an unreaped zombie), instead of waiting
    for work forever as an orphan that holds its caller's output open."""
    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            if _gone(parent_pid):
                os._exit(1)

    threading.Thread(target=watch, name="briefbot-parent-watch", daemon=True).start()


_MARKS: str | None = None  # in a worker: the folder where it writes the token of the unit it runs


def _start_worker(parent_pid: int, logs, marks: str | None = None) -> None:
    """Worker initializer: log like the pool's process (:mod:`bot.work.worklogs`), watch it, and
    note in ``marks`` which unit this process runs (see :func:`_tracked`)."""
    global _MARKS
    _MARKS = marks
    worklogs.apply(logs)
    _watch_parent(parent_pid)


def _tracked(token: str, fn: Callable[..., Any], *args: Any) -> Any:
    """Run ``fn(*args)`` in a worker with ``token`` written to this process's mark file while it
    runs, so that after the pool breaks the pool can tell the units that were running (one of
    them killed its worker) from those only queued (which lose no attempt)."""
    path = os.path.join(_MARKS, str(os.getpid())) if _MARKS else None
    if path:
        with open(path, "w", encoding="ascii") as f:
            f.write(token)
    try:
        return fn(*args)
    finally:
        if path:
            with open(path, "w", encoding="ascii"):
                pass


def _kill_survivors(executor: ProcessPoolExecutor) -> None:
    """Kill the worker processes still alive in a broken executor. Python 3.11's executor
    does not: its manager thread then joins a worker that waits for work forever (or is
    blocked sending a result nobody reads), and the interpreter hangs at exit."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            if process.is_alive():
                process.kill()
        except (OSError, ValueError):  # already gone or closed
            pass


def _context():
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def start_forkserver(payload: dict) -> bool:
    """Start this process's forkserver now, unless it runs, with :mod:`bot.work.preload` as its
    preload and ``payload`` (JSON-able: what to warm, see :func:`bot.work.preload.spec_from_env`)
    in :data:`~bot.work.preload.SPEC_ENV` while it starts; the caller goes on while it warms.
    Returns True when this call started it; False when it ran already (its preload was decided
    when it started) or the start method is not ``forkserver``."""
    ctx = _context()
    if ctx.get_start_method() != "forkserver":
        return False
    from multiprocessing import forkserver

    from bot.work import preload as preload_module

    if getattr(forkserver._forkserver, "_forkserver_pid", None) is not None:
        return False
    ctx.set_forkserver_preload(["__main__", preload_module.__name__])
    saved = os.environ.get(preload_module.SPEC_ENV)
    main_file = getattr(sys.modules["__main__"], "__file__", None)
    os.environ[preload_module.SPEC_ENV] = json.dumps({**payload, "main": os.path.normpath(main_file) if main_file else None})
    try:
        _spawn_ignoring_interrupts(forkserver.ensure_running)
    finally:
        if saved is None:
            os.environ.pop(preload_module.SPEC_ENV, None)
        else:
            os.environ[preload_module.SPEC_ENV] = saved
    return True


def _spawn_ignoring_interrupts(spawn) -> None:
    """Run ``spawn`` (the forkserver's fork and exec) with SIGINT ignored, so that the new
    process ignores it from its first instruction (an ignored signal stays ignored across
    exec): a Ctrl-C while its interpreter still imports printed a traceback of its own beside
    ``briefbot: interrupted``. The caller's handler is back as soon as the process is started;
    outside the main thread (where handlers cannot change) ``spawn`` simply runs."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:
        spawn()
        return
    try:
        spawn()
    finally:
        signal.signal(signal.SIGINT, previous)


class LocalPool:
    """``workers`` processes running units; thread-safe, usable from several event loops.

    ``workers``: number of processes (at least 1; ValueError otherwise). ``preload``: the
    :class:`~bot.work.units.UnitSpec` whose engine the workers' forkserver loads once (None:
    each worker loads its own on its first brief); ``preload_engine=False`` preloads only what
    extraction needs (the engine's ~3 s would delay the first extraction; each worker then
    loads the engine on its first brief). Units are labelled by ``kind`` (extract, brief) in
    the metrics.
    """

    def __init__(self, workers: int, preload=None, preload_engine: bool = True):
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.workers = workers
        self.preload = preload
        self.preload_engine = preload_engine
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0
        self._closed = False
        self._marks = tempfile.mkdtemp(prefix="briefbot-pool-")

    def _current(self) -> tuple[ProcessPoolExecutor, int]:
        with self._lock:
            if self._closed:
                raise RuntimeError("the pool is closed")
            if self._executor is None:
                ctx = _context()
                if self.preload is not None:
                    start_forkserver({"spec": dataclasses.asdict(self.preload), "engine": self.preload_engine})
                self._executor = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_start_worker,
                                                     initargs=(os.getpid(), worklogs.current(), self._marks))
            return self._executor, self._generation

    def start(self) -> "LocalPool":
        """Start the worker processes now rather than on the first unit, from a background
        thread (with ``preload``, forking waits until the forkserver has warmed the engine; the
        caller goes on meanwhile). Returns self."""
        executor, _ = self._current()

        def spawn() -> None:
            try:
                for _ in range(self.workers):
                    executor.submit(os.getpid)  # no idle worker yet: each submit forks one
            except (BrokenProcessPool, OSError, RuntimeError):  # closed or broken meanwhile: units retry
                pass

        threading.Thread(target=spawn, name="briefbot-pool-start", daemon=True).start()
        return self

    def _spawned(self) -> bool:
        """True when every worker process has been forked (a submit then never waits for a fork)."""
        procs = getattr(self._executor, "_processes", None) or {}
        return len(procs) >= self.workers

    def _replace(self, generation: int) -> None:
        with self._lock:
            if generation != self._generation or self._executor is None:
                return  # another caller replaced it already
            broken, self._executor = self._executor, None
            self._generation += 1
        log.warning("a worker process died; starting new worker processes and retrying its units")
        _kill_survivors(broken)
        broken.shutdown(wait=False, cancel_futures=True)

    def submit(self, fn: Callable[..., Any], *args: Any, token: str | None = None) -> tuple[Future, int]:
        """Submit ``fn(*args)`` to the current executor: ``(future, generation)``. With ``token``
        the worker marks the unit as running (:meth:`was_running`)."""
        call = (_tracked, token, fn, *args) if token else (fn, *args)
        executor, generation = self._current()
        try:
            return executor.submit(*call), generation
        except (BrokenProcessPool, OSError, RuntimeError):
            # broken, or being torn down by another thread that saw it break first (submit
            # then fails with "handle is closed" or "cannot schedule new futures after shutdown")
            self._replace(generation)
            executor, generation = self._current()
            return executor.submit(*call), generation

    def was_running(self, token: str) -> bool:
        """True when a worker process was running the unit submitted with ``token`` when it
        stopped (its mark file still names it): the unit may be the one that killed it."""
        try:
            names = os.listdir(self._marks)
        except OSError:
            return True  # no record: count the attempt, as without tracking
        for name in names:
            try:
                with open(os.path.join(self._marks, name), encoding="ascii") as f:
                    if f.read() == token:
                        return True
            except OSError:
                continue
        return False

    @staticmethod
    def _attempts(kind: str):
        """Tokens for the tries of one unit: a try whose unit was running when the pool broke
        counts against :data:`MAX_ATTEMPTS`; one that only waited in the queue does not (at most
        :data:`MAX_FREE_RETRIES` times), so a unit that kills its worker every time does not use
        up the attempts of the units queued behind it. Raises :class:`UnitLost` when used up."""
        counted = free = 0
        while counted < MAX_ATTEMPTS:
            token = uuid.uuid4().hex
            ran = yield token
            if ran or free >= MAX_FREE_RETRIES:
                counted += 1
            else:
                free += 1
            metrics.UNITS_RETRIED.labels(kind).inc()
        metrics.UNITS_FAILED.labels(kind).inc()
        raise UnitLost(f"a worker process died {MAX_ATTEMPTS} times running this {kind} unit")

    def call(self, fn: Callable[..., Any], *args: Any, kind: str = "unit") -> Any:
        """Run ``fn(*args)`` in a worker process and return its result (blocking; see :meth:`run`)."""
        tries = self._attempts(kind)
        token = next(tries)
        while True:
            future, generation = self.submit(fn, *args, token=token)
            try:
                with metrics.unit_running(kind):
                    return future.result()
            except BrokenProcessPool:
                self._replace(generation)
                token = tries.send(self.was_running(token))

    async def run(self, fn: Callable[..., Any], *args: Any, kind: str = "unit") -> Any:
        """Run ``fn(*args)`` (picklable, importable by module name) in a worker process.

        Returns its result, raises what it raises; a worker process dying under the unit
        makes it run again in a new one (at most :data:`MAX_ATTEMPTS` times, then
        :class:`UnitLost`).
        """
        tries = self._attempts(kind)
        token = next(tries)
        while True:
            if self._spawned():
                future, generation = self.submit(fn, *args, token=token)
            else:  # forking may wait for the forkserver's preload: not on the event loop
                future, generation = await asyncio.to_thread(lambda: self.submit(fn, *args, token=token))
            try:
                with metrics.unit_running(kind):
                    return await asyncio.wrap_future(future)
            except BrokenProcessPool:
                self._replace(generation)
                token = tries.send(self.was_running(token))

    def pids(self) -> list[int]:
        """Process ids of the running worker processes (empty before the first unit)."""
        with self._lock:
            executor = self._executor
        procs = getattr(executor, "_processes", None) or {}
        return [p.pid for p in list(procs.values()) if p.is_alive()]

    def close(self, wait: bool = True) -> None:
        """Stop the worker processes (``wait``: let running units finish). Idempotent."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            if getattr(executor, "_broken", False):
                _kill_survivors(executor)
            executor.shutdown(wait=wait, cancel_futures=True)
        shutil.rmtree(self._marks, ignore_errors=True)
