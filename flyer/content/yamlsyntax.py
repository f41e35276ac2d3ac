"""The YAML parser's errors as located problems, with a hint for the usual mistakes; the nesting limit."""

from __future__ import annotations

import re

import yaml

from flyer.errors import Problem

__all__ = ["DEEP_HINT", "MAX_DEPTH", "syntax_problem"]

#: No flyer nests deeper than a handful of levels; deeper input is hostile or a mistake.
MAX_DEPTH = 32
DEEP_HINT = "a flyer's content is a few levels deep: check the brackets and indentation"


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` of ``text``."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def syntax_problem(exc: yaml.YAMLError, file: str, text: str) -> Problem:
    """A parser error as a located problem, with a hint for the usual mistakes."""
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml counts bytes, not characters: find the character ourselves.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line, column = _position(text, found.start() if found else exc.position)
        return Problem(
            f"YAML syntax error: the character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int)
            else f"YAML syntax error: {exc.reason}",
            file=file,
            line=line,
            column=column,
            hint="remove the invisible control character (often pasted from a word processor)",
        )
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "expected ':'" in problem and getattr(exc, "context_mark", None) is not None:
        mark = exc.context_mark  # type: ignore[attr-defined]  # the key that lacks its colon
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    if "maximum nesting depth" in problem:  # libyaml's own guard, for deep [[[…]]] it reads ahead
        return Problem(f"nested more than {MAX_DEPTH} levels deep", "", file, line, column, DEEP_HINT)
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    hint = ""
    lines = text.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in problem or "tab character" in problem or "\t" in current[: max(column, 1)]:
        hint = "indent with spaces, not tabs"
    elif "quoted scalar" in message or "unexpected end of stream" in problem:
        opened = getattr(exc, "context_mark", None)
        if "quoted scalar" in message and opened is not None and opened.line + 1 != line:
            message += f"; the quote opened on line {opened.line + 1} is never closed"
            line, column = opened.line + 1, opened.column + 1
        hint = "a quote was opened and never closed: check the quotes on this line and the ones above"
    elif "mapping values are not allowed" in problem and ":" not in current[: max(column - 1, 0)]:
        hint = "check the indentation: this key is not aligned with the keys above it"
    elif "mapping values are not allowed" in problem:
        hint = 'put quotes around a value that contains « : » (title: "Agir : ensemble")'
    elif "found character '@'" in problem or "found character '`'" in problem:
        hint = "put quotes around a value that starts with @ or `"
    elif ("expected key" in problem or "expected <block end>" in problem) and _apostrophe_in_quotes(
        lines, line
    ):
        hint = "an apostrophe inside '…' ends the text: double it (l''association) or use \"…\" quotes"
    elif "expected key" in problem or "expected <block end>" in problem:
        hint = "check the indentation: keys of the same level start in the same column"
    elif "expected ':'" in problem:
        hint = "write each key as « name: value », with a space after the colon"
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        hint = "a « [ » or « { » was opened and never closed"
    elif "another document" in problem:
        hint = "a content file holds one flyer: remove the second « --- » and what follows"
    return Problem(message, file=file, line=line, column=column, hint=hint)


def _apostrophe_in_quotes(lines: list[str], line: int) -> bool:
    """Whether a line at or just above ``line`` has a '…' value that an apostrophe cut short."""
    for text in lines[max(0, line - 3) : line]:
        value = text.split(": ", 1)[1].strip() if ": " in text else ""
        if value.startswith("'") and re.search(r"'\w*'\w", value[1:] if value else ""):
            return True
        if value.startswith("'") and re.match(r"'[^']*'[^\s#,\]}]", value):
            return True
    return False
