"""Console adapter through a real subprocess: `briefbot run --adapter console` with real stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.store.db import open_store
from tests.conftest import shared_path
from tests.fakes.seed import add_article

BRIEFBOT = [sys.executable, "-c", "from bot.cli import main; main()"]  # the console script's entry point


def run_console(tmp_path: Path, stdin: str, *, timeout: float = 240, extra_env: dict | None = None,
                extra_args: tuple[str, ...] = ()):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_")) and k != "DISCORD_TOKEN"}
    env.update({"BRIEFBOT_DATA_DIR": str(tmp_path / "data"), "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite'}"})
    env.update(extra_env or {})
    return subprocess.run([*BRIEFBOT, "run", "--adapter", "console", *extra_args], input=stdin, capture_output=True, text=True,
                          timeout=timeout, cwd=tmp_path, env=env)


def test_console_conversation_without_articles(tmp_path):
    proc = run_console(tmp_path, "/brief topics\n\n# a comment\nbrief help\n/brief usmx\nwhat now\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Topics" in out and "usmx — US–Mexico relations" in out and "world — World politics" in out
    assert "briefbot commands" in out and "/brief TOPIC N" in out
    assert "No articles yet for usmx" in out and "briefbot ingest usmx" in out
    assert "'what' is neither a topic nor a command" in out
    assert "Traceback" not in proc.stderr
    # the health line and the clean shutdown are logged
    assert "briefbot 0.1.0 running: adapters=console" in proc.stderr and "briefbot stopped" in proc.stderr
    # replies come in input order
    assert out.index("Topics") < out.index("briefbot commands") < out.index("No articles yet")


def test_no_poll_starts_no_feed_polling(tmp_path):
    """The bundled topics list real feeds: `run` schedules a poll job per feed, `--no-poll` none."""
    polled = run_console(tmp_path, "/brief topics\n")
    quiet = run_console(tmp_path, "/brief topics\n", extra_args=("--no-poll",))
    for proc in (polled, quiet):
        assert proc.returncode == 0, proc.stderr
        assert "usmx — US–Mexico relations" in proc.stdout
    assert "poll_jobs=0" not in polled.stderr and "poll_jobs=" in polled.stderr
    assert "poll_jobs=0" in quiet.stderr


def test_unknown_adapter_and_missing_tokens_are_clear_errors(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_")) and k != "DISCORD_TOKEN"}
    env["BRIEFBOT_DATA_DIR"] = str(tmp_path)
    for args, expect in (
        (["--adapter", "carrier-pigeon"], "unknown adapter 'carrier-pigeon'. Available adapters: console, discord, slack"),
        (["--adapter", "slack"], "SLACK_BOT_TOKEN"),
        (["--adapter", "discord"], "DISCORD_TOKEN"),
    ):
        proc = subprocess.run([*BRIEFBOT, "run", *args], capture_output=True, text=True,
                              cwd=tmp_path, env=env, timeout=60)
        assert proc.returncode == 2, proc.stderr
        assert expect in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
@pytest.mark.shared
def test_console_briefs_the_dw_article(tmp_path):
    """Done-when: `/brief usmx` on the console, with the shared DW article in the store (loaded by the
    ingestion's file loader), prints a brief with its actors, issues and quotes."""
    from bot.ingest.files import load_article

    article = load_article(shared_path("corpus", "000_1a059207eaaebc80.txt"))
    store = open_store(f"sqlite:///{tmp_path / 'c.sqlite'}")
    add_article(store, "usmx", title=article.meta.title or "DW article", text=article.text,
                url="https://www.dw.com/en/us-mexico-article/a-1")
    store.engine.dispose()
    proc = run_console(tmp_path, "/brief usmx\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    actors = out.split("**Actors**")[1].split("**Issues**")[0]
    issues = out.split("**Issues**")[1].split("**Quotes**")[0]
    quotes = out.split("**Quotes**")[1]
    assert "Lopez Obrador" in actors and "Biden" in actors and "Lila Abed" in actors
    assert "migration" in issues and "drug trafficking" in issues
    assert quotes.count("> “") >= 9
    assert "Lila Abed" in quotes


def test_sigterm_shuts_down_cleanly(tmp_path):
    import signal

    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_")) and k != "DISCORD_TOKEN"}
    env.update({"BRIEFBOT_DATA_DIR": str(tmp_path / "data")})
    proc = subprocess.Popen([*BRIEFBOT, "run"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env)
    try:
        proc.stdin.write("/brief topics\n")
        proc.stdin.flush()
        line = proc.stdout.readline()  # the reply proves the bot is up and serving
        assert "Topics" in line
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)  # stdin stays open: only the signal can stop it
        err = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "received SIGTERM, shutting down" in err and "briefbot stopped" in err and "Traceback" not in err


def test_a_byte_order_mark_on_stdin_is_not_part_of_the_first_command(tmp_path):
    proc = run_console(tmp_path, "\ufeff/brief help\n")
    assert proc.returncode == 0, proc.stderr
    assert "briefbot commands" in proc.stdout and "neither a topic nor a command" not in proc.stdout


def test_piped_input_gets_no_banner_or_prompt(tmp_path):
    proc = run_console(tmp_path, "/brief help\n")
    assert "Ctrl-D" not in proc.stdout and not proc.stdout.startswith(">")


def test_a_person_at_a_terminal_gets_a_banner_a_prompt_and_no_logs(tmp_path):
    """stdin is a pseudo-terminal: the banner says what to type and how to end, a prompt waits
    for each command, and the logs (health line, feed failures) go to a file, not the screen."""
    import pty
    import select
    import time

    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_")) and k != "DISCORD_TOKEN"}
    env.update({"BRIEFBOT_DATA_DIR": str(tmp_path / "data"), "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite'}"})
    master, slave = pty.openpty()
    proc = subprocess.Popen([*BRIEFBOT, "run", "--adapter", "console", "--no-poll"], stdin=slave, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path, env=env)
    os.close(slave)
    try:
        out = b""
        deadline = time.monotonic() + 120
        while b"> " not in out and time.monotonic() < deadline:  # the first prompt
            if select.select([proc.stdout], [], [], 1)[0]:
                out += os.read(proc.stdout.fileno(), 65536)
        os.write(master, b"/brief help\n")
        time.sleep(0.5)
        os.write(master, b"\x04")  # Ctrl-D
        rest, err = proc.communicate(timeout=120)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    text = (out + rest).decode()
    assert proc.returncode == 0, err
    assert text.startswith("briefbot console: type /brief help") and "Ctrl-D" in text
    assert f"Logs go to {tmp_path / 'data' / 'briefbot.log'}" in text
    assert "briefbot commands" in text and text.rstrip().endswith(">")  # a prompt after the reply
    assert err.decode().strip() == ""  # nothing logged on the terminal
    assert "briefbot 0.1.0 running" in (tmp_path / "data" / "briefbot.log").read_text()


def test_the_stdin_thread_ends_quietly_when_the_loop_is_gone(monkeypatch):
    """A line arriving after the event loop closed used to raise "Event loop is closed" in the
    reading thread (a thread-exception warning in the test suite)."""
    import asyncio
    import threading

    from bot.adapters.console.adapter import ConsoleAdapter

    failures = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    read_fd, write_fd = os.pipe()
    stdin = os.fdopen(read_fd, "r")

    async def handler(_request):
        return []

    before = set(threading.enumerate())
    readers = []

    async def go():
        adapter = ConsoleAdapter(stdin=stdin, stdout=open(os.devnull, "w"))
        await adapter.start(handler)
        readers.extend(t for t in threading.enumerate() if t.name == "console-stdin" and t not in before)
        await adapter.stop()

    asyncio.run(go())  # the loop is closed now; the thread still waits for a line
    os.write(write_fd, b"/brief help\n")
    os.close(write_fd)
    [reader] = readers
    reader.join(timeout=10)
    assert not reader.is_alive() and failures == []
    stdin.close()
