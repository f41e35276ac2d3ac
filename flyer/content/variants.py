"""Variants files: one row per flyer variant, an ``id`` and dotted-key overrides. Pure.

Two forms:

- CSV (UTF-8, BOM allowed, ``,`` or ``;`` found from the header): an ``id`` column, then one column
  per key (``event.name``, ``event.stand``, ``tracking.utm_campaign``, ``sections[0].title``);
- YAML (``.yaml``/``.yml``): a list of mappings with an ``id``; keys dotted or nested.

An empty cell overrides nothing. Every problem (bad header, bad or duplicate id, extra cells) is
collected with its line and column, beside the rows that are fine.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flyer.content.overrides import Override, parse_key
from flyer.content.source import parse_yaml, printable
from flyer.errors import ContentError, Problem

__all__ = ["SAFE_ID", "Variant", "read_variants"]

#: A variant id is a folder name: safe on every file system, never ``.`` or ``..``.
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,100}")


@dataclass(frozen=True)
class Variant:
    """One row: its id, the overrides it sets and the line it was written on."""

    id: str
    overrides: tuple[Override, ...]
    line: int


def read_variants(raw: bytes, file: str) -> tuple[list[Variant], list[Problem]]:
    """Read a variants file (CSV, or YAML when ``file`` ends in .yaml/.yml): the rows, every problem.

    A row whose id is refused is still returned (under a stand-in id) so that its other values are
    checked too: every problem of every row is reported at once, and any problem stops the build.
    """
    problems: list[Problem] = []
    if file.lower().endswith((".yaml", ".yml")):
        rows = list(_yaml_rows(raw, file, problems))
    else:
        rows = list(_csv_rows(raw, file, problems))
    variants: list[Variant] = []
    seen: dict[str, int] = {}
    for line, column, ident, overrides in rows:
        where = {"file": file, "line": line, "column": column}
        if not ident:
            problems.append(Problem("the id is empty", "id", **where, hint="give every row an id"))  # type: ignore[arg-type]
            variants.append(Variant(f"line-{line}", tuple(overrides), line))
            continue
        if not SAFE_ID.fullmatch(ident) or ident in (".", ".."):
            problems.append(
                Problem(
                    f"'{printable(ident)}' is not a safe folder name",
                    "id",
                    **where,  # type: ignore[arg-type]
                    hint="use letters, digits, « . », « _ » and « - » only (at most 100)",
                )
            )
            variants.append(Variant(f"line-{line}", tuple(overrides), line))
            continue
        folded = ident.casefold()  # « Paris » and « paris » are one folder on macOS and Windows
        if folded in seen:
            problems.append(
                Problem(f"id '{ident}' is already used on line {seen[folded]}", "id", **where)  # type: ignore[arg-type]
            )
            variants.append(Variant(f"line-{line}", tuple(overrides), line))
            continue
        seen[folded] = line
        variants.append(Variant(ident, tuple(overrides), line))
    if not rows and not problems:
        problems.append(Problem("no variants: the file has no rows", file=file, line=1, column=1))
    return variants, sorted(problems, key=lambda p: (p.line, p.column))


_Row = tuple[int, int, str, list[Override]]
_LIST = object()  # a list where one value is expected


def _text(raw: bytes, file: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                f"is not UTF-8 text (byte {exc.start})", file=file, line=1, column=1, hint="save it as UTF-8"
            )
        )
        return None


def _csv_rows(raw: bytes, file: str, problems: list[Problem]) -> Iterator[_Row]:
    text = _text(raw, file, problems)
    if text is None:
        return
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    header = [name.strip() for name in header]
    paths: list[tuple[str, ...] | Any] = []
    id_column = -1
    for column, name in enumerate(header, start=1):
        if name == "id":
            id_column = column - 1
            paths.append(None)
            continue
        try:
            paths.append(parse_key(name))
        except ValueError as exc:
            problems.append(Problem(str(exc), file=file, line=1, column=column))
            paths.append(None)
        if name in header[: column - 1]:
            problems.append(Problem(f"column '{name}' is repeated", file=file, line=1, column=column))
    if id_column < 0:
        problems.append(
            Problem("no 'id' column", file=file, line=1, column=1, hint="name the first column id")
        )
        return
    start = reader.line_num + 1
    for row in reader:
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(
                Problem(
                    f"{len(row)} cells for {len(header)} columns",
                    file=file,
                    line=line,
                    column=len(header) + 1,
                    hint=f"put quotes around a value that contains « {delimiter} »",
                )
            )
            continue
        overrides = [
            Override(path, cell.strip(), file, line, column)
            for column, (path, cell) in enumerate(zip(paths, row, strict=False), start=1)
            if path is not None and cell.strip()
        ]
        ident = row[id_column].strip() if id_column < len(row) else ""
        yield line, id_column + 1, ident, overrides


def _yaml_rows(raw: bytes, file: str, problems: list[Problem]) -> Iterator[_Row]:
    text = _text(raw, file, problems)
    if text is None:
        return
    try:
        # The reader wants a mapping at the top: the list becomes the value of one key, a line above.
        source = parse_yaml("variants:\n" + text, file)
    except ContentError as exc:
        problems.extend(dataclasses.replace(p, line=max(1, p.line - 1)) for p in exc.problems)
        return
    problems.extend(dataclasses.replace(p, line=max(1, p.line - 1)) for p in source.problems)
    rows = source.data.get("variants") if isinstance(source.data, dict) else None
    if not isinstance(rows, list):
        problems.append(
            Problem("should be a list of variants (lines starting with « - »)", file=file, line=1, column=1)
        )
        return

    def locate(path: tuple[Any, ...]) -> tuple[int, int]:
        line, column = source.locate(("variants", *path))
        return max(1, line - 1), column

    for index, entry in enumerate(rows):
        line, column = locate((index,))
        if not isinstance(entry, dict):
            problems.append(Problem("should be a set of keys with an id", f"[{index}]", file, line, column))
            continue
        overrides: list[Override] = []
        for key, value in _flatten(entry):
            if key == "id":
                continue
            where = locate((index, *key.split("\0")))
            try:
                path = parse_key(key.replace("\0", "."))
            except ValueError as exc:
                problems.append(Problem(str(exc), file=file, line=where[0], column=where[1]))
                continue
            if value is _LIST:
                problems.append(
                    Problem("should be one value, not a list", key.replace("\0", "."), file, *where)
                )
            elif value is not None and str(value).strip():
                overrides.append(Override(path, str(value).strip(), file, *where))
        ident = entry.get("id")
        yield line, column, ident.strip() if isinstance(ident, str) else "", overrides


def _flatten(entry: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """``{event: {name: X}}`` → ``("event\\0name", X)``; dotted keys stay as they are."""
    for key, value in entry.items():
        if isinstance(value, dict):
            for inner, leaf in _flatten(value):
                yield f"{key}\0{inner}", leaf
        elif isinstance(value, list):
            yield key, _LIST
        else:
            yield key, value
