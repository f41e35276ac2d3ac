"""YAML text → plain values plus the line and column of every key and value.

Why not ``yaml.safe_load``: it forgets positions, keeps the last of two duplicate keys, and turns
``no``, ``on`` or ``2021-11-16`` into booleans and dates. Here every scalar stays the string the
person typed (``~``/``null``/empty become ``None``); the content model decides what each key means.
Only the composer runs: no tag is ever constructed, so ``!!python/...`` cannot execute anything.
libyaml's parser is used when PyYAML has it (a 2 MB file is read in milliseconds, not seconds);
positions and messages are the same kind either way.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from flyer.content.yamlsyntax import DEEP_HINT, MAX_DEPTH, syntax_problem
from flyer.errors import ContentError, Problem

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "Path",
    "Source",
    "excerpt",
    "format_path",
    "parse_yaml",
    "printable",
    "printable_problem",
    "split_path",
]

Path = tuple[str | int, ...]
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
#: libyaml when available: the pure-Python parser takes seconds on a multi-megabyte file.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_START_HINT = "copy content.yaml from the project and edit it"


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
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else printable(part))
    return out


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(text: str) -> Path:
    """``sections[0].items[2].url`` → ``("sections", 0, "items", 2, "url")``: ``format_path`` read back."""
    return tuple(int(index) if index else name for name, index in _PART.findall(text))


#: Invisible or terminal-controlling characters: echoed as escapes, never raw (« \x1b[2J » clears a
#: terminal, U+202E reverses the text shown after it).
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def excerpt(value: Any, limit: int = 80) -> str:
    """A value as quoted in a message: cut when long (a 2 MB value must not flood the terminal),
    control characters escaped."""
    text = str(value)
    return printable(text if len(text) <= limit else text[: limit - 1] + "…")


def printable(text: str) -> str:
    """``text`` safe to print in a terminal: control and format characters written as escapes."""
    if text.isprintable():
        return text
    return "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in _HIDDEN else c for c in text
    )


def printable_problem(problem: Problem) -> Problem:
    """``problem`` with its message, path and hint made :func:`printable`."""
    return dataclasses.replace(
        problem,
        message=printable(problem.message),
        path=printable(problem.path),
        hint=printable(problem.hint),
    )


def _decode(raw: bytes, file: str) -> str:
    """UTF-8 (BOM allowed) → text with ``\n`` line ends; anything else is one located problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(
            [
                Problem(
                    "the file is UTF-16 text; UTF-8 is expected",
                    file=file,
                    line=1,
                    column=1,
                    hint="save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        start = before.rfind(b"\n") + 1
        line = before.count(b"\n") + 1
        column = len(before[start:].decode("utf-8", errors="replace")) + 1
        raise ContentError(
            [
                Problem(
                    f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02X} cannot be read); UTF-8 is expected",
                    file=file,
                    line=line,
                    column=column,
                    hint="save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)",
                )
            ]
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_shape(text: str, file: str) -> None:
    """Walk the event stream (no recursion) to bound nesting before composing."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
                    raise ContentError(
                        [
                            Problem(
                                f"nested more than {MAX_DEPTH} levels deep",
                                file=file,
                                line=line,
                                column=column,
                                hint=DEEP_HINT,
                            )
                        ]
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise ContentError([printable_problem(syntax_problem(exc, file, text))]) from None


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[Path, tuple[int, int]] = {}
        self.key_positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0
        #: The nodes being walked, outermost first: aliases can make a node contain itself.
        self.active: list[int] = []
        #: Every node seen; one seen twice was reached through an alias.
        self.walked: set[int] = set()
        self.aliased = False

    def _refuse(self, node: yaml.Node, path: Path, message: str, hint: str) -> ContentError:
        mark = node.start_mark
        shown = format_path(path[:3]) + ("…" if len(path) > 3 else "")
        return ContentError([Problem(message, shown, self.file, mark.line + 1, mark.column + 1, hint)])

    def _problem(self, node: yaml.Node, message: str, path: Path, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(message, format_path(path), self.file, mark.line + 1, mark.column + 1, hint)
        )

    def walk(self, node: yaml.Node, path: Path) -> Any:
        """Plain values of ``node`` (at ``path``), recording positions and problems on the way."""
        self.count += 1
        if id(node) in self.walked:
            self.aliased = True  # the composer shares an anchored node: this is an alias
        self.walked.add(id(node))
        if self.count > MAX_NODES and self.aliased:
            raise self._refuse(
                node,
                path,
                f"more than {MAX_NODES} values once aliases (*name) are expanded",
                "remove the anchors (&name) and aliases (*name) that repeat each other",
            )
        if self.count > MAX_NODES:
            raise self._refuse(
                node,
                path,
                f"more than {MAX_NODES} values; a flyer has a few hundred",
                "a flyer holds at most 12 sections of 24 resources: split the content into several flyers",
            )
        if id(node) in self.active:
            raise self._refuse(
                node,
                path,
                "an alias (*name) refers to a value that contains it: it would never end",
                "remove the alias, or the anchor (&name) it points to",
            )
        if len(self.active) >= MAX_DEPTH:
            raise self._refuse(
                node,
                path,
                f"nested more than {MAX_DEPTH} levels deep once aliases (*name) are expanded",
                "remove the anchors (&name) and aliases (*name) that nest in each other",
            )
        self.active.append(id(node))
        try:
            return self._value(node, path)
        finally:
            self.active.pop()

    def _value(self, node: yaml.Node, path: Path) -> Any:
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
            if not node.style and node.value in _NULLS and node.tag != "tag:yaml.org,2002:str":
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(child, (*path, i)) for i, child in enumerate(node.value)]
        if not isinstance(node, yaml.MappingNode):  # the composer makes only these three kinds
            raise TypeError(f"unexpected YAML node {type(node).__name__}")
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(
                    key_node,
                    "a key must be a plain word, not a list or a set of keys",
                    path,
                    "write keys as « name: value »; a line starting with « ? » makes a complex key",
                )
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
    if not text.strip():
        raise ContentError([Problem("the file is empty", file=file, line=1, column=1, hint=_START_HINT)])
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.split("\n")):
        raise ContentError(
            [
                Problem(
                    "the file holds only comments: there is no content",
                    file=file,
                    line=1,
                    column=1,
                    hint="remove the « # » in front of the keys, or " + _START_HINT,
                )
            ]
        )
    _check_shape(text, file)
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise ContentError([printable_problem(syntax_problem(exc, file, text))]) from None
    finally:
        loader.dispose()
    if node is None:
        raise ContentError([Problem("the file is empty", file=file, line=1, column=1, hint=_START_HINT)])
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
    problems = tuple(printable_problem(p) for p in walker.problems)
    return Source(data, file, walker.positions, walker.key_positions, problems)
