"""A small mutation check: make deliberate bugs in one module, one at a time, and see whether
the given tests catch each.

    python benchmarks/mutation.py bot/ingest/safety.py -- tests/test_safety.py tests/test_feed_guard.py -k "not postgresql"

Mutants (from the module's syntax tree, docstrings and messages left alone): each comparison
flipped (``==``/``!=``, ``<``/``>=``, ``in``/``not in``, ``is``/``is not``), ``and``/``or`` swapped,
a ``not`` dropped, an ``if``/``while`` condition negated, an integer off by one, a ``True``/
``False`` flipped, a ``return`` of a value made ``return None``, ``break``/``continue`` swapped,
and each statement inside a function replaced by ``pass``. ``--extra FILE`` adds hand-written
mutants (JSON list of ``{"name", "old", "new"}`` text replacements).

Each mutant is written over the module, the tests run (``pytest -x -q -p no:randomly``; a
mutant that makes them fail or time out is killed) and the original is put back, also on
Ctrl-C. Prints one line per survivor and a summary; ``--json`` writes every result, and
``--only-survivors-of`` that file re-runs only its survivors after tests were added. Mutant
names carry line numbers, so re-run survivors against the same version of the module.
Run it from a checkout with nothing else running the same files (or from a copy of the
checkout: pytest puts the copy's folder first on ``sys.path``, before an editable install).
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

FLIP = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt,
        ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


def _docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first))
    return out


def _in_place(node: ast.AST) -> list[tuple[str, callable]]:
    """(description, apply(node)) pairs for one node; apply changes the node in place."""
    out = []
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in FLIP:
                def apply(n, i=i, op=op):
                    n.ops[i] = FLIP[type(op)]()
                out.append((f"{type(op).__name__} -> {FLIP[type(op)].__name__}", apply))
    elif isinstance(node, ast.BoolOp):
        def apply(n):
            n.op = ast.Or() if isinstance(n.op, ast.And) else ast.And()
        out.append(("and <-> or", apply))
    elif isinstance(node, (ast.If, ast.While)):
        def apply(n):
            n.test = ast.UnaryOp(op=ast.Not(), operand=n.test)
        out.append(("condition negated", apply))
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        def apply(n):
            n.value = n.value + 1
        out.append((f"{node.value} -> {node.value + 1}", apply))
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        def apply(n):
            n.value = not n.value
        out.append((f"{node.value} -> {not node.value}", apply))
    elif isinstance(node, ast.Return) and node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
        def apply(n):
            n.value = None
        out.append(("return None", apply))
    return out


class _Replace(ast.NodeTransformer):
    """Replace the node marked ``_mid == target`` by what ``make(node)`` returns."""

    def __init__(self, target: int, make):
        self.target, self.make = target, make

    def generic_visit(self, node):
        if getattr(node, "_mid", None) == self.target:
            return self.make(node)
        return super().generic_visit(node)


def generate(source: str) -> list[tuple[str, str]]:
    """(name, mutated source) for every mutant of ``source``."""
    tree = ast.parse(source)
    docstrings = _docstring_nodes(tree)
    nodes = list(ast.walk(tree))
    for index, node in enumerate(nodes):
        node._mid = index
    in_function: set[int] = set()
    for fn in nodes:
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_function.update(id(sub) for sub in ast.walk(fn) if sub is not fn)
    mutants = []

    def mutant(label: str, change) -> None:
        copy_tree = copy.deepcopy(tree)
        copy_tree = change(copy_tree)
        ast.fix_missing_locations(copy_tree)
        mutants.append((label, ast.unparse(copy_tree)))

    for index, node in enumerate(nodes):
        if id(node) not in in_function or id(node) in docstrings:
            continue
        line = getattr(node, "lineno", "?")
        for what, apply in _in_place(node):
            def change(t, index=index, apply=apply):
                apply(next(n for n in ast.walk(t) if getattr(n, "_mid", None) == index))
                return t
            mutant(f"line {line}: {what}", change)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            mutant(f"line {line}: not dropped", lambda t, index=index: _Replace(index, lambda n: n.operand).visit(t))
        if isinstance(node, ast.Break):
            mutant(f"line {line}: break -> continue", lambda t, index=index: _Replace(index, lambda n: ast.Continue()).visit(t))
        if isinstance(node, ast.Continue):
            mutant(f"line {line}: continue -> break", lambda t, index=index: _Replace(index, lambda n: ast.Break()).visit(t))
        if isinstance(node, ast.stmt) and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Pass)):
            mutant(f"line {line}: statement removed ({type(node).__name__})",
                   lambda t, index=index: _Replace(index, lambda n: ast.Pass()).visit(t))
    return mutants


def run_tests(pytest_args: list[str], timeout: float) -> str:
    try:
        proc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *pytest_args],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "killed (timeout)"
    return "survived" if proc.returncode == 0 else "killed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module")
    parser.add_argument("--extra", help="JSON file of hand-written mutants")
    parser.add_argument("--json", help="write every result here")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--only-survivors-of", metavar="JSON", help="re-run only the mutants that survived in this --json file")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    pytest_args = argv[cut + 1:]
    path = Path(args.module)
    original = path.read_text()
    mutants = generate(original)
    mutants = [(name, text) for name, text in mutants if text != ast.unparse(ast.parse(original))]
    if args.extra:
        for m in json.loads(Path(args.extra).read_text()):
            assert m["old"] in original, f"hand-written mutant {m['name']!r}: text not found"
            mutants.append((f"hand-written: {m['name']}", original.replace(m["old"], m["new"], 1)))
    if args.only_survivors_of:
        again = {r["mutant"] for r in json.loads(Path(args.only_survivors_of).read_text()) if r["outcome"] == "survived"}
        mutants = [(name, text) for name, text in mutants if name in again]
    if run_tests(pytest_args, args.timeout) != "survived":
        sys.exit(f"the tests fail without any mutant: fix them first (pytest {' '.join(pytest_args)})")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # put the original back on SIGTERM too
    results = []
    started = time.monotonic()
    try:
        for n, (name, text) in enumerate(mutants, 1):
            try:
                compile(text, str(path), "exec")
            except SyntaxError:
                continue
            path.write_text(text)
            outcome = run_tests(pytest_args, args.timeout)
            results.append({"mutant": name, "outcome": outcome})
            if outcome == "survived":
                print(f"SURVIVED {name}", flush=True)
            print(f"[{n}/{len(mutants)}] {outcome}: {name}", file=sys.stderr, flush=True)
    finally:
        path.write_text(original)
    survived = [r for r in results if r["outcome"] == "survived"]
    print(f"{len(results)} mutants, {len(results) - len(survived)} killed, {len(survived)} survived "
          f"({time.monotonic() - started:.0f} s)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
