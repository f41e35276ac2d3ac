"""Signals that land while a module is being imported are taken a moment later.

An extension module initialising (zxing-cpp and pikepdf are pybind11 modules) crashes the
interpreter when an exception is raised into its set-up, so a stop handler first asks
:func:`postponed`: during an import the signal is sent again shortly and the handler returns.
Standard library only, so that the entry point can use it before anything else is imported.
"""

from __future__ import annotations

import signal
from types import FrameType

__all__ = ["postponed"]

#: How soon a signal postponed by an import is taken again.
_RETRY_S = 0.02


def _importing(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def postponed(signum: int, frame: FrameType | None) -> bool:
    """If an import is running, send ``signum`` again shortly and say so; the handler then returns."""
    if not hasattr(signal, "setitimer") or not _importing(frame):
        return False
    signal.signal(signal.SIGALRM, lambda _number, _frame: signal.raise_signal(signum))
    signal.setitimer(signal.ITIMER_REAL, _RETRY_S)
    return True
