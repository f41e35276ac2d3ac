"""The console entry point (``flyer``, ``python -m flyer``): run one command, then leave at once."""

from __future__ import annotations

import gc
import os
import signal
import sys

from flyer.signals import postponed

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: until run() installs them, Ctrl-C has no handler
    from types import FrameType
    from typing import NoReturn

__all__ = ["run"]


def _early_stop(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C while the command line is still being imported: the same one line and exit code."""
    if postponed(signum, frame):
        return
    print("interrupted", file=sys.stderr)
    raise SystemExit(130)


def run() -> NoReturn:
    """Run the command line without the cyclic collector, and skip the interpreter's teardown.

    A one-shot build keeps most of what it allocates until it exits, so the collector's passes are
    pure cost (~40 ms of a cold build); the long-running commands (``--watch``, ``--variants``) turn
    it back on. Tearing down reportlab, pydantic and pdfium module by module takes another ~50 ms
    for nothing: every output is written, closed and synced by then, so flush and leave. The
    dataclasses' methods come compiled from the machine cache (``app.classcode``, ~20 ms).
    A bug still raises here and prints its traceback the ordinary way. pydantic's plugins (an
    observability hook found by scanning every installed package's entry points at the first
    model) are not flyer's to load: the scan is skipped unless the user sets the variable.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, _early_stop)
    from flyer.app import classcode

    classcode.install()  # before the first dataclass is made
    from flyer.app.cli import main  # after the handlers: an import can take a while

    gc.disable()
    try:
        code = main(sys.argv[1:])
        classcode.keep()
        for stop in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop, signal.SIG_IGN)  # done: a late Ctrl-C changes nothing
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader left (``| head``): nobody to tell, not a bug
        os._exit(1)
    os._exit(code)
