"""Helpers for the digest, scheduler and exactly-once tests: articles written for these tests,
a recording adapter, and store shortcuts. (No text here comes from ../shared/.)"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timezone

from bot.store.models import Article, ArticleTopic

# Each story: a list of outlet versions (source, title, text). Versions of one story
# paraphrase each other, as two outlets covering the same event do.
STORIES: list[list[tuple[str, str, str]]] = [
    [
        ("Gulf Wire", "Mexico and US agree border migration plan at Tijuana summit",
         "Mexican President Claudia Sheinbaum and US Secretary of State Marco Rubio agreed on a joint plan for "
         "migration at the border during a summit in Tijuana on Tuesday. The plan expands legal pathways for "
         "asylum seekers and adds processing centres. \"We want orderly migration, not chaos at the border,\" "
         "Sheinbaum told reporters. Rubio said the agreement would be reviewed in six months.\n\n"
         "Human rights groups welcomed the pathways but criticised the speed of deportations."),
        ("Northern Ledger", "Sheinbaum and Rubio seal border migration deal in Tijuana",
         "Claudia Sheinbaum, the Mexican president, and Marco Rubio, the US secretary of state, sealed a border "
         "migration deal at a summit in Tijuana. The deal opens legal pathways for asylum seekers and new "
         "processing centres along the border. \"This is orderly migration,\" Rubio said after the talks.\n\n"
         "Officials will review the plan in six months, the two governments said."),
        ("Valley Post", "Tijuana summit: US, Mexico unveil migration plan for the border",
         "The United States and Mexico unveiled a plan on migration at the border after a summit in Tijuana "
         "between Marco Rubio and Claudia Sheinbaum. Asylum seekers will get legal pathways and processing "
         "centres, the plan says. \"Nobody wins from chaos at the border,\" Sheinbaum said."),
    ],
    [
        ("Gulf Wire", "Fentanyl seizures rise as cartels shift routes, DEA says",
         "Seizures of fentanyl at the US southern border rose sharply this spring as cartels shifted smuggling "
         "routes to smaller crossings, the Drug Enforcement Administration said on Monday. DEA administrator "
         "Anne Milgram said the agency was working with Mexican prosecutors. \"The cartels adapt quickly, and so "
         "must we,\" Milgram said.\n\nMexico's security cabinet said it had arrested 40 suspected traffickers."),
        ("Harbor Times", "DEA: cartels move fentanyl through smaller border crossings",
         "Cartels are moving fentanyl through smaller crossings on the southern border, and seizures rose this "
         "spring, the DEA said. Administrator Anne Milgram said the Drug Enforcement Administration works with "
         "Mexican prosecutors on the smuggling routes. Mexico's security cabinet reported 40 arrests."),
    ],
    [
        ("Northern Ledger", "Pemex announces lithium and solar investment in Sonora",
         "Mexico's state oil company Pemex announced a new investment in lithium mining and solar power in "
         "Sonora on Wednesday, part of an energy reform pushed by the government. Energy minister Luz Elena "
         "Gonzalez said the project would create 5,000 jobs. \"Sonora will power the transition,\" she said.\n\n"
         "Business groups asked for clearer rules on private investment in electricity."),
    ],
    [
        ("Valley Post", "USMCA review: tariffs on steel dominate trade talks in Washington",
         "Trade negotiators from Mexico, the United States and Canada met in Washington for the USMCA review, "
         "where tariffs on steel and aluminium dominated the talks. Mexican economy minister Marcelo Ebrard said "
         "exports of auto parts must stay tariff-free. \"Nearshoring needs certainty,\" Ebrard said.\n\n"
         "US Trade Representative Jamieson Greer said supply chains would be on the agenda next month."),
        ("Harbor Times", "Steel tariffs overshadow USMCA review talks",
         "Tariffs on steel and aluminium overshadowed the USMCA review talks between Mexico, the United States and "
         "Canada in Washington. Marcelo Ebrard, Mexico's economy minister, warned that auto parts exports must "
         "remain free of tariffs, while Jamieson Greer promised talks on supply chains."),
    ],
    [
        ("Gulf Wire", "Drought deepens dispute over Rio Grande water treaty",
         "A deepening drought in northern Mexico has renewed a dispute over the 1944 water treaty that governs "
         "the Rio Grande, with Texas farmers demanding deliveries. Chihuahua governor Maru Campos said farmers in "
         "her state could not give up more water. \"There is simply not enough,\" Campos said."),
    ],
    [
        ("Northern Ledger", "Remittances to Mexico fall for the first time in a decade",
         "Remittances sent by Mexican workers in the United States fell for the first time in a decade, the Bank "
         "of Mexico said on Thursday. Economists at the central bank said fewer temporary workers and a weaker "
         "labor market explained the drop. Money transfers still totalled more than 60 billion dollars last year."),
    ],
]

TOPIC = "usmx"


def brief_engine():
    """The real brief engine with default settings (spaCy is loaded on the first brief)."""
    from summarizers.engine import BriefEngine

    return BriefEngine()


def story_articles(story_index: int) -> list[tuple[str, str, str]]:
    return STORIES[story_index]


def add_article(
    store,
    title: str,
    text: str,
    source: str,
    *,
    topic: str = TOPIC,
    url: str | None = None,
    published: datetime | None = None,
    added: datetime | None = None,
) -> int:
    """Store an article in ``topic``; returns its id."""
    now = datetime.now(timezone.utc)
    added = added or now
    url = url or f"https://{source.lower().replace(' ', '')}.example/{abs(hash((title, source, added))) % 10**10}"
    with store.session() as s:
        a = Article(
            canonical_url=url, url=url, source_name=source, title=title, text=text,
            published_at=published or added, fetched_at=added,
        )
        s.add(a)
        s.flush()
        s.add(ArticleTopic(article_id=a.id, topic=topic, added_at=added))
        return a.id


def add_stories(store, indices: list[int], *, added: datetime | None = None, suffix: str = "") -> list[int]:
    """Store every outlet version of the stories ``indices``; returns the article ids."""
    ids = []
    for i in indices:
        for source, title, text in STORIES[i]:
            ids.append(add_article(store, title + suffix, text, source, added=added))
    return ids


def synthetic_day(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """``n`` (source, title, text) articles: the story versions above, recombined with varied
    places and dates so that they form many distinct stories, several outlets each."""
    rng = random.Random(seed)
    places = ["Tijuana", "Monterrey", "El Paso", "Nogales", "Laredo", "Juarez", "San Diego", "Reynosa",
              "Hermosillo", "Matamoros", "Mexicali", "Tucson", "Chihuahua", "Saltillo", "Puebla", "Oaxaca"]
    out = []
    k = 0
    while len(out) < n:
        story = STORIES[k % len(STORIES)]
        place = places[(k // len(STORIES)) % len(places)]
        tag = f"{place} round {k // (len(STORIES) * len(places)) + 1}"
        for source, title, text in story[: rng.randint(1, len(story))]:
            out.append((source, f"{title} ({tag})", f"Reporting from {place}. {text}"))
            if len(out) == n:
                break
        k += 1
    return out


@dataclass
class Sent:
    channel: str
    reply: object
    at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


@dataclass
class RecordingAdapter:
    """An adapter that records every reply sent; it can confirm a digest by its ``digest_id``
    (like a platform whose channel history can be searched) when ``can_confirm``."""

    name: str = "rec"
    can_confirm: bool = True
    sent: list[Sent] = field(default_factory=list)

    async def start(self, handler) -> None:
        self.handler = handler

    async def stop(self) -> None:
        pass

    async def send(self, channel: str, reply) -> None:
        self.sent.append(Sent(channel, reply))

    async def delivered(self, channel: str, digest_id: str) -> bool | None:
        if not self.can_confirm:
            return None
        return any(getattr(s.reply, "digest_id", None) == digest_id and s.channel == channel for s in self.sent)

    def article_ids(self, channel: str) -> list[int]:
        """Every article id delivered to ``channel``, with repeats if any was delivered twice."""
        return [i for s in self.sent if s.channel == channel for st in getattr(s.reply, "stories", []) for i in st.article_ids]

    def digests(self, channel: str) -> list:
        return [s.reply for s in self.sent if s.channel == channel and hasattr(s.reply, "stories")]


def distinct_stories(n_stories: int, outlets: int = 2, seed: int = 11) -> list[tuple[str, str, str]]:
    """(source, title, text) articles of ``n_stories`` stories that share no topic words (made-up
    place and project names), ``outlets`` versions each: many digest stories, so that a digest
    spans several messages on Slack and Discord."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ran", "tu", "vel", "zor", "pe", "dri", "so", "nax", "bel", "qui", "tam", "gor", "fen"]
    used: set[str] = set()

    def name() -> str:
        while True:
            w = "".join(rng.choice(syllables) for _ in range(3)).capitalize()
            if w not in used:
                used.add(w)
                return w

    outlets_names = ["Gulf Wire", "Northern Ledger", "Valley Post", "Harbor Times"]
    out = []
    for _ in range(n_stories):
        place, project, person, agency = name(), name(), name(), name()
        for o in range(outlets):
            title = [f"{place} council approves {project} plan", f"{project} plan for {place} wins council vote",
                     f"Council in {place} backs the {project} plan", f"{place} says yes to {project}"][o % 4]
            text = (f"The council of {place} approved the {project} plan on Tuesday after a long debate. "
                    f"Mayor {person} {agency} said the {project} plan would bring jobs to {place}. "
                    f"Critics in {place} said the {project} costs were too high.")
            out.append((outlets_names[o % 4], title, text))
    return out
