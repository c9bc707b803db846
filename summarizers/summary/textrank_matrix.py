"""sumy's TextRank with its similarity matrix built as one product of word-count vectors.

sumy's ``TextRankSummarizer._create_matrix`` compares every pair of sentences word by word
(``sum(words2.count(w) for w in words1)``): O(n² · words²) in Python, seconds for a long
article. The edge weight is the number of shared words counted with multiplicity, i.e. the
dot product of the two sentences' word-count vectors, divided by
``log(len1) + log(len2)``. :class:`IndexedTextRankSummarizer` computes all the dot products
at once as ``C @ C.T`` of the sentence-by-word count matrix ``C`` (integer counts: every
product and sum is exact in float64, whatever the order), then applies sumy's own formula, so
the matrix, the ranks and the summary are bit-for-bit those of sumy (the test suite compares
the two matrices on real articles).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy
from sumy.summarizers.text_rank import TextRankSummarizer


class IndexedTextRankSummarizer(TextRankSummarizer):
    """:class:`sumy.summarizers.text_rank.TextRankSummarizer` with a faster, identical matrix."""

    def _create_matrix(self, document):
        sentences_as_words = [self._to_words_set(sent) for sent in document.sentences]
        n = len(sentences_as_words)
        vocabulary: dict[str, int] = {}
        rows, columns, values = [], [], []
        for i, words in enumerate(sentences_as_words):
            for word, count in Counter(words).items():
                rows.append(i)
                columns.append(vocabulary.setdefault(word, len(vocabulary)))
                values.append(count)
        counts = numpy.zeros((n, len(vocabulary)))
        counts[rows, columns] = values
        rank = counts @ counts.T  # integer-valued: exact in float64
        logs = numpy.array([math.log(len(w)) if w else 0.0 for w in sentences_as_words])
        norm = logs[:, numpy.newaxis] + logs[numpy.newaxis, :]
        with numpy.errstate(divide="ignore", invalid="ignore"):
            weights = numpy.where(numpy.isclose(norm, 0.0), rank, rank / norm)
        weights[rank == 0] = 0.0

        weights /= (weights.sum(axis=1)[:, numpy.newaxis] + self._ZERO_DIVISION_PREVENTION)
        return numpy.full((n, n), (1. - self.damping) / n) + self.damping * weights
