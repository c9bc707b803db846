"""No import circles among briefbot's modules (the two named in issue 9, and any other)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _module(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    files = [p for pkg in ("bot", "summarizers", "config") for p in (REPO / pkg).rglob("*.py")]
    names = {_module(p) for p in files}
    graph: dict[str, set[str]] = {}
    for p in files:
        edges = set()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            edges.update(t for t in targets if t in names)
        graph[_module(p)] = edges - {_module(p)}
    return graph


def test_named_pairs_do_not_import_each_other():
    g = _graph()
    for a, b in (("bot.scheduler.jobs", "bot.scheduler.service"), ("bot.store.db", "bot.store.migrate")):
        assert not (b in g[a] and a in g[b]), f"{a} and {b} import each other"


def test_new_modules_are_in_no_circle():
    g = _graph()

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            m = todo.pop()
            for n in g.get(m, ()):
                if n == goal:
                    return True
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return False

    for m in [m for m in g if m.startswith(("bot.work", "bot.obs", "bot.scheduler", "bot.store"))]:
        assert not reaches(m, m), f"{m} is in an import circle"
