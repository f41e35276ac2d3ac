"""When content does not fit: say how many resources do, and which format would hold them all."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from flyer.content.model import Flyer, Page, Section
from flyer.content.theme import palette
from flyer.document import Picture
from flyer.errors import Problem
from flyer.geometry import to_mm
from flyer.layout.compose import Choice, compose
from flyer.layout.context import Ctx
from flyer.layout.scale import LEVELS, Scale, page_factor, trim_size
from flyer.text.typography import line_box

__all__ = ["overflow"]

#: Formats to suggest, smallest (cheapest to print, easiest to hand out) first.
_FORMATS: tuple[tuple[str, str, str, int], ...] = (
    ("A6", "portrait", "none", 2),
    ("DL", "portrait", "none", 2),
    ("A5", "portrait", "none", 1),
    ("A5", "portrait", "none", 2),
    ("A4", "portrait", "half", 2),
    ("A4", "portrait", "trifold", 2),
    ("A4", "portrait", "none", 1),
    ("A4", "portrait", "none", 2),
    ("A4", "landscape", "none", 2),
)


def _fits(flyer: Flyer, pictures: Mapping[str, Picture]) -> bool:
    w, h = trim_size(flyer)
    ctx = Ctx(
        flyer,
        pictures,
        palette(flyer.theme),
        Scale.at(LEVELS - 1, page_factor(flyer)),
        w,
        h,
        *line_box(),
    )
    return isinstance(compose(ctx), Choice)


def _first(flyer: Flyer, count: int) -> Flyer:
    """The flyer with only its first ``count`` resources (sections left empty are dropped)."""
    sections: list[Section] = []
    left = count
    for section in flyer.sections:
        if left <= 0:
            break
        sections.append(dataclasses.replace(section, items=section.items[:left]))
        left -= len(section.items)
    return dataclasses.replace(flyer, sections=sections)


def _position(flyer: Flyer, index: int) -> tuple[int, int]:
    """Section and item of the resource ``index`` (0-based) in reading order."""
    for s, section in enumerate(flyer.sections):
        if index < len(section.items):
            return s, index
        index -= len(section.items)
    raise IndexError("no such resource")


def _describe(size: str, orientation: str, fold: str, pages: int) -> str:
    if fold != "none":
        return f"page: {{size: A4, fold: {fold}}}"
    return (
        f"page: {{size: {size}"
        + (", orientation: landscape" if orientation == "landscape" else "")
        + (f", max_pages: {pages}}}")
    )


def overflow(flyer: Flyer, pictures: Mapping[str, Picture], tight: Ctx, path: str) -> Problem:
    """Name what does not fit, how many resources fit on this format, and a format that holds all."""
    total = sum(len(s.items) for s in flyer.sections)
    low, high = 0, total - 1
    while low < high:
        mid = (low + high + 1) // 2
        if _fits(_first(flyer, mid), pictures):
            low = mid
        else:
            high = mid - 1
    page = flyer.page
    pages = 2 if page.fold != "none" else page.max_pages
    where = (
        f"the panels of a {'trifold' if page.fold == 'trifold' else 'half fold'}"
        if page.fold != "none"
        else f"{pages} {page.size}{' landscape' if page.orientation == 'landscape' else ''} page{'s' if pages > 1 else ''}"
    )
    what = "the introduction"
    if low < total and (low > 0 or _fits(_first(flyer, 0), pictures)):
        # The first resource that no arrangement fits: where to cut, whichever arrangement the
        # search tried last. (When not even the flyer without resources fits, none is to blame.)
        s_index, i_index = _position(flyer, low)
        path = f"sections[{s_index}].items[{i_index}]"
        what = f"« {flyer.sections[s_index].items[i_index].title} » ({path}) and what follows"
    elif path.startswith("sections["):
        section = int(path.split("]")[0].split("[")[1])
        what = f"« {flyer.sections[section].title} » ({path}) and what follows"
    current = (page.size, page.orientation, page.fold, pages)
    suggestion = ""
    for size, orientation, fold, count in _FORMATS:
        if (size, orientation, fold, count) == current:
            continue
        other = dataclasses.replace(
            flyer,
            page=Page(size=size, orientation=orientation, fold=fold, max_pages=count),  # type: ignore[arg-type]
        )
        if _fits(other, pictures):
            suggestion = _describe(size, orientation, fold, count)
            break
    s = tight.s
    hint = f"{low} of the {total} resources fit here; shorten the text or remove items"
    hint += f", or choose {suggestion}, which holds them all" if suggestion else ""
    return Problem(
        f"the content does not fit on {where}, even with {s.body:g} pt text and "
        f"{to_mm(s.qr):.0f} mm codes: {what} "
        + ("would not fit" if page.fold != "none" else f"would need page {pages + 1}"),
        path,
        hint=hint,
    )
