"""CPU time and memory of a process and its descendants, sampled from ``/proc`` (Linux), for the
benchmarks that compare worker counts on a shared machine: CPU seconds do not grow when other
people's processes take the cores, wall seconds do.

:class:`TreeSampler` reads, every ``interval`` seconds, each descendant's own CPU time (utime +
stime of ``/proc/PID/stat``, children excluded) and its resident and proportional set size
(``Rss``/``Pss`` of ``/proc/PID/smaps_rollup``: PSS splits pages shared copy-on-write between
the processes sharing them). A process's CPU is its last sample, so up to ``interval`` seconds
of a process that exits are missed.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Proc:
    """One sampled process: ``role`` (main, forkserver, resource-tracker, worker), CPU seconds
    since sampling began, peak RSS and PSS in MB."""

    pid: int
    role: str
    cpu: float = 0.0
    rss_mb: float = 0.0
    pss_mb: float = 0.0


def _stat(pid: int) -> tuple[int, float] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def _memory(pid: int) -> tuple[float, float]:
    rss = pss = 0.0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss, pss


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "main"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ")
    except OSError:
        return "worker"
    if b"forkserver" in cmd:
        return "forkserver"
    if b"resource_tracker" in cmd:
        return "resource-tracker"
    return "worker"


class TreeSampler:
    """Samples ``root`` (a pid) and its descendants (but not those under ``exclude``) every
    ``interval`` seconds from a thread, between :meth:`start` and :meth:`stop`. CPU already spent
    before :meth:`start` is not counted."""

    def __init__(self, root: int, interval: float = 0.2, exclude: set[int] | None = None):
        self.root, self.interval, self.exclude = root, interval, set(exclude or ())
        self.procs: dict[int, Proc] = {}
        self._base: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "TreeSampler":
        self._sample(first=True)
        self._thread.start()
        return self

    def stop(self) -> dict[int, Proc]:
        self._stop.set()
        self._thread.join()
        self._sample()
        return self.procs

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self, first: bool = False) -> None:
        parents: dict[int, int] = {}
        cpu: dict[int, float] = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                got = _stat(int(name))
                if got is not None:
                    parents[int(name)], cpu[int(name)] = got
        tree, todo = [self.root], [self.root]  # parents before their children
        while todo:
            parent = todo.pop(0)
            for pid, ppid in parents.items():
                if ppid == parent and pid not in tree and pid not in self.exclude:
                    tree.append(pid)
                    todo.append(pid)
        for pid in tree:
            if pid not in cpu:
                continue
            if first:
                self._base[pid] = cpu[pid]
            if pid not in self.procs:
                parent = self.procs.get(parents.get(pid, 0))
                forked = parent is not None and parent.role == "forkserver"  # same command line as it
                self.procs[pid] = Proc(pid, "worker" if forked else _role(pid, self.root))
            proc = self.procs[pid]
            proc.cpu = cpu[pid] - self._base.get(pid, 0.0)
            rss, pss = _memory(pid)
            proc.rss_mb, proc.pss_mb = max(proc.rss_mb, rss), max(proc.pss_mb, pss)


def summary(procs: dict[int, Proc]) -> dict:
    """CPU seconds by role (``main``, ``forkserver``, ``workers`` as a list, ``total``) and the
    peak memory of the busiest kind of process (workers when there are any, else main)."""
    workers = sorted((p for p in procs.values() if p.role == "worker"), key=lambda p: -p.cpu)
    by_role = {role: sum(p.cpu for p in procs.values() if p.role == role) for role in ("main", "forkserver")}
    heavy = workers or [p for p in procs.values() if p.role == "main"]
    return {
        **by_role,
        "workers": [round(p.cpu, 1) for p in workers if p.cpu >= 0.05],
        "total": sum(p.cpu for p in procs.values()),
        "rss_mb": max((p.rss_mb for p in heavy), default=0.0),
        "pss_mb": max((p.pss_mb for p in heavy), default=0.0),
    }


def load() -> str:
    """The 1-minute load average, e.g. ``"3.9"``."""
    return f"{os.getloadavg()[0]:.1f}"


def now() -> float:
    return time.perf_counter()
