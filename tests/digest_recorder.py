"""A recording adapter for subprocess tests, installed through the ``briefbot.adapters`` entry
point of a throw-away distribution (see :func:`install_entry_point`).

Every reply is appended as one JSON line to ``$BRIEFBOT_RECORDER_FILE`` (flushed and fsynced,
like a platform that has accepted the message), then ``send`` lingers
``$BRIEFBOT_RECORDER_DELAY`` seconds — the window in which a test kills the process.
Channels listed in ``$BRIEFBOT_RECORDER_HOLD`` linger *before* writing instead (killed
there, the digest was never posted). ``delivered`` searches that file for a digest id, like searching a channel's history.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path


class RecorderAdapter:
    name = "recorder"

    def __init__(self, settings=None):
        self.path = Path(os.environ["BRIEFBOT_RECORDER_FILE"])
        self.delay = float(os.environ.get("BRIEFBOT_RECORDER_DELAY", "0"))
        self.hold = set(filter(None, os.environ.get("BRIEFBOT_RECORDER_HOLD", "").split(",")))

    async def start(self, handler) -> None:
        self.handler = handler

    async def stop(self) -> None:
        pass

    async def send(self, channel: str, reply) -> None:
        record = {
            "channel": channel,
            "kind": type(reply).__name__,
            "digest_id": getattr(reply, "digest_id", None),
            "article_ids": [i for s in getattr(reply, "stories", []) for i in s.article_ids],
            "pid": os.getpid(),
        }
        if channel in self.hold and self.delay:
            await asyncio.sleep(self.delay)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
            f.flush()
            os.fsync(f.fileno())
        if self.delay and channel not in self.hold:
            await asyncio.sleep(self.delay)

    async def delivered(self, channel: str, digest_id: str) -> bool:
        return any(r["channel"] == channel and r["digest_id"] == digest_id for r in read_records(self.path))


def read_records(path: Path) -> list[dict]:
    """The records written so far (a torn last line is ignored)."""
    if not Path(path).exists():
        return []
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            pass
    return out


def install_entry_point(site: Path) -> None:
    """Write a distribution into ``site`` declaring this adapter as ``briefbot.adapters:recorder``."""
    dist = site / "briefbot_test_recorder-0.1.dist-info"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: briefbot-test-recorder\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[briefbot.adapters]\nrecorder = tests.digest_recorder:RecorderAdapter\n")
