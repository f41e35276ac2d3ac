"""Signals that land while a module is imported, a finalizer or a fork handler runs, are taken a moment later.

An extension module initialising (zxing-cpp and pikepdf are pybind11 modules) crashes the
interpreter when an exception is raised into its set-up, and a finalizer or a fork handler (such
as ``logging``'s, run by ``os.fork``) prints and swallows one (the build would go on), so a stop
handler first asks :func:`postponed`: then the signal is sent again shortly and the handler
returns. flyer's forks are made inside :func:`forking`.
Standard library only, so that the entry point can use it before anything else is imported.
"""

from __future__ import annotations

import signal
import time

TYPE_CHECKING = False
if TYPE_CHECKING:  # no typing at run time: the entry point imports this before its handlers exist
    from types import FrameType
    from typing import Any

__all__ = ["forked_child", "forking", "postponed"]

#: How soon a signal postponed by an import is taken again.
_RETRY_S = 0.02
#: How long a stop may wait for imports: one that never ends (``main`` run from a module's body)
#: must not hold it back for ever.
_PATIENCE_S = 2.0
_pending: dict[str, Any] = {"signals": [], "since": None, "alarm": None, "forking": 0}


class forking:
    """Around an ``os.fork`` (or a pool that forks): nothing on the stack marks the handlers the
    fork runs (CPython prints and swallows what they raise), so this says when they may run."""

    def __enter__(self) -> None:
        _pending["forking"] += 1

    def __exit__(self, *_exc: object) -> None:
        _pending["forking"] -= 1


def forked_child() -> None:
    """In a child forked inside :func:`forking` that never leaves the block (a pool's worker):
    nothing postponed, no fork running (timers are not inherited by a fork)."""
    _pending.update(signals=[], since=None, forking=0)


def _busy(frame: FrameType | None) -> bool:
    """Whether an import, a finalizer or a fork is running: an exception raised into a finalizer
    (a ``__del__``, a ``weakref.finalize`` callback such as pypdfium2's) or a fork handler is
    printed and swallowed, so the stop would be lost; one raised into an extension module's set-up
    crashes CPython."""
    if _pending["forking"]:
        return True
    while frame is not None:
        code = frame.f_code
        if (
            code.co_filename.startswith("<frozen importlib")
            or code.co_name == "__del__"
            or (code.co_name == "__call__" and code.co_filename.endswith("weakref.py"))
        ):
            return True
        frame = frame.f_back
    return False


def _again(_number: int, _frame: FrameType | None) -> None:
    """Send the postponed signals again, after putting back whatever handled SIGALRM before."""
    signal.signal(signal.SIGALRM, _pending["alarm"] or signal.SIG_DFL)
    waiting, _pending["signals"] = _pending["signals"], []
    for signum in waiting:
        signal.raise_signal(signum)


def postponed(signum: int, frame: FrameType | None) -> bool:
    """If an import, a finalizer or a fork is running, send ``signum`` again shortly and say so;
    the handler then returns.

    Each signal is sent again (SIGTERM, then SIGINT: both); after ``_PATIENCE_S`` of imports the
    signal is no longer postponed.
    """
    if not hasattr(signal, "setitimer") or not _busy(frame):
        _pending["since"] = None
        return False
    now = time.monotonic()
    since = _pending["since"] = _pending["since"] or now
    if now - since > _PATIENCE_S:
        _pending["since"] = None
        return False
    if signum not in _pending["signals"]:
        _pending["signals"].append(signum)
    current = signal.getsignal(signal.SIGALRM)
    if current is not _again:
        _pending["alarm"] = current
        signal.signal(signal.SIGALRM, _again)
    signal.setitimer(signal.ITIMER_REAL, _RETRY_S)
    return True
