"""YAML text → plain values plus the line and column of every key and value.

Why not ``yaml.safe_load``: it forgets positions, keeps the last of two duplicate keys, and turns
``no``, ``on`` or ``2021-11-16`` into booleans and dates. Here every scalar stays the string the
person typed (``~``/``null``/empty become ``None``); the content model decides what each key means.
Only the composer runs: no tag is ever constructed, so ``!!python/...`` cannot execute anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import ContentError, Problem

__all__ = ["MAX_DEPTH", "MAX_NODES", "Path", "Source", "format_path", "parse_yaml"]

Path = tuple[str | int, ...]
#: No flyer nests deeper than a handful of levels; deeper input is hostile or a mistake.
MAX_DEPTH = 32
#: Bounds alias expansion ("billion laughs"): a flyer has a few hundred values at most.
MAX_NODES = 20_000

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Source:
    """Parsed YAML: the values and where each one was written (1-based line, column)."""

    data: Any
    file: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: Problems found while reading (duplicate keys, tags): reported with the model's own.
    problems: tuple[Problem, ...] = ()

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path`` (its key when ``key``), else of its nearest located parent."""
        table = self.key_positions if key else self.positions
        while path:
            if path in table:
                return table[path]
            if not key and path in self.key_positions:
                return self.key_positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def format_path(path: Path) -> str:
    """``("sections", 0, "items", 2, "url")`` → ``sections[0].items[2].url``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _decode(raw: bytes, file: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ContentError(
            [
                Problem(
                    f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02X} cannot be read)",
                    file=file,
                    line=line,
                    column=column,
                    hint="save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)",
                )
            ]
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _syntax_problem(exc: yaml.YAMLError, file: str, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    hint = ""
    lines = text.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in problem or "\t" in current[: max(column, 1)]:
        hint = "indent with spaces, not tabs"
    elif "quoted scalar" in message or "unexpected end of stream" in problem:
        hint = "a quote was opened and never closed: check the quotes on this line and the ones above"
    elif "mapping values are not allowed" in problem:
        hint = 'put quotes around a value that contains « : » (title: "Agir : ensemble")'
    elif "found character '@'" in problem or "found character '`'" in problem:
        hint = "put quotes around a value that starts with @ or `"
    return Problem(message, file=file, line=line, column=column, hint=hint)


def _check_shape(text: str, file: str) -> None:
    """Walk the event stream (no recursion) to bound nesting before composing."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    assert mark is not None
                    raise ContentError(
                        [
                            Problem(
                                f"nested more than {MAX_DEPTH} levels deep",
                                file=file,
                                line=mark.line + 1,
                                column=mark.column + 1,
                                hint="a flyer's content is a few levels deep: check the brackets and indentation",
                            )
                        ]
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise ContentError([_syntax_problem(exc, file, text)]) from None


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[Path, tuple[int, int]] = {}
        self.key_positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def _problem(self, node: yaml.Node, message: str, path: Path, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(message, format_path(path), self.file, mark.line + 1, mark.column + 1, hint)
        )

    def walk(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ContentError(
                [
                    Problem(
                        f"more than {MAX_NODES} values once aliases (*name) are expanded",
                        file=self.file,
                        line=node.start_mark.line + 1,
                        column=node.start_mark.column + 1,
                        hint="remove the anchors (&name) and aliases (*name) that repeat each other",
                    )
                ]
            )
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _ALLOWED_TAGS:
            self._problem(
                node,
                f"the YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed",
                path,
                "remove the tag: flyer reads plain text, lists and keys only",
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.value in _NULLS and node.tag != "tag:yaml.org,2002:str":
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "a key must be a plain word", path)
                continue
            key = key_node.value
            if key in first_seen:
                self._problem(
                    key_node,
                    f"duplicate key '{key}' (first written on line {first_seen[key]})",
                    (*path, key),
                    "remove one of them: YAML would silently keep only the last",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.key_positions[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.walk(value_node, (*path, key))
        return out


def parse_yaml(raw: bytes | str, file: str = "content.yaml") -> Source:
    """Parse YAML safely, keeping positions; raise ``ContentError`` with every problem found."""
    text = raw if isinstance(raw, str) else _decode(raw, file)
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.split("\n")
    ):
        raise ContentError(
            [
                Problem(
                    "the file is empty",
                    file=file,
                    line=1,
                    column=1,
                    hint="start from the example: flyer init, or copy content.yaml from the project",
                )
            ]
        )
    _check_shape(text, file)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise ContentError([_syntax_problem(exc, file, text)]) from None
    finally:
        loader.dispose()
    if node is None:
        raise ContentError([Problem("the file is empty", file=file, line=1, column=1)])
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        raise ContentError(
            [
                Problem(
                    "the content must be a set of keys (title:, sections:…), not a single value or a list",
                    file=file,
                    line=mark.line + 1,
                    column=mark.column + 1,
                    hint="see content.yaml in the project for the expected shape",
                )
            ]
        )
    walker = _Walker(file)
    data = walker.walk(node, ())
    return Source(data, file, walker.positions, walker.key_positions, tuple(walker.problems))
