"""Mutation score of one module: single-point changes to its code, each run against the given tests.

    .venv/bin/python bench/mutation.py flyer/content/urls.py tests/test_promises.py tests/test_bad_input.py
    .venv/bin/python bench/mutation.py flyer/text/typography.py tests/test_typography.py tests/test_promises.py --list

Each mutant changes one operator or constant (``<`` ↔ ``<=``, ``==`` ↔ ``!=``, ``and`` ↔ ``or``, ``+`` ↔
``-``, ``not x`` → ``x``, ``n`` → ``n + 1``, ``True`` ↔ ``False``) in a copy of the project; the tests run
there (``-x``, a timeout counts as killed). A mutant the tests still pass is a promise nobody checks —
or an equivalent change (a cache size, a docstring-free constant that only tunes speed): read the
survivors (``--list``) before writing a test. Docstrings, ``__all__`` and annotations are not mutated.
Needs nothing beyond the test dependencies; takes a few seconds a mutant.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SWAPS: dict[type[ast.AST], type[ast.AST]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.And: ast.Or,
    ast.Or: ast.And,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
}


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes never mutated: docstrings, ``__all__``, annotations (changing them changes no behaviour)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            skip.update(id(n) for n in ast.walk(first))
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            skip.update(id(n) for n in ast.walk(node))
        for annotation in (getattr(node, "annotation", None), getattr(node, "returns", None)):
            if isinstance(annotation, ast.AST):
                skip.update(id(n) for n in ast.walk(annotation))
    return skip


def mutants(source: str) -> Iterator[tuple[int, str, str]]:
    """Every single-point mutant of ``source``: (line, what changed, mutated source)."""
    tree = ast.parse(source)
    skip = _skipped(tree)
    targets = [n for n in ast.walk(tree) if id(n) not in skip]
    for index, node in enumerate(targets):
        changes: list[tuple[str, ast.AST]] = []
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _SWAPS:
                    new = copy.deepcopy(node)
                    new.ops[i] = _SWAPS[type(op)]()
                    changes.append((f"{type(op).__name__} → {_SWAPS[type(op)].__name__}", new))
        elif isinstance(node, (ast.BoolOp, ast.BinOp)) and type(node.op) in _SWAPS:
            new = copy.deepcopy(node)
            new.op = _SWAPS[type(node.op)]()
            changes.append((f"{type(node.op).__name__} → {_SWAPS[type(node.op)].__name__}", new))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            changes.append(("not x → x", copy.deepcopy(node.operand)))
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            changes.append((f"{node.value} → {not node.value}", ast.Constant(not node.value)))
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            changes.append((f"{node.value} → {node.value + 1}", ast.Constant(node.value + 1)))
        for what, replacement in changes:
            mutated = copy.deepcopy(tree)
            target = [n for n in ast.walk(mutated) if id(n) not in _skipped(mutated)][index]
            _replace(mutated, target, replacement)
            yield getattr(node, "lineno", 0), what, ast.unparse(mutated)


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    ast.copy_location(new, old)
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list) and any(v is old for v in value):
                value[next(i for i, v in enumerate(value) if v is old)] = new
                return


def _copy_project(into: Path) -> None:
    for name in ("flyer", "tests", "assets"):
        shutil.copytree(ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("content.yaml", "content.schema.json", "pyproject.toml", "README.md"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, into / name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("module", help="the module to mutate, e.g. flyer/content/urls.py")
    parser.add_argument("tests", nargs="+", help="the test files that should kill its mutants")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a test run may take")
    parser.add_argument("--list", action="store_true", help="print each surviving mutant")
    args = parser.parse_args()
    module = Path(args.module)
    source = (ROOT / module).read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    killed = survived = 0
    with tempfile.TemporaryDirectory(prefix="flyer-mutants-") as scratch:
        project = Path(scratch)
        _copy_project(project)
        env["PYTHONPATH"] = str(project)  # the copy's flyer, not an editable install's
        target = project / module
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *args.tests]
        for line, what, mutated in mutants(source):
            target.write_text(mutated, encoding="utf-8")
            try:
                run = subprocess.run(command, cwd=project, env=env, capture_output=True, timeout=args.timeout)
                alive = run.returncode == 0
            except subprocess.TimeoutExpired:
                alive = False
            if alive:
                survived += 1
                if args.list:
                    print(f"survived: {module}:{line}: {what}")
            else:
                killed += 1
        target.write_text(source, encoding="utf-8")
    total = killed + survived
    print(f"{module}: {killed}/{total} mutants killed ({100 * killed / max(total, 1):.0f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
