"""Pydantic's validation errors → located, readable problems: the closest key, the accepted values, a hint.

Kept apart from the model so that the model reads as the content's shape; the model passes its root
class and the names of its union branches (``ModelShape``), so this module never imports the model.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Union

from pydantic import BaseModel

from flyer.content.source import Path, Source, excerpt, format_path
from flyer.content.urls import ascii_form
from flyer.errors import Problem

__all__ = ["ModelShape", "located"]


@dataclass(frozen=True)
class ModelShape:
    """What the messages need of the model: its root class, and the tags of union branches in a ``loc``."""

    root: type[BaseModel]
    branches: frozenset[str]


_MESSAGES = {
    "string_type": "should be text",
    "bool_parsing": "should be true or false",
    "bool_type": "should be true or false",
    "int_parsing": "should be a whole number",
    "int_parsing_size": "should be a whole number",
    "int_from_float": "should be a whole number",
    "int_type": "should be a whole number",
    "float_parsing": "should be a number",
    "finite_number": "should be a finite number (not nan or inf)",
    "list_type": "should be a list (lines starting with « - »)",
    "model_type": "should be a set of keys",
    "dict_type": "should be a set of keys",
    "model_attributes_type": "should be a set of keys",
}


def _model_at(path: Path, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``path``."""
    model: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = _unwrap(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return annotation


def _data_path(loc: tuple[Any, ...], data: Any, shape: ModelShape) -> Path:
    """Keep the parts of a pydantic ``loc`` that address the data (drop union-member names)."""
    path: list[str | int] = []
    node: Any = data
    for part in loc:
        if part in shape.branches:
            continue  # a union branch, not a key of the data
        if (isinstance(node, dict) and isinstance(part, str) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]  # type: ignore[index]
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and path[-1:] != [part]
            and (part in _known_keys(tuple(path), shape.root) or part == loc[-1])
        ):
            # A missing or unknown key: the last element names it.
            path.append(part)
            node = None
    return tuple(path)


def _known_keys(path: Path, root: type[BaseModel]) -> list[str]:
    model = _model_at(path, root)
    return list(model.model_fields) if model else []


def _closest(word: str, choices: list[str]) -> list[str]:
    """The most similar choice (ties go to the first listed: 'A3' → 'A4'), if similar enough."""
    scored = [
        (difflib.SequenceMatcher(None, word.lower(), c.lower()).ratio(), -i, c) for i, c in enumerate(choices)
    ]
    best = max(scored, default=(0.0, 0, ""))
    return [best[2]] if best[0] >= 0.5 else []


def _problem(error: Any, source: Source, shape: ModelShape) -> Problem:
    kind = error["type"]
    path = _data_path(tuple(error["loc"]), source.data, shape)
    shown = format_path(path)
    hint = ""
    if kind == "missing":
        parent = path[:-1]
        if not parent:
            line, column = 1, 1
        elif isinstance(parent[-1], int):
            line, column = source.locate(parent)  # the list entry itself (« - title: … »)
        else:
            line, column = source.locate(parent, key=True)
        return Problem(
            f"required key '{path[-1]}' is missing",
            shown,
            source.file,
            line,
            column,
            hint=f"add '{path[-1]}:' here" + (f" under '{format_path(parent)}'" if parent else ""),
        )
    if kind == "extra_forbidden":
        line, column = source.locate(path, key=True)
        known = _known_keys(path[:-1], shape.root)
        close = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys here: {', '.join(known)}"
        return Problem(f"unknown key '{excerpt(path[-1])}'", shown, source.file, line, column, hint)
    line, column = source.locate(path)
    value = error.get("input")
    if value is None and kind.endswith("_type"):
        message = "is empty; it needs at least one entry" if kind == "list_type" else "is empty"
        if path and isinstance(path[-1], int):
            hint = "write its keys under the « - » (title:, url:…), or remove the « - »"
        elif kind != "list_type":
            hint = "write a value after the « : », or remove the key"
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        message = (
            f"is empty; expected one of {expected}"
            if value is None
            else f"'{excerpt(value)}' is not accepted; expected one of {expected}"
        )
        close = _closest(str(error["input"]), re.findall(r"'([^']*)'", expected))
        hint = f"did you mean '{close[0]}'?" if close else ""
    elif kind == "too_short" and isinstance(error.get("input"), list):
        message = "is empty; it needs at least one entry"
    elif kind == "too_long" and isinstance(error.get("input"), list):
        message = f"has {len(error['input'])} entries; at most {error['ctx']['max_length']} fit"
    elif kind == "too_long":
        message = error["msg"]
        hint = "shorten it: a flyer is read in seconds"
    elif kind == "url":
        message = error["msg"]
        if "space" in message:
            hint = "write %20 for a space inside an address"
        elif "characters long" in message:
            hint = "use a short link"
        elif "invisible character" in message or "only looks like" in message:
            hint = (
                "type the address again by hand: a character in it cannot be seen, or only looks like another"
            )
        elif "user information" in message:
            hint = "remove everything between « // » and « @ »: a flyer's address never carries a name or a password"
        elif "script" in message or "look like Latin" in message or "passes for" in message:
            hint = f"if this host is really meant, write it in its ASCII form: {excerpt(ascii_form(str(error['input'])), 120)}"
        elif "host name" in message:
            hint = "check the host name after https:// (each part between dots: 1 to 63 characters)"
        elif "without its scheme" in message:
            hint = "a contact address starts with mailto: (e-mail) or tel: (phone)"
        else:
            hint = "write the full address, starting with https://"
    elif kind == "string_pattern_mismatch":
        message = f"'{excerpt(error['input'])}' does not have the expected form"
    elif kind in ("greater_than_equal", "less_than_equal"):
        message = f"'{excerpt(error['input'])}' is out of range: {error['msg'].lower()}"
    else:
        message = _MESSAGES.get(kind, error["msg"])
        if kind in ("string_type",) and isinstance(error.get("input"), (dict, list)):
            hint = "put quotes around a value that contains « : » or starts with « - »"
    return Problem(message, shown, source.file, line, column, hint)


def _misspelt(errors: list[Any], source: Source, shape: ModelShape) -> set[str]:
    """Paths of missing keys that an unknown key beside them is a misspelling of (``titel``).

    The unknown key's problem already says « did you mean 'title'? »: one problem, not two.
    """
    missing = {_data_path(tuple(e["loc"]), source.data, shape) for e in errors if e["type"] == "missing"}
    out = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        path = _data_path(tuple(error["loc"]), source.data, shape)
        for name in difflib.get_close_matches(
            str(path[-1]), _known_keys(path[:-1], shape.root), n=1, cutoff=0.6
        ):
            if (*path[:-1], name) in missing:
                out.add(format_path((*path[:-1], name)))
    return out


def located(errors: Sequence[Any], source: Source, shape: ModelShape, taken: set[str]) -> list[Problem]:
    """One problem per error, except at a path in ``taken`` and a missing key an unknown one misspells."""
    misspelt = _misspelt(list(errors), source, shape)
    out: list[Problem] = []
    for error in errors:
        problem = _problem(error, source, shape)
        if problem.path not in taken and not (error["type"] == "missing" and problem.path in misspelt):
            out.append(problem)
    return out
