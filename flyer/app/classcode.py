"""The generated methods of dataclasses, compiled once per machine instead of at every start.

CPython 3.11 makes each method of a dataclass (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
a frozen class's ``__setattr__`` and ``__delattr__``) by compiling its source text with ``exec``:
for flyer's sixty classes, some 300 compilations and ~20 ms of every cold build. A code object
depends only on its source text and the interpreter, so :func:`install` has ``dataclasses`` take
them from a table kept in the machine cache (:mod:`flyer.cache`) under the interpreter's version;
``dataclasses`` still builds every class itself, from the same code. :func:`keep` stores the table
when a run compiled anything new (the command line calls it before leaving).
"""

from __future__ import annotations

import dataclasses
import marshal
import sys
from types import CodeType
from typing import Any

from flyer import cache

__all__ = ["install", "keep"]

_NAME = f"classcode-{cache.digest(sys.version, sys.implementation.cache_tag or '', '1')}.marshal"
#: Past this many methods (twice what a build with verification makes, ~0.8 MB to read) the table
#: starts again from what the run used: an upgrade's changed classes do not pile up.
_MAX = 800
_codes: dict[str, CodeType] = {}
_used: set[str] = set()
_new = False


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` for ``dataclasses``: a source text seen before runs its kept code."""
    global _new
    if isinstance(source, str):
        _used.add(source)
        code = _codes.get(source)
        if code is None:
            # As ``exec`` compiles it for dataclasses: its own file name, no __future__ flags.
            code = _codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            _new = True
        source = code
    exec(source, globals, locals)


def install() -> None:
    """Make ``dataclasses`` read the table (loaded once; nothing happens if already installed)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    raw = cache.load(_NAME)
    if raw:
        try:
            table = marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            table = {}
        if isinstance(table, dict):  # a sound entry of other content is skipped, not run
            _codes.update((k, v) for k, v in table.items() if isinstance(k, str) and isinstance(v, CodeType))
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # shadows the builtin for that module only


def keep() -> None:
    """Store the table if this run compiled a method it did not have."""
    if not _new:
        return
    table = _codes if len(_codes) <= _MAX else {source: _codes[source] for source in _used}
    cache.store(_NAME, marshal.dumps(table))
