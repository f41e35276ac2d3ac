"""The type scale and the page: sizes, spacing and code sizes at each density level."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..content import Flyer, Item
from ..geometry import PAPER_SIZES_MM, mm
from ..qr import MIN_MODULE_MM, MIN_SIZE_MM, encode
from ..tracking import tracked

__all__ = [
    "ASCENT",
    "DENSE_QR_MM",
    "DESCENT",
    "LEVELS",
    "LONG_URL",
    "MAX_QR_MM",
    "MIN_BODY_PT",
    "MIN_CAPTION_PT",
    "MIN_QR_MM",
    "Scale",
    "all_items",
    "page_factor",
    "qr_floor",
    "trim_size",
]

MIN_BODY_PT = 8.0
MIN_CAPTION_PT = 6.5
#: Codes never shrink below this: 1 mm above the 20 mm rule, so that a measure at print resolution
#: (verify, a print shop's preflight) never finds one a hair under it.
MIN_QR_MM = MIN_SIZE_MM + 1.0
#: Codes grow up to this when there is room: bigger only takes space from the text.
MAX_QR_MM = 26.0
#: A denser code than fits at this size with 0.4 mm modules is refused.
DENSE_QR_MM = 30.0
#: Above this length an address makes a dense code: warn, and suggest a short link.
LONG_URL = 60
#: Text box above and below the baseline, as a share of the size (Source Sans Pro, rounded up).
ASCENT = 0.80
DESCENT = 0.22
LEVELS = 13


def trim_size(flyer: Flyer) -> tuple[float, float]:
    """Trimmed page width and height in points."""
    w, h = PAPER_SIZES_MM[flyer.page.size]
    if flyer.page.orientation == "landscape" or flyer.page.fold != "none":
        w, h = h, w
    return mm(w), mm(h)


@dataclass(frozen=True)
class Scale:
    """Type sizes (pt) and spacing (pt) at one density level."""

    title: float
    subtitle: float
    eyebrow: float
    intro: float
    section: float
    card_title: float
    body: float
    label: float
    caption: float
    qr: float
    unit: float

    @staticmethod
    def at(t: float, page_factor: float, qr_floor: float) -> Scale:
        """Level ``t`` (0 roomy … 1 tight) on a page ``page_factor`` times A4's type scale."""

        def size(roomy: float, tight: float, floor: float = 0.0) -> float:
            return round(max(floor, (roomy + (tight - roomy) * t) * page_factor), 2)

        qr = max(mm(MAX_QR_MM) + (mm(MIN_QR_MM) - mm(MAX_QR_MM)) * t, qr_floor)
        return Scale(
            title=size(32, 26, 18),
            subtitle=size(15, 13, 10),
            eyebrow=size(9.5, 8.5, MIN_CAPTION_PT),
            intro=size(11.5, 9.5, MIN_BODY_PT + 0.5),
            section=size(15, 13, 10),
            card_title=size(11.5, 10, MIN_BODY_PT + 1),
            body=size(9.5, 8.0, MIN_BODY_PT),
            label=size(7.5, 6.5, MIN_CAPTION_PT),
            caption=size(7.5, 6.5, MIN_CAPTION_PT),
            qr=math.ceil(qr * 100) / 100,
            unit=round(mm(5.0 - 1.6 * t) * (0.5 + page_factor / 2), 2),
        )


def page_factor(flyer: Flyer) -> float:
    if flyer.page.fold != "none":
        return 0.84  # a panel is about a DL page
    return {"A4": 1.0, "letter": 1.0, "A5": 0.86, "DL": 0.8, "A6": 0.72}[flyer.page.size]


def all_items(flyer: Flyer) -> list[Item]:
    return [item for section in flyer.sections for item in section.items]


def qr_floor(flyer: Flyer) -> float:
    """The code size at which the densest code keeps modules ≥ MIN_MODULE_MM (and ≥ 20 mm)."""
    modules = [encode(tracked(i.url, flyer.tracking, "qr")).modules for i in all_items(flyer) if i.qr]
    return mm(max([MIN_QR_MM] + [m * MIN_MODULE_MM for m in modules]))
