"""The trends chart (bot/quotebank/chart.py): a real PNG of the expected size from one figure
reused for every chart, which must leave nothing of an earlier chart in the next one."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from bot.quotebank import chart
from bot.quotebank.chart import HEIGHT, WIDTH, _Board, draw_issue_chart, png_size, x_ticks, y_ticks


def _days(n: int, start: date = date(2026, 10, 1)) -> list[date]:
    return [start + timedelta(days=i) for i in range(n)]


def test_reused_figure_draws_what_a_fresh_one_draws():
    """A busy chart (six issues, a high peak, a long title), then a quiet one: the quiet one's
    PNG is byte for byte what a figure built for it alone draws (no stale line, label or tick)."""
    busy = {f"issue number {k}": [(i * (k + 2)) % 40 for i in range(60)] for k in range(6)}
    quiet_days = _days(9, date(2026, 11, 20))
    quiet = {"tariffs": [0, 1, 0, 2, 1, 0, 0, 3, 1]}
    draw_issue_chart("a long title about many issues over two months", _days(60), busy)
    reused = draw_issue_chart("usmx: quiet week", quiet_days, quiet)
    fresh = _Board().draw("usmx: quiet week", quiet_days, quiet)
    assert reused == fresh
    assert png_size(reused) == (WIDTH, HEIGHT)
    empty = draw_issue_chart("nothing", quiet_days, {})
    assert empty == _Board().draw("nothing", quiet_days, {}) and empty != reused


def test_chart_is_a_palette_png_of_the_expected_size():
    from io import BytesIO

    from PIL import Image

    png = draw_issue_chart("t", _days(31), {"migration": list(range(31)), "trade": [3] * 31})
    img = Image.open(BytesIO(png))
    assert img.format == "PNG" and img.size == (WIDTH, HEIGHT) and img.mode == "P"
    assert len(img.getcolors()) > 5, "lines in several colours on white, not a blank image"


def test_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="has 2 values for 3 days"):
        draw_issue_chart("t", _days(3), {"x": [1, 2]})


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 31, 365])
def test_x_ticks_are_few_and_start_at_the_first_day(n):
    ticks = x_ticks(n)
    assert len(ticks) <= chart.MAX_X_TICKS and all(0 <= t < n for t in ticks)
    assert ticks[:1] == ([0] if n else [])


@pytest.mark.parametrize("top", [0, 1, 5, 6, 7, 13, 99, 1234])
def test_y_ticks_reach_the_top_in_few_round_steps(top):
    ticks = y_ticks(top)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and ticks[-1] >= max(1, top) and len(ticks) <= 7
    assert str(step)[0] in "125" and set(str(step)[1:]) <= {"0"}
    assert ticks == list(range(0, ticks[-1] + 1, step))


async def test_run_warms_the_chart_only_for_adapters_with_a_deadline(monkeypatch):
    from types import SimpleNamespace

    from bot.core import runtime
    from bot.quotebank import hook

    calls = []
    monkeypatch.setattr(chart, "warm", lambda: calls.append("warm"))
    hook.install()
    hook.install()
    assert runtime.startup_hooks.count(hook.warm_chart) == 1
    await hook.warm_chart(SimpleNamespace(adapters={"console": SimpleNamespace(warm_up=False)}))
    assert calls == []
    await hook.warm_chart(SimpleNamespace(adapters={"slack": SimpleNamespace()}))
    for _ in range(100):
        if calls:
            break
        await asyncio.sleep(0.05)
    assert calls == ["warm"]


def test_a_process_stopped_during_the_chart_warm_up_waits_for_it_and_exits_cleanly(tmp_path):
    """The warm-up thread is joined before the interpreter finalizes: a daemon thread still
    drawing then (inside matplotlib's C++ font code) aborted the process with
    "terminate called without an active exception" (exit -6) when ``briefbot run`` was stopped
    right after it started. The script starts the warm-up and returns at once; its ``atexit``
    handler, which runs after non-daemon threads are joined, sees the chart drawn."""
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "stop_early.py"
    script.write_text(
        "import asyncio, atexit\n"
        "from types import SimpleNamespace\n"
        "from bot.quotebank import chart, hook\n"
        "atexit.register(lambda: print('drawn' if chart._BOARD and not chart._DRAW_LOCK.locked() else 'still warming'))\n"
        "asyncio.run(hook.warm_chart(SimpleNamespace(adapters={'slack': SimpleNamespace()})))\n"
    )
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, str(script)], cwd=repo, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(repo), "PATH": "/usr/bin:/bin", "MPLCONFIGDIR": str(tmp_path / "mpl")})
    assert (done.returncode, done.stdout.strip()) == (0, "drawn"), done.stderr
    assert "terminate called" not in done.stderr
