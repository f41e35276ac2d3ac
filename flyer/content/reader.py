"""Valid content → the model, without pydantic: the build's fast path.

``read`` applies the rules each field's type carries (``flyer.content.rules``) to parsed YAML (text,
``None``, lists and mappings) and builds the frozen dataclasses. It takes only what it reads exactly
as pydantic would; anything else (a broken rule, a key too many, ``yes`` for a boolean, ``1e2`` for
a number...) makes it answer ``None``, and the reference validator, pydantic, decides and reports.
A test compares both on generated content: whatever ``read`` accepts, pydantic reads the same.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar, Union

from flyer.content.rules import Before, ByShape, Check, Length, Pattern, Range

__all__ = ["WHITE_SPACE", "read"]

T = TypeVar("T")
Reader = Callable[[Any], Any]

#: What pydantic's ``str_strip_whitespace`` strips (Unicode White_Space: Python's ``isspace``
#: without the four information separators U+001C–U+001F).
WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# Numbers as written plainly; pydantic also reads « +2 », « 2_0 », « 1e2 »: those go to it.
_INT = re.compile(r"0|[1-9][0-9]{0,8}")
_FLOAT = re.compile(r"(0|[1-9][0-9]{0,8})(\.[0-9]{1,12})?")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Declined(Exception):
    """The value is not read as it is: pydantic decides."""


def read(model: type[T], data: Any) -> T | None:
    """``data`` as an instance of the dataclass ``model``, or ``None`` when not taken as it is."""
    try:
        return typing.cast(T, _reader(model)(data))
    except (_Declined, ValueError, AssertionError):
        # A rule's own ValueError (``Invalid`` is one) or AssertionError: pydantic reports them.
        return None


_READERS: dict[Any, Reader] = {}


def _reader(annotation: Any) -> Reader:
    """The reader of a type, made once per process (the model's types are a fixed few)."""
    try:
        return _READERS[annotation]
    except KeyError:
        reader = _READERS[annotation] = _make(annotation)
        return reader
    except TypeError:  # an unhashable annotation: made each time
        return _make(annotation)


def _decline(_: Any = None) -> Any:
    raise _Declined


def _make(annotation: Any) -> Reader:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _annotated(args[0], args[1:])
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return _model(annotation)
    if origin in (Union, types.UnionType):
        return _union(args)
    if origin is Literal:
        return _literal(args)
    if origin is list:
        return _list(_reader(args[0]))
    if origin is tuple:
        return _tuple([_reader(a) for a in args])
    if origin is dict:
        return _dict(_reader(args[0]), _reader(args[1]))
    scalar = _SCALARS.get(annotation)
    if scalar is None:
        raise TypeError(f"the reader has no rule for {annotation!r}")
    return scalar


def _text(value: Any) -> str:
    # A lone surrogate (from ``--set`` bytes that are not UTF-8, or the pure-Python YAML parser's
    # ``\ud800``) is no text for pydantic: it says so, located.
    if type(value) is not str or (not value.isascii() and _SURROGATE.search(value)):
        raise _Declined
    return value.strip(WHITE_SPACE)


def _int(value: Any) -> int:
    if type(value) is int:
        return value
    if type(value) is str and _INT.fullmatch(value):
        return int(value)
    raise _Declined


def _float(value: Any) -> float:
    if type(value) in (int, float):
        return float(value)
    if type(value) is str and _FLOAT.fullmatch(value):
        return float(value)
    raise _Declined


def _bool(value: Any) -> bool:
    if type(value) is bool:
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    raise _Declined


def _date(value: Any) -> dt.date:
    if type(value) is not dt.date:
        raise _Declined
    return value


def _none(value: Any) -> None:
    if value is not None:
        raise _Declined


_SCALARS: dict[Any, Reader] = {
    str: _text,
    int: _int,
    float: _float,
    bool: _bool,
    dt.date: _date,
    type(None): _none,
}
#: The Python types of the values each scalar member of a union is picked for (YAML numbers are text).
_TAKES: dict[Any, tuple[type, ...]] = {
    str: (str,),
    int: (str, int),
    float: (str, int, float),
    bool: (bool,),
    dt.date: (dt.date,),
}


def _annotated(base: Any, marks: tuple[Any, ...]) -> Reader:
    inner = _reader(base)
    befores = [m.convert for m in reversed(marks) if isinstance(m, Before)]  # the outermost first
    checks: list[Callable[[Any], None]] = []
    for mark in marks:
        if isinstance(mark, Check):
            checks.append(_checked(mark))
        elif isinstance(mark, Pattern):
            checks.append(_matching(re.compile(mark.regex)))
        elif isinstance(mark, Length):
            checks.append(_sized(mark))
        elif isinstance(mark, Range):
            checks.append(_ranged(mark))
        elif not isinstance(mark, Before | ByShape):
            raise TypeError(f"the reader has no rule for {mark!r}")

    def read_annotated(value: Any) -> Any:
        for convert in befores:
            value = convert(value)
        value = inner(value)
        for check in checks:
            check(value)
        return value

    return read_annotated


def _checked(mark: Check) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if mark.problem(value) is not None:
            raise _Declined

    return check


def _matching(regex: re.Pattern[str]) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if not regex.search(value):
            raise _Declined

    return check


def _sized(mark: Length) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if (mark.least is not None and len(value) < mark.least) or (
            mark.most is not None and len(value) > mark.most
        ):
            raise _Declined

    return check


def _ranged(mark: Range) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if not mark.least <= value <= mark.most:  # NaN is in no range
            raise _Declined

    return check


def _union(members: tuple[Any, ...]) -> Reader:
    """``X | None`` as pydantic reads it (``None``, else ``X``); a union of several types by the
    value's Python type, as pydantic's smart mode picks an exact type first: the one member taking
    it, and a value no member, or several, would take is declined."""
    given = [m for m in members if m is not type(None)]
    nullable = len(given) < len(members)
    if len(given) == 1:
        inner = _reader(given[0])
        return (lambda value: None if value is None else inner(value)) if nullable else inner
    by_type: dict[type, Reader] = {}
    ambiguous: set[type] = set()
    for member in given:
        base = member
        while typing.get_origin(base) is Annotated:
            base = typing.get_args(base)[0]
        takes = (dict,) if dataclasses.is_dataclass(base) else _TAKES.get(base, ())
        for kind in takes:
            if kind in by_type:
                ambiguous.add(kind)
            by_type[kind] = _reader(member)
    for kind in ambiguous:
        del by_type[kind]
    if nullable:
        by_type[type(None)] = _none

    def read_union(value: Any) -> Any:
        return by_type.get(type(value), _decline)(value)

    return read_union


def _literal(choices: tuple[Any, ...]) -> Reader:
    accepted = frozenset(c for c in choices if isinstance(c, str))

    def read_literal(value: Any) -> Any:
        if type(value) is not str or value not in accepted:
            raise _Declined
        return value

    return read_literal


def _list(item: Reader) -> Reader:
    def read_list(value: Any) -> list[Any]:
        if type(value) is not list:
            raise _Declined
        return [item(v) for v in value]

    return read_list


def _tuple(items: list[Reader]) -> Reader:
    def read_tuple(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != len(items):
            raise _Declined
        return tuple(read_one(v) for read_one, v in zip(items, value, strict=True))

    return read_tuple


def _dict(key: Reader, item: Reader) -> Reader:
    def read_dict(value: Any) -> dict[Any, Any]:
        if type(value) is not dict:
            raise _Declined
        out = {key(k): item(v) for k, v in value.items()}
        if len(out) != len(value):  # two keys the same once stripped: pydantic keeps the last
            raise _Declined
        return out

    return read_dict


def _model(cls: type) -> Reader:
    fields = [(f.name, f) for f in dataclasses.fields(cls)]
    names = frozenset(name for name, _ in fields)
    readers = {name: _reader(f.type) for name, f in fields}
    rule = getattr(cls, "broken", None)

    def read_model(value: Any) -> Any:
        if type(value) is not dict or not names.issuperset(value):
            raise _Declined  # not a mapping, or a key the model does not know
        kwargs = {}
        for name, f in fields:
            if name in value:
                kwargs[name] = readers[name](value[name])
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise _Declined  # a required key is missing
            elif dataclasses.is_dataclass(f.default):
                # A model given by default (``Theme()``) holds mappings: each flyer gets its own.
                kwargs[name] = copy.deepcopy(f.default)
        made = cls(**kwargs)
        if rule is not None and rule(made) is not None:
            raise _Declined
        return made

    return read_model
