"""``python -m flyer``."""

import signal
import sys
from types import FrameType


def _early_stop(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C while the command line is still being imported: the same one line and exit code."""
    print("interrupted", file=sys.stderr)
    raise SystemExit(130)


for _signal in (signal.SIGINT, signal.SIGTERM):
    signal.signal(_signal, _early_stop)

from .cli import main  # noqa: E402 - after the handlers: an import can take a while

_code = main()
for _signal in (signal.SIGINT, signal.SIGTERM):
    signal.signal(_signal, signal.SIG_IGN)  # done: a late Ctrl-C changes nothing
sys.exit(_code)
