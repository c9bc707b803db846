"""The fake Slack Web API with Slack's external file upload flow (what ``files_upload_v2`` uses).

1. ``files.getUploadURLExternal`` (``filename``, ``length``, optional ``alt_txt``) answers an
   ``upload_url`` on this server and a ``file_id``;
2. ``POST /upload/<file_id>`` takes the bytes (refused with 400 when the length differs from the
   one announced, as Slack does);
3. ``files.completeUploadExternal`` (``files`` JSON list of ``{id, title}``, ``channel_id``) shares
   the uploaded files in the channel; unknown or never-uploaded ids answer ``file_not_found``.

``share_errors`` (channel → error code) makes step 3 refuse a channel (``not_in_channel``: the
bot is not a member, as Slack answers). ``uploads`` keeps every completed file: ``{"id", "filename", "title", "alt_txt", "channel", "data"}``.
"""

from __future__ import annotations

import json

from aiohttp import web

from tests.fakes.slack_api import FakeSlackAPI


class FakeSlackFilesAPI(FakeSlackAPI):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pending: dict[str, dict] = {}  # file id → announced and (once posted) uploaded file
        self.uploads: list[dict] = []
        self.share_errors: dict[str, str] = {}
        self._files = 0

    def routes(self, app: web.Application) -> None:
        app.router.add_route("POST", "/upload/{file_id}", self._upload)
        super().routes(app)

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method not in ("files.getUploadURLExternal", "files.completeUploadExternal"):
            return await super()._api(request)
        body = await self._body(request)
        self._record(method, request, body)
        try:
            if method == "files.getUploadURLExternal":
                if not body.get("filename") or not str(body.get("length", "")).isdigit():
                    return web.json_response({"ok": False, "error": "invalid_arguments"})
                self._files += 1
                fid = f"F{self._files:08d}"
                self.pending[fid] = {"id": fid, "filename": body["filename"], "length": int(body["length"]),
                                     "alt_txt": body.get("alt_txt"), "data": None}
                return web.json_response({"ok": True, "upload_url": f"{self.url}/upload/{fid}", "file_id": fid})
            if body.get("channel_id") in self.share_errors:
                return web.json_response({"ok": False, "error": self.share_errors[body["channel_id"]]})
            files = json.loads(body.get("files") or "[]")
            done = []
            for f in files:
                item = self.pending.get(f.get("id"))
                if item is None or item["data"] is None:
                    return web.json_response({"ok": False, "error": "file_not_found"})
                done.append(item)
            for item, f in zip(done, files):
                self.uploads.append({**item, "title": f.get("title"), "channel": body.get("channel_id")})
            return web.json_response({"ok": True, "files": [{"id": i["id"], "title": i.get("title")} for i in done]})
        finally:
            self.arrived.set()

    async def _upload(self, request: web.Request) -> web.Response:
        fid = request.match_info["file_id"]
        data = await request.read()
        self.calls.append({"kind": "upload", "path": request.path, "body": {"bytes": len(data)}, "auth": None})
        self.arrived.set()
        item = self.pending.get(fid)
        if item is None:
            return web.Response(status=404, text="unknown upload")
        if len(data) != item["length"]:
            return web.Response(status=400, text="length mismatch")
        item["data"] = data
        return web.Response(text=f"OK - {len(data)}")
