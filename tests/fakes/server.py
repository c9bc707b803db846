"""What every local fake platform API shares: an aiohttp server on 127.0.0.1 (random port),
a record of calls, and waiting until a condition on those calls holds."""

from __future__ import annotations

import asyncio

from aiohttp import web


class LocalFakeServer:
    """Base of the fake Slack and Discord APIs; subclasses add routes in :meth:`routes`."""

    def __init__(self):
        self.calls: list[dict] = []
        self.arrived = asyncio.Event()  # set whenever a call is recorded
        self.url = ""
        self._runner: web.AppRunner | None = None

    def routes(self, app: web.Application) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    async def serve(self) -> None:
        """Start serving on 127.0.0.1 at a free port; sets :attr:`url`."""
        app = web.Application()
        self.routes(app)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def of(self, kind: str) -> list[dict]:
        """The recorded calls of one kind, in arrival order."""
        return [c for c in self.calls if c["kind"] == kind]

    async def wait_for(self, predicate, timeout: float = 10.0) -> None:
        """Wait until ``predicate()`` holds (checked whenever a call arrives)."""

        async def loop():
            while not predicate():
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(loop(), timeout)
