"""What counts as an article: one rule for ``brief --article`` (files and URLs), ``/brief TOPIC URL``,
``ingest --file`` and feed entries.

A text is an article when, counting whitespace-separated tokens:

- it has at least ``min_words`` of them (``settings.min_article_words``, default 40; a feed
  summary such as "pdf" or a four-word file is not an article);
- most of them are words (at least :data:`MIN_WORD_SHARE` are letters, possibly with
  punctuation around them): ``/etc/passwd``, a CSV or a log file is not prose;
- it is not a few words repeated: at least half of ``min_words`` (at most 20) different words.

``min_words = 0`` turns every check off (the setting's "keep everything"). Language is not
part of the rule: an article in another language is stored (and told so), but only English
ones are briefed (:func:`summarizers.language.ensure_english`).
"""

from __future__ import annotations

import re

from bot.ingest.extract import NotAnArticleError
from summarizers.model import ArticleText

MIN_WORD_SHARE = 0.5
"""At least this share of an article's tokens must be words."""

_WORD = re.compile(r"^[\"'“‘(\[¿¡«-]*[^\W\d_]+(?:[-'’.][^\W\d_]+)*[\"'”’)\].,;:!?…»-]*$")


def article_problem(text: str, min_words: int) -> str | None:
    """Why ``text`` is not an article (see the module docs), or None when it is."""
    if min_words <= 0:
        return None
    tokens = text.split()
    if len(tokens) < min_words:
        n = len(tokens)
        return f"too short to be an article ({n} word{'s' if n != 1 else ''}; the minimum is {min_words})"
    words = [t for t in tokens if _WORD.match(t)]
    if len(words) < MIN_WORD_SHARE * len(tokens):
        return (f"not an article: only {len(words)} of its {len(tokens)} tokens are words "
                "(a data, log or configuration file?)")
    different = len({w.strip("\"'“‘”’()[].,;:!?…«»¿¡-").casefold() for w in words})
    if different < min(20, min_words // 2 or 1):
        return f"not an article: {len(tokens)} words but only {different} different ones"
    return None


def require_article(article: ArticleText, min_words: int, name: str) -> ArticleText:
    """``article`` when its text is an article; else :class:`NotAnArticleError` naming ``name``
    (the file or URL it came from) and why."""
    problem = article_problem(article.text or "", min_words)
    if problem:
        raise NotAnArticleError(f"{name}: {problem}")
    return article
