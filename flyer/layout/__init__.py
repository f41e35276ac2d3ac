"""The layout engine: a validated ``Flyer`` → a ``Document`` of positioned items. Pure.

The page is a grid (margin, columns, one gutter); sections are rows of cards of equal height; every
card holds its QR code at the same place and size. The engine tries density levels from roomy to
tight and keeps the roomiest one that fits on the fewest pages, then spreads the space that is left
over the gaps between sections so that no page ends on an empty third.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..content import Flyer
from ..document import Document, Image, Meta, Page, Picture
from ..errors import ContentError, Problem
from ..geometry import BLEED_MM, mm
from ..qr import MIN_MODULE_MM, encode
from ..tracking import tracked
from ..typography import register_fonts
from .flow import Engine
from .scale import (
    DENSE_QR_MM,
    LEVELS,
    LONG_URL,
    MAX_QR_MM,
    MIN_BODY_PT,
    MIN_CAPTION_PT,
    MIN_QR_MM,
    Scale,
    page_factor,
    qr_floor,
    trim_size,
)

__all__ = [
    "DENSE_QR_MM",
    "LONG_URL",
    "MAX_QR_MM",
    "MIN_BODY_PT",
    "MIN_CAPTION_PT",
    "MIN_QR_MM",
    "Scale",
    "layout",
    "trim_size",
]


def _url_problems(flyer: Flyer) -> list[Problem]:
    """Addresses too dense to print (errors) or dense enough to deserve a short link (warnings)."""
    problems = []
    for s, section in enumerate(flyer.sections):
        for i, item in enumerate(section.items):
            if not item.qr:
                continue
            link = tracked(item.url, flyer.tracking, "qr")
            modules = encode(link).modules
            path = f"sections[{s}].items[{i}].url"
            what = "this address with its tracking parameters" if flyer.tracking else "this address"
            if modules * MIN_MODULE_MM > DENSE_QR_MM:
                problems.append(
                    Problem(
                        f"{what} is {len(link)} characters long: its QR code ({modules} modules) would be too dense to scan",
                        path,
                        hint=f"use a short link: at most {_max_length()} characters fit, or set qr: false",
                    )
                )
            elif len(link) > LONG_URL:
                problems.append(
                    Problem(
                        f"{what} is {len(link)} characters long and makes a dense QR code ({modules} modules)",
                        path,
                        hint=f"a short link of under {LONG_URL} characters scans faster",
                        severity="warning",
                    )
                )
    return problems


def _legal_warnings(flyer: Flyer) -> list[Problem]:
    """Printed matter in France names its printer (loi du 29 juillet 1881): warn when it does not."""
    footer = (flyer.footer or "").lower()
    if any(word in footer for word in ("imprim", "printed", "printer")):
        return []
    return [
        Problem(
            "the footer does not say who printed the flyer (loi du 29 juillet 1881)",
            "footer" if flyer.footer else "",
            hint="add « Imprimé par nos soins » or « Imprimé par NOM, VILLE »"
            if flyer.lang == "fr"
            else "add “Printed by NAME, TOWN” (or “Printed in-house”)",
            severity="warning",
        )
    ]


def _max_length() -> int:
    """The longest https address whose code stays printable at ``DENSE_QR_MM``."""
    low, high = 10, 1000
    while low < high:
        mid = (low + high + 1) // 2
        if encode("https://" + "a" * (mid - 8)).modules * MIN_MODULE_MM <= DENSE_QR_MM:
            low = mid
        else:
            high = mid - 1
    return low


def _resolution_warnings(flyer: Flyer, pages: list[Page]) -> list[Problem]:
    """A raster image printed under 300 dpi looks soft on paper: say so (print shops ask for 300)."""
    problems = []
    for page in pages:
        for item in page.items:
            if isinstance(item, Image) and item.picture.kind != "svg":
                dpi = item.picture.width / (item.rect.w / 72)
                if dpi < 300:
                    problems.append(
                        Problem(
                            f"'{item.picture.name}' prints at {dpi:.0f} dpi; print shops ask for 300",
                            "illustration"
                            if item.picture.name == flyer.illustration
                            else "organisation.logo",
                            hint=f"use an image at least {item.rect.w / 72 * 300:.0f} pixels wide, or an SVG",
                            severity="warning",
                        )
                    )
    return problems


def _overflow(flyer: Flyer, engine: Engine) -> Problem:
    """Name what does not fit, laid out at the tightest level on the most pages allowed."""
    smallest = engine.s
    pages = 2 if flyer.page.fold != "none" else flyer.page.max_pages
    where = f"{pages} {flyer.page.size} page{'s' if pages > 1 else ''}"
    if flyer.page.fold != "none":
        where = f"the panels of a {flyer.page.fold} fold"
    path = engine.leftover or "sections"
    what = "the introduction"
    if path.startswith("sections["):
        section = int(path.split("]")[0].split("[")[1])
        what = f"« {flyer.sections[section].title} » ({path}) and what follows"
    return Problem(
        f"the content does not fit on {where}, even with {smallest.body:g} pt text and "
        f"{smallest.qr / mm(1):.0f} mm codes: {what} "
        + ("would not fit" if flyer.page.fold != "none" else f"would need page {pages + 1}"),
        path,
        hint="shorten the text, remove items"
        + (", or fold in three (fold: trifold)" if flyer.page.fold == "half" else "")
        + (", allow page.max_pages: 2, or choose a larger page.size" if flyer.page.fold == "none" else ""),
    )


def layout(flyer: Flyer, pictures: Mapping[str, Picture] | None = None) -> Document:
    """Position every item of the flyer; raise ``ContentError`` when it cannot fit."""
    register_fonts()
    pictures = pictures or {}
    problems = _url_problems(flyer) + _legal_warnings(flyer)
    if any(p.severity == "error" for p in problems):
        raise ContentError([p for p in problems if p.severity == "error"])
    factor = page_factor(flyer)
    floor = qr_floor(flyer)

    def attempt(level: int, count: int) -> tuple[list[Page], Engine]:
        engine = Engine(flyer, pictures, Scale.at(level / (LEVELS - 1), factor, floor))
        return engine.pages(count) or [], engine

    # The fewest pages that hold the content at the tightest level; then the roomiest level that
    # still fits on them (content only grows as the level gets roomier: a binary search finds it).
    counts = [2] if flyer.page.fold != "none" else list(range(1, flyer.page.max_pages + 1))
    best: tuple[list[Page], Engine] | None = None
    for count in counts:
        pages, engine = attempt(LEVELS - 1, count)
        if not pages:
            continue
        best = (pages, engine)
        low, high = 0, LEVELS - 1
        while low < high:
            mid = (low + high) // 2
            found, roomier = attempt(mid, count)
            if found:
                best = (found, roomier)
                high = mid
            else:
                low = mid + 1
        break
    if best is None:
        raise ContentError([_overflow(flyer, attempt(LEVELS - 1, counts[-1])[1])])
    pages, engine = best
    problems += _resolution_warnings(flyer, pages)
    f = flyer
    keywords = tuple(dict.fromkeys([s.title for s in f.sections] + ([f.event.name] if f.event else [])))
    subject = f.subtitle or (f.intro.split(". ")[0] if f.intro else f.title)
    meta = Meta(
        title=f.title,
        author=f.organisation.name if f.organisation else "",
        subject=subject,
        keywords=keywords,
        lang=f.lang,
    )
    return Document(
        engine.width, engine.height, mm(BLEED_MM), tuple(pages), meta, tuple(problems), folds=engine.folds
    )
