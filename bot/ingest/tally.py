"""Per-feed warnings without floods: a feed of 5,000 bad entries gives a few log lines, not 5,000."""

from __future__ import annotations

import logging
from collections import Counter

log = logging.getLogger("briefbot.ingest")


class WarningTally:
    """One source's per-entry warnings: the first :attr:`LIMIT` of each kind are logged in full,
    the rest counted and summarised in one line by :meth:`flush` (a feed of 5,000 bad entries
    gives a few lines, not 5,000)."""

    LIMIT = 3

    def __init__(self, feed_url: str):
        self.feed_url = feed_url
        self.counts: Counter[str] = Counter()

    def warn(self, kind: str, message: str, *args) -> None:
        """Log ``message % args`` unless ``LIMIT`` warnings of ``kind`` (e.g. "skipped: no link") were logged."""
        self.counts[kind] += 1
        if self.counts[kind] <= self.LIMIT:
            log.warning(message, *args)

    def flush(self) -> None:
        for kind, n in self.counts.items():
            if n > self.LIMIT:
                more = n - self.LIMIT
                log.warning("feed %s: %d more entr%s %s (not listed one by one)", self.feed_url, more, "y" if more == 1 else "ies", kind)
