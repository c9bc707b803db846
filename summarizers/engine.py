"""The brief engine: an :class:`~summarizers.model.ArticleText` in, a :class:`~summarizers.model.Brief` out.

One spaCy pass per article: clean (:mod:`summarizers.textclean`) → language check
(:mod:`summarizers.language`) → cap the length → parse (:mod:`summarizers.document`) →
extractive summary (:mod:`summarizers.summary.select`), actors (:mod:`summarizers.entities.actors`),
issues (:mod:`summarizers.issues.rank`) and quotes (:mod:`summarizers.quotes.attribution`) all read that parse.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading

from summarizers.errors import EmptyTextError
from summarizers.model import ArticleText, Brief

ENGINE_VERSION = 38
"""Bump when the engine's output for the same input and settings changes (invalidates cached briefs)."""

log = logging.getLogger(__name__)
_PARSE_LOCK = threading.Lock()  # one parse at a time over the shared, cached spaCy pipelines


class BriefEngine:
    """Turns articles into briefs with fixed settings.

    ``model``: spaCy model name (falls back to the PyPI re-package, see
    :func:`summarizers.nlp.load_pipeline`); ``summarizer``: one of
    :data:`summarizers.summary.select.ALGORITHMS`; ``sentences``: summary length (>= 1);
    ``max_chars``: longer cleaned texts are cut at a paragraph or sentence boundary to at
    most this many characters (the brief's ``truncated`` flag in :attr:`last_truncated`
    and a log warning say so). The spaCy pipeline is loaded lazily on the first brief and
    shared; a module lock serialises parses, so one engine may be used from worker threads.

    Raises :class:`~summarizers.summary.select.UnknownSummarizerError` (a ``ValueError``) for an
    unknown summarizer and ``ValueError`` for ``sentences < 1`` or ``max_chars < 1``.
    """

    def __init__(self, model: str = "en_core_web_sm", summarizer: str = "textrank", sentences: int = 3,
                 max_chars: int = 100_000):
        from summarizers.summary.select import check_algorithm

        if sentences < 1:
            raise ValueError("sentences must be at least 1")
        if max_chars < 1:
            raise ValueError("max_chars must be positive")
        self.model = model
        self.summarizer = check_algorithm(summarizer)
        self.sentences = int(sentences)
        self.max_chars = int(max_chars)
        self._local = threading.local()

    @property
    def nlp(self):
        """The loaded spaCy ``Language`` (loads it on first use; raises ModelNotFoundError)."""
        from summarizers.nlp import load_pipeline

        return load_pipeline(self.model)

    @property
    def settings_key(self) -> str:
        """A stable hex digest (64 chars) of the settings and :data:`ENGINE_VERSION`, for the brief cache."""
        payload = json.dumps(
            {"v": ENGINE_VERSION, "model": self.model, "summarizer": self.summarizer,
             "sentences": self.sentences, "max_chars": self.max_chars},
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    @property
    def last_truncated(self) -> bool:
        """Whether the last :meth:`brief` in this thread had to cut the text to ``max_chars``."""
        return getattr(self._local, "truncated", False)

    def brief(self, article: ArticleText, topic=None) -> Brief:
        """The brief of ``article`` for ``topic`` (a :class:`config.topics.Topic`, a
        ``{label: terms}`` taxonomy dict, or None for keyphrase issues only).

        Raises :class:`~summarizers.errors.EmptyTextError` when no text is left after
        cleaning, :class:`~summarizers.errors.NotEnglishError` for non-English text and
        :class:`~summarizers.errors.ModelNotFoundError` when no spaCy model is installed.
        """
        from summarizers.entities.actors import extract_actors
        from summarizers.entities.collectives import is_collective
        from summarizers.entities.salience import promote_speakers
        from summarizers.document import parse
        from summarizers.issues.rank import extract_issues
        from summarizers.language import SAMPLE_CHARS, ensure_english
        from summarizers.quotes.attribution import extract_quotes
        from summarizers.summary.select import summarize
        from summarizers.textclean import clean_paragraphs

        meta = article.meta
        # cleaning stops soon after the cap (same result: see clean_paragraphs), and after the
        # language sample, so a huge file is not cleaned beyond what is briefed
        limit = max(self.max_chars, SAMPLE_CHARS)
        paragraphs = [p for p in clean_paragraphs(article.text or "", meta, limit) if p.strip()]
        if not paragraphs:
            raise EmptyTextError(f"no article text left after cleaning{_named(meta)}")
        ensure_english("\n".join(paragraphs))
        paragraphs, truncated = cap_paragraphs(paragraphs, self.max_chars)
        self._local.truncated = truncated
        if truncated:
            log.warning("article%s cut to %d characters", _named(meta), self.max_chars)
        nlp = self.nlp
        with _PARSE_LOCK:
            document = parse(meta, paragraphs, nlp)
            summary = summarize(document, self.summarizer, self.sentences, nlp)
            actors = extract_actors(document)
            speaking = [a for a in actors if not is_collective(a)]
            quotes = extract_quotes(document, speaking)  # fills in roles the text gives by description
            filled = iter(speaking)  # the same actors in the same order, some replaced
            actors = [a if is_collective(a) else next(filled) for a in actors]
            actors = promote_speakers(actors, quotes, meta.title)
            taxonomy = getattr(topic, "issues", topic)
            issues = extract_issues(document, taxonomy if isinstance(taxonomy, dict) else None, summary)
        return Brief(
            topic=getattr(topic, "name", None) or "",
            article=meta,
            summary=summary,
            actors=actors,
            issues=issues,
            quotes=quotes,
        )


def cap_paragraphs(paragraphs: list[str], max_chars: int) -> tuple[list[str], bool]:
    """Keep whole paragraphs while the joined text fits ``max_chars``; cut the first that does
    not at its last sentence end (or word) within the budget. Returns (paragraphs, truncated)."""
    out, used = [], 0
    for p in paragraphs:
        extra = len(p) + (2 if out else 0)
        if used + extra <= max_chars:
            out.append(p)
            used += extra
            continue
        room = max_chars - used - (2 if out else 0)
        if room > 0:
            piece = p[:room]
            cut = max(piece.rfind(". "), piece.rfind("? "), piece.rfind("! "))
            piece = piece[: cut + 1] if cut > 0 else piece.rsplit(" ", 1)[0]
            if piece.strip():
                out.append(piece.strip())
        return out, True
    return out, False


def _named(meta) -> str:
    return f" ({meta.title or meta.url})" if (meta.title or meta.url) else ""
