"""The package's import graph read from the source (every import: top level, deferred, TYPE_CHECKING)."""

from __future__ import annotations

import ast
from pathlib import Path

# The pipeline, in order: a module may import its own stage and the ones before it, never a later one.
# The root's shared values (errors, geometry, qr, fontset, document) come first; the entry point last.
STAGES: tuple[str, ...] = ("", "content", "text", "layout", "draw", "verify", "app", "entry")
_ENTRY = {"entry", "__main__"}


def module_name(root: Path, path: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports (``from pkg import sub`` counts the submodule)."""
    paths = {module_name(root, p): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                origin = _origin(node, package)
                targets = [
                    f"{origin}.{a.name}" if f"{origin}.{a.name}" in paths else origin for a in node.names
                ]
            for target in targets:
                while target and target not in paths:
                    target = target.rpartition(".")[0]  # an attribute of a module: the module
                if target and target != name and target != root.name:
                    found.add(target)
        graph[name] = found
    return graph


def _origin(node: ast.ImportFrom, package: str) -> str:
    """The module a ``from … import`` reads from, relative imports resolved against ``package``."""
    if not node.level:
        return node.module or ""
    base = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def stage_of(module: str) -> int:
    """The position of a module's stage in ``STAGES``."""
    parts = module.split(".")[1:]
    if not parts:
        return 0
    if parts[0] in _ENTRY:
        return STAGES.index("entry")
    return STAGES.index(parts[0]) if parts[0] in STAGES[1:] else 0


def later_stage_imports(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a module from a later stage than the importer's."""
    return sorted(
        f"{m} imports {t}" for m, targets in graph.items() for t in targets if stage_of(t) > stage_of(m)
    )


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(root: Path) -> list[str]:
    """Every use of another module's private name: ``from pkg.mod import _name`` or ``mod._name``.

    A module's ``_name`` is its own; what two modules share is public (and in ``__all__``).
    """
    paths = {module_name(root, p): p for p in sorted(root.rglob("*.py"))}
    found: list[str] = []
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        modules: dict[str, str] = {}  # a local name bound to one of the package's modules → the module
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in paths:
                        modules[alias.asname or alias.name] = alias.name
            elif isinstance(node, ast.ImportFrom):
                origin = _origin(node, package)
                if origin not in paths or origin == name:
                    continue
                for alias in node.names:
                    if f"{origin}.{alias.name}" in paths:
                        modules[alias.asname or alias.name] = f"{origin}.{alias.name}"
                    elif _private(alias.name):
                        found.append(f"{name} imports {origin}.{alias.name}")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                target = _dotted(node.value)
                module = modules.get(target) if target else None
                if module is None and target in paths:
                    module = target  # ``import flyer.verify.read`` then ``flyer.verify.read._x``
                if module is not None and module != name:
                    found.append(f"{name} uses {module}.{node.attr}")
    return sorted(found)


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` as text, or None for any other expression."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None
