"""Adapter registry (built-ins and a third-party entry point), the runtime's hooks, and discord-invite."""

from __future__ import annotations

import asyncio
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from bot.adapters import registry
from bot.adapters.base import Adapter, CommandRequest
from bot.core import runtime
from bot.core.replies import Notice
from bot.core.service import BriefService
from bot.store.db import open_store
from tests.fakes.engine import TinyEngine


def test_builtins_are_found_and_match_the_declared_entry_points():
    from importlib.metadata import entry_points

    names = registry.available()
    assert {"console", "slack", "discord"} <= set(names)
    for ep in entry_points(group=registry.GROUP):
        if ep.name in registry.BUILTIN:
            assert ep.value == registry.BUILTIN[ep.name], "pyproject and the registry must agree"
    for name in ("console", "slack", "discord"):
        cls = registry.load_class(name)
        assert cls.name == name


def test_unknown_adapter_is_a_clear_error():
    with pytest.raises(registry.AdapterConfigError, match="unknown adapter 'nope'. Available adapters: console"):
        registry.load_class("nope")


def test_third_party_adapter_through_an_entry_point(tmp_path, monkeypatch, settings):
    """A distribution installed on sys.path declaring a briefbot.adapters entry point is found by name."""
    (tmp_path / "briefbot_pigeon.py").write_text(textwrap.dedent('''
        class PigeonAdapter:
            name = "pigeon"
            def __init__(self, settings):
                self.settings = settings
                self.sent = []
            async def start(self, handler):
                self.handler = handler
            async def send(self, channel, reply):
                self.sent.append((channel, reply))
            async def stop(self):
                pass
    '''))
    dist = tmp_path / "briefbot_pigeon-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: briefbot-pigeon\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[briefbot.adapters]\npigeon = briefbot_pigeon:PigeonAdapter\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert registry.available()["pigeon"] == "briefbot_pigeon:PigeonAdapter"
    adapter = registry.create("pigeon", settings)
    assert isinstance(adapter, Adapter) and adapter.settings is settings
    monkeypatch.delitem(sys.modules, "briefbot_pigeon", raising=False)


def test_broken_third_party_adapter_is_reported(tmp_path, monkeypatch):
    dist = tmp_path / "briefbot_broken-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: briefbot-broken\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[briefbot.adapters]\nbroken = no_such_module_xyz:Adapter\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(registry.AdapterConfigError, match="adapter 'broken'.*cannot be loaded"):
        registry.load_class("broken")


class EndingAdapter:
    """Ends by itself after answering one command, like the console at end of input."""

    name = "ending"

    def __init__(self):
        self.sent, self.events = [], []
        self._done = asyncio.Event()

    async def start(self, handler):
        self.events.append("start")
        for reply in await handler(CommandRequest("ending", "c", "u", "topics")):
            await self.send("c", reply)
        self._done.set()

    async def send(self, channel, reply):
        self.sent.append(reply)

    async def wait_closed(self):
        await self._done.wait()

    async def stop(self):
        self.events.append("stop")


async def test_runtime_runs_hooks_and_stops_when_adapters_end(settings, tmp_path, monkeypatch):
    store = open_store(f"sqlite:///{tmp_path / 'rt.sqlite'}")
    engine = TinyEngine()
    service = BriefService(settings, store, engine_factory=lambda: engine)
    seen = []

    async def on_start(rt):
        seen.append(("start", sorted(rt.adapters), rt.store is store))
        await rt.adapters["ending"].send("digest-channel", Notice(lines=["scheduled"]))

    async def on_stop(rt):
        seen.append(("stop", rt.adapters["ending"].events[-1]))

    monkeypatch.setattr(runtime, "startup_hooks", [on_start])
    monkeypatch.setattr(runtime, "shutdown_hooks", [on_stop])
    adapter = EndingAdapter()
    await asyncio.wait_for(runtime.run(settings, [adapter], store=store, service=service, handle_signals=False), 20)
    store.engine.dispose()
    assert seen == [("start", ["ending"], True), ("stop", "start")], "shutdown hooks run before adapters stop"
    assert adapter.events == ["start", "stop"]
    assert adapter.sent[0].title == "Topics" and adapter.sent[1].lines == ["scheduled"]
    assert engine.calls == 0


async def test_runtime_request_stop(settings, tmp_path, monkeypatch):
    from tests.fakes.recording import RecordingAdapter

    store = open_store(f"sqlite:///{tmp_path / 'rt.sqlite'}")
    service = BriefService(settings, store, engine_factory=TinyEngine)
    adapter = RecordingAdapter()

    async def stop_soon(rt):
        asyncio.get_running_loop().call_later(0.05, rt.request_stop)

    monkeypatch.setattr(runtime, "startup_hooks", [stop_soon])
    monkeypatch.setattr(runtime, "shutdown_hooks", [])
    await asyncio.wait_for(runtime.run(settings, [adapter], store=store, service=service, handle_signals=False), 20)
    store.engine.dispose()
    assert adapter.started and adapter.stopped


def test_discord_invite(settings, monkeypatch):
    from bot.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["discord-invite", "--application-id", "123456789012345678"])
    assert res.exit_code == 0, res.output
    url = res.output.strip()
    assert url.startswith("https://discord.com/oauth2/authorize?client_id=123456789012345678")
    assert "scope=bot+applications.commands" in url
    perms = int(url.split("permissions=")[1].split("&")[0])
    # view channel, send, embed links, attach files, use app commands, create public threads, send in threads
    for bit in (10, 11, 14, 15, 31, 35, 38):
        assert perms & (1 << bit)
    assert not perms & (1 << 3), "never asks for Administrator"
    res = runner.invoke(app, ["discord-invite"])
    assert res.exit_code == 2 and "no Discord application id" in res.output
    res = runner.invoke(app, ["discord-invite", "--application-id", "abc"])
    assert res.exit_code == 2 and "snowflake" in res.output
    monkeypatch.setenv("BRIEFBOT_DISCORD__APPLICATION_ID", "42")
    res = runner.invoke(app, ["discord-invite"])
    assert res.exit_code == 0 and "client_id=42" in res.output
