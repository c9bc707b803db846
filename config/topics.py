"""Topic definitions: which sources to follow, which articles belong, and the issue taxonomy.

A topic is a TOML file ``<name>.toml`` in the bundled ``config/topics/`` folder or in the
user's ``topics_dir`` (a user file with the same name replaces the bundled one)::

    name = "usmx"
    title = "US–Mexico relations"
    description = "..."
    [[feeds]]
    url = "https://example.org/rss"
    name = "Example"            # optional
    interval_minutes = 30       # optional, else settings.poll_interval_minutes
    [filter]
    any = ["mexico", "mexican"] # at least one of these terms ...
    all = []                    # ... and every one of these ...
    none = []                   # ... and none of these (title + text, case/accent-insensitive)
    [issues]
    migration = ["migration", "migrant*", "asylum", "?border", "-border tax*"]

Issue terms (see :mod:`summarizers.issues.rank`): a plain term counts as evidence for its issue
(trailing ``*`` = any ending); ``?term`` is a weak, ambiguous term that counts (at half
weight) only when a plain term of the same issue is also in the article; ``-phrase`` is an
exclusion: matches inside it are ignored ("-energy drink*"). Issue labels are shown joined by
commas in digests, so a label may not contain one.
"""

from __future__ import annotations

import logging
import re
import tomllib
import unicodedata
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

log = logging.getLogger("briefbot.topics")

BUNDLED_TOPICS_DIR = Path(__file__).with_name("topics")
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class TopicError(Exception):
    """A topic is unknown or its file is invalid; ``str(err)`` is meant for the user."""


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents (NFKD), for case- and accent-insensitive matching."""
    if text.isascii():  # the same result, without a Python loop over every character
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def term_regex(term: str) -> str:
    """The regex source of one folded term: literal, or a prefix when it ends in ``*`` (``migra*``)."""
    return re.escape(term[:-1]) + r"\w*" if term.endswith("*") else re.escape(term)


def term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``terms`` (folded here) on word boundaries; a trailing ``*`` is a prefix."""
    parts = [term_regex(t) for t in (fold(term).strip() for term in terms) if t]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?!\w)")


class KeywordFilter(BaseModel):
    """Boolean keyword filter: any-of AND all-of AND NOT none-of, on folded title + text.

    Terms match whole words; ``migra*`` matches any word starting with ``migra``. An empty
    ``any`` list accepts every article (subject to ``all`` and ``none``).
    """

    model_config = ConfigDict(extra="forbid")  # "include" for "any" must not silently accept everything

    any: list[str] = Field(default_factory=list)
    all: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)

    @cached_property
    def _compiled(self) -> tuple:
        return (
            term_pattern(self.any),
            [term_pattern([t]) for t in self.all if fold(t).strip()],
            term_pattern(self.none),
        )

    def matches(self, title: str | None, text: str | None) -> bool:
        """True when the article with this title and text belongs to the topic."""
        hay = fold(f"{title or ''}\n{text or ''}")
        any_re, all_res, none_re = self._compiled
        if any_re is not None and not any_re.search(hay):
            return False
        if any(p is not None and not p.search(hay) for p in all_res):
            return False
        return not (none_re is not None and none_re.search(hay))


class FeedSpec(BaseModel):
    """One source of a topic: an RSS/Atom feed URL, an optional display name and poll interval."""

    model_config = ConfigDict(extra="forbid")

    url: str
    name: str | None = None
    interval_minutes: float | None = Field(None, gt=0, le=43200, description="minutes between polls (at most 30 days)")


class Topic(BaseModel):
    """A topic: name (the command word), title, description, feeds, filter and issue taxonomy.
    Unknown keys are errors, as in ``briefbot.toml``."""

    model_config = ConfigDict(extra="forbid")

    name: str
    title: str
    description: str = ""
    feeds: list[FeedSpec] = Field(default_factory=list)
    filter: KeywordFilter = Field(default_factory=KeywordFilter)
    issues: dict[str, list[str]] = Field(default_factory=dict, description="issue label -> terms")

    @field_validator("issues")
    @classmethod
    def _valid_labels(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        bad = [label for label in v if "," in label or not label.strip()]
        if bad:
            raise ValueError(f"issue labels must be non-empty and contain no comma: {bad[0]!r}")
        return v

    @field_validator("name")
    @classmethod
    def _valid_name(cls, v: str) -> str:
        if not _NAME_RE.match(v):
            raise ValueError("topic names are 1-40 lower-case letters, digits, '-' or '_'")
        return v


def _one_line(exc: Exception) -> str:
    """A pydantic or TOML error as one line: ``field: problem; field: problem`` (no links)."""
    if isinstance(exc, ValidationError):
        parts = []
        for err in exc.errors(include_url=False):
            loc = err.get("loc", ())
            where = ".".join(str(p) for p in loc) or "(file)"
            msg = _unknown_key(loc) if err.get("type") == "extra_forbidden" else err.get("msg", "invalid")
            msg = msg.removeprefix("Value error, ")
            parts.append(f"{where}: {msg}")
        return "; ".join(parts)
    return " ".join(str(exc).split())


def _unknown_key(loc: tuple) -> str:
    """"unknown key", with the allowed keys of its table and the closest one."""
    import difflib

    model: type[BaseModel] = Topic
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation if str(part) in model.model_fields else None
        model = {"feeds": FeedSpec, "filter": KeywordFilter}.get(str(part), annotation)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return "unknown key"
    keys = list(model.model_fields)
    close = difflib.get_close_matches(str(loc[-1]) if loc else "", keys, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown key (allowed: {', '.join(keys)}){hint}"


def load_topic_file(path: Path) -> Topic:
    """Parse one topic TOML file. Raises :class:`TopicError` naming the file and the problem (one line)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TopicError(f"cannot read topic file {path}: {_one_line(exc)}") from exc
    data.setdefault("name", path.stem)
    try:
        return Topic(**data)
    except ValidationError as exc:
        raise TopicError(f"invalid topic file {path}: {_one_line(exc)}") from exc
    except TypeError as exc:  # e.g. a top-level key that is not a string
        raise TopicError(f"invalid topic file {path}: {exc}") from exc


_warned: set[tuple[str, str]] = set()


def load_topics_checked(extra_dir: Path | None = None) -> tuple[dict[str, Topic], dict[str, str]]:
    """All usable topics and the problems of the unusable files.

    Returns ``(topics, problems)``: ``topics`` as :func:`load_topics`; ``problems`` maps the
    name a broken file would give its topic (its file stem) to the one-line reason. A broken
    user file also hides a bundled topic of the same name (it was meant to replace it).
    Raises :class:`TopicError` when ``extra_dir`` is set but not a directory.
    """
    dirs = [BUNDLED_TOPICS_DIR]
    if extra_dir is not None:
        if not Path(extra_dir).is_dir():
            raise TopicError(f"topics_dir is not a directory: {extra_dir}")
        dirs.append(Path(extra_dir))
    topics: dict[str, Topic] = {}
    problems: dict[str, str] = {}
    for d in dirs:
        for path in sorted(Path(d).glob("*.toml")):
            try:
                topic = load_topic_file(path)
            except TopicError as exc:
                key = path.stem.lower()
                problems[key] = str(exc)
                topics.pop(key, None)
                continue
            problems.pop(topic.name, None)
            topics[topic.name] = topic
    return dict(sorted(topics.items())), problems


def load_topics(extra_dir: Path | None = None) -> dict[str, Topic]:
    """All topics, bundled first, then ``extra_dir`` (same name replaces), sorted by name.

    A file that cannot be read or is invalid is skipped with one warning on the
    ``briefbot.topics`` logger (once per file and problem per process), so one broken file
    does not stop the other topics; :func:`get_topic` reports it when that topic is asked
    for. Raises :class:`TopicError` when ``extra_dir`` is set but not a directory.
    """
    topics, problems = load_topics_checked(extra_dir)
    for name, problem in problems.items():
        if (name, problem) not in _warned:
            _warned.add((name, problem))
            log.warning("skipping topic '%s': %s", name, problem)
    return topics


def _shown(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def unknown_topic_message(name: str, topics: dict[str, Topic], problems: dict[str, str] | None = None) -> str:
    """What to tell a user who asked for topic ``name`` that is not among ``topics``: the
    problem of its broken file when there is one, else the known topic names."""
    key = (name or "").strip().lower()
    if problems and key in problems:
        return problems[key]
    return f"unknown topic '{_shown(name or '')}'. Known topics: {', '.join(topics) or '(none)'}"


def get_topic(name: str, extra_dir: Path | None = None) -> Topic:
    """The topic called ``name``.

    Raises :class:`TopicError` listing the known topics when unknown, or saying what is wrong
    with the topic's file when that file is broken.
    """
    topics = load_topics(extra_dir)
    key = (name or "").strip().lower()
    if key not in topics:
        _, problems = load_topics_checked(extra_dir)
        raise TopicError(unknown_topic_message(name, topics, problems))
    return topics[key]
