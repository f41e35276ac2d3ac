"""Mutation score of one module: single-point changes to its code, each run against the given tests.

    .venv/bin/python bench/mutation.py flyer/content/urls.py tests/test_promises.py tests/test_bad_input.py
    .venv/bin/python bench/mutation.py flyer/text/typography.py tests/test_typography.py tests/test_promises.py --list
    .venv/bin/python bench/mutation.py flyer/layout/flow.py tests/test_layout.py --jobs 2 --lines 200-260

Each mutant changes one operator or constant (``<`` ↔ ``<=``, ``==`` ↔ ``!=``, ``and`` ↔ ``or``, ``+`` ↔
``-``, ``not x`` → ``x``, ``n`` → ``n + 1``, ``True`` ↔ ``False``) in a copy of the project; the tests run
there (``-x``, a timeout counts as killed). A mutant the tests still pass is a promise nobody checks —
or an equivalent change (a cache size, a docstring-free constant that only tunes speed): read the
survivors (``--list``) before writing a test. Docstrings, ``__all__`` and annotations are not mutated.
Needs nothing beyond the test dependencies; takes a few seconds a mutant. ``--jobs N`` runs N mutants
at once, each in its own copy of the project; ``--lines A-B`` mutates only those lines (to check the
tests written for a few survivors without the whole run; the score printed is then the score of
those lines only).
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
from concurrent.futures import ThreadPoolExecutor
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
            skipped = _skipped(mutated)  # once: asked per node, it made every mutant cost O(nodes²)
            target = [n for n in ast.walk(mutated) if id(n) not in skipped][index]
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


def _lines(spec: str | None) -> range | None:
    if spec is None:
        return None
    first, _, last = spec.partition("-")
    return range(int(first), int(last or first) + 1)


def _survives(project: Path, module: Path, mutated: str, tests: list[str], timeout: float) -> bool:
    """Whether the tests still pass with ``mutated`` as ``module`` in ``project`` (a timeout kills)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(project)}
    (project / module).write_text(mutated, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        run = subprocess.run(command, cwd=project, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return run.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("module", help="the module to mutate, e.g. flyer/content/urls.py")
    parser.add_argument("tests", nargs="+", help="the test files that should kill its mutants")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a test run may take")
    parser.add_argument("--list", action="store_true", help="print each surviving mutant")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once, each in its own copy")
    parser.add_argument("--lines", help="mutate only these lines of the module, e.g. 200-260 or 42")
    args = parser.parse_args()
    module = Path(args.module)
    source = (ROOT / module).read_text(encoding="utf-8")
    wanted = _lines(args.lines)
    todo = [
        (line, what, mutated) for line, what, mutated in mutants(source) if wanted is None or line in wanted
    ]
    jobs = max(1, args.jobs)
    with tempfile.TemporaryDirectory(prefix="flyer-mutants-") as scratch:
        # The copies are handed out one per running mutant, so that no two share a module file.
        free: list[Path] = []
        for n in range(jobs):
            (Path(scratch) / str(n)).mkdir()
            _copy_project(Path(scratch) / str(n))  # the copy's flyer, not an editable install's
            free.append(Path(scratch) / str(n))

        def run(mutant: tuple[int, str, str]) -> bool:
            project = free.pop()
            try:
                return _survives(project, module, mutant[2], args.tests, args.timeout)
            finally:
                free.append(project)

        survived = 0
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            # In the module's order, each as soon as it and those before it are done.
            for (line, what, _), lives in zip(todo, pool.map(run, todo), strict=True):
                if lives:
                    survived += 1
                    if args.list:
                        print(f"survived: {module}:{line}: {what}", flush=True)
    total = len(todo)
    killed = total - survived
    scope = f" (lines {args.lines})" if args.lines else ""
    print(f"{module}{scope}: {killed}/{total} mutants killed ({100 * killed / max(total, 1):.0f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
