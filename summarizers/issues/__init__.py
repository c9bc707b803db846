"""Policy issues: the topic taxonomy's labels with real support and the story's own matter as
keyphrases (:mod:`.nounphrases` candidates scored against the :mod:`.background` of other
news by :mod:`.keyphrases`), ranked together by :mod:`.rank`. :func:`extract_issues` is the
entry point."""

from summarizers.issues.rank import extract_issues

__all__ = ["extract_issues"]
