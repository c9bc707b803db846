"""A local fake of the Discord REST API (the parts the adapter uses), recording every call.

Tests point discord.py at it by setting ``discord.http.Route.BASE`` (the library's API base
URL, the one place where the network would be).
"""

from __future__ import annotations

import asyncio
import json

from aiohttp import web

APP_ID = "1111111111111111111"
BOT_ID = "2222222222222222222"
BOT_USER = {"id": BOT_ID, "username": "briefbot", "discriminator": "0", "global_name": None, "avatar": None, "bot": True}


def _json(data, status: int = 200) -> web.Response:
    # discord.py only decodes bodies whose Content-Type is exactly application/json
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


class FakeDiscordAPI:
    def __init__(self):
        self.calls: list[dict] = []
        self.fail_followups = 0  # answer this many follow-ups with 400 before accepting
        self.arrived = asyncio.Event()
        self.url = ""
        self._runner: web.AppRunner | None = None
        self._n = 0

    async def __aenter__(self):
        app = web.Application()
        app.router.add_route("*", "/api/v10/{path:.*}", self._any)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
        return self

    async def __aexit__(self, *exc):
        await self._runner.cleanup()

    @property
    def base(self) -> str:
        return self.url + "/api/v10"

    def of(self, kind: str) -> list[dict]:
        return [c for c in self.calls if c["kind"] == kind]

    async def wait_for(self, predicate, timeout: float = 10.0) -> None:
        async def loop():
            while not predicate():
                self.arrived.clear()
                await self.arrived.wait()
        await asyncio.wait_for(loop(), timeout)

    def _message(self, channel_id: str, body: dict) -> dict:
        self._n += 1
        return {"id": str(3000000000000000000 + self._n), "channel_id": channel_id, "type": 0, "content": body.get("content", ""),
                "author": BOT_USER, "embeds": body.get("embeds", []), "attachments": [], "mentions": [],
                "mention_roles": [], "pinned": False, "mention_everyone": False, "tts": False,
                "timestamp": "2024-05-01T12:00:00+00:00", "edited_timestamp": None, "flags": body.get("flags", 0),
                "components": []}

    async def _any(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        raw = await request.text()
        body = json.loads(raw) if raw and request.content_type == "application/json" else {}
        if request.content_type.startswith("multipart"):
            body = {"multipart": raw}
        parts = path.strip("/").split("/")
        kind = f"{request.method} {path}"
        resp: web.Response
        if path == "/users/@me":
            kind, resp = "me", _json(BOT_USER)
        elif path == "/oauth2/applications/@me":
            kind = "appinfo"
            resp = _json({"id": APP_ID, "name": "briefbot", "description": "", "icon": None, "bot_public": True,
                                      "bot_require_code_grant": False, "owner": BOT_USER, "verify_key": "00", "flags": 0})
        elif parts[0] == "applications" and parts[-1] == "commands":
            kind = "sync"
            resp = _json([dict(c, id=str(4000000000000000000 + i), application_id=APP_ID, version="1")
                                      for i, c in enumerate(body if isinstance(body, list) else [])])
        elif parts[0] == "interactions" and parts[-1] == "callback":
            kind = "callback"
            if request.query.get("with_response") in ("true", "True", "1"):
                resp = _json({"interaction": {"id": parts[1], "type": 2,
                                              "response_message_loading": body.get("type") == 5,
                                              "response_message_ephemeral": False},
                              "resource": {"type": body.get("type")}})
            else:
                resp = web.Response(status=204)
        elif parts[0] == "webhooks" and request.method == "POST":
            kind = "followup"
            if self.fail_followups > 0:
                self.fail_followups -= 1
                resp = _json({"message": "Invalid Form Body", "code": 50035}, status=400)
            else:
                resp = _json(self._message("0", body))
        elif parts[0] == "channels" and parts[-1] == "messages" and request.method == "POST":
            kind, resp = "channel_message", _json(self._message(parts[1], body))
        elif parts[0] == "channels" and request.method == "GET":
            kind = "get_channel"
            resp = _json({"id": parts[1], "type": 0, "guild_id": "5000", "name": "briefs", "position": 0,
                                      "permission_overwrites": [], "nsfw": False, "parent_id": None})
        else:
            resp = _json({"message": "404: Not Found", "code": 0}, status=404)
        self.calls.append({"kind": kind, "method": request.method, "path": path, "body": body})
        self.arrived.set()
        return resp
