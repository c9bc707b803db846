"""The one duration rule (``--since``, ``every N``), echo shortening, and the digest period line."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.core.durations import MAX_DURATION, DurationError, parse_duration
from bot.core.echo import shorten, shorten_words
from bot.digest.compose import since_text
from bot.subscriptions.schedule import ScheduleError, parse_interval


@pytest.mark.parametrize(
    "text, expected",
    [
        ("90m", timedelta(minutes=90)),
        ("24h", timedelta(hours=24)),
        ("7d", timedelta(days=7)),
        ("2w", timedelta(weeks=2)),
        ("1.5h", timedelta(minutes=90)),
        (" 4 hours ", timedelta(hours=4)),
        ("30 MIN", timedelta(minutes=30)),
        ("36525d", MAX_DURATION),
    ],
)
def test_durations_that_follow_the_rule(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("0m", "must be more than zero"),
        ("0.0h", "must be more than zero"),
        ("1000000d", "out of range: at most 36525d (100 years)"),
        ("99999999999999d", "out of range"),  # was "Python int too large to convert to C int"
        ("99999999999999999999h", "out of range"),
        ("9" * 5000 + "d", "out of range"),  # float('inf') seconds
        ("36526d", "out of range"),
        ("0.001m", "at least 1s"),
        ("yesterday", "is not a duration"),
        ("-4h", "is not a duration"),
        ("4", "is not a duration"),
        ("", "is not a duration"),
    ],
)
def test_bad_durations_say_why(text, message):
    with pytest.raises(DurationError) as err:
        parse_duration(text, what="--since")
    assert message in str(err.value) and str(err.value).startswith("--since '")
    assert len(str(err.value)) < 200, "the user's text is shortened in the message"


def test_callers_narrow_the_range_and_the_result_never_overflows_date_arithmetic():
    with pytest.raises(DurationError, match="from 5m to 30d"):
        parse_duration("4m", minimum=timedelta(minutes=5), maximum=timedelta(days=30), what="interval")
    now = datetime.now(timezone.utc)
    assert (now - parse_duration("36525d")).year == now.year - 100


@pytest.mark.parametrize("text", ["99999999999999999999h", "1" + "0" * 400 + "m"])
def test_a_huge_subscription_interval_is_out_of_range_not_an_overflow(text):
    with pytest.raises(ScheduleError, match="out of range: from 5m to 30d"):
        parse_interval(text)


def test_intervals_keep_whole_minutes():
    assert parse_interval("1.5h") == timedelta(minutes=90)
    assert parse_interval("5.4m") == timedelta(minutes=5)


def test_shorten_cuts_long_input_with_an_ellipsis_and_keeps_one_line():
    assert shorten("short") == "short"
    long = "https://example.org/" + "a" * 100_000
    assert shorten(long) == long[:79] + "…" and len(shorten(long)) == 80
    assert shorten("a\nb\tc") == "a b c"


def test_shorten_words_cuts_only_the_long_words():
    url = "https://example.org/" + "x" * 5000
    msg = f"Cannot brief {url}: refused: malformed URL '{url}' (bad)"
    out = shorten_words(msg)
    assert out.startswith("Cannot brief https://example.org/") and out.endswith("(bad)")
    assert out.count("…") == 2 and len(out) < 250
    assert shorten_words("nothing  long here") == "nothing  long here"


def test_the_digest_period_shows_the_year_only_when_it_is_not_this_year():
    now = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
    assert since_text(datetime(2026, 2, 13, 8, 0, tzinfo=timezone.utc), "UTC", now) == "since Fri 13 Feb 08:00 UTC"
    assert since_text(datetime(2024, 2, 13, 8, 0, tzinfo=timezone.utc), "UTC", now) == "since Tue 13 Feb 2024 08:00 UTC"
    # the year is the one of the subscriber's zone: 1 Jan 2027 01:00 in Berlin is still 2026 in UTC
    berlin_now = datetime(2027, 1, 1, 0, 30, tzinfo=timezone.utc)
    assert since_text(datetime(2026, 12, 31, 23, 0, tzinfo=timezone.utc), "Europe/Berlin", berlin_now) == (
        "since Fri 01 Jan 00:00 CET"
    )
    assert since_text(datetime(2026, 12, 31, 22, 0, tzinfo=timezone.utc), "Europe/Berlin", berlin_now) == (
        "since Thu 31 Dec 2026 23:00 CET"
    )
