"""Finding adapters by name: the built-in ones plus the ``briefbot.adapters`` entry-point group.

A third-party package adds an adapter by declaring, in its ``pyproject.toml``::

    [project.entry-points."briefbot.adapters"]
    matrix = "briefbot_matrix:MatrixAdapter"

The class is built as ``cls(settings)`` and must implement :class:`~bot.adapters.base.Adapter`;
its constructor raises :class:`AdapterConfigError` when settings it needs are missing.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

GROUP = "briefbot.adapters"
BUILTIN: dict[str, str] = {
    "console": "bot.adapters.console:ConsoleAdapter",
    "slack": "bot.adapters.slack.adapter:SlackAdapter",
    "discord": "bot.adapters.discord.adapter:DiscordAdapter",
}


class AdapterConfigError(Exception):
    """An adapter is unknown, cannot be imported, or lacks settings; ``str(err)`` says which."""


def available() -> dict[str, str]:
    """Adapter name → ``module:Class`` for every adapter found, sorted by name.

    Built-ins come first; an installed entry point with the same name replaces a built-in.
    """
    found = dict(BUILTIN)
    for ep in entry_points(group=GROUP):
        found[ep.name] = ep.value
    return dict(sorted(found.items()))


def load_class(name: str) -> type:
    """The adapter class registered as ``name``.

    Raises :class:`AdapterConfigError` for an unknown name (listing the known ones) or a
    target that cannot be imported.
    """
    targets = available()
    key = (name or "").strip().lower()
    if key not in targets:
        raise AdapterConfigError(f"unknown adapter '{name}'. Available adapters: {', '.join(targets)}")
    target = targets[key]
    module_name, _, attr = target.partition(":")
    try:
        obj = importlib.import_module(module_name)
        for part in attr.split(".") if attr else []:
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise AdapterConfigError(f"adapter '{key}' ({target}) cannot be loaded: {exc}") from exc
    return obj


def create(name: str, settings, **kwargs):
    """An adapter instance: ``load_class(name)(settings, **kwargs)``.

    Raises :class:`AdapterConfigError` as :func:`load_class` does, and when the adapter's
    constructor reports missing settings.
    """
    return load_class(name)(settings, **kwargs)
