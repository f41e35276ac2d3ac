"""What the commands tell the user: exit codes, problems on stderr (escaped), failed checks, a usage error."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flyer.app.disk import write_atomically
from flyer.errors import Problem, format_problem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def say(message: str) -> None:
    print(message, file=sys.stderr)


def printable_text(text: str) -> str:
    """``text`` with control and bidi characters escaped (a file name or a PDF's bytes may hold them)."""
    from flyer.content.source import printable

    return printable(text)


def report(problems: Sequence[Problem]) -> None:
    from flyer.content.source import printable, printable_problem

    for problem in problems:
        # Escaped as a whole: a --set text or a file name may carry ESC or a bidi control too.
        shown = printable_problem(problem)
        say(format_problem(dataclasses.replace(shown, file=printable(shown.file))))


def verify_failed(failures: Sequence[tuple[str, Any]]) -> bool:
    """Print the checks that failed on the PDFs about to be written; True when there is one."""
    for name, check in failures:
        say(f"{name}: verify: FAIL {check.name}: {check.figure}")
        for detail in check.details:
            say(f"    {detail}")
    if failures:
        say("nothing written (use --no-verify to write anyway)")
    return bool(failures)


def write_or_report(files: dict[Path, bytes], out: Path) -> bool:
    """Write ``files`` atomically; report a folder that cannot be written and return False."""
    try:
        write_atomically(files)
    except OSError as exc:
        report(
            [
                Problem(
                    f"cannot write to '{out}': {exc.strerror or exc}",
                    file=str(out),
                    hint="choose another folder with --out",
                )
            ]
        )
        return False
    return True


class UsageError(Exception):
    """A bad option value: reported as ``flyer: …``, exit code 2."""
