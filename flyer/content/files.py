"""Input files are regular files: a FIFO, a device or a socket is refused at once, named correctly.

Reading a named pipe blocks until someone writes to it (forever, for a build); reading
``/dev/zero`` never ends. The kind is taken from ``stat`` before anything is opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["not_regular", "regular_file_problem"]

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def not_regular(path: Path) -> str | None:
    """What ``path`` is when it exists and is not a regular file (« a named pipe (FIFO) »), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: the caller's own message says so
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def regular_file_problem(path: Path, limit: int) -> str | None:
    """Why ``path`` cannot be read as a file of at most ``limit`` bytes (« it is a socket… »), or None."""
    kind = not_regular(path)
    if kind:
        return f"it is {kind}, not a file"
    try:
        size = path.stat().st_size
    except OSError as exc:
        return exc.strerror or str(exc)
    if size > limit:
        return f"it is larger than {limit // (1024 * 1024)} MB"
    return None
