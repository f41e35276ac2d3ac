"""The machine cache: results that depend only on their inputs, kept between runs because they cost.

Parsed hyphenation patterns, the deflated print profile, colours separated through it, the
packaged fonts' character maps. Entries live in ``$XDG_CACHE_HOME/flyer``
(or ``~/.cache/flyer``); ``FLYER_NO_CACHE=1`` turns the cache off. An entry's name carries
everything its value depends on (callers build it with :func:`digest`, the source of the module
that computes it included: :func:`code`), and its bytes start with their own SHA-256, so a
truncated or altered file is never used: the value is computed again and the entry rewritten.
Writes are atomic; a read-only home only costs speed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

__all__ = ["code", "digest", "folder", "load", "store"]

_CHECK = 32  # bytes of SHA-256 in front of each entry


def folder() -> Path | None:
    """Where entries are kept; None when ``FLYER_NO_CACHE`` is set (to anything but ``0``)."""
    if os.environ.get("FLYER_NO_CACHE", "0") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "flyer"


def digest(*parts: bytes | str) -> str:
    """A short name for inputs (32 hex digits of SHA-256 over each part, length-prefixed)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:32]


@lru_cache(maxsize=16)
def code(module_file: str) -> bytes:
    """The source of the module computing a value (pass its ``__file__``), for the entry's name:
    an edited module names new entries, so a change of code never meets a value of the old one.
    Also for a library whose results matter (its package's ``__init__.py`` names its version).
    Empty when the source cannot be read (then the caller's format number alone names it)."""
    try:
        return Path(module_file).read_bytes()
    except OSError:
        return b""


def load(name: str) -> bytes | None:
    """The value stored under ``name``, or None when absent, unreadable, damaged or the cache is off."""
    where = folder()
    if where is None:
        return None
    try:
        raw = (where / name).read_bytes()
    except OSError:
        return None
    value = raw[_CHECK:]
    return value if len(raw) >= _CHECK and hashlib.sha256(value).digest() == raw[:_CHECK] else None


def store(name: str, value: bytes) -> None:
    """Keep ``value`` under ``name`` (atomically); nothing happens when the cache is off or unwritable."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", dir=where)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(hashlib.sha256(value).digest() + value)
            os.replace(temp, where / name)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # a read-only or full home: computed again next time
