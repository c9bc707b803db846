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

import os
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import AliasChoices, BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource


class ConfigError(Exception):
    """The configuration file is missing, unreadable or invalid; ``str(err)`` says which and why."""


def default_data_dir() -> Path:
    """The per-user data directory (platformdirs), e.g. ``~/.local/share/briefbot``."""
    return Path(platformdirs.user_data_dir("briefbot", appauthor=False))


class HttpSettings(BaseModel):
    """Limits for every HTTP fetch (feeds and pages)."""

    timeout: float = Field(15.0, gt=0, description="seconds per request (connect, read, write, pool)")
    max_bytes: int = Field(10 * 1024 * 1024, gt=0, description="larger responses are refused")
    total_timeout: float = Field(60.0, gt=0, description="seconds for a whole response, body included")
    max_redirects: int = Field(5, ge=0)
    concurrency: int = Field(8, ge=1, le=100, description="simultaneous fetches during a poll")
    user_agent: str = "briefbot/0.1 (+https://github.com/briefbot/briefbot; policy news briefings)"
    allow_private: list[str] = Field(
        default_factory=list,
        description="hosts or CIDR networks exempt from the private-address refusal (tests, intranets)",
    )


class SlackSettings(BaseModel):
    """Slack app credentials and mode; ``socket`` needs the app token, ``http`` the signing secret."""

    mode: str = Field("socket", pattern="^(socket|http)$")
    bot_token: str | None = Field(None, validation_alias=AliasChoices("bot_token", "SLACK_BOT_TOKEN"))
    app_token: str | None = Field(None, validation_alias=AliasChoices("app_token", "SLACK_APP_TOKEN"))
    signing_secret: str | None = Field(None, validation_alias=AliasChoices("signing_secret", "SLACK_SIGNING_SECRET"))
    port: int = 3000
    api_url: str = "https://slack.com/api/"


class DiscordSettings(BaseModel):
    """Discord bot token and application id (for the invite URL)."""

    token: str | None = None
    application_id: str | None = None
    guild_ids: list[int] = Field(default_factory=list, description="sync commands to these guilds at once (else global)")


class DigestSettings(BaseModel):
    """Scheduled digest behaviour."""

    post_when_empty: bool = False
    max_stories: int = Field(30, ge=1)
    missed_grace_hours: float = Field(12.0, ge=0)
    claim_lease_minutes: float = Field(
        10.0, gt=0, description="a delivery claimed by another instance longer ago than this is taken over"
    )
    initial_lookback_hours: float = Field(
        24.0, ge=0, description="a new subscription's first digest covers articles this far back"
    )


class Settings(BaseSettings):
    """All settings; see the README's configuration section for each field."""

    model_config = SettingsConfigDict(
        env_prefix="BRIEFBOT_", env_nested_delimiter="__", extra="forbid", populate_by_name=True
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = Field(None, description="SQLAlchemy URL; default sqlite in data_dir")
    topics_dir: Path | None = Field(None, description="extra topic files, beside the bundled ones")
    spacy_model: str = "en_core_web_sm"
    summarizer: str = "textrank"
    sentences: int = Field(3, ge=1, le=20)
    max_article_chars: int = Field(100_000, gt=0, description="longer texts are cut to this many characters")
    adapters: list[str] = Field(default_factory=lambda: ["console"])
    default_timezone: str = "UTC"
    admins: list[str] = Field(default_factory=list, description="user ids allowed to change subscriptions")
    poll_interval_minutes: float = Field(30.0, gt=0)
    poll_feeds: bool = Field(True, description="`briefbot run` polls the topics' feeds (off: `run --no-poll`)")
    instance_id: str | None = Field(
        None, description="names this process in delivery claims; keep it stable across restarts (default: host name)"
    )
    http: HttpSettings = Field(default_factory=HttpSettings)
    slack: SlackSettings = Field(default_factory=SlackSettings)
    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    digest: DigestSettings = Field(default_factory=DigestSettings)

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
            raise ConfigError(f"configuration file not found: {p}")
        return p
    local = Path.cwd() / "briefbot.toml"
    return local if local.is_file() else None


def load_settings(path: str | os.PathLike | None = None, **overrides: Any) -> Settings:
    """Build :class:`Settings` from the file (see :func:`find_config_file`), the environment and ``overrides``.

    Precedence, highest first: ``overrides``, ``BRIEFBOT_*`` variables, conventional secret
    variables, the TOML file, defaults. Raises :class:`ConfigError` for a missing named file,
    TOML syntax errors and invalid values (the message names the field).
    """
    toml_path = find_config_file(path)
    _TOML_PATH["path"] = toml_path
    try:
        return Settings(**overrides)
    except Exception as exc:  # pydantic ValidationError, tomllib.TOMLDecodeError
        where = f" in {toml_path}" if toml_path else ""
        raise ConfigError(f"invalid configuration{where}: {exc}") from exc
    finally:
        _TOML_PATH["path"] = None
