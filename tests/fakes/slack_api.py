"""A local fake of the Slack Web API and of response_url endpoints, recording every call.

Serves ``/api/<method>`` (auth.test, users.info, chat.postMessage) and ``/hooks/<anything>``
(response_url) on 127.0.0.1. ``script`` queues canned answers for chat.postMessage:
``("429", retry_after)``, ``("500",)`` or ``("error", "not_in_channel")``; ``always`` gives
a channel a permanent answer.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qsl

from aiohttp import web


class FakeSlackAPI:
    def __init__(self, admins: set[str] | None = None):
        self.calls: list[dict] = []  # every call: method, path, body, headers
        self.posts: list[dict] = []  # accepted chat.postMessage bodies
        self.hooks: list[dict] = []  # accepted response_url bodies
        self.script: list[tuple] = []
        self.always: dict[str, tuple] = {}
        self.admins = admins or set()
        self.arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def __aenter__(self) -> "FakeSlackAPI":
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_route("POST", "/hooks/{rest:.*}", self._hook)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc) -> None:
        await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def hook_url(self, name: str = "T1/1/abc") -> str:
        return f"{self.url}/hooks/{name}"

    async def wait_for(self, predicate, timeout: float = 10.0) -> None:
        """Wait until ``predicate()`` holds (checked whenever a call arrives)."""
        async def loop():
            while not predicate():
                self.arrived.clear()
                await self.arrived.wait()
        await asyncio.wait_for(loop(), timeout)

    async def _body(self, request: web.Request) -> dict:
        raw = await request.text()
        if request.content_type == "application/json" and raw:
            return json.loads(raw)
        data = dict(parse_qsl(raw)) if raw else {}
        data.update(request.query)
        return data

    def _record(self, kind: str, request: web.Request, body: dict) -> None:
        self.calls.append({"kind": kind, "path": request.path, "body": body, "auth": request.headers.get("Authorization")})

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        self._record(method, request, body)
        try:
            if method == "auth.test":
                return web.json_response({"ok": True, "url": "https://t.slack.com/", "team": "T", "user": "briefbot",
                                          "team_id": "T1", "user_id": "UBOT", "bot_id": "BBOT"})
            if method == "users.info":
                uid = body.get("user", "")
                return web.json_response({"ok": True, "user": {"id": uid, "is_admin": uid in self.admins}})
            if method == "chat.postMessage":
                canned = self.always.get(body.get("channel")) or (self.script.pop(0) if self.script else None)
                if canned:
                    if canned[0] == "429":
                        return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                                 headers={"Retry-After": str(canned[1])})
                    if canned[0] == "500":
                        return web.Response(status=500, text="internal error")
                    return web.json_response({"ok": False, "error": canned[1]})
                self.posts.append(body)
                return web.json_response({"ok": True, "channel": body.get("channel"), "ts": f"{len(self.posts)}.0001"})
            return web.json_response({"ok": False, "error": "unknown_method"})
        finally:
            self.arrived.set()

    async def _hook(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        self._record("response_url", request, body)
        self.hooks.append(body)
        self.arrived.set()
        return web.Response(text="ok")
