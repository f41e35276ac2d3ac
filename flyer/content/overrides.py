"""Content overrides: ``key.path=value`` (``--set``, variant columns) applied to parsed YAML data.

Values are text, as in the YAML file (an empty value is an empty YAML value): the model types and
checks them. Problems the model finds in an overridden value are attributed to the override (the
option or the variants file's row and column), not to the content file.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flyer.content.source import Path, Source, format_path, split_path
from flyer.errors import Problem

__all__ = ["Override", "apply", "attribute", "attribute_new_keys", "parse_assignment", "parse_key"]

_NAME = r"[A-Za-z0-9_~-]+"
_KEY = re.compile(rf"{_NAME}(\[\d+\])*(\.{_NAME}(\[\d+\])*)*")


@dataclass(frozen=True)
class Override:
    """One content key set from outside the content file, and where it was written."""

    path: Path
    value: str | None
    #: Where it comes from: ``--set page.size=A3`` (no line) or the variants file (line, column).
    file: str
    line: int = 0
    column: int = 0

    @property
    def key(self) -> str:
        """The dotted key, as ``format_path`` writes it."""
        return format_path(self.path)


def parse_key(key: str) -> Path:
    """``sections[0].title`` → ``("sections", 0, "title")``; raise ``ValueError`` when malformed."""
    key = key.strip()
    if not _KEY.fullmatch(key):
        raise ValueError(f"'{key}' is not a key path like event.name or sections[0].title")
    return split_path(key)


def parse_assignment(text: str) -> Override:
    """``key.path=value`` from ``--set``; raise ``ValueError`` naming the option when malformed."""
    key, sep, value = text.partition("=")
    if not sep:
        raise ValueError(f"--set {text}: expected key.path=value")
    try:
        path = parse_key(key)
    except ValueError as exc:
        raise ValueError(f"--set {text}: {exc}") from None
    return Override(path, value.strip() or None, f"--set {text}")


def apply(data: Any, overrides: Sequence[Override]) -> tuple[Any, list[Problem]]:
    """A copy of ``data`` with every override set, and the overrides that address nothing."""
    data = copy.deepcopy(data) if isinstance(data, (dict, list)) else {}
    problems = []
    for override in overrides:
        node: Any = data
        for depth, part in enumerate(override.path):
            last = depth == len(override.path) - 1
            here = format_path(override.path[:depth]) or "the content"
            if isinstance(part, int):
                if not isinstance(node, list):
                    problems.append(_at(override, f"{here} is not a list; {override.key} cannot be set"))
                    break
                if part >= len(node):
                    problems.append(
                        _at(override, f"{here} has {len(node)} entries; there is no [{part}] to set")
                    )
                    break
                if last:
                    node[part] = override.value
                else:
                    if node[part] is None:
                        node[part] = {}
                    node = node[part]
            else:
                if not isinstance(node, dict):
                    problems.append(
                        _at(override, f"{here} is not a set of keys; {override.key} cannot be set")
                    )
                    break
                if last:
                    node[part] = override.value
                else:
                    if node.get(part) is None:
                        node[part] = [] if isinstance(override.path[depth + 1], int) else {}
                    node = node[part]
    return data, problems


def _at(override: Override, message: str) -> Problem:
    return Problem(message, override.key, override.file, override.line, override.column)


def attribute(problems: Iterable[Problem], overrides: Sequence[Override]) -> list[Problem]:
    """Point problems about an overridden key (or inside it) at the override that set it."""
    out = []
    for problem in problems:
        for override in reversed(overrides):  # the last one set wins
            key = override.key
            if problem.path == key or problem.path.startswith((key + ".", key + "[")):
                problem = _blamed(problem, override)
                break
        out.append(problem)
    return out


def attribute_new_keys(
    problems: Iterable[Problem], overrides: Sequence[Override], original: Source
) -> list[Problem]:
    """Point a problem about a key that only an override wrote (``--set nonexistent.key=1``) at it.

    The content file never had that key: blaming its first line would send people looking for it.
    """
    out = []
    known = original.positions.keys() | original.key_positions.keys()
    for problem in problems:
        path = split_path(problem.path)
        # The outermost part of the path the content file does not have.
        absent = next((path[:k] for k in range(1, len(path) + 1) if path[:k] not in known), None)
        maker = next((o for o in reversed(overrides) if absent and o.path[: len(absent)] == absent), None)
        out.append(problem if maker is None else _blamed(problem, maker))
    return out


def _blamed(problem: Problem, override: Override) -> Problem:
    """``problem`` at the override that caused it (a ``--set`` option has no key path to show)."""
    return dataclasses.replace(
        problem,
        file=override.file,
        line=override.line,
        column=override.column,
        path="" if override.file.startswith("--set ") else problem.path,
    )
