"""The command line's entry: parse, run the command, turn user errors and Ctrl-C into exit codes."""

from __future__ import annotations

from collections.abc import Sequence

from flyer.app.parser import parser
from flyer.app.say import EXIT_CONTENT, EXIT_USAGE, UsageError, report, say
from flyer.errors import ContentError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (130 when stopped by Ctrl-C or SIGTERM)."""
    from flyer.app.interrupt import EXIT_INTERRUPTED, handling, was_interrupted

    with handling():
        try:
            args = parser().parse_args(argv)
            return int(args.run(args))
        except ContentError as exc:
            report(exc.problems)
            return EXIT_CONTENT
        except UsageError as exc:
            say(f"flyer: {exc}")
            return EXIT_USAGE
        except KeyboardInterrupt:
            say("interrupted")
            return EXIT_INTERRUPTED
        except Exception:
            # A library that caught the stop and raised its own error (ctypes.ArgumentError).
            if was_interrupted():
                say("interrupted")
                return EXIT_INTERRUPTED
            raise
