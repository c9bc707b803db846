"""A local fake of the Discord REST API (the parts the adapter uses), recording every call.

Tests point discord.py at it by setting ``discord.http.Route.BASE`` (the library's API base
URL, the one place where the network would be).

Channel messages are kept per channel (``channel_messages``) with snowflake ids from the
current time, and served by ``GET /channels/{id}/messages`` newest first with Discord's
``before``/``after``/``limit`` paging. A message posted with ``enforce_nonce`` and a nonce
already used in that channel returns the earlier message instead of a new one, as Discord
does. ``history_forbidden`` channels answer history reads with 403 Missing Access.
Messages with attachments (multipart) are recorded with their ``payload_json`` as the body and the
files in ``body["files"]``. ``hold_posts`` keeps channel-message answers waiting (after the message is stored) until
:meth:`release_posts`: the window in which a client may crash after Discord took a message.
``post_faults`` queues ambiguous answers for new channel messages: ``"500-after-store"`` stores
the message and answers HTTP 500, ``"drop-after-store"`` stores it and closes the connection
without an answer. Interaction callbacks, follow-ups and the original response (edit, delete)
are recorded with their flags (64 = ephemeral). Threads: ``POST /channels/{c}/messages/{m}/threads``
starts a public thread (``threads``, id = the message's id), a channel of its own for reads and
posts; ``threads_forbidden`` channels answer it with 403 Missing Permissions, and
``thread_posts_forbidden`` makes posts in any thread answer 403.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone

from aiohttp import web
from discord.utils import time_snowflake

from tests.fakes.server import LocalFakeServer

APP_ID = "1111111111111111111"
BOT_ID = "2222222222222222222"
BOT_USER = {"id": BOT_ID, "username": "briefbot", "discriminator": "0", "global_name": None, "avatar": None, "bot": True}


def _json(data, status: int = 200) -> web.Response:
    # discord.py only decodes bodies whose Content-Type is exactly application/json
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


class FakeDiscordAPI(LocalFakeServer):
    def __init__(self):
        super().__init__()
        self.fail_followups = 0  # answer this many follow-ups with 400 before accepting
        self._n = 0
        self.channel_messages: dict[str, list[dict]] = {}  # channel id → messages, oldest first
        self.history_forbidden: set[str] = set()
        self.threads: dict[str, dict] = {}  # thread id (= the id of the message it started from) → channel object
        self.threads_forbidden: set[str] = set()  # channels where starting a thread answers 403 Missing Permissions
        self.thread_posts_forbidden = False  # posts in threads answer 403 (no Send Messages in Threads)
        self.hold_posts = False
        self.post_faults: list[str] = []
        self._released = asyncio.Event()

    def release_posts(self) -> None:
        """Answer the channel messages held by ``hold_posts`` (and stop holding)."""
        self.hold_posts = False
        self._released.set()

    def add_message(self, channel_id: str, body: dict, author: dict | None = None) -> dict:
        """Put a message (someone else's when ``author`` is given) into a channel's history."""
        msg = self._message(channel_id, body)
        if author is not None:
            msg["author"] = author
        self.channel_messages.setdefault(channel_id, []).append(msg)
        return msg

    def _history(self, channel_id: str, query) -> web.Response:
        if channel_id in self.history_forbidden:
            return _json({"message": "Missing Access", "code": 50001}, status=403)
        msgs = sorted(self.channel_messages.get(channel_id, []), key=lambda m: int(m["id"]), reverse=True)
        limit = int(query.get("limit", 50))
        if "before" in query:
            msgs = [m for m in msgs if int(m["id"]) < int(query["before"])][:limit]
        elif "after" in query:
            msgs = [m for m in msgs if int(m["id"]) > int(query["after"])][-limit:]
        else:
            msgs = msgs[:limit]
        return _json(msgs)

    def _start_thread(self, channel_id: str, message_id: str, body: dict) -> web.Response:
        """``POST /channels/{channel}/messages/{message}/threads``: a public thread whose id is the
        message's (as on Discord); 403 in ``threads_forbidden`` channels, 400 (code 160004) when the
        message already has one, 404 for an unknown message."""
        if channel_id in self.threads_forbidden:
            return _json({"message": "Missing Permissions", "code": 50013}, status=403)
        if not any(m["id"] == message_id for m in self.channel_messages.get(channel_id, [])):
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        if message_id in self.threads:
            return _json({"message": "A thread has already been created for this message", "code": 160004}, status=400)
        self.threads[message_id] = {
            "id": message_id, "type": 11, "guild_id": "5000", "parent_id": channel_id, "owner_id": BOT_ID,
            "name": body.get("name", ""), "last_message_id": None, "rate_limit_per_user": 0, "message_count": 0,
            "member_count": 1, "flags": 0, "total_message_sent": 0,
            "thread_metadata": {"archived": False, "auto_archive_duration": body.get("auto_archive_duration", 1440),
                                "archive_timestamp": "2024-05-01T12:00:00+00:00", "locked": False},
        }
        return _json(self.threads[message_id], status=201)

    def routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/api/v10/{path:.*}", self._any)

    async def __aenter__(self):
        await self.serve()
        return self

    async def __aexit__(self, *exc):
        self.release_posts()
        await self.close()

    @property
    def base(self) -> str:
        return self.url + "/api/v10"


    def _message(self, channel_id: str, body: dict) -> dict:
        self._n += 1
        snowflake = time_snowflake(datetime.now(timezone.utc)) + self._n
        return {"id": str(snowflake), "channel_id": channel_id, "nonce": body.get("nonce"), "type": 0, "content": body.get("content", ""),
                "author": BOT_USER, "embeds": body.get("embeds", []), "mentions": [],
                "attachments": [{"id": str(9000 + i), "filename": f["filename"], "size": len(f["data"]),
                                 "url": f"https://cdn.example/{f['filename']}", "proxy_url": f"https://cdn.example/{f['filename']}"}
                                for i, f in enumerate(body.get("files", []))],
                "mention_roles": [], "pinned": False, "mention_everyone": False, "tts": False,
                "timestamp": "2024-05-01T12:00:00+00:00", "edited_timestamp": None, "flags": body.get("flags", 0),
                "components": []}

    async def _multipart(self, request: web.Request) -> dict:
        """A message with attachments, as discord.py sends it: the ``payload_json`` part is the body;
        each ``files[n]`` part goes into ``body["files"]`` as ``{"filename", "content_type", "data"}``."""
        body: dict = {}
        files = []
        reader = await request.multipart()
        async for part in reader:
            if part.name == "payload_json":
                body.update(json.loads(await part.text()))
            else:
                files.append({"name": part.name, "filename": part.filename,
                              "content_type": part.headers.get("Content-Type"), "data": bytes(await part.read())})
        body["files"] = files
        return body

    async def _any(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        if request.content_type.startswith("multipart"):
            body = await self._multipart(request)
        else:
            raw = await request.text()
            body = json.loads(raw) if raw and request.content_type == "application/json" else {}
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
        elif parts[0] == "webhooks" and parts[-1] == "@original" and request.method == "DELETE":
            kind, resp = "delete_original", web.Response(status=204)
        elif parts[0] == "webhooks" and parts[-1] == "@original" and request.method == "PATCH":
            kind, resp = "edit_original", _json(self._message("0", body))
        elif parts[0] == "webhooks" and request.method == "POST":
            kind = "followup"
            if self.fail_followups > 0:
                self.fail_followups -= 1
                resp = _json({"message": "Invalid Form Body", "code": 50035}, status=400)
            else:
                resp = _json(self._message("0", body))
        elif parts[0] == "channels" and parts[-1] == "messages" and request.method == "POST" and \
                parts[1] in self.threads and self.thread_posts_forbidden:
            kind, resp = "channel_message", _json({"message": "Missing Permissions", "code": 50013}, status=403)
        elif parts[0] == "channels" and parts[-1] == "messages" and request.method == "POST":
            kind = "channel_message"
            kept = self.channel_messages.setdefault(parts[1], [])
            nonce = body.get("nonce") if body.get("enforce_nonce") else None
            earlier = next((m for m in kept if nonce is not None and m.get("nonce") == nonce), None)
            if earlier is not None:
                resp = _json(earlier)
            else:
                msg = self._message(parts[1], body)
                kept.append(msg)
                resp = _json(msg)
                fault = self.post_faults.pop(0) if self.post_faults else None
                if fault == "500-after-store":
                    resp = _json({"message": "500: Internal Server Error", "code": 0}, status=500)
                elif fault == "drop-after-store":
                    self.calls.append({"kind": kind, "method": request.method, "path": path, "body": body})
                    self.arrived.set()
                    request.transport.close()
                    return resp
                if self.hold_posts:
                    self.calls.append({"kind": "held", "method": request.method, "path": path, "body": body})
                    self.arrived.set()
                    self._released.clear()
                    await self._released.wait()
        elif parts[0] == "channels" and parts[-1] == "threads" and len(parts) == 5 and request.method == "POST":
            kind, resp = "start_thread", self._start_thread(parts[1], parts[3], body)
        elif parts[0] == "channels" and parts[-1] == "messages" and request.method == "GET":
            kind, resp = "history", self._history(parts[1], request.query)
        elif parts[0] == "channels" and request.method == "GET" and parts[1] in self.threads:
            kind, resp = "get_channel", _json(self.threads[parts[1]])
        elif parts[0] == "channels" and request.method == "GET":
            kind = "get_channel"
            resp = _json({"id": parts[1], "type": 0, "guild_id": "5000", "name": "briefs", "position": 0,
                                      "permission_overwrites": [], "nsfw": False, "parent_id": None})
        else:
            resp = _json({"message": "404: Not Found", "code": 0}, status=404)
        self.calls.append({"kind": kind, "method": request.method, "path": path, "body": body})
        self.arrived.set()
        return resp
