"""Settings precedence and topic files: the keyword filter, user topics, label rules."""

from __future__ import annotations

import pytest

from config.settings import ConfigError, load_settings
from config.topics import KeywordFilter, TopicError, get_topic, load_topic_file, load_topics


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


# -- settings ----------------------------------------------------------------------------------


def test_file_then_environment_then_arguments(settings, tmp_path, monkeypatch):
    cfg = write(tmp_path / "briefbot.toml", 'sentences = 4\nsummarizer = "lexrank"\n[slack]\nport = 3100\n')
    assert load_settings().sentences == 4  # ./briefbot.toml is found in the working directory
    monkeypatch.setenv("BRIEFBOT_SENTENCES", "5")
    monkeypatch.setenv("BRIEFBOT_SLACK__PORT", "3200")
    s = load_settings(cfg)
    assert (s.sentences, s.summarizer, s.slack.port) == (5, "lexrank", 3200)
    assert load_settings(cfg, sentences=6).sentences == 6


def test_platform_secret_names_are_read(settings, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    monkeypatch.setenv("DISCORD_TOKEN", "d-1")
    s = load_settings()
    assert (s.slack.bot_token, s.slack.signing_secret, s.discord.token) == ("xoxb-1", "s3cret", "d-1")


def test_config_file_named_by_variable_and_missing_file(settings, tmp_path, monkeypatch):
    cfg = write(tmp_path / "other.toml", "sentences = 2\n")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(cfg))
    assert load_settings().sentences == 2
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml")


def test_default_database_is_sqlite_in_the_data_dir(settings):
    assert settings.resolved_database_url == f"sqlite:///{settings.data_dir / 'briefbot.sqlite'}"


# -- keyword filter ------------------------------------------------------------------------------


def test_filter_is_case_and_accent_insensitive_on_whole_words():
    f = KeywordFilter(any=["mexico", "lopez obrador"])
    assert f.matches("MÉXICO y Estados Unidos", "")
    assert f.matches(None, "President López Obrador spoke.")
    assert not f.matches("Mexicolandia opens", "a theme park")  # whole words only


def test_filter_prefix_all_and_none():
    f = KeywordFilter(any=["migra*"], all=["border"], none=["football"])
    assert f.matches("Migrants at the border", "")
    assert not f.matches("Migration policy", "no frontier word here")  # 'all' term missing
    assert not f.matches("Migrants at the border", "a football match")  # 'none' term present
    assert KeywordFilter().matches("anything", "at all")  # empty 'any' accepts


# -- topic files ---------------------------------------------------------------------------------


def test_bundled_topics_and_unknown_topic_lists_known_ones():
    topics = load_topics()
    assert {"usmx", "world"} <= set(topics)
    assert topics["usmx"].feeds and topics["usmx"].issues
    with pytest.raises(TopicError, match="Known topics: .*usmx"):
        get_topic("mars")


def test_user_topic_replaces_bundled_and_adds_new(tmp_path):
    write(tmp_path / "usmx.toml", 'name = "usmx"\ntitle = "Mine"\n[issues]\ntrade = ["tariff*"]\n')
    write(tmp_path / "energy.toml", 'title = "Energy"\n')  # name defaults to the file name
    topics = load_topics(tmp_path)
    assert topics["usmx"].title == "Mine" and topics["energy"].name == "energy"


@pytest.mark.parametrize("body, problem", [
    ('title = "X"\n[issues]\n"trade, tariffs" = ["tariff"]\n', "no comma"),
    ('name = "Bad Name"\ntitle = "X"\n', "lower-case"),
    ('title = "X"\nfeeds = 3\n', "feeds"),
])
def test_invalid_topic_files_are_refused_with_the_reason(tmp_path, body, problem):
    path = write(tmp_path / "bad.toml", body)
    with pytest.raises(TopicError, match=problem):
        load_topic_file(path)


def test_brief_cache_key_changes_with_the_topic_taxonomy(tmp_path):
    """Editing a topic's [issues] must not serve cached briefs tagged with the old taxonomy."""
    from bot.store.briefs import brief_cache_key

    usmx = load_topics()["usmx"]
    write(tmp_path / "usmx.toml", 'name = "usmx"\ntitle = "US–Mexico relations"\n[issues]\ntrade = ["tariff*"]\n')
    edited = load_topics(tmp_path)["usmx"]
    assert brief_cache_key("engine-a", usmx) == brief_cache_key("engine-a", load_topics()["usmx"])
    assert brief_cache_key("engine-a", usmx) != brief_cache_key("engine-a", edited)
    assert brief_cache_key("engine-a", usmx) != brief_cache_key("engine-b", usmx)
    assert len(brief_cache_key("engine-a", usmx)) == 64  # fits briefs.settings_key (String(64))
