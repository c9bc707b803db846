"""A fast stand-in for the NLP brief engine, for tests of the chat layers (not of the NLP).

It derives a brief from the article deterministically: the first sentences as the summary,
capitalised two-word names as actors, text between double quotes as quotes (speaker: the
name right after the closing mark and "said"), and the topic's issue labels whose terms
occur. It counts its calls so tests can check the brief cache.
"""

from __future__ import annotations

import re
import threading

from summarizers.model import Actor, ArticleText, Brief, Issue, Quote

_SENT = re.compile(r"(?<=[.!?])\s+")
_NAME = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b")
_QUOTE = re.compile(r'"([^"]+)"(?:,? said ([A-Z][a-z]+ [A-Z][a-z]+))?')


class TinyEngine:
    settings_key = "tiny-engine-v1"

    def __init__(self, sentences: int = 2):
        self.sentences = sentences
        self.calls = 0
        self.threads: set[str] = set()

    def brief(self, article: ArticleText, topic) -> Brief:
        self.calls += 1
        self.threads.add(threading.current_thread().name)
        text = article.text
        summary = [s for s in _SENT.split(text.replace("\n", " ")) if s.strip()][: self.sentences]
        names: dict[str, int] = {}
        for m in _NAME.finditer(text):
            names[m.group(1)] = names.get(m.group(1), 0) + 1
        actors = [Actor(n, "person", role="spokesperson" if i == 0 else None, mentions=c) for i, (n, c) in enumerate(names.items())]
        low = text.lower()
        issues = [Issue(label, 0.5) for label, terms in topic.issues.items() if any(t.rstrip("*") in low for t in terms)]
        quotes = [Quote(m.group(1), m.group(2), "spokesperson" if m.group(2) else None) for m in _QUOTE.finditer(text)]
        return Brief(topic=topic.name, article=article.meta, summary=summary, actors=actors, issues=issues, quotes=quotes)
