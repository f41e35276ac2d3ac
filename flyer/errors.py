"""Problems found in a flyer's content or output, as data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["ContentError", "Problem", "Severity", "format_problem"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    message: str
    path: str = ""
    file: str = ""
    line: int = 0
    column: int = 0
    hint: str = ""
    severity: Severity = "error"

    def as_error(self) -> Problem:
        """Return this problem promoted to an error (for ``--strict``)."""
        return Problem(self.message, self.path, self.file, self.line, self.column, self.hint)


def format_problem(problem: Problem) -> str:
    """Render a problem as ``FILE:LINE:COL: severity: key.path: message`` plus a hint line."""
    where = problem.file or "<content>"
    if problem.line:
        where += f":{problem.line}:{problem.column or 1}"
    text = f"{where}: {problem.severity}: "
    if problem.path:
        text += f"{problem.path}: "
    text += problem.message
    if problem.hint:
        text += f"\n    hint: {problem.hint}"
    return text


class ContentError(Exception):
    """The content cannot make a flyer; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(format_problem(p) for p in self.problems))
