"""``briefbot brief TOPIC --article SRC [...]``: brief articles from files, offline.

Sources are resolved by :func:`resolve_sources` (one place to extend with URLs and the
store); each becomes an :class:`~summarizers.model.ArticleText`, the engine makes a brief,
and the result is printed as Markdown (for people) or JSON (the documented shape; several
articles give ``{"topic", "briefs": [...]}``). User errors go to stderr as one line, with a
non-zero exit code and no traceback.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import List, Optional

import typer

from bot.cli.app import app, fail, state

SAMPLE_FILES = {"usmx": "usmx-sample.txt"}
"""Bundled sample articles (config/samples/), written for briefbot; ``--sample`` briefs one."""

FORMATS = ("markdown", "json")


def sample_path(topic: str) -> Path:
    """The bundled sample article for ``topic`` (the US–Mexico sample for topics without their own)."""
    name = SAMPLE_FILES.get(topic, SAMPLE_FILES["usmx"])
    return Path(str(resources.files("config").joinpath("samples", name)))


def resolve_sources(articles: list[str], topic: str, sample: bool, warn) -> list:
    """The articles to brief, as a list of :class:`~summarizers.model.ArticleText`.

    ``articles``: paths given with ``--article`` (in order); ``sample``: add the bundled sample.
    ``warn(message)`` receives warnings (a capped huge file). Raises
    :class:`~summarizers.errors.BriefError` subclasses for unusable sources, and
    ``typer.BadParameter`` when no source is given.
    """
    from bot.ingest.files import load_article

    paths = [Path(a) for a in articles]
    if sample:
        paths.append(sample_path(topic))
    if not paths:
        raise typer.BadParameter("give --article FILE (one or more) or --sample")
    return [load_article(p, warn=warn) for p in paths]


def _warn(message: str) -> None:
    typer.echo(f"briefbot: warning: {message}", err=True)


@app.command("brief")
def brief_command(
    ctx: typer.Context,
    topic: str = typer.Argument(..., help="Topic name, e.g. usmx or world (see config/topics/)."),
    article: Optional[List[str]] = typer.Option(
        None, "--article", "-a", help="Article file (.txt, .html, .json); repeat for several.", show_default=False
    ),
    sample: bool = typer.Option(False, "--sample", help="Brief the bundled sample article (written for briefbot)."),
    format: str = typer.Option("markdown", "--format", "-f", help="Output format: markdown or json."),
    summarizer: Optional[str] = typer.Option(
        None, "--summarizer", "-s", help="lexrank, textrank, lsa, luhn, kl, sumbasic, edmundson or lead (default: settings).",
        show_default=False,
    ),
    sentences: Optional[int] = typer.Option(
        None, "--sentences", "-n", min=1, max=20, help="Summary sentences (default: settings, 3).", show_default=False
    ),
) -> None:
    """Brief one or more articles for TOPIC and print the briefs."""
    from config.topics import TopicError, get_topic
    from summarizers.errors import BriefError
    from summarizers.summary import UnknownSummarizerError

    fmt = format.strip().lower()
    if fmt not in FORMATS:
        raise fail(f"unknown format '{format}'. Use one of: {', '.join(FORMATS)}", code=2)
    settings = state(ctx).settings()
    try:
        topic_obj = get_topic(topic, settings.topics_dir)
    except TopicError as exc:
        raise fail(str(exc), code=2)
    try:
        engine = _engine(settings, summarizer, sentences)
    except UnknownSummarizerError as exc:
        raise fail(str(exc), code=2)

    briefs = []
    try:
        texts = resolve_sources(article or [], topic_obj.name, sample, _warn)
        for text in texts:
            briefs.append(engine.brief(text, topic_obj))
            if engine.last_truncated:
                _warn(f"the article '{text.meta.title or 'untitled'}' is longer than {engine.max_chars} characters; "
                      "only the beginning was briefed")
    except typer.BadParameter as exc:
        raise fail(str(exc), code=2)
    except BriefError as exc:
        raise fail(str(exc))
    typer.echo(render(briefs, topic_obj.name, fmt), nl=False)


def _engine(settings, summarizer: str | None, sentences: int | None):
    from summarizers.engine import BriefEngine

    return BriefEngine(
        model=settings.spacy_model,
        summarizer=summarizer or settings.summarizer,
        sentences=sentences or settings.sentences,
        max_chars=settings.max_article_chars,
    )


def render(briefs: list, topic: str, fmt: str) -> str:
    """The printed output for ``briefs``: JSON (one brief, or ``{"topic", "briefs"}``) or Markdown."""
    if fmt == "json":
        payload = briefs[0].to_dict() if len(briefs) == 1 else {"topic": topic, "briefs": [b.to_dict() for b in briefs]}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    from bot.render.markdown import brief_to_markdown

    return "\n---\n\n".join(brief_to_markdown(b) for b in briefs)
