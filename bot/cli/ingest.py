"""``briefbot ingest [TOPIC...]`` polls the topics' feeds once (``--file PATH`` / ``--sample``:
stores local article files instead, see :mod:`bot.ingest.localfiles`); ``briefbot sources``
lists the sources.

Both open the store at ``settings.resolved_database_url`` (migrating it when needed) and sync
the sources table with the topic files. User errors (unknown topic, bad topic file,
unreachable database) print one line to stderr and exit non-zero.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Optional

import typer

from bot.cli.app import app, fail, open_configured_store, state

from bot.core.durations import parse_duration  # noqa: F401  (moved there: one duration rule for every command)


def _topics(settings, names: list[str]):
    from config.topics import TopicError, load_topics, load_topics_checked, unknown_topic_message

    try:
        topics = load_topics(settings.topics_dir)
    except TopicError as exc:
        raise fail(str(exc), code=2)
    wanted = [n.strip().lower() for n in names]
    unknown = [n for n in wanted if n not in topics]
    if unknown:
        raise fail(unknown_topic_message(unknown[0], topics, load_topics_checked(settings.topics_dir)[1]), code=2)
    return topics, wanted


def source_labels(sources: list[tuple[str, str | None]]) -> dict[str, str]:
    """URL → display name for ``(url, name)`` pairs: the name, else the feed URL's host; names
    shared by several feeds get the host added, then the path (``Top stories (example.org/world)``)."""
    from urllib.parse import urlsplit

    def host(url: str) -> str:
        parts = urlsplit(url)
        return (parts.hostname or url) + (f":{parts.port}" if parts.port else "")

    base = {url: (name or "").strip() or host(url) for url, name in sources}
    labels = dict(base)
    for level in ("host", "path"):
        seen: dict[str, list[str]] = {}
        for url, label in labels.items():
            seen.setdefault(label, []).append(url)
        for label, urls in seen.items():
            if len(urls) < 2:
                continue
            for url in urls:
                parts = urlsplit(url)
                where = host(url) if level == "host" else host(url) + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                labels[url] = where if base[url] in (where, host(url)) else f"{base[url]} ({where})"
    return labels


_STYLE = {"ok": "green", "not-modified": "cyan", "empty": "yellow", "malformed": "yellow", "error": "red", "backoff": "magenta"}


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    topic: Optional[List[str]] = typer.Argument(None, help="Topics to poll (default: all).", show_default=False),
    force: bool = typer.Option(False, "--force", help="Also poll sources that are backing off after failures."),
    file: Optional[List[str]] = typer.Option(
        None, "--file", help="Store this local article file (.txt, .html, .json) instead of polling feeds; "
        "repeat for several. TOPICs then choose the topics it may join (default: all).", show_default=False,
    ),
    sample: bool = typer.Option(
        False, "--sample", help="Store the bundled sample articles (written for briefbot) instead of polling feeds."
    ),
) -> None:
    """Poll the topics' feeds once and store new articles; prints a summary table.

    With --file or --sample, store local article files instead (no network).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    settings = state(ctx).settings()
    topics, names = _topics(settings, topic or [])
    if file or sample:
        _ingest_local(settings, topics, names, list(file or []), sample)
        return
    store = open_configured_store(settings)
    err = Console(stderr=True)
    progress = Progress(
        TextColumn("polling"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("poll", total=None)
        report, briefed = poll_and_brief(
            store, settings, topics, names or None, force=force,
            on_start=lambda n: progress.update(task, total=n),
            on_source=lambda _r: progress.advance(task),
        )
    store.engine.dispose()

    table = Table(title=f"briefbot ingest: {', '.join(names) if names else 'all topics'}")
    # "Skipped": entries given up (no usable link, too short, no text); "Retry": entries that could
    # not be fetched this time and are retried next poll (the same count the log line gives)
    for col, kw in (("Source", {}), ("Status", {}), ("New", {"justify": "right"}), ("Known", {"justify": "right"}),
                    ("Skipped", {"justify": "right"}), ("Retry", {"justify": "right"}), ("Problem", {"overflow": "fold"})):
        table.add_column(col, **kw)
    labels = source_labels([(r.url, r.name) for r in report.sources])
    for r in report.sources:
        table.add_row(
            labels[r.url], f"[{_STYLE.get(r.status, 'white')}]{r.status}[/]", str(r.new), str(r.known),
            str(r.skipped) if r.skipped else "", str(r.failed) if r.failed else "", (r.message or "")[:300],
        )
    out = Console(width=max(Console().width, 120) if not sys.stdout.isatty() else None)
    out.print(table)
    summary = sum(r.from_summary for r in report.sources)
    skipped, retry = sum(r.skipped for r in report.sources), sum(r.failed for r in report.sources)
    out.print(
        f"{report.new} new article(s) ({summary} from feed summaries) from {len(report.sources)} source(s); "
        f"{skipped} entr{'y' if skipped == 1 else 'ies'} skipped, {retry} left for the next poll; "
        f"{report.requests} HTTP request(s); {report.errors} source error(s)"
    )
    if briefed:
        out.print(briefed)
    polled = [r for r in report.sources if r.status not in ("backoff", "not-due")]
    if polled and all(r.status == "error" for r in polled):
        raise typer.Exit(1)


def poll_and_brief(store, settings, topics: dict, names: list[str] | None, **kwargs):
    """One poll with units run as the settings say (:class:`bot.work.backend.Work`), waiting for
    the brief units it queued. Returns ``(report, line)``: the :class:`~bot.ingest.poll.PollReport`
    and a sentence about the briefs queued ('' when none were)."""
    import asyncio

    from bot.ingest.poll import poll
    from bot.work.backend import Work

    work = Work(settings)

    async def go():
        try:
            report = await poll(store, settings, topics, names, work=work, **kwargs)
            await work.drain()
            return report
        finally:
            await asyncio.to_thread(work.close)

    report = asyncio.run(go())
    if not work.queued:
        return report, ""
    where = f"queued on {settings.queue.name} for briefbot workers" if work.brokered else f"built by {settings.workers} worker processes"
    return report, f"{work.queued} brief unit(s) {where}"


def _ingest_local(settings, topics: dict, names: list[str], files: list[str], sample: bool) -> None:
    """``ingest --file/--sample``: store local article files, print a table and a summary line.

    One stderr line per failed or skipped file, naming it (the others go on), and per warning;
    exit 1 when any file failed or was not an article.
    """
    import contextlib

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from bot.ingest.localfiles import SAMPLE_SOURCE_NAME, ingest_files, sample_paths, sample_shift

    store = open_configured_store(settings)
    err = Console(stderr=True, highlight=False, soft_wrap=True)

    def report(r) -> None:
        for w in r.warnings:
            err.print(f"briefbot: warning: {escape(w)}")
        if r.status == "error":
            err.print(f"briefbot: error: {escape(r.message or r.path)}")
        elif r.status == "skipped":
            err.print(f"briefbot: warning: {escape(r.message or r.path)}")
        elif not r.topics:
            checked = ", ".join(names or topics) or "(none)"
            err.print(
                f"briefbot: warning: {escape(r.path)}: no topic's keyword filter accepts it (checked: {escape(checked)}); "
                "stored, but it is in no topic's briefs or digests"
            )

    with contextlib.ExitStack() as stack:
        stack.callback(store.engine.dispose)
        min_words = settings.min_article_words
        results = ingest_files(
            store, topics, names or None, files, settings.max_article_chars, on_file=report, min_words=min_words
        )
        if sample:
            bundled = stack.enter_context(sample_paths())
            if not bundled:
                raise fail("no bundled sample articles found in the installed package (config/samples/)")
            results += ingest_files(
                store, topics, names or None, bundled, settings.max_article_chars, on_file=report,
                default_source=SAMPLE_SOURCE_NAME, min_words=min_words,
                shift=sample_shift(bundled, datetime.now(timezone.utc).date()),  # the newest sample: yesterday
            )

    title = "briefbot ingest: " + ("bundled samples" if sample and not files else "local files")
    table = Table(title=title)
    for col, kw in (("File", {"overflow": "fold"}), ("Status", {}), ("Topics", {}), ("Title / problem", {"overflow": "fold"})):
        table.add_column(col, **kw)
    style = {"new": "green", "known": "cyan", "duplicate": "cyan", "skipped": "yellow", "error": "red"}
    for r in results:
        shown = r.path if r.path in files else Path(r.path).name
        detail = r.message if r.status in ("error", "skipped") else (r.title or r.url or "")
        table.add_row(
            escape(shown), f"[{style.get(r.status, 'white')}]{r.status}[/]",
            escape(", ".join(r.topics)) if r.stored else "", escape((detail or "")[:300]),
        )
    out = Console(width=max(Console().width, 120) if not sys.stdout.isatty() else None)
    out.print(table)
    count = {k: sum(r.status == k for r in results) for k in ("new", "known", "duplicate", "skipped", "error")}
    out.print(
        f"{count['new']} new article(s), {count['known'] + count['duplicate']} already stored, "
        f"{count['skipped']} skipped (not articles), {count['error']} error(s) from {len(results)} file(s)"
    )
    if count["error"] + count["skipped"]:  # each was named on stderr above; the others were stored
        raise typer.Exit(1)


@app.command("sources")
def sources_command(ctx: typer.Context) -> None:
    """List the feed sources of all topics with their last poll status."""
    from rich.console import Console
    from rich.table import Table

    from bot.store.sources import feeds_by_url, list_sources, sync_sources

    settings = state(ctx).settings()
    topics, _ = _topics(settings, [])
    store = open_configured_store(settings)
    specs = feeds_by_url(topics)
    with store.session() as s:
        sync_sources(s, topics)
        rows = list_sources(s)
    store.engine.dispose()
    table = Table(title="briefbot sources")
    for col in ("Name", "URL", "Topics", "Status", "Last polled (UTC)", "New", "Failures", "Next poll (UTC)", "Problem"):
        table.add_column(col, overflow="fold")
    fmt = lambda d: d.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M") if isinstance(d, datetime) else "never"  # noqa: E731
    labels = source_labels([(src.url, src.name) for src in rows])
    for src in rows:
        table.add_row(
            labels[src.url], src.url, ", ".join(specs.get(src.url, {}).get("topics", [])) or "(none)",
            f"[{_STYLE.get(src.last_status or '', 'white')}]{src.last_status or 'never polled'}[/]",
            fmt(src.last_polled_at), str(src.last_new_articles or 0), str(src.consecutive_failures or 0),
            fmt(src.next_poll_at) if src.next_poll_at else "", (src.last_error or "")[:200],
        )
    Console(width=max(Console().width, 160) if not sys.stdout.isatty() else None).print(table)
