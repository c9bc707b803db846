"""A configured spaCy model that is not installed falls back to the PyPI re-package, and says so."""

from __future__ import annotations

import logging

import pytest

from summarizers.nlp import FALLBACK_MODEL, load_pipeline

pytestmark = pytest.mark.slow  # needs the spaCy pipeline (shared per session)


def test_a_missing_configured_model_warns_naming_the_fallback(nlp, caplog):
    with caplog.at_level(logging.INFO, logger="summarizers.nlp"):
        got = load_pipeline("xx_nonexistent_briefbot_model")
    [record] = [r for r in caplog.records if r.name == "summarizers.nlp"]
    assert record.levelno == logging.WARNING
    assert "'xx_nonexistent_briefbot_model' is not installed" in record.getMessage()
    assert f"fallback '{FALLBACK_MODEL}'" in record.getMessage()
    if load_pipeline(FALLBACK_MODEL) is nlp:  # the session model is the re-package: no second copy is loaded
        assert got is nlp
