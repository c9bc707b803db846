"""Loading the engine once, before worker processes are forked from the loaded copy.

Each process that runs brief units pays a fixed start-up cost before its first brief: the spaCy
pipeline (about 1.6 s of CPU for ``en_core_web_sm``), the language identifier's model (lzma
decompression) and the imports of the summary, issue and quote modules (nltk, sumy), about 3 s of
CPU in all on the 2-core development machine. :func:`warm` pays it once in a parent process; the
worker processes forked from that parent afterwards share the loaded copy (copy-on-write) and
start briefing at once:

- the local pool (:mod:`bot.work.pool`): the ``forkserver`` imports this module before it forks
  any worker (``multiprocessing`` ``set_forkserver_preload``); the spec to warm travels in the
  environment variable :data:`SPEC_ENV` (set by the pool while the forkserver starts);
- ``briefbot worker``: the command calls :func:`warm` before Celery forks its prefork children.

Nothing is stored and no database connection is opened (connections must not cross a fork).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import signal
import threading
import time

from bot.core.errors import first_line

log = logging.getLogger("briefbot.work")

SPEC_ENV = "_BRIEFBOT_PRELOAD_SPEC"
"""Environment variable holding the JSON of the :class:`~bot.work.units.UnitSpec` the forkserver warms."""

WARM_TEXT = (
    "The finance minister, Maria Olvera, said on Tuesday that the budget talks would resume next week. "
    "\"We are close to an agreement on the tariff schedule,\" Ms Olvera told reporters in the capital. "
    "Opposition leaders in parliament criticised the plan and asked for a vote on the trade accord.\n\n"
    "The central bank kept its interest rate unchanged and said inflation was slowing across the region."
)
"""An invented short article, briefed once so every lazily loaded model and module is in memory."""


def warm_extraction() -> None:
    """Import what extraction units need (trafilatura, lxml, the language identifier's model):
    the preload of a pool that mostly extracts, where waiting for the engine would delay them."""
    from bot.ingest import extract, pages  # noqa: F401
    from summarizers.language import _classifier

    _classifier()
    gc.freeze()


def warm(spec) -> float:
    """Load, in this process, everything a unit of ``spec`` (a :class:`~bot.work.units.UnitSpec`)
    needs: the page extractor's modules, the topics, the engine and its models (by briefing
    :data:`WARM_TEXT` once), then freezes the collector's view of them (``gc.freeze``: call it
    in a process that forks workers, not in one that briefs). Returns the seconds it took. Raises what the engine raises (e.g.
    ``ModelNotFoundError``); callers that can run without a warm engine catch it."""
    from bot.ingest import extract, pages  # noqa: F401 - trafilatura and lxml, for extraction units
    from bot.work.units import _topics, engine_for
    from summarizers.model import ArticleMeta, ArticleText

    start = time.perf_counter()
    # the language identifier's model is mostly LZMA decompression, which releases the GIL:
    # it loads in a thread while this one loads spaCy (about 0.2 s less on the 2-core machine)
    from summarizers.language import _classifier
    from summarizers.nlp import load_pipeline

    def load_language() -> None:
        try:
            _classifier()
        except Exception:  # noqa: BLE001 - raised again, where it belongs, by the brief below
            pass

    language = threading.Thread(target=load_language, name="briefbot-warm-language", daemon=True)
    language.start()
    topics = _topics(spec.topics_dir)
    load_pipeline(spec.spacy_model)
    language.join()
    engine = engine_for(spec)
    engine.brief(ArticleText(meta=ArticleMeta(title="Budget talks resume"), text=WARM_TEXT), next(iter(topics.values()), None))
    # the loaded objects leave the collector's generations: collections in the forked workers
    # neither walk them nor write to (and so copy) their pages (Python's gc.freeze docs)
    gc.freeze()
    return time.perf_counter() - start


def spec_from_env():
    """``(spec, engine)`` from :data:`SPEC_ENV` (the :class:`~bot.work.units.UnitSpec`, and whether
    to warm its engine or only extraction), or None when it is not set or asks for nothing.

    The variable holds either the spec itself (``{"spec": ..., "engine": ...}``, from a pool) or
    where to find it (``{"settings": {"config": PATH or null, "sources": N}}``, from
    :mod:`bot.work.early`): the settings of that file and of the environment, and only when
    they give ``min(workers, N) > 1`` (otherwise the command runs in one process, and the
    forkserver is not used). Settings that do not load give None: the command reports them.
    """
    raw = os.environ.get(SPEC_ENV)
    if not raw:
        return None
    from bot.work.units import UnitSpec

    data = json.loads(raw)
    if "settings" in data:
        from config.settings import ConfigError, load_settings

        wanted = data["settings"]
        try:
            settings = load_settings(wanted.get("config"))
        except (ConfigError, OSError, ValueError):
            return None
        if min(settings.workers, int(wanted.get("sources") or 0)) <= 1:
            return None
        return UnitSpec.from_settings(settings), bool(data.get("engine", True))
    return UnitSpec(**data["spec"]), bool(data["engine"])


def _skip_main_import() -> None:
    """In the forkserver: make its workers skip re-running the parent's main script.

    Before a forked worker runs a unit, ``multiprocessing`` runs the parent's ``__main__`` file
    again in it (as ``__mp_main__``: for ``briefbot`` that imports the whole CLI, ~0.5 s of CPU per
    worker) unless the worker's own ``__main__`` already has that file. The forkserver was meant
    to preload it once, but CPython 3.11 never does (``forkserver.ensure_running`` keeps a
    ``main_path`` key that ``spawn.get_preparation_data`` no longer returns). Units are functions
    of importable modules, never of ``__main__``, so the forkserver's ``__main__`` is given the
    parent's main file name (the :data:`SPEC_ENV` ``main``), which ``spawn._fixup_main_from_path``
    takes as already loaded."""
    raw = os.environ.get(SPEC_ENV)
    main_file = json.loads(raw).get("main") if raw else None
    if main_file:
        import sys

        setattr(sys.modules["__main__"], "__file__", main_file)


def _preload() -> None:
    """In the forkserver (imported by ``multiprocessing``): warm the spec of :data:`SPEC_ENV`.
    A failure is logged, never raised: the forkserver must start, and units then load lazily."""
    if os.environ.get(SPEC_ENV):
        # in the forkserver: it shares the command's process group, and a Ctrl-C during the
        # warm-up must stop the command (which then stops the pool), not print this process's
        # traceback; CPython's forkserver ignores SIGINT the same way once it serves
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _skip_main_import()
        found = spec_from_env()
        if found is not None and found[1]:
            log.debug("worker template warmed in %.1f s", warm(found[0]))
        elif found is not None:
            warm_extraction()
    except Exception as exc:  # any failure: workers load what they need themselves, as without preload
        log.warning("could not preload the engine for worker processes (%s: %s); each loads its own",
                    type(exc).__name__, first_line(exc, 200))


_preload()
