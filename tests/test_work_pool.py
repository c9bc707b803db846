"""The local process pool: units run in worker processes, a worker killed mid-unit loses nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time

import pytest

from bot.obs import metrics
from bot.work.backend import Work
from bot.work.pool import LocalPool, UnitLost
from tests.feedfactory import Entry, article_body, article_page, rss
from tests.ingest_helpers import articles, topic, topics
from tests.work_helpers import die, die_after, slow_pid

pytestmark = pytest.mark.slow


@pytest.fixture
def pool():
    p = LocalPool(2)
    try:
        yield p
    finally:
        p.close(wait=False)


def _kill_when_running(pool: LocalPool, kind: str, done: list) -> threading.Thread:
    """A thread that SIGKILLs one worker process as soon as a unit of ``kind`` runs."""

    def killer() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            pids = pool.pids()
            if pids and metrics.UNITS_RUNNING.labels(kind)._value.get() > 0:
                os.kill(pids[0], signal.SIGKILL)
                done.append(pids[0])
                return
            time.sleep(0.005)

    t = threading.Thread(target=killer, daemon=True)
    t.start()
    return t


async def test_units_run_in_other_processes(pool):
    pids = await asyncio.gather(*(pool.run(slow_pid, 0.2) for _ in range(4)))
    assert os.getpid() not in pids and len(set(pids)) == 2


async def test_a_unit_whose_worker_is_killed_runs_again(pool):
    first = await pool.run(slow_pid, 0)  # workers started
    task = asyncio.ensure_future(pool.run(slow_pid, 1.5))
    await asyncio.sleep(0.5)
    os.kill(first, signal.SIGKILL)
    for pid in pool.pids():
        os.kill(pid, signal.SIGKILL)
    pid = await asyncio.wait_for(task, 60)
    assert pid != first and pid in pool.pids()


async def test_a_unit_that_always_kills_its_worker_fails_instead_of_hanging(pool):
    with pytest.raises(UnitLost):
        await asyncio.wait_for(pool.run(die), 120)
    assert await pool.run(slow_pid, 0) > 0  # the pool still works


async def test_units_queued_behind_a_unit_that_kills_its_worker_every_time_all_run(pool):
    """Each breakage fails every unit the executor held; only the units that were running use an
    attempt, so the ten queued behind the poison unit are not lost with it."""
    await pool.run(slow_pid, 0)  # workers started
    poison = asyncio.ensure_future(pool.run(die_after, 0.3))
    await asyncio.sleep(0.05)
    innocent = [asyncio.ensure_future(pool.run(slow_pid, 0.2)) for _ in range(10)]
    with pytest.raises(UnitLost):
        await asyncio.wait_for(poison, 120)
    pids = await asyncio.wait_for(asyncio.gather(*innocent), 120)
    assert all(pid > 0 for pid in pids)


@pytest.fixture
def ingest_settings(settings):
    settings.http.allow_private = ["127.0.0.1"]
    settings.http.timeout = 10
    settings.http.total_timeout = 20
    return settings


def _feeds(server, feeds: int, entries: int) -> list[str]:
    urls = []
    for f in range(feeds):
        items = []
        for e in range(entries):
            subject = f"trade talks round {f}-{e}"
            link = server.add(f"/f{f}/a{e}", article_page(f"Story {f}-{e}", article_body(subject) * 30))
            items.append(Entry(f"Story {f}-{e}", link, guid=f"{f}-{e}", summary=f"About {subject}."))
        urls.append(server.add(f"/feed{f}.xml", rss(items), content_type="application/rss+xml"))
    return urls


async def test_poll_with_a_pool_worker_killed_mid_ingest_stores_every_article(store, httpserver, ingest_settings, pool):
    """The brief's rule: a pool worker that crashes while it fetches, extracts and stores does not
    lose its articles, store one twice, or hang the poll."""
    from bot.ingest.poll import poll

    urls = _feeds(httpserver, 4, 6)
    ts = topics(topic("bench", urls))
    retried = metrics.UNITS_RETRIED.labels("ingest")._value.get()
    killed: list = []
    killer = _kill_when_running(pool, "ingest", killed)
    work = Work(ingest_settings, pool=pool)
    report = await asyncio.wait_for(poll(store, ingest_settings, ts, work=work), 180)
    killer.join(5)
    assert killed, "no worker was running an ingest unit to kill"
    # entries the killed worker had stored before it died are still new to this poll when the unit runs again
    assert report.new == 24 and sum(r.known for r in report.sources) == 0
    assert report.errors == 0 and sum(r.failed + r.skipped for r in report.sources) == 0
    assert len(articles(store)) == 24 and all(not a.from_feed_summary for a in articles(store))
    assert metrics.UNITS_RETRIED.labels("ingest")._value.get() > retried
    assert len({a.canonical_url for a in articles(store)}) == 24, "no article stored twice"


def test_brief_of_several_articles_in_two_workers_matches_one(monkeypatch, tmp_path):
    """``briefbot brief`` with several --article: the same briefs, in order, with one or two workers."""
    from typer.testing import CliRunner

    from bot.cli import app
    from bot.cli.brief import sample_path

    monkeypatch.chdir(tmp_path)
    one = tmp_path / "one.txt"
    one.write_text("Trade ministers met in Ottawa on Monday.\n\n" + "\n\n".join(article_body("steel tariffs", 6)), encoding="utf-8")
    args = ["brief", "usmx", "--article", str(one), "--article", str(sample_path("usmx")), "--format", "json"]
    outputs = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("BRIEFBOT_WORKERS", workers)
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        outputs[workers] = result.stdout
    assert outputs["1"] == outputs["2"] and '"briefs"' in outputs["1"]


def test_console_script_starts_the_pool_early_and_gives_the_same_briefs(tmp_path):
    """The installed ``briefbot`` script (:mod:`bot.launch`) starts the forkserver before the
    command line is imported; the briefs are those of one process, and a config file given with
    ``-c`` before the command is the one the early forkserver reads (it asks for 2 workers)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from bot.cli.brief import sample_path

    script = Path(sys.executable).with_name("briefbot")
    if not script.exists():
        pytest.skip("the briefbot console script is not installed beside this interpreter")
    one = tmp_path / "one.txt"
    one.write_text("Trade ministers met in Ottawa on Monday.\n\n" + "\n\n".join(article_body("steel tariffs", 6)), encoding="utf-8")
    config = tmp_path / "team.toml"
    config.write_text("workers = 2\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update(BRIEFBOT_DATA_DIR=str(tmp_path / "data"))
    args = ["brief", "usmx", "-a", str(one), "-a", str(sample_path("usmx")), "--format", "json"]
    outputs = {}
    for name, extra, workers in (("one", [], "1"), ("pool", ["-c", str(config)], None)):
        run_env = dict(env, **({"BRIEFBOT_WORKERS": workers} if workers else {}))
        proc = subprocess.run([str(script)] + extra + args, capture_output=True, text=True, env=run_env,
                              cwd=tmp_path, timeout=300)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        outputs[name] = json.loads(proc.stdout)
    assert outputs["one"] == outputs["pool"] and len(outputs["one"]["briefs"]) == 2


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purpose: its state in /proc is Z
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("signum, reaped", [(signal.SIGKILL, True), (signal.SIGKILL, False), (signal.SIGTERM, False)])
def test_workers_of_a_process_killed_with_sigkill_exit_by_themselves(tmp_path, signum, reaped):
    """A ``briefbot`` process killed with SIGKILL (or SIGTERM, which stops it without cleanup)
    cannot stop its pool: the workers notice the pool's process is gone and exit instead of
    lingering as orphans, also while the dead process is a zombie its parent has not reaped yet
    (a script waiting for the output's end before it waits for the process)."""
    import subprocess
    import sys

    script = (
        "import os, sys, time\n"
        "from bot.work.pool import LocalPool\n"
        "from tests.work_helpers import slow_pid\n"
        "pool = LocalPool(2)\n"
        "pool.call(slow_pid, 0.0)\n"
        "print(' '.join(str(p) for p in pool.pids()), flush=True)\n"
        "time.sleep(600)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            cwd=os.path.dirname(os.path.dirname(__file__)))
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert pids and all(_alive(p) for p in pids)
        os.kill(proc.pid, signum)
        if reaped:
            proc.wait(timeout=10)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(p) for p in pids):
            time.sleep(0.2)
        assert not any(_alive(p) for p in pids), "pool workers outlived their killed parent"
    finally:
        if proc.poll() is None:
            proc.kill()


SPANISH = [
    "El ayuntamiento aprobó ayer un plan para ampliar la red de autobuses nocturnos en los barrios del norte de "
    "la ciudad, después de meses de quejas de los vecinos que trabajan en turnos de noche.",
    "La concejala de movilidad explicó que las nuevas líneas empezarán a funcionar en primavera y que el coste "
    "se cubrirá con una parte del presupuesto destinado a obras que se han retrasado.",
]


async def test_pooled_extraction_detects_the_language_in_the_worker_and_stores_it(store, httpserver, ingest_settings, pool):
    """The worker that extracts a page also detects its language (off the polling process); what is
    stored is what detection in the polling process would have given."""
    from bot.ingest.entries import article_language
    from bot.ingest.poll import poll

    en = httpserver.add("/en", article_page("Council approves night buses", article_body("the night bus plan")))
    es = httpserver.add("/es", article_page("Autobuses nocturnos", SPANISH))
    feed = httpserver.add("/f.xml", rss([Entry("Council approves night buses", en), Entry("Autobuses nocturnos", es)]),
                          content_type="application/rss+xml")
    work = Work(ingest_settings, pool=pool)
    report = await asyncio.wait_for(poll(store, ingest_settings, topics(topic("world", [feed])), work=work), 120)
    assert report.new == 2
    stored = {a.title: a for a in articles(store)}
    assert {t: a.language for t, a in stored.items()} == {"Council approves night buses": "en", "Autobuses nocturnos": "es"}
    assert all(a.language == article_language(a.text) for a in stored.values())


def test_a_language_judged_on_other_text_is_detected_again(store):
    """store_entry trusts a page's judged language only for the very text it stores (same length:
    both are prefixes of the page's stripped text); a page cut differently is judged again."""
    from bot.ingest.entries import SourceInfo, store_entry
    from bot.ingest.feeds import FeedEntry
    from bot.ingest.pages import JudgedArticle
    from summarizers.model import ArticleMeta

    from bot.store.models import Source

    with store.session() as s:
        src = Source(url="http://feeds.example/f.xml", name="Feed")
        s.add(src)
        s.flush()
        source = SourceInfo(src.id, src.url, "Feed", ("world",))
    topics_ = topics(topic("world", [source.url]))
    for name, text, cut in (("judged", SPANISH[0], 0), ("cut differently", SPANISH[1], 5)):
        page = JudgedArticle(ArticleMeta(title=name), text, "xx", len(text) - cut)
        entry = FeedEntry(f"http://news.example/{cut}", name, name, None, None, None)
        assert store_entry(store, topics_, source, entry, entry.link, page, 100_000).status == "new"
    stored = {a.title: a.language for a in articles(store)}
    assert stored == {"judged": "xx", "cut differently": "es"}, "trusted only for the text it judged"


def test_pool_workers_do_not_run_the_parents_main_script_again(tmp_path):
    """Workers forked from the preloading forkserver skip re-running the parent's main script (for
    ``briefbot``: importing the whole CLI in every worker); CPython 3.11 would run it in each."""
    import subprocess
    import sys
    from pathlib import Path

    runs = tmp_path / "runs.txt"
    script = tmp_path / "main_script.py"
    script.write_text(
        "import os, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})\n"
        f"open({str(runs)!r}, 'a').write(f'{{os.getpid()}}\\n')\n"
        "if __name__ == '__main__':\n"
        "    from bot.work.pool import LocalPool\n"
        "    from bot.work.units import UnitSpec\n"
        "    from config.settings import load_settings\n"
        "    pool = LocalPool(2, preload=UnitSpec.from_settings(load_settings(workers=2)), preload_engine=False)\n"
        "    print(sorted({pool.call(os.getpid) for _ in range(6)} - {os.getpid()}).__len__() > 0)\n"
        "    pool.close()\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "True"  # the units ran in worker processes
    assert len(runs.read_text().split()) == 1, "the main script ran again in a worker"


def test_pool_workers_log_like_the_process_that_started_them(tmp_path):
    """A worker's log records go where the command's go, in its format (here a log file, as under
    the console adapter), not bare to stderr."""
    import subprocess
    import sys
    from pathlib import Path

    log_file = tmp_path / "briefbot.log"
    script = tmp_path / "logs_script.py"
    script.write_text(
        "import logging, os, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})\n"
        "if __name__ == '__main__':\n"
        f"    handler = logging.FileHandler({str(log_file)!r})\n"
        "    handler.setFormatter(logging.Formatter('STAMP %(levelname)s %(name)s: %(message)s'))\n"
        "    logging.getLogger().addHandler(handler)\n"
        "    logging.getLogger().setLevel(logging.WARNING)\n"
        "    from bot.work.pool import LocalPool\n"
        "    from tests.work_helpers import warn\n"
        "    pool = LocalPool(1)\n"
        "    pid = pool.call(warn, 'page too large')\n"
        "    pool.close()\n"
        "    print(pid != os.getpid())\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr[-2000:]
    assert "STAMP WARNING briefbot.work: page too large" in log_file.read_text()
    assert "page too large" not in done.stderr


@pytest.mark.parametrize("after", [0.3, 1.0, 2.0])
def test_ctrl_c_at_any_moment_of_a_pooled_brief_prints_no_traceback_and_leaves_no_process(tmp_path, after):
    """Ctrl-C (SIGINT to the whole process group) while the console script imports, while the
    forkserver warms the engine, or while workers brief: exit code 130 (or a finished run), no
    traceback from the command or its forkserver, and no process of the group left behind."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("briefbot")
    if not script.exists():
        pytest.skip("the briefbot console script is not installed beside this interpreter")
    args = []
    for n in range(8):
        path = tmp_path / f"a{n}.txt"
        path.write_text(f"Port levy talks, day {n}\n\n" + "\n\n".join(article_body(f"port levy {n}", 8)), encoding="utf-8")
        args += ["-a", str(path)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update(BRIEFBOT_DATA_DIR=str(tmp_path / "data"), BRIEFBOT_WORKERS="2")
    proc = subprocess.Popen([str(script), "brief", "usmx"] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, cwd=tmp_path, start_new_session=True, text=True)
    time.sleep(after)
    try:
        os.killpg(proc.pid, signal.SIGINT)
    except ProcessLookupError:
        pass  # already finished
    err = proc.communicate(timeout=120)[1]
    assert proc.returncode in (0, 130), err
    assert "Traceback" not in err, err
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        pytest.fail("processes of the interrupted command's group are still running")
