"""briefbot settings: a ``briefbot.toml`` file, overridden by ``BRIEFBOT_*`` environment variables.

Where the file comes from, first match wins: the ``path`` argument (CLI ``--config FILE``),
the ``BRIEFBOT_CONFIG`` environment variable, ``./briefbot.toml``. No file is fine: every
setting has a default. Nested tables use ``__`` in environment names, e.g.
``BRIEFBOT_SLACK__PORT=3000``; Slack and Discord secrets are also read from their
conventional names (``SLACK_BOT_TOKEN``, ``SLACK_APP_TOKEN``, ``SLACK_SIGNING_SECRET``,
``DISCORD_TOKEN``).

Settings are built by :func:`load_settings`, never at import time, so tests build their own.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import zoneinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)


class ConfigError(Exception):
    """The configuration file is missing, unreadable or invalid.

    ``problems`` holds one line per problem, each naming the setting and where it came from
    (the file or the environment variable); ``str(err)`` is those lines joined by newlines.
    """

    def __init__(self, *problems: str):
        self.problems = list(problems) or ["invalid configuration"]
        super().__init__("\n".join(self.problems))


def default_data_dir() -> Path:
    """The per-user data directory (platformdirs), e.g. ``~/.local/share/briefbot``."""
    return Path(platformdirs.user_data_dir("briefbot", appauthor=False))


class HttpSettings(BaseModel):
    """Limits for every HTTP fetch (feeds and pages)."""

    model_config = ConfigDict(extra="forbid")

    timeout: float = Field(15.0, gt=0, le=3600, description="seconds per request (connect, read, write, pool)")
    max_bytes: int = Field(10 * 1024 * 1024, gt=0, le=1024**3, description="larger responses are refused (at most 1 GiB)")
    total_timeout: float = Field(60.0, gt=0, le=86400, description="seconds for a whole response, body included")
    max_redirects: int = Field(5, ge=0, le=100)
    concurrency: int = Field(8, ge=1, le=100, description="simultaneous fetches during a poll")
    user_agent: str = "briefbot/0.1 (+https://github.com/briefbot/briefbot; policy news briefings)"
    allow_private: list[str] = Field(
        default_factory=list,
        description="hosts or CIDR networks exempt from the private-address refusal (tests, intranets)",
    )


class SlackSettings(BaseModel):
    """Slack app credentials and mode; ``socket`` needs the app token, ``http`` the signing secret."""

    model_config = ConfigDict(extra="forbid")

    mode: str = Field("socket", pattern="^(socket|http)$")
    bot_token: str | None = Field(None, validation_alias=AliasChoices("bot_token", "SLACK_BOT_TOKEN"))
    app_token: str | None = Field(None, validation_alias=AliasChoices("app_token", "SLACK_APP_TOKEN"))
    signing_secret: str | None = Field(None, validation_alias=AliasChoices("signing_secret", "SLACK_SIGNING_SECRET"))
    port: int = Field(3000, ge=0, le=65535, description="HTTP mode port (0: any free port)")
    api_url: str = "https://slack.com/api/"


class DiscordSettings(BaseModel):
    """Discord bot token and application id (for the invite URL)."""

    model_config = ConfigDict(extra="forbid")

    token: str | None = None
    application_id: str | None = None
    guild_ids: list[int] = Field(default_factory=list, description="sync commands to these guilds at once (else global)")


class DigestSettings(BaseModel):
    """Scheduled digest behaviour."""

    model_config = ConfigDict(extra="forbid")

    post_when_empty: bool = False
    max_stories: int = Field(30, ge=1, le=1000)
    missed_grace_hours: float = Field(12.0, ge=0, le=8760, description="at most a year")
    claim_lease_minutes: float = Field(
        10.0, gt=0, le=10080, description="a delivery claimed by another instance longer ago than this is taken over (at most a week)"
    )
    initial_lookback_hours: float = Field(
        24.0, ge=0, le=876600, description="a new subscription's first digest covers articles this far back (at most 100 years)"
    )
    threads: bool = Field(
        True, description="post a digest as one parent message with its stories in that message's thread (Slack, Discord)"
    )


def default_workers() -> int:
    """The number of CPUs this process may use (at least 1): the default of ``workers``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


class QueueSettings(BaseModel):
    """The broker for scale-out (Celery): unset ``url`` keeps all work on this machine."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(
        None, pattern=r"^(redis|rediss|amqp|amqps)://", description="redis://host:6379/0 or amqp://user:pass@host:5672//"
    )
    name: str = Field("briefbot", min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$", description="queue name")
    visibility_timeout: float = Field(
        3600.0, gt=0, le=86400,
        description="Redis only: seconds after which a unit taken by a worker that died is delivered again",
    )


class HealthSettings(BaseModel):
    """Where ``briefbot run`` and ``briefbot worker`` serve ``/healthz`` and ``/metrics``."""

    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(9808, ge=0, le=65535, description="0 turns the health and metrics server off")


class Settings(BaseSettings):
    """All settings; see the README's configuration section for each field."""

    model_config = SettingsConfigDict(
        env_prefix="BRIEFBOT_", env_nested_delimiter="__", extra="forbid", populate_by_name=True
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = Field(None, description="SQLAlchemy URL; default sqlite in data_dir")
    topics_dir: Path | None = Field(None, description="extra topic files, beside the bundled ones")
    spacy_model: str = Field(
        "en_core_web_sm", description="an installed spaCy pipeline package (else the bundled fallback is used)"
    )
    summarizer: str = "textrank"
    sentences: int = Field(3, ge=1, le=20)
    max_article_chars: int = Field(
        100_000, ge=1000, description="longer texts are cut to this many characters (at least 1000: a shorter cut leaves no article)"
    )
    min_article_words: int = Field(
        40, ge=0, le=1000,
        description="ingest skips articles with fewer words (feed summaries such as 'pdf' or 'metadata link'); 0 keeps all",
    )
    adapters: list[str] = Field(default_factory=lambda: ["console"])
    default_timezone: str = "UTC"
    admins: list[str] = Field(default_factory=list, description="user ids allowed to change subscriptions")
    poll_interval_minutes: float = Field(30.0, gt=0, le=43200, description="minutes between polls of a feed (at most 30 days)")
    poll_feeds: bool = Field(True, description="`briefbot run` polls the topics' feeds (off: `run --no-poll`)")
    instance_id: str | None = Field(
        None, description="names this process in delivery claims; keep it stable across restarts (default: host name)"
    )
    http: HttpSettings = Field(default_factory=HttpSettings)
    slack: SlackSettings = Field(default_factory=SlackSettings)
    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    digest: DigestSettings = Field(default_factory=DigestSettings)
    workers: int = Field(
        default_factory=default_workers, ge=1, le=256,
        description="worker processes for extraction and briefing (1: everything in this process; default: CPUs)",
    )
    queue: QueueSettings = Field(default_factory=QueueSettings)
    health: HealthSettings = Field(default_factory=HealthSettings)

    @field_validator("default_timezone", mode="after")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        canonical = canonical_timezone(v)
        if canonical is None:
            shown = v if len(v) <= 80 else v[:79] + "…"
            raise ValueError(f"unknown time zone '{shown}': use an IANA name such as America/Mexico_City, Europe/Berlin or UTC")
        return canonical

    @field_validator("spacy_model", mode="after")
    @classmethod
    def _spacy_pipeline(cls, v: str) -> str:
        from summarizers.nlp import pipeline_problem

        v = v.strip()
        problem = pipeline_problem(v)
        if problem:
            raise ValueError(problem)
        return v

    @field_validator("data_dir", "topics_dir", mode="before")
    @classmethod
    def _empty_is_unset(cls, v, info):
        """An empty ``BRIEFBOT_TOPICS_DIR=`` / ``BRIEFBOT_DATA_DIR=`` means "not set", never the current folder."""
        if isinstance(v, str) and not v.strip():
            return None if info.field_name == "topics_dir" else default_data_dir()
        return v

    @field_validator("data_dir", "topics_dir", mode="after")
    @classmethod
    def _expand(cls, v: Path | None) -> Path | None:
        return v.expanduser() if v is not None else None

    @property
    def resolved_database_url(self) -> str:
        """``database_url``, or ``sqlite:///<data_dir>/briefbot.sqlite`` when unset."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'briefbot.sqlite'}"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings, _ConventionalSecrets(settings_cls)]
        toml_path = _TOML_PATH.get("path")
        if toml_path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)


_TOML_PATH: dict[str, Path | None] = {"path": None}


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def canonical_timezone(name: str) -> str | None:
    """The IANA time-zone name ``name`` spelled canonically (case-insensitive match against the
    tz database of :mod:`zoneinfo`, ``tzdata`` included), ``"UTC"`` for utc, or None when unknown."""
    key = (name or "").strip().lower()
    if key == "utc":
        return "UTC"
    return _zone_names().get(key)


class _ConventionalSecrets(PydanticBaseSettingsSource):
    """Reads SLACK_* and DISCORD_TOKEN, the names the platforms' docs use."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover - unused
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        slack = {
            key: os.environ[env]
            for key, env in (
                ("bot_token", "SLACK_BOT_TOKEN"),
                ("app_token", "SLACK_APP_TOKEN"),
                ("signing_secret", "SLACK_SIGNING_SECRET"),
            )
            if os.environ.get(env)
        }
        out: dict[str, Any] = {}
        if slack:
            out["slack"] = slack
        if os.environ.get("DISCORD_TOKEN"):
            out["discord"] = {"token": os.environ["DISCORD_TOKEN"]}
        return out


def find_config_file(path: str | os.PathLike | None = None) -> Path | None:
    """The settings file to read: ``path``, else ``$BRIEFBOT_CONFIG``, else ``./briefbot.toml`` if present.

    Raises :class:`ConfigError` when a file was named explicitly but does not exist.
    """
    named = path or os.environ.get("BRIEFBOT_CONFIG")
    if named:
        p = Path(named).expanduser()
        if not p.is_file():
            raise ConfigError(f"configuration file not found (or not a file): {p}")
        return p
    local = Path.cwd() / "briefbot.toml"
    return local if local.is_file() else None


def load_settings(path: str | os.PathLike | None = None, **overrides: Any) -> Settings:
    """Build :class:`Settings` from the file (see :func:`find_config_file`), the environment and ``overrides``.

    Precedence, highest first: ``overrides``, ``BRIEFBOT_*`` variables, conventional secret
    variables, the TOML file, defaults. Raises :class:`ConfigError` for a missing named file,
    an unreadable file, TOML syntax errors and invalid values: one line per problem, naming
    the setting and the file or environment variable it came from (secrets are not echoed).
    """
    toml_path = find_config_file(path)
    _TOML_PATH["path"] = toml_path
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(*_validation_problems(exc, toml_path, overrides)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML in {toml_path}: {' '.join(str(exc).split())}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"cannot read the configuration file {toml_path}: {why}") from exc
    except SettingsError as exc:
        raise ConfigError(_settings_error_problem(exc)) from exc
    finally:
        _TOML_PATH["path"] = None


_SECRET = re.compile(r"token|secret|password", re.IGNORECASE)
_ENV_ALIASES = {
    ("slack", "bot_token"): "SLACK_BOT_TOKEN",
    ("slack", "app_token"): "SLACK_APP_TOKEN",
    ("slack", "signing_secret"): "SLACK_SIGNING_SECRET",
    ("discord", "token"): "DISCORD_TOKEN",
}


def _env_name(loc: tuple) -> str | None:
    """The environment variable that set the setting at ``loc``, if one is set."""
    name = "BRIEFBOT_" + "__".join(str(p) for p in loc).upper()
    env = {k.upper(): k for k in os.environ}
    if name in env:
        return env[name]
    if len(loc) == 2 and "BRIEFBOT_" + str(loc[0]).upper() in env:
        return env["BRIEFBOT_" + str(loc[0]).upper()]
    alias = _ENV_ALIASES.get(tuple(str(p) for p in loc[:2]))
    return alias if alias and alias in os.environ else None


def _known_settings(loc: tuple) -> list[str]:
    model: Any = Settings
    for part in loc[:-1]:
        field = model.model_fields.get(str(part)) if hasattr(model, "model_fields") else None
        model = field.annotation if field is not None else None
        if model is None or not hasattr(model, "model_fields"):
            return []
    return list(model.model_fields)


def _validation_problems(exc: ValidationError, toml_path: Path | None, overrides: dict) -> list[str]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err.get("loc", ()) if not isinstance(p, int))
        setting = ".".join(str(p) for p in loc) or "(settings)"
        env = _env_name(loc) if loc else None
        if loc and str(loc[0]) in overrides:
            where = "given by the caller"
        elif env:
            where = f"from {env}"
        elif toml_path is not None:
            where = f"in {toml_path}"
        else:
            where = "from the environment"
        if err.get("type") == "extra_forbidden":
            close = difflib.get_close_matches(str(loc[-1]) if loc else "", _known_settings(loc), n=1)
            hint = f" (did you mean '{'.'.join([*map(str, loc[:-1]), close[0]])}'?)" if close else ""
            problems.append(f"unknown setting '{setting}' {where}{hint}")
            continue
        msg = err.get("msg", "invalid value")
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        value = err.get("input")
        shown = ""
        if value is not None and not isinstance(value, (dict, list)) and not _SECRET.search(setting) and "unknown time zone" not in msg:
            text = repr(value)
            shown = f" (got {text if len(text) <= 60 else text[:59] + '…'})"
        problems.append(f"setting '{setting}' {where}: {msg}{shown}")
    return problems or [f"invalid configuration{f' in {toml_path}' if toml_path else ''}"]


def _settings_error_problem(exc: SettingsError) -> str:
    m = re.search(r'field "([^"]+)" from source "(\w+)"', str(exc))
    if m and m.group(2) == "EnvSettingsSource":
        env = _env_name((m.group(1),)) or f"BRIEFBOT_{m.group(1).upper()}"
        return (
            f"setting '{m.group(1)}' from {env}: lists and tables given in the environment are JSON, "
            f"e.g. {env}='[\"console\"]'"
        )
    return "invalid configuration: " + " ".join(str(exc).split())
