"""Sleep until a watched folder changes: file-system events (watchfiles) where the platform has them.

``Wake(folders)(seconds)`` returns as soon as something in ``folders`` changes, or after ``seconds``.
Without ``watchfiles`` (or when the folders cannot be watched) it is a plain ``time.sleep``, so the
caller's polling keeps working everywhere, network drives included.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["Wake"]

DEBOUNCE_MS = 15  # an editor's save is a burst (write, rename, chmod): group it, then wake
STEP_MS = 5  # how often the event thread hands back the GIL while it waits


class Wake:
    """A sleep that wakes early on a change in one of ``folders``."""

    def __init__(self, folders: Iterable[Path] = ()) -> None:
        self.folders: tuple[str, ...] = ()
        self.notify: Any = None
        self.watch(folders)

    def watch(self, folders: Iterable[Path]) -> None:
        """Follow these folders from now on (the content's and its logo's: they may change)."""
        wanted = tuple(sorted({str(Path(f).resolve()) for f in folders}))
        if wanted == self.folders:
            return
        self.close()
        self.folders = wanted
        try:
            from watchfiles._rust_notify import RustNotify

            # Not recursive: only the folders' own entries (an editor's save replaces the file).
            self.notify = RustNotify(list(wanted), False, False, 50, False, True) if wanted else None
        except Exception:  # no watchfiles, no inotify, a folder gone: poll instead
            self.notify = None

    def __call__(self, seconds: float) -> None:
        if self.notify is None:
            time.sleep(seconds)
            return
        got = self.notify.watch(DEBOUNCE_MS, STEP_MS, max(1, round(seconds * 1000)), None)
        if got == "signal":  # Ctrl-C arrived while the event thread held on
            raise KeyboardInterrupt

    def close(self) -> None:
        if self.notify is not None:
            self.notify.close()
            self.notify = None
