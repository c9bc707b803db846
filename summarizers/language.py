"""Language check before briefing: only English text is briefed.

Detection uses py3langid (Lui & Baldwin 2012, "langid.py: An Off-the-shelf Language
Identification Tool", a naive Bayes model over byte n-grams, bundled with the package, so
nothing is downloaded). Texts shorter than :data:`MIN_CHARS` letters are too short to judge
and pass.
"""

from __future__ import annotations

import threading

from summarizers.errors import NotEnglishError

MIN_CHARS = 60
"""Below this many letters a text is too short to judge reliably and is accepted."""

SAMPLE_CHARS = 5000
"""Only the first characters are classified (enough for a confident answer, and fast)."""

MIN_CONFIDENCE = 0.5
"""A non-English answer below this normalised probability is not trusted (text passes)."""

_NAMES = {
    "de": "German", "es": "Spanish", "fr": "French", "it": "Italian", "pt": "Portuguese", "nl": "Dutch",
    "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "tr": "Turkish", "ar": "Arabic", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish",
    "cs": "Czech", "el": "Greek", "he": "Hebrew", "hi": "Hindi", "id": "Indonesian", "ro": "Romanian",
    "hu": "Hungarian", "fa": "Persian", "vi": "Vietnamese", "ca": "Catalan", "sk": "Slovak", "bg": "Bulgarian",
}
_lock = threading.Lock()
_identifier = None


def _classifier():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


def language_name(code: str) -> str:
    """English name of ISO 639-1 ``code`` (e.g. ``"de"`` -> ``"German"``), or the code itself."""
    return _NAMES.get(code, code)


def detect_language(text: str) -> tuple[str, float] | None:
    """``(ISO 639-1 code, probability in [0, 1])`` of ``text``, or None when it is too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return None
    code, prob = _classifier().classify(sample)
    return code, float(prob)


def ensure_english(text: str) -> None:
    """Return when ``text`` is English or too short to judge; raise :class:`NotEnglishError` otherwise.

    The error message names the detected language, e.g. "the article is in German, not English".
    """
    found = detect_language(text)
    if found is None:
        return
    code, prob = found
    if code != "en" and prob >= MIN_CONFIDENCE:
        raise NotEnglishError(
            f"the article is in {language_name(code)}, not English (detected with {prob:.0%} confidence); "
            "briefbot only briefs English text"
        )
