"""briefbot's brief engine: one spaCy pass over an article, then an extractive
summary, actors, policy issues and expert quotes.

This package imports nothing from ``bot``; it turns an :class:`~summarizers.model.ArticleText`
into a :class:`~summarizers.model.Brief`.
"""
