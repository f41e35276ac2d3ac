"""Ctrl-C and SIGTERM: stop at once, say ``interrupted``, exit 130, leave nothing half written.

The handler records that a stop was asked for and raises ``KeyboardInterrupt``. A C library may
turn that exception into its own (ctypes reports an ``ArgumentError`` when it fires inside a
callback): :func:`was_interrupted` tells the command line that such an error is the stop, not a
content problem. Writes run with both signals blocked (:func:`deferred`), so a file, or a variant
folder, is either complete or not there; the signal is taken as soon as the write ends.

A signal that lands while a module is being imported is taken again a moment later instead: an
extension module initialising (zxing-cpp and pikepdf are pybind11 modules) crashes the interpreter
when an exception is raised into its set-up, so the stop waits for the import to end.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from flyer.signals import forked_child, postponed

__all__ = ["EXIT_INTERRUPTED", "deferred", "handling", "was_interrupted", "worker_signals"]

#: 128 + SIGINT, what shells report for a command stopped by Ctrl-C.
EXIT_INTERRUPTED = 130
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_state = {"stopped": False}


def _stop(signum: int, frame: FrameType | None) -> None:
    if postponed(signum, frame):
        return
    _state["stopped"] = True
    raise KeyboardInterrupt


def was_interrupted() -> bool:
    """True once SIGINT or SIGTERM arrived while :func:`handling` was active."""
    return _state["stopped"]


@contextmanager
def handling() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into ``KeyboardInterrupt`` for the duration (main thread only)."""
    _state["stopped"] = False
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {s: signal.getsignal(s) for s in _SIGNALS}
    for s in _SIGNALS:
        signal.signal(s, _stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while the block runs (a write that must not stop halfway)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows: no signal masks
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def worker_signals() -> None:
    """In a forked worker: ignore Ctrl-C (the parent stops the pool), die at once on SIGTERM."""
    forked_child()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
