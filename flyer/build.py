"""The whole pipeline over values: content bytes → laid-out document → PDF bytes per rendition."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .content import Flyer, validate
from .document import Document, Picture
from .errors import ContentError, Problem
from .images import load_picture
from .layout import layout
from .render import Profile, render
from .yamlsource import Source, parse_yaml, printable_problem

__all__ = ["OUTPUT_NAMES", "Build", "compile_flyer", "locate", "prepare"]

#: File name of each rendition in the output folder.
OUTPUT_NAMES: dict[Profile, str] = {"screen": "flyer.pdf", "print": "flyer-print.pdf"}


@dataclass(frozen=True)
class Build:
    """A built flyer: its model, its layout and the PDF bytes of each rendition asked for."""

    flyer: Flyer
    document: Document
    pdfs: dict[Profile, bytes]
    warnings: tuple[Problem, ...]


def locate(problems: Iterable[Problem], source: Source) -> list[Problem]:
    """Give problems that only know their key path the file, line and column of that key."""
    out = []
    for problem in problems:
        if not problem.line and problem.path:
            parts: list[str | int] = []
            for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", problem.path):
                parts.append(int(index) if index else name)
            line, column = source.locate(tuple(parts))
            problem = dataclasses.replace(problem, file=source.file, line=line, column=column)
        elif not problem.file:
            problem = dataclasses.replace(problem, file=source.file)
        out.append(printable_problem(problem))
    return out


def prepare(raw: bytes, file: str, base: Path) -> tuple[Source, Flyer, dict[str, Picture]]:
    """Parse, validate and read the pictures the content names (relative to ``base``)."""
    source = parse_yaml(raw, file)
    flyer = validate(source)
    pictures: dict[str, Picture] = {}
    logo = flyer.organisation.logo if flyer.organisation else None
    if logo:
        try:
            pictures[logo] = load_picture(logo, base)
        except ContentError as exc:
            problems = [dataclasses.replace(p, path="organisation.logo") for p in exc.problems]
            raise ContentError(locate(problems, source)) from None
    return source, flyer, pictures


def compile_flyer(raw: bytes, file: str, base: Path, profiles: Iterable[Profile]) -> Build:
    """Content bytes → every rendition asked for; raise ``ContentError`` on a content problem."""
    source, flyer, pictures = prepare(raw, file, base)
    try:
        document = layout(flyer, pictures)
    except ContentError as exc:
        raise ContentError(locate(exc.problems, source)) from None
    pdfs = {profile: render(document, profile) for profile in profiles}
    return Build(flyer, document, pdfs, tuple(locate(document.warnings, source)))
