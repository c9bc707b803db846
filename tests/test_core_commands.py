"""Bot core, as a conversation with a recording adapter: push a command, look at what was sent."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.core.commands import MAX_COUNT, CommandRegistry, Dispatcher, registry, split_words
from bot.core.errors import UserError
from bot.core.replies import BriefReply, Notice
from bot.core.service import BriefService
from bot.store.db import open_store
from tests.fakes.engine import TinyEngine
from tests.fakes.recording import RecordingAdapter
from tests.fakes.seed import add_article

ARTICLE = (
    'Maria Lopez met Juan Perez at the border crossing to discuss migration and trade. '
    'The talks covered fentanyl seizures and tariffs. "We will keep the border open," said Maria Lopez. '
    "Officials expect a second round next month."
)


@pytest.fixture
def sqlite_store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'core.sqlite'}")
    yield s
    s.engine.dispose()


@pytest.fixture
def engine():
    return TinyEngine()


@pytest.fixture
def service(settings, sqlite_store, engine):
    svc = BriefService(settings, sqlite_store, engine_factory=lambda: engine)
    yield svc
    svc.close()


@pytest.fixture
async def chat(service):
    adapter = RecordingAdapter()
    await adapter.start(Dispatcher(service))
    return adapter


def notices(replies):
    return [r for r in replies if isinstance(r, Notice)]


def test_split_words_accepts_every_prefix():
    assert split_words("/brief usmx 3") == ["usmx", "3"]
    assert split_words("brief  usmx") == ["usmx"]
    assert split_words("  usmx 3 ") == ["usmx", "3"]
    assert split_words("/Brief") == []
    assert split_words("briefing") == ["briefing"]


async def test_empty_store_gives_a_helpful_notice(chat):
    replies = await chat.push("/brief usmx")
    assert len(replies) == 1 and isinstance(replies[0], Notice)
    text = " ".join(replies[0].lines)
    assert "No articles yet for usmx" in text and "briefbot ingest usmx" in text
    assert chat.sent == [("C1", replies[0])]


async def test_newest_article_brief(chat, sqlite_store, engine):
    add_article(sqlite_store, "usmx", title="Old", text="Old news about Mexico.", url="https://ex.org/old", hours_ago=5)
    add_article(sqlite_store, "usmx", title="Border talks", text=ARTICLE, url="https://ex.org/new", hours_ago=1)
    add_article(sqlite_store, "world", title="Other", text="Elsewhere.", url="https://ex.org/w", hours_ago=0)
    [reply] = await chat.push("/brief usmx")
    assert isinstance(reply, BriefReply) and reply.topic == "usmx"
    [brief] = reply.briefs
    assert brief.article.title == "Border talks" and brief.article.url == "https://ex.org/new"
    assert {a.name for a in brief.actors} >= {"Maria Lopez", "Juan Perez"}
    assert brief.quotes[0].speaker == "Maria Lopez"
    assert "migration" in [i.label for i in brief.issues]
    assert engine.threads == {"brief-engine_0"}, "the engine must run in its worker thread"


async def test_count_and_cache(chat, sqlite_store, engine):
    for i in range(3):
        add_article(sqlite_store, "usmx", title=f"T{i}", text=f"Story {i} on Mexico.", url=f"https://ex.org/{i}", hours_ago=i)
    [reply] = await chat.push("/brief usmx 2")
    assert [b.article.title for b in reply.briefs] == ["T0", "T1"]
    assert engine.calls == 2
    [again] = await chat.push("brief usmx 3")
    assert [b.article.title for b in again.briefs] == ["T0", "T1", "T2"]
    assert engine.calls == 3, "the two cached briefs must come from the brief cache"
    assert again.briefs[:2] == reply.briefs


async def test_count_is_capped_and_user_told(chat, sqlite_store):
    for i in range(MAX_COUNT + 2):
        add_article(sqlite_store, "usmx", title=f"T{i}", text="Mexico.", url=f"https://ex.org/{i}", hours_ago=i)
    replies = await chat.push(f"/brief usmx {MAX_COUNT + 40}")
    assert f"{MAX_COUNT} is the most" in notices(replies)[0].lines[0]
    assert len(replies[-1].briefs) == MAX_COUNT


async def test_fewer_articles_than_asked(chat, sqlite_store):
    add_article(sqlite_store, "usmx", title="Only", text="Mexico.", url="https://ex.org/1")
    replies = await chat.push("/brief usmx 3")
    assert "Only 1" in notices(replies)[0].lines[0]
    assert len(replies[-1].briefs) == 1


@pytest.mark.parametrize(
    "text, expect",
    [
        ("", "Which topic"),
        ("/brief", "Which topic"),
        ("/brief nonsense", "neither a topic nor a command"),
        ("/brief usmx many", "neither a number"),
        ("/brief usmx 0", "at least one"),
        ("/brief usmx 3 4", "one number or one URL"),
        ("/brief " + "x" * 5000, "neither a topic"),
        ("/brief usmx -2", "neither a number"),
        ("/brief \x00\x1b[2J", "neither a topic"),
    ],
)
async def test_anything_else_gets_a_short_usage_notice(chat, text, expect):
    [reply] = await chat.push(text)
    assert isinstance(reply, Notice)
    body = " ".join(reply.lines)
    assert expect in body and "/brief help" in body
    assert len(body) < 600


async def test_topics_one_line_each(chat, service):
    [reply] = await chat.push("/brief topics")
    assert reply.title == "Topics"
    assert len(reply.lines) == len(service.topics)
    assert reply.lines[0].startswith("usmx — US–Mexico relations") or any(l.startswith("usmx — ") for l in reply.lines)
    assert all("\n" not in line for line in reply.lines)


async def test_help_lists_builtin_and_registered_verbs(service):
    # "remind" is a verb no module registers globally, so the check below is about this
    # private registry only (the scheduler registers subscribe/unsubscribe process-wide).
    reg = registry.copy()

    @reg.verb("remind", usage="remind TOPIC daily HH:MM", summary="remind this channel")
    async def remind(ctx):
        return [Notice(lines=[f"reminding {ctx.request.channel} of {ctx.args[0]} for {ctx.request.user}"])]

    chat = RecordingAdapter()
    await chat.start(Dispatcher(service, reg))
    [help_reply] = await chat.push("/brief help")
    text = "\n".join(help_reply.lines)
    assert "/brief TOPIC N" in text and "/brief topics" in text and "/brief remind TOPIC daily HH:MM" in text
    [done] = await chat.push("/brief REMIND usmx daily 08:00", channel="C9", user="U7")
    assert done.lines == ["reminding C9 of usmx for U7"]
    assert "remind" not in registry, "a private registry must not leak into the process-wide one"


async def test_user_error_and_internal_error_become_notices(service, caplog):
    reg = CommandRegistry()

    @reg.verb("refuse", usage="refuse", summary="x")
    async def refuse(ctx):
        raise UserError("Only admins may do that.")

    @reg.verb("crash", usage="crash", summary="x")
    async def crash(ctx):
        raise RuntimeError("database exploded")

    chat = RecordingAdapter()
    await chat.start(Dispatcher(service, reg))
    [r1] = await chat.push("/brief refuse")
    assert r1.level == "error" and r1.lines == ["Only admins may do that."]
    with caplog.at_level(logging.ERROR, logger="bot.core.commands"):
        [r2] = await chat.push("/brief crash")
    assert r2.level == "error" and "went wrong" in r2.lines[0]
    assert "database exploded" not in " ".join(r2.lines)
    assert any(rec.exc_info and "database exploded" in str(rec.exc_info[1]) for rec in caplog.records)


async def test_article_the_engine_refuses_is_skipped(settings, sqlite_store):
    from summarizers.errors import NotEnglishError

    class Picky(TinyEngine):
        def brief(self, article, topic):
            if "Hola" in article.text:
                raise NotEnglishError("the article is not in English")
            return super().brief(article, topic)

    svc = BriefService(settings, sqlite_store, engine_factory=Picky)
    add_article(sqlite_store, "usmx", title="ES", text="Hola amigos de Mexico.", url="https://ex.org/es", hours_ago=0)
    add_article(sqlite_store, "usmx", title="EN", text="Hello Mexico.", url="https://ex.org/en", hours_ago=1)
    try:
        briefs = await svc.newest_briefs("usmx", 2)
    finally:
        svc.close()
    assert [b.article.title for b in briefs] == ["EN"]


def _add_in_language(store, topic: str, title: str, language: str | None, hours_ago: float, text: str = ARTICLE) -> int:
    """An article as ingestion leaves it, with the language detected at ingest."""
    from datetime import datetime, timedelta, timezone

    from bot.store.models import Article, ArticleTopic

    with store.session() as s:
        art = Article(canonical_url=f"https://ex.org/{title}", url=f"https://ex.org/{title}", title=title, text=text,
                      language=language, published_at=datetime(2024, 5, 1, tzinfo=timezone.utc) - timedelta(hours=hours_ago))
        art.topics.append(ArticleTopic(topic=topic))
        s.add(art)
        s.flush()
        return art.id


async def test_articles_not_in_english_are_skipped_and_the_reply_says_so(chat, sqlite_store):
    # the three newest are Portuguese and German (detected at ingest); an older English one exists
    _add_in_language(sqlite_store, "world", "pt1", "pt", 1)
    _add_in_language(sqlite_store, "world", "pt2", "pt", 2)
    _add_in_language(sqlite_store, "world", "de1", "de", 3)
    _add_in_language(sqlite_store, "world", "en-old", "en", 30)
    [reply] = await chat.push("/brief world")
    assert isinstance(reply, BriefReply) and [b.article.title for b in reply.briefs] == ["en-old"]

    replies = await chat.push("/brief world 3")
    [note] = notices(replies)
    text = " ".join(note.lines)
    assert "Only 1 world article(s) could be briefed" in text
    assert "3 articles in world are not in English (Portuguese, German) and were skipped" in text
    assert "in the store" not in text  # the store holds four: "only 1 in the store" would be untrue


async def test_a_topic_with_only_foreign_articles_says_why_nothing_was_briefed(chat, sqlite_store):
    _add_in_language(sqlite_store, "world", "pt1", "pt", 1)
    [reply] = await chat.push("/brief world 2")
    assert isinstance(reply, Notice)
    text = " ".join(reply.lines)
    assert "No articles for world could be briefed" in text and "No articles yet" not in text
    assert "1 article in world is not in English (Portuguese) and was skipped" in text


async def test_refused_articles_are_replaced_by_older_ones_within_a_bound(settings, sqlite_store):
    from bot.core.service import MAX_EXTRA_ARTICLES
    from summarizers.errors import NotEnglishError

    class Picky(TinyEngine):
        calls = 0

        def brief(self, article, topic):
            Picky.calls += 1
            if article.meta.title.startswith("es"):
                raise NotEnglishError("the article is in Spanish, not English")
            return super().brief(article, topic)

    # language unknown at ingest (NULL: too short to judge, or an old store): the engine decides
    for i in range(MAX_EXTRA_ARTICLES + 5):
        _add_in_language(sqlite_store, "usmx", f"es{i}", None, i)
    _add_in_language(sqlite_store, "usmx", "en-older", None, 5.5)  # between es5 and es6: reached
    _add_in_language(sqlite_store, "usmx", "en-oldest", None, 100)  # beyond the bound: never tried
    svc = BriefService(settings, sqlite_store, engine_factory=Picky)
    try:
        result = await svc.newest("usmx", 2)
    finally:
        svc.close()
    assert [b.article.title for b in result.briefs] == ["en-older"]
    assert Picky.calls == 2 + MAX_EXTRA_ARTICLES  # bounded: not every article in the store
    assert len(result.refused) == Picky.calls - 1
    assert "could not be briefed and were skipped (the article is in Spanish" in " ".join(result.skipped_lines())


PAGE = """<!doctype html><html><head><title>Border talks resume</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Border talks resume</h1>
<p>Maria Lopez met Juan Perez at the border crossing on Monday to discuss migration and trade between
Mexico and the United States, officials said after the meeting ended late in the evening.</p>
<p>The talks covered fentanyl seizures, tariffs on steel and the future of seasonal work visas for
farm workers, according to a statement released by both delegations on Tuesday morning.</p>
<p>"We will keep the border open," said Maria Lopez. Officials expect a second round of talks next month
in Washington, where both sides hope to sign a broader agreement on security cooperation.</p>
</article></body></html>"""


@pytest.fixture
async def page_server():
    from aiohttp import web

    async def talks(request):
        return web.Response(text=PAGE, content_type="text/html")

    async def feed(request):
        return web.Response(text="<rss/>", content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/talks", talks)
    app.router.add_get("/feed", feed)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    await runner.cleanup()


async def test_url_brief_through_the_safe_fetcher(settings, sqlite_store, engine, page_server):
    """/brief TOPIC URL goes through bot.ingest.safety: loopback refused unless allow-listed."""
    svc = BriefService(settings, sqlite_store, engine_factory=lambda: engine)
    allowed = settings.model_copy(update={"http": settings.http.model_copy(update={"allow_private": ["127.0.0.1"]})})
    svc_ok = BriefService(allowed, sqlite_store, engine_factory=lambda: engine)
    chat, chat_ok = RecordingAdapter(), RecordingAdapter()
    await chat.start(Dispatcher(svc))
    await chat_ok.start(Dispatcher(svc_ok))
    try:
        [refused] = await chat.push(f"/brief usmx {page_server}/talks")
        [private] = await chat.push("/brief usmx http://10.0.0.1/x")
        [scheme] = await chat.push("/brief usmx https://[::1]/x")
        [ok] = await chat_ok.push(f"/brief usmx {page_server}/talks")
        [not_html] = await chat_ok.push(f"/brief usmx {page_server}/feed")
    finally:
        svc.close()
        svc_ok.close()
    for notice in (refused, private, scheme, not_html):
        assert isinstance(notice, Notice) and notice.level == "error", notice
        assert notice.lines[0].startswith("Cannot brief ")
    assert "loopback" in refused.lines[0] and "private" in private.lines[0]
    [brief] = ok.briefs
    assert brief.article.title == "Border talks resume"
    assert brief.quotes[0].speaker == "Maria Lopez"


async def test_www_urls_get_a_scheme(settings, sqlite_store, engine):
    from summarizers.model import ArticleMeta, ArticleText

    fetched = []

    async def fetch(url, s):
        fetched.append(url)
        return ArticleText(ArticleMeta(title="Page", url=url), ARTICLE)

    svc = BriefService(settings, sqlite_store, engine_factory=lambda: engine, fetch=fetch)
    chat = RecordingAdapter()
    await chat.start(Dispatcher(svc))
    try:
        [ok] = await chat.push("/brief usmx www.example.org/x")
    finally:
        svc.close()
    assert fetched == ["https://www.example.org/x"] and ok.briefs[0].article.url == fetched[0]


async def test_commands_run_concurrently_with_the_loop(settings, sqlite_store):
    """A slow brief never blocks the event loop: another coroutine keeps running meanwhile."""
    import threading

    gate = threading.Event()

    class Slow(TinyEngine):
        def brief(self, article, topic):
            gate.wait(5)
            return super().brief(article, topic)

    add_article(sqlite_store, "usmx", title="T", text="Mexico.", url="https://ex.org/1")
    svc = BriefService(settings, sqlite_store, engine_factory=Slow)
    try:
        task = asyncio.create_task(svc.newest_briefs("usmx", 1))
        for _ in range(20):
            await asyncio.sleep(0.01)  # the loop is free while the engine works
        assert not task.done()
        gate.set()
        briefs = await task
    finally:
        svc.close()
    assert briefs[0].article.title == "T"


@pytest.mark.parametrize("count", ["9" * 5000, "0" * 4000 + "2", "²"])
async def test_any_count_is_read_without_an_error(chat, sqlite_store, count):
    """int() refuses more than 4,300 digits and takes no '²' although str.isdigit() does."""
    for i in range(MAX_COUNT + 2):
        add_article(sqlite_store, "usmx", title=f"T{i}", text="Mexico.", url=f"https://ex.org/{i}", hours_ago=i)
    replies = await chat.push(f"/brief usmx {count}")
    text = " ".join(line for n in notices(replies) for line in n.lines)
    assert "went wrong" not in text
    if count == "²":
        assert "neither a number of articles nor a URL" in text
    elif count.startswith("9"):
        assert f"{MAX_COUNT} is the most" in text and len(replies[-1].briefs) == MAX_COUNT
    else:
        assert len(replies[-1].briefs) == 2
