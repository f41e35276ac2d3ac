"""The whole pipeline over values: content bytes → laid-out document → PDF bytes per rendition."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from flyer.content.bounds import bound_problems
from flyer.content.brandcolours import colour_problems
from flyer.content.images import load_picture
from flyer.content.model import Flyer, validate
from flyer.content.overrides import Override, apply, attribute, attribute_new_keys
from flyer.content.source import Source, parse_yaml, printable_problem, split_path
from flyer.document import Document, Picture
from flyer.draw.intent import load_intent
from flyer.draw.pdf import Profile, render
from flyer.errors import ContentError, Problem
from flyer.fontset import FontSet, builtin_fonts
from flyer.layout import layout
from flyer.text.brandfonts import load_brand_fonts
from flyer.text.drawable import unprintable
from flyer.text.fontcheck import drawn_problems, dress, text_problems
from flyer.text.typography import measuring
from flyer.verify.contrast import contrast_problems

__all__ = [
    "OUTPUT_NAMES",
    "Build",
    "brand_look",
    "compile_flyer",
    "compile_source",
    "locate",
    "prepare",
    "prepare_source",
]

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
            line, column = source.locate(split_path(problem.path))
            problem = dataclasses.replace(problem, file=source.file, line=line, column=column)
        elif not problem.file:
            problem = dataclasses.replace(problem, file=source.file)
        out.append(printable_problem(problem))
    return out


def prepare(
    raw: bytes, file: str, base: Path, overrides: Sequence[Override] = ()
) -> tuple[Source, Flyer, dict[str, Picture]]:
    """Parse, apply ``overrides``, validate and read the pictures the content names (from ``base``)."""
    return prepare_source(parse_yaml(raw, file), base, overrides)


def prepare_source(
    source: Source,
    base: Path,
    overrides: Sequence[Override] = (),
    pictures_read: dict[str, Picture] | None = None,
) -> tuple[Source, Flyer, dict[str, Picture]]:
    """Validate parsed content with ``overrides`` applied; ``pictures_read`` caches logos across calls."""
    original = source
    if overrides:
        data, missed = apply(source.data, overrides)
        source = dataclasses.replace(source, data=data, problems=(*source.problems, *missed))
    try:
        flyer = validate(source)
    except ContentError as exc:
        raise ContentError(
            attribute(attribute_new_keys(exc.problems, overrides, original), overrides)
        ) from None
    pictures: dict[str, Picture] = {}
    named = {
        "organisation.logo": flyer.organisation.logo if flyer.organisation else None,
        "illustration": flyer.illustration,
    }
    # Before layout: what the fonts cannot draw (the theme's own: gazette sets titles in a serif),
    # addresses made too long by tracking, dates.
    failed: list[Problem] = [
        *unprintable(flyer, builtin_fonts(flyer.theme.name), coverage=flyer.theme.fonts is None),
        *bound_problems(flyer),
    ]
    for path, reference in named.items():
        if not reference or reference in pictures:
            continue
        if pictures_read is not None and reference in pictures_read:
            pictures[reference] = pictures_read[reference]
            continue
        try:
            pictures[reference] = load_picture(reference, base)
        except ContentError as exc:
            failed += [dataclasses.replace(p, path=path) for p in exc.problems]
            continue
        if pictures_read is not None:
            pictures_read[reference] = pictures[reference]
    if flyer.print.profile is not None:  # checked here too, so that `flyer check` reports it
        try:
            load_intent(flyer, base)
        except ContentError as exc:
            failed += exc.problems
    if failed:
        raise ContentError(attribute(locate(failed, source), overrides))
    return source, flyer, pictures


def compile_flyer(
    raw: bytes, file: str, base: Path, profiles: Iterable[Profile], overrides: Sequence[Override] = ()
) -> Build:
    """Content bytes → every rendition asked for; raise ``ContentError`` on a content problem."""
    return compile_source(parse_yaml(raw, file), base, profiles, overrides)


def compile_source(
    source: Source,
    base: Path,
    profiles: Iterable[Profile],
    overrides: Sequence[Override] = (),
    pictures_read: dict[str, Picture] | None = None,
) -> Build:
    """Parsed content (with ``overrides``) → every rendition asked for; see :func:`prepare_source`."""
    source, flyer, pictures = prepare_source(source, base, overrides, pictures_read)
    try:
        fonts, warnings = brand_look(flyer, base)
        with measuring(fonts):
            document = layout(flyer, pictures)
        document = dress(document, fonts)
        drawn = drawn_problems(fonts, document)
        if drawn:
            raise ContentError(drawn)
    except ContentError as exc:
        raise ContentError(attribute(locate(exc.problems, source), overrides)) from None
    try:
        profiles = list(profiles)
        intent = load_intent(flyer, base) if "print" in profiles else None
    except ContentError as exc:
        raise ContentError(attribute(locate(exc.problems, source), overrides)) from None
    unreadable = contrast_problems(document, flyer)
    if unreadable:
        raise ContentError(attribute(locate(unreadable, source), overrides))
    pdfs = {profile: render(document, profile, intent) for profile in profiles}
    warnings = [*document.warnings, *warnings]
    return Build(flyer, document, pdfs, tuple(attribute(locate(warnings, source), overrides)))


def brand_look(flyer: Flyer, base: Path) -> tuple[FontSet, list[Problem]]:
    """The flyer's fonts (the theme's, or the brand's files) and its colours, checked; return the warnings.

    Raise ``ContentError`` with every error at once: a font that cannot be used, a character a
    font lacks, an unknown colour name, text below AA contrast.
    """
    problems = colour_problems(flyer.theme)
    fonts = builtin_fonts(flyer.theme.name)
    if flyer.theme.fonts is not None:
        try:
            fonts, found = load_brand_fonts(dataclasses.asdict(flyer.theme.fonts), base)
            problems += found
        except ContentError as exc:
            raise ContentError([*problems, *exc.problems]) from None
    problems += text_problems(fonts, flyer)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return fonts, problems
