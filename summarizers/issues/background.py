"""Background frequencies of keyphrases in other news: how specific a phrase is.

``summarizers/data/background_df.tsv.gz`` holds document frequencies of keyphrase keys
(:func:`summarizers.issues.nounphrases.candidates`) over the BBC news data set (2,225 articles of
2004-05 in five sections, the shared corpus's gold articles left out), built offline by
``benchmarks/build_background.py``: counts only, no text. Nothing is downloaded at run time.

The *specificity* of a key is its inverse document frequency ``ln((N + 1) / (df + 1))``
(Sparck Jones 1972) divided by its maximum ``ln(N + 1)``: 1.0 for a phrase no other article
uses, about 0.2 for one in every fifth article ("people", "government"), near 0 for "year".
Keys seen in fewer than two background articles are not stored and count as ``df = 1``.
"""

from __future__ import annotations

import gzip
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA = "background_df.tsv.gz"
UNSEEN_DF = 1
"""Document frequency assumed for a key the background does not list (seen at most once)."""


@lru_cache(maxsize=1)
def load(path: str | None = None) -> tuple[int, dict[str, int]]:
    """``(N articles, {key: document frequency})`` from ``path`` (default: the shipped file).

    Raises ``FileNotFoundError`` when the file is missing and ``ValueError`` when it has no
    ``N`` line (a broken install, not a bad article)."""
    if path is None:
        raw = resources.files("summarizers").joinpath("data", DATA).read_bytes()
    else:
        raw = Path(path).read_bytes()
    n = 0
    df: dict[str, int] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, count = line.rpartition("\t")
        if key == "N":
            n = int(count)
        else:
            df[key] = int(count)
    if n <= 0:
        raise ValueError(f"background statistics without an N line: {path or DATA}")
    return n, df


def document_frequency(key: str) -> int:
    """Background articles containing ``key`` (a keyphrase key), :data:`UNSEEN_DF` if not listed."""
    return load()[1].get(key, UNSEEN_DF)


def specificity(key: str) -> float:
    """Inverse document frequency of ``key`` scaled to (0, 1] (see the module docstring)."""
    n, df = load()
    return math.log((n + 1) / (df.get(key, UNSEEN_DF) + 1)) / math.log(n + 1)
