"""Issue terms matched by literal anchors give exactly the matches of ``re.finditer``."""

import random
import re

from config.topics import load_topics
from summarizers.issues.rank import IssueTerms, _sentence_hits
from summarizers.issues.termscan import anchored_finditer, literal_anchors

WORDS = ["tariff", "tariffs", "trade", "trade war", "war", "price war", "ab", "a", "b", "ba", "é", " ",
         ".", "-", "\x00", "re-election", "election", "tax", "taxes", "_", "9"]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 12))) for _ in range(count)]


def _items() -> list[IssueTerms]:
    items = [IssueTerms.compile(label, terms) for topic in load_topics().values()
             for label, terms in topic.issues.items()]
    items.append(IssueTerms.compile("toy", ["a", "ab*", "b", "?ba", "-a b", "-ba*"]))
    items.append(IssueTerms.compile("nul", ["a\x00b", "trade"]))
    return items


def _plain(item: IssueTerms, text: str) -> list[tuple[int, int, int]]:
    blocked = [m.span() for m in item.exclude.finditer(text)] if item.exclude else []
    return [(m.lastindex - 1, m.start(), m.end()) for m in item.pattern.finditer(text)
            if not any(a <= m.start() < b for a, b in blocked)]


def test_literal_anchors_keep_the_shortest_prefixes():
    assert literal_anchors(["elections", "election*", "vote", "voter*", "polling day"]) == (
        "vote", "election", "polling day")
    assert literal_anchors(["*"]) is None  # an empty literal could match anywhere: plain finditer


def test_anchored_finditer_equals_finditer_with_overlapping_literals():
    pattern = re.compile(r"(?<!\w)(?:(aa\w*)|(a a)|(a))(?!\w)")
    anchors = literal_anchors(["aa*", "a a", "a"])
    for text in ["a a a", "aaa a", "xa a", "a aa a-a", "a\x00a a", ""] + _texts(3, 300):
        assert [m.span() for m in anchored_finditer(pattern, anchors, text)] == \
            [m.span() for m in pattern.finditer(text)], text


def test_issue_matches_equal_plain_finditer():
    items = _items()
    for text in ["a trade war and a price war over tariffs", "re-election taxes"] + _texts(5, 400):
        for item in items:
            if item.pattern is not None:
                assert item.matches(text) == _plain(item, text), (item.label, text)


def test_sentences_matched_in_one_pass_as_one_by_one():
    for item in _items():
        for k in range(150):
            sentences = _texts(1000 + k, random.Random(k).randint(1, 6))
            joined = [[hit[0] for hit in hits] for hits in _sentence_hits(item, sentences)]
            assert joined == [[hit[0] for hit in item.matches(s)] for s in sentences], (item.label, sentences)
