"""A local fake of the Slack Web API, of response_url endpoints and of the Socket Mode
websocket, recording every call.

Serves ``/api/<method>`` (auth.test, users.info, chat.postMessage, conversations.history,
apps.connections.open) and ``/hooks/<anything>`` (response_url) on 127.0.0.1. ``script``
queues canned answers for chat.postMessage: ``("429", retry_after)``, ``("500",)`` or
``("error", "not_in_channel")``; ``always`` gives a channel a permanent answer. The ambiguous
answers store the message first, as Slack sometimes does: ``("500-after-store",)`` then answers
HTTP 500, ``("drop-after-store",)`` closes the connection without an answer. ``fault`` (a
function of the request body returning one of those entries, or None) injects them at random
when the script is empty; ``post_delay`` (seconds) slows every accepted post.

Channels keep the messages posted to them (``history``), returned newest first by
``conversations.history`` with Slack's paging (``cursor``/``has_more``) and ``oldest``
filter; message metadata only comes back with ``include_all_metadata``, as on Slack. A post with
``thread_ts`` is a reply: kept in that thread (``threads``), not in the channel's history, and
served by ``conversations.replies`` (parent first); an unknown parent answers ``thread_not_found``.
``history_errors`` makes a channel's history answer an error (``missing_scope`` as Slack
words it). ``hold_posts`` (True, or a predicate on the request body) keeps chat.postMessage
answers waiting until :meth:`release_posts`: with ``hold_stage = "after"`` the message is
stored first (a client crashing then has been posted), with ``"before"`` it is dropped on
release (the client died before Slack took it).

Socket Mode: ``apps.connections.open`` (app-level token) returns ``ws://…/link/?ticket=N`` on
this server; a client that connects gets a ``hello``, then whatever :meth:`push` sends;
its acknowledgements (``{"envelope_id": …}``) are recorded in ``acks`` and in ``calls``
(kind ``ack``) so their order against Web API calls can be checked.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from tests.fakes.server import LocalFakeServer

_SOURCE_LINK = re.compile(r"<(https?://[^|>]+)\|")


class FakeSlackAPI(LocalFakeServer):
    def __init__(self, admins: set[str] | None = None):
        super().__init__()  # calls: every call (kind, path, body, auth)
        self.posts: list[dict] = []  # accepted chat.postMessage bodies
        self.hooks: list[dict] = []  # accepted response_url bodies
        self.script: list[tuple] = []
        self.always: dict[str, tuple] = {}
        self.admins = admins or set()
        self.refused_tokens: set[str] = set()  # auth.test / apps.connections.open answer invalid_auth
        self.history: dict[str, list[dict]] = {}  # channel → messages, oldest first
        self.threads: dict[tuple[str, str], list[dict]] = {}  # (channel, parent ts) → replies, oldest first
        self.history_errors: dict[str, str] = {}  # channel → conversations.history error
        self.fault = None  # body → canned answer or None, consulted when the script is empty
        self.post_delay = 0.0
        self.hold_posts = False  # or a predicate on the chat.postMessage body
        self.hold_stage = "after"
        self.held: list[dict] = []
        self._released = asyncio.Event()
        self.acks: list[dict] = []  # Socket Mode acknowledgements received
        self.sockets: list[web.WebSocketResponse] = []
        self._tickets = 0
        self._ts = 0

    def routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_route("POST", "/hooks/{rest:.*}", self._hook)
        app.router.add_route("GET", "/link/", self._socket)

    async def __aenter__(self) -> "FakeSlackAPI":
        await self.serve()
        return self

    async def __aexit__(self, *exc) -> None:
        self.release_posts()
        for ws in list(self.sockets):
            await ws.close()
        await self.close()

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def hook_url(self, name: str = "T1/1/abc") -> str:
        return f"{self.url}/hooks/{name}"

    async def _body(self, request: web.Request) -> dict:
        raw = await request.text()
        if request.content_type == "application/json" and raw:
            return json.loads(raw)
        data = dict(parse_qsl(raw)) if raw else {}
        data.update(request.query)
        return data

    def _record(self, kind: str, request: web.Request, body: dict) -> None:
        self.calls.append({"kind": kind, "path": request.path, "body": body, "auth": request.headers.get("Authorization")})

    def release_posts(self) -> None:
        """Answer the chat.postMessage calls held by ``hold_posts`` (and stop holding)."""
        self.hold_posts = False
        self._released.set()

    def add_message(self, channel: str, message: dict) -> None:
        """Put a message (someone else's, say) into a channel's history."""
        self.history.setdefault(channel, []).append(dict(message, ts=message.get("ts") or self._next_ts()))

    def digest_posts(self, digest_id: str) -> list[dict]:
        """The accepted chat.postMessage bodies carrying ``digest_id`` in their metadata."""
        return [p for p in self.posts
                if ((p.get("metadata") or {}).get("event_payload") or {}).get("digest_id") == digest_id]

    def source_urls(self, channel: str) -> list[str]:
        """The article URLs listed under "Sources:" in the digest stories posted to ``channel``,
        in order, with repeats: what a reader of the channel got, story by story."""
        out = []
        for p in self.posts:
            if p.get("channel") != channel:
                continue
            blocks = p.get("blocks") or []
            if isinstance(blocks, str):
                blocks = json.loads(blocks)
            for b in blocks:
                for e in b.get("elements", []) if b.get("type") == "context" else []:
                    text = e.get("text", "")
                    if isinstance(text, str) and text.startswith("Sources: "):
                        out += _SOURCE_LINK.findall(text)
        return out

    async def push(self, envelope: dict) -> None:
        """Send a Socket Mode envelope to the newest connected client."""
        await self.sockets[-1].send_str(json.dumps(envelope))

    def _next_ts(self) -> str:
        self._ts += 1
        return f"{int(time.time())}.{self._ts:06d}"

    def _token(self, request: web.Request, body: dict) -> str:
        auth = request.headers.get("Authorization", "")
        return auth.removeprefix("Bearer ").strip() or body.get("token", "")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": len(self.sockets),
                                      "debug_info": {"host": "applink-fake", "approximate_connection_time": 18060},
                                      "connection_info": {"app_id": "A1"}}))
        self.calls.append({"kind": "socket_open", "path": request.path_qs, "body": {}, "auth": None})
        self.arrived.set()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                data = json.loads(msg.data)
                self.acks.append(data)
                self.calls.append({"kind": "ack", "path": request.path, "body": data, "auth": None})
                self.arrived.set()
        return ws

    def _history(self, body: dict) -> web.Response:
        channel = body.get("channel", "")
        if channel in self.history_errors:
            error = self.history_errors[channel]
            extra = {"needed": "channels:history", "provided": "commands,chat:write"} if error == "missing_scope" else {}
            return web.json_response({"ok": False, "error": error, **extra})
        oldest = float(body.get("oldest") or 0)
        with_meta = str(body.get("include_all_metadata", "")).lower() in ("1", "true")
        msgs = [m for m in reversed(self.history.get(channel, [])) if float(m["ts"]) > oldest]
        start = int(body.get("cursor") or 0)
        limit = int(body.get("limit") or 100)
        page = msgs[start:start + limit]
        out = [m if with_meta else {k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(msgs)
        return web.json_response({"ok": True, "messages": out, "has_more": more, "pin_count": 0,
                                  "response_metadata": {"next_cursor": str(start + limit) if more else ""}})

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        self._record(method, request, body)
        try:
            if method in ("auth.test", "apps.connections.open") and self._token(request, body) in self.refused_tokens:
                return web.json_response({"ok": False, "error": "invalid_auth"})
            if method == "apps.connections.open":
                if not self._token(request, body).startswith("xapp-"):
                    return web.json_response({"ok": False, "error": "not_allowed_token_type"})
                self._tickets += 1
                ws_url = self.url.replace("http://", "ws://") + f"/link/?ticket={self._tickets}&app_id=A1"
                return web.json_response({"ok": True, "url": ws_url})
            if method == "conversations.history":
                return self._history(body)
            if method == "conversations.replies":
                return self._replies(body)
            if method == "auth.test":
                return web.json_response({"ok": True, "url": "https://t.slack.com/", "team": "T", "user": "briefbot",
                                          "team_id": "T1", "user_id": "UBOT", "bot_id": "BBOT"})
            if method == "users.info":
                uid = body.get("user", "")
                return web.json_response({"ok": True, "user": {"id": uid, "is_admin": uid in self.admins}})
            if method == "chat.postMessage":
                parent = body.get("thread_ts")
                if parent and self._parent(body.get("channel", ""), parent) is None:
                    return web.json_response({"ok": False, "error": "thread_not_found"})
                canned = self.always.get(body.get("channel")) or (self.script.pop(0) if self.script else None)
                if canned is None and self.fault is not None:
                    canned = self.fault(body)
                if canned and canned[0] in ("500-after-store", "drop-after-store"):
                    self._store_post(body)
                    if canned[0] == "500-after-store":
                        return web.Response(status=500, text="internal error")
                    request.transport.close()  # the client sees the connection drop, no answer
                    return web.Response(status=500, text="dropped")
                if canned:
                    if canned[0] == "429":
                        return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                                 headers={"Retry-After": str(canned[1])})
                    if canned[0] == "500":
                        return web.Response(status=500, text="internal error")
                    return web.json_response({"ok": False, "error": canned[1]})
                hold = self.hold_posts(body) if callable(self.hold_posts) else self.hold_posts
                if hold:
                    self.held.append(body)
                    self.arrived.set()
                    self._released.clear()
                    if self.hold_stage == "before":
                        await self._released.wait()
                        return web.json_response({"ok": False, "error": "request_timeout"})
                if self.post_delay:
                    await asyncio.sleep(self.post_delay)
                ts = self._store_post(body)
                if hold:
                    await self._released.wait()
                return web.json_response({"ok": True, "channel": body.get("channel"), "ts": ts})
            return web.json_response({"ok": False, "error": "unknown_method"})
        finally:
            self.arrived.set()

    def _store_post(self, body: dict) -> str:
        """Accept a chat.postMessage: into ``posts`` and the channel's history; returns its ts."""
        self.posts.append(body)
        ts = self._next_ts()
        message = {"type": "message", "subtype": "bot_message", "text": body.get("text", ""), "ts": ts,
                   "bot_id": "BBOT", "app_id": "A1", "blocks": body.get("blocks")}
        if isinstance(body.get("metadata"), dict):
            message["metadata"] = body["metadata"]
        channel, parent_ts = body.get("channel", ""), body.get("thread_ts")
        if parent_ts:  # a reply: in the thread, not in the channel's history (as on Slack)
            message.update(thread_ts=parent_ts, parent_user_id="UBOT")
            self.threads.setdefault((channel, parent_ts), []).append(message)
            parent = self._parent(channel, parent_ts)
            parent.update(thread_ts=parent_ts, reply_count=parent.get("reply_count", 0) + 1, latest_reply=ts)
        else:
            self.history.setdefault(channel, []).append(message)
        return ts

    def _parent(self, channel: str, ts: str) -> dict | None:
        return next((m for m in self.history.get(channel, []) if m["ts"] == ts), None)

    def thread_posts(self, channel: str, parent_ts: str) -> list[dict]:
        """The replies in the thread of ``parent_ts`` in ``channel``, oldest first."""
        return list(self.threads.get((channel, parent_ts), []))

    def _replies(self, body: dict) -> web.Response:
        """conversations.replies: the parent, then its replies, oldest first, paged like history."""
        channel, ts = body.get("channel", ""), body.get("ts", "")
        if channel in self.history_errors:
            return self._history(body)
        parent = self._parent(channel, ts)
        if parent is None:
            return web.json_response({"ok": False, "error": "thread_not_found"})
        with_meta = str(body.get("include_all_metadata", "")).lower() in ("1", "true")
        msgs = [parent] + self.threads.get((channel, ts), [])
        start, limit = int(body.get("cursor") or 0), int(body.get("limit") or 100)
        page = [m if with_meta else {k: v for k, v in m.items() if k != "metadata"} for m in msgs[start:start + limit]]
        more = start + limit < len(msgs)
        return web.json_response({"ok": True, "messages": page, "has_more": more,
                                  "response_metadata": {"next_cursor": str(start + limit) if more else ""}})

    async def _hook(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        self._record("response_url", request, body)
        self.hooks.append(body)
        self.arrived.set()
        return web.Response(text="ok")


class ThreadedFakeSlack:
    """A fake API server (default :class:`FakeSlackAPI`; any class used as ``async with``) on its
    own event loop in a background thread, for code under test that runs its own loop (a CLI
    command in CliRunner). Use as a context manager; it yields the fake (read its lists after the
    command returned)."""

    def __init__(self, fake_class=None, **kwargs):
        self._make = lambda: (fake_class or FakeSlackAPI)(**kwargs)
        self.api = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-api", daemon=True)

    def __enter__(self):
        self._thread.start()

        async def up():
            self.api = self._make()
            return await self.api.__aenter__()

        return asyncio.run_coroutine_threadsafe(up(), self._loop).result(10)

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self.api.__aexit__(None, None, None), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()
