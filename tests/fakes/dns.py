"""A fake DNS for URL-guard tests: chosen answers for names ending in ``.test``."""

from __future__ import annotations

import socket

import pytest


class FakeDNS:
    """Answers for names ending in ``.test`` (a list of answers, one per lookup; the last one
    repeats; None: the name does not resolve), through ``socket.getaddrinfo`` itself: the guard's lookup and any lookup a
    connector would make both see it. Other names resolve as usual."""

    def __init__(self, monkeypatch):
        self.answers: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []
        real = socket.getaddrinfo

        def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
            name = host.decode() if isinstance(host, bytes) else host
            if not (isinstance(name, str) and name.endswith(".test")):
                return real(host, port, family, type, proto, flags)
            self.lookups.append(name)
            queue = self.answers[name]
            if queue is None:  # the name does not resolve
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            addrs = queue.pop(0) if len(queue) > 1 else queue[0]
            out = []
            for a in addrs:
                fam = socket.AF_INET6 if ":" in a else socket.AF_INET
                out.append((fam, socket.SOCK_STREAM, 6, "", (a, int(port or 0), 0, 0) if fam == socket.AF_INET6 else (a, int(port or 0))))
            return out

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def dns(monkeypatch):
    return FakeDNS(monkeypatch)
