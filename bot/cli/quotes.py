"""``briefbot quotes TOPIC`` and ``briefbot trends TOPIC``: the quote bank for analysts.

``quotes`` prints the period's quotes grouped by speaker (Markdown), or every quote as one JSON
document or CSV rows (for a spreadsheet); ``--speaker`` and ``--about`` narrow them. ``trends``
prints the actors and issues against the period before and can write the chart (``--chart``).
Before reading, articles of the period missing from the quote bank are briefed (at most 30 per
run; see :mod:`bot.quotebank.catchup`). Bad input: one line on stderr, exit 2.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer

from bot.cli.app import app, fail, open_configured_store, since_option, state
from bot.core.echo import shorten
from bot.quotebank import verbs as _verbs  # noqa: F401  (registers the chat verbs quotes/who/trends)
from bot.quotebank.hook import install as _install_chart_warm_up

_install_chart_warm_up()

FORMATS = ("markdown", "json", "csv")
CSV_COLUMNS = ("published", "topic", "speaker", "role", "quote", "context", "outlet", "title", "url")


def _topic(settings, name: str):
    from config.topics import TopicError, get_topic

    try:
        return get_topic(name, settings.topics_dir)
    except TopicError as exc:
        raise fail(str(exc), code=2)


def _catch_up(settings, store, topic, since) -> None:
    from bot.quotebank.catchup import catch_up
    from summarizers.engine import BriefEngine
    from summarizers.errors import BriefError

    try:
        engine = BriefEngine(settings.spacy_model, settings.summarizer, settings.sentences, settings.max_article_chars)
        done = catch_up(store, engine, topic, since)
    except BriefError as exc:  # no spaCy model installed
        raise fail(str(exc))
    if done.left:
        typer.echo(f"briefbot: warning: {done.left} article(s) of the period are not in the quote bank yet "
                   "(30 are briefed per run); run the command again to include them", err=True)


@app.command("quotes")
def quotes_command(
    ctx: typer.Context,
    topic: str = typer.Argument(..., metavar="TOPIC", help="Topic name, e.g. usmx."),
    since: str = typer.Option("30d", "--since", help="Period before now: 7d, 30d, 2w (at most 100 years)."),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Only this speaker (part of the name is enough).",
                                          show_default=False),
    about: Optional[str] = typer.Option(None, "--about", help="Only quotes whose words or sentence contain these words.",
                                        show_default=False),
    format: str = typer.Option("markdown", "--format", "-f", help="markdown, json or csv."),
) -> None:
    """The topic's quotes of the period, grouped by speaker (most quoted first), with outlets and links."""
    from bot.quotebank.queries import by_speaker, find_quotes, find_speakers

    fmt = format.strip().lower()
    if fmt not in FORMATS:
        raise fail(f"unknown format '{shorten(format)}'. Use one of: {', '.join(FORMATS)}", code=2)
    window = since_option(since)
    if about is not None and not about.strip():
        raise fail("--about needs words to look for", code=2)
    settings = state(ctx).settings()
    t = _topic(settings, topic)
    until = datetime.now(timezone.utc)
    start = until - window
    store = open_configured_store(settings)
    try:
        _catch_up(settings, store, t, start)
        with store.session() as s:
            ids = None
            if speaker is not None:
                matches = find_speakers(s, speaker)
                if not matches:
                    raise fail(f"nobody called '{shorten(speaker)}' is in the quote bank", code=1)
                if len(matches) > 1:
                    names = "; ".join(m.name + (f" ({m.role})" if m.role else "") for m in matches)
                    raise fail(f"'{shorten(speaker)}' fits {len(matches)} speakers: {names}. Give more of the name", code=2)
                ids = [matches[0].speaker_id]
            hits = find_quotes(s, topic=t.name, since=start, until=until, speaker_ids=ids, about=about)
    finally:
        store.engine.dispose()
    if fmt == "json":
        typer.echo(json.dumps({"topic": t.name, "since": start.isoformat(), "until": until.isoformat(), "about": about,
                               "speaker": speaker, "quotes": [_row(h) for h in hits]}, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(_row(h) for h in hits)
        typer.echo(buf.getvalue(), nl=False)
    else:
        typer.echo(_markdown(t.name, start, until, by_speaker(hits), about))


def _row(h) -> dict:
    return {"published": h.published_at.isoformat(), "topic": h.topic, "speaker": h.speaker, "role": h.role,
            "quote": h.text, "context": h.context, "outlet": h.outlet, "title": h.title, "url": h.url}


def _markdown(topic: str, since, until, groups, about) -> str:
    from bot.quotebank.report import period_text

    what = f" about “{about}”" if about else ""
    out = [f"# Quotes in {topic}{what}", "", f"{sum(len(g.quotes) for g in groups)} quote(s), {period_text(since, until)}"]
    for g in groups:
        out += ["", f"## {g.name or 'Speaker not stated'}" + (f" — {g.role}" if g.role else "") + f" ({len(g.quotes)})", ""]
        for h in g.quotes:
            link = f" — [{h.title or 'article'}]({h.url})" if h.url else (f" — {h.title}" if h.title else "")
            out.append(f"- “{' '.join(h.text.split())}” — {h.outlet or 'unknown outlet'}, {h.published_at:%Y-%m-%d}{link}")
    return "\n".join(out)


@app.command("trends")
def trends_command(
    ctx: typer.Context,
    topic: str = typer.Argument(..., metavar="TOPIC", help="Topic name, e.g. usmx."),
    since: str = typer.Option("30d", "--since", help="Period before now, compared with the period before it."),
    chart: Optional[Path] = typer.Option(None, "--chart", help="Write the chart of daily articles per leading issue (PNG).",
                                         show_default=False),
) -> None:
    """The topic's leading actors and issues against the period before (counts, change, new names)."""
    from bot.quotebank.chart import issue_chart
    from bot.quotebank.report import period_text
    from bot.quotebank.trends import topic_trends

    window = since_option(since)
    if chart is not None and chart.suffix.lower() != ".png":
        raise fail(f"--chart '{shorten(str(chart))}' must name a .png file", code=2)
    settings = state(ctx).settings()
    t = _topic(settings, topic)
    until = datetime.now(timezone.utc)
    start = until - window
    store = open_configured_store(settings)
    try:
        _catch_up(settings, store, t, start - window)
        with store.session() as s:
            trends = topic_trends(s, t.name, start, until)
    finally:
        store.engine.dispose()
    out = [f"# Trends in {t.name}", "", f"{trends.articles_now} article(s) in the {period_text(start, until)}; "
           f"{trends.articles_before} in the period before"]
    for heading, rows in (("Leading actors", trends.actors), ("Leading issues", trends.issues)):
        out += ["", f"## {heading}", "", "| name | articles | before | change |", "| --- | ---: | ---: | --- |"]
        out += [f"| {r.name}{f' ({r.role})' if r.role else ''} | {r.now} | {r.before} | {'new' if r.new else f'{r.change:+d}'} |"
                for r in rows]
    typer.echo("\n".join(out))
    if chart is not None:
        png = issue_chart(f"{t.name}: articles per day on the leading issues", trends.days, trends.daily)
        try:
            chart.write_bytes(png)
        except OSError as exc:
            raise fail(f"cannot write the chart to {shorten(str(chart))}: {exc.strerror or exc}")
        typer.echo(f"\nChart written to {chart}")
