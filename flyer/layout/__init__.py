"""The layout engine: a validated ``Flyer`` → a ``Document`` of positioned items. Pure.

The composer (``compose``) tries every arrangement of the cards at the grandest density level
each fits, scores them and keeps the best; ``flow`` draws the chosen one. Codes are sized from
their module count (a phone reads 0.5 mm modules), never under 20 mm, one size per section.
"""

from __future__ import annotations

from collections.abc import Mapping

from flyer.content.model import Flyer
from flyer.content.theme import palette
from flyer.content.tracking import tracked
from flyer.document import QR, Document, Fit, Image, Meta, Picture, PlacedPage, Text
from flyer.errors import ContentError, Problem
from flyer.geometry import BLEED_MM, mm, to_mm
from flyer.layout.compose import Choice, compose
from flyer.layout.context import Ctx
from flyer.layout.flow import Flow, draw
from flyer.layout.overflow import overflow
from flyer.layout.scale import (
    DENSE_QR_MM,
    LEVELS,
    LONG_URL,
    MAX_QR_MM,
    MIN_BODY_PT,
    MIN_CAPTION_PT,
    MIN_QR_MM,
    PHONE_MODULE_MM,
    Scale,
    code_size,
    page_factor,
    trim_size,
)
from flyer.qr import symbol  # its DataOverflowError is a ValueError
from flyer.text.typography import line_box, register_fonts

__all__ = [
    "DENSE_QR_MM",
    "LONG_URL",
    "MAX_QR_MM",
    "MIN_BODY_PT",
    "MIN_CAPTION_PT",
    "MIN_QR_MM",
    "PHONE_MODULE_MM",
    "Scale",
    "code_size",
    "layout",
    "trim_size",
]


def _url_problems(flyer: Flyer) -> list[Problem]:
    """Addresses too long for a printable code (errors), or whose code must grow (one warning each)."""
    problems = []
    seen: set[str] = set()
    for s, section in enumerate(flyer.sections):
        for i, item in enumerate(section.items):
            if not item.qr:
                continue
            link = tracked(item.url, flyer.tracking, "qr")
            path = f"sections[{s}].items[{i}].url"
            what = "this address with its tracking parameters" if flyer.tracking else "this address"
            try:
                code = symbol(link)
            except ValueError:
                problems.append(
                    Problem(
                        f"{what} is {len(link)} characters long: no QR code can hold it",
                        path,
                        hint=f"use a short link: at most {_max_length()} characters make a printable code",
                    )
                )
                continue
            need = to_mm(code_size(code.modules))
            if need > DENSE_QR_MM:
                problems.append(
                    Problem(
                        f"{what} is {len(link)} characters long: its QR code ({code.modules} modules) "
                        f"would be too dense to scan unless printed {need:.0f} mm wide",
                        path,
                        hint=f"use a short link: at most {_max_length()} characters fit, or set qr: false",
                    )
                )
            elif need > MAX_QR_MM and link not in seen:
                seen.add(link)
                problems.append(
                    Problem(
                        f"{what} is {len(link)} characters long: its code ({code.modules} modules, "
                        f"error correction {code.level}) is printed {need:.0f} mm wide to scan from a phone",
                        path,
                        hint=f"a short link of under {LONG_URL} characters keeps it at {MIN_QR_MM:.0f}–{MAX_QR_MM:.0f} mm",
                        severity="warning",
                    )
                )
    return problems


def _max_length() -> int:
    """The longest https address whose code stays printable at ``DENSE_QR_MM``."""
    low, high = 10, 2000
    while low < high:
        mid = (low + high + 1) // 2
        try:
            fits = to_mm(code_size(symbol("https://" + "a" * (mid - 8)).modules)) <= DENSE_QR_MM
        except ValueError:
            fits = False
        if fits:
            low = mid
        else:
            high = mid - 1
    return low


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


def _resolution_warnings(flyer: Flyer, pages: list[PlacedPage]) -> list[Problem]:
    """A raster image printed under 300 dpi looks soft on paper: say so (print shops ask for 300)."""
    problems = []
    for page in pages:
        for item in page.items:
            if isinstance(item, Image) and item.picture.format != "svg":
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


def _fit(flow: Flow, pages: list[PlacedPage]) -> tuple[Fit, ...]:
    """One line per frame: fill, code sizes, smallest text, arrangement."""
    out = []
    for n, frame in enumerate(flow.skeleton.frames):
        slots = [k for k, slot in enumerate(flow.slots) if slot.frame == n]
        room = sum(flow.slots[k].rect.h for k in slots)
        used = sum(flow.fills[k] * flow.slots[k].rect.h for k in slots)
        inside = [
            i
            for i in pages[frame.page].items
            if isinstance(i, (QR, Text)) and frame.rect.x - 1 <= i.rect.x < frame.rect.right
        ]
        codes = [to_mm(i.rect.w) for i in inside if isinstance(i, QR)]
        sizes = [i.size for i in inside if isinstance(i, Text)]
        out.append(
            Fit(
                frame.page,
                frame.name,
                used / room if room > 0 else 1.0,
                (round(min(codes), 1), round(max(codes), 1)) if codes else (0.0, 0.0),
                min(sizes) if sizes else 0.0,
                str(flow.config),
            )
        )
    return tuple(out)


def layout(flyer: Flyer, pictures: Mapping[str, Picture] | None = None) -> Document:
    """Position every item of the flyer; raise ``ContentError`` when it cannot fit."""
    register_fonts()
    pictures = pictures or {}
    problems = _url_problems(flyer) + _legal_warnings(flyer)
    if any(p.severity == "error" for p in problems):
        raise ContentError([p for p in problems if p.severity == "error"])
    width, height = trim_size(flyer)
    tight = Scale.at(LEVELS - 1, page_factor(flyer))
    base = Ctx(flyer, pictures, palette(flyer.theme), tight, width, height, *line_box())
    chosen = compose(base)
    if not isinstance(chosen, Choice):
        raise ContentError([overflow(flyer, pictures, *chosen)])
    flow = chosen.flow
    pages, bare = draw(flow)
    problems += _resolution_warnings(flyer, pages)
    if bare:
        count = sum(len(s.items) for s in flyer.sections)
        problems.append(
            Problem(
                f"a {flyer.page.fold} fold has more panels than {count} resource{'s' if count > 1 else ''} "
                f"fill: {', '.join(bare)} stay{'s' if len(bare) == 1 else ''} blank",
                "page.fold",
                hint="choose a flat flyer (page: {size: A5} or {size: DL}), or add resources",
                severity="warning",
            )
        )
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
        width,
        height,
        mm(BLEED_MM),
        tuple(pages),
        meta,
        tuple(problems),
        folds=flow.skeleton.folds,
        fit=_fit(flow, pages),
    )
