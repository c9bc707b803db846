"""The extractive summary: candidate sentences (:mod:`.candidates`), references that need
their antecedent (:mod:`.references`), sumy on the spaCy parse (:mod:`.sumy_bridge`,
:mod:`.textrank_matrix`) and the selection rules (:mod:`.select`). :func:`summarize` is the
entry point."""

from summarizers.summary.select import summarize

__all__ = ["summarize"]
