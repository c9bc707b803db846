"""A day with 200 new articles: grouped, composed into a Digest and rendered by the Slack and
Discord renderers within each platform's documented limits (split, never failing)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest

from bot.adapters.discord.render import render_reply as discord_render
from bot.adapters.slack.render import render_reply as slack_render
from bot.digest.compose import compose_digest, plan_stories
from bot.digest.select import Candidate
from config.topics import get_topic
from summarizers.model import ArticleMeta, ArticleText
from tests.digest_helpers import STORIES, brief_engine, synthetic_day
from tests.fakes.limits import check_discord_message, check_slack_message


@pytest.fixture(scope="module")
def base_briefs():
    """Real briefs of every story version (one engine run each), keyed by title."""
    engine, topic = brief_engine(), get_topic("usmx")
    out = {}
    for story in STORIES:
        for source, title, text in story:
            out[title] = engine.brief(ArticleText(ArticleMeta(title=title, source=source), text), topic)
    return out


def day_digest(base_briefs, n: int, max_stories: int | None, *, sources_per_story: int | None = None):
    t0 = datetime(2024, 5, 6, 6, 0, tzinfo=timezone.utc)
    cands = []
    for i, (source, title, text) in enumerate(synthetic_day(n)):
        url = f"https://{source.lower().replace(' ', '-')}.example/2024/05/06/{i}-" + "-".join(title.lower().split()[:8])
        cands.append(Candidate(i + 1, title, text, url, source, t0 + timedelta(minutes=5 * i), t0 + timedelta(minutes=5 * i)))
    if sources_per_story:  # the same story from many outlets
        cands = [dataclasses.replace(c, title=cands[0].title, text=cands[0].text, source_name=f"Outlet {c.id}") for c in cands]
    kept, deferred = plan_stories(cands, max_stories)
    briefs = {}
    for s in kept:
        base = base_briefs[s.lead.title.rsplit(" (", 1)[0]]
        briefs[s.lead.id] = dataclasses.replace(base, article=dataclasses.replace(base.article, title=s.lead.title, url=s.lead.url))
    return compose_digest("usmx", "US–Mexico relations digest", kept, briefs, period="since Sun 05 May 08:00 CDT",
                          deferred=len(deferred), digest_id="d" * 32), cands, kept


@pytest.mark.parametrize("max_stories", [30, None])
def test_200_article_day_groups_and_fits_slack(base_briefs, max_stories):
    digest, cands, kept = day_digest(base_briefs, 200, max_stories)
    assert len(cands) == 200
    assert sum(len(s.article_ids) for s in digest.stories) <= 200
    if max_stories is None:  # nothing deferred: every article appears in exactly one story
        assert sorted(i for s in digest.stories for i in s.article_ids) == list(range(1, 201))
        assert len(digest.stories) < 200  # outlets of one story were grouped
    messages = slack_render(digest)
    assert len(messages) >= 2 or max_stories == 30
    for m in messages:
        assert check_slack_message(m.payload()) == []
    rendered = " ".join(str(m.blocks) for m in messages)
    for s in digest.stories:  # no story lost in the split
        assert s.brief.article.url in rendered


@pytest.mark.parametrize("max_stories", [30, None])
def test_200_article_day_fits_discord(base_briefs, max_stories):
    digest, _, _ = day_digest(base_briefs, 200, max_stories)
    messages = discord_render(digest)
    for embeds in messages:
        assert check_discord_message([e.to_dict() for e in embeds]) == []
    rendered = str([e.to_dict() for m in messages for e in m])
    for s in digest.stories:  # no story lost in the split
        assert s.brief.article.url in rendered


def test_one_story_from_200_outlets_fits_both(base_briefs):
    digest, _, _ = day_digest(base_briefs, 200, 30, sources_per_story=200)
    assert len(digest.stories) == 1 and len(digest.stories[0].sources) == 200
    for m in slack_render(digest):
        assert check_slack_message(m.payload()) == []
    for embeds in discord_render(digest):
        assert check_discord_message([e.to_dict() for e in embeds]) == []
