"""The design's rules as named numbers, and the type scale at each density level.

Levels run from grand (a near-empty page: big codes, big type) through roomy to tight (the floors:
20 mm codes, 8 pt body); the composer picks, for each candidate layout, the grandest level that fits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from flyer.content.model import Flyer
from flyer.geometry import PAPER_SIZES_MM, mm
from flyer.qr import MIN_SIZE_MM

__all__ = [
    "BLANK_BAND",
    "DENSE_QR_MM",
    "GRAND_QR_MM",
    "LEVELS",
    "LONG_URL",
    "MAX_QR_MM",
    "MIN_BODY_PT",
    "MIN_CAPTION_PT",
    "MIN_QR_MM",
    "MIN_TEXT_MM",
    "PHONE_MODULE_MM",
    "Scale",
    "code_size",
    "page_factor",
    "trim_size",
]

#: Body text under this is hard to read on a handout (DESIGN: body 8.5–9.5 pt, never under 8).
MIN_BODY_PT = 8.0
#: Captions and printed addresses may go this small, no smaller.
MIN_CAPTION_PT = 6.5
#: Codes never shrink below this: 1 mm above the 20 mm rule, so that a measure at print resolution
#: (verify, a print shop's preflight) never finds one a hair under it.
MIN_QR_MM = MIN_SIZE_MM + 1.0
#: The usual size of a code on a roomy page: an address that needs more warns (it costs room).
MAX_QR_MM = 26.0
#: A near-empty A4 page grows its codes up to this (DESIGN: 40–50 mm).
GRAND_QR_MM = 46.0
#: A phone photo reads a code from about 0.5 mm per module; 12 % more, because at 6 % more the
#: phone test of ``flyer verify`` lost one code in 75 on generated flyers (a version-10 code,
#: 57 modules, is then 32 mm).
PHONE_MODULE_MM = 0.56
#: A code that would need more than this is refused: use a short link.
DENSE_QR_MM = 40.0
#: Above this length an address makes a dense code: warn, and suggest a short link.
LONG_URL = 60
#: The narrowest text column beside a code that still reads as a column.
MIN_TEXT_MM = 27.0
#: No page or fold panel may show an empty band taller than this share of the page (DESIGN).
BLANK_BAND = 0.15
# The vertical rhythm, in units of the level (``Scale.unit``): one name per gap the design uses.
#: Inside a card: label → title → description.
CARD_GAP = 0.3
#: The compact row packs its lines closer.
COMPACT_GAP = 0.22
#: Before the printed address: a little more, it is another voice (×  the card gap).
ADDRESS_GAP = 1.2
#: Above a section head, when it is not the first block of its frame.
SECTION_GAP = 1.5
#: Between a section title and its rule.
HEAD_RULE_GAP = 0.45
#: Between a section's rule (or a resumed title) and its first cards.
HEAD_CARDS_GAP = 0.5
#: Between the introduction and the call to action.
CTA_GAP = 0.35
#: In the title band: under the eyebrow (event line), above the subtitle, above the details.
EYEBROW_GAP = 0.9
SUBTITLE_GAP = 0.7
DETAILS_GAP = 0.8

#: Density levels: 0 is grand, ``ROOMY`` is the roomy scale of a typical flyer, the last is tight.
LEVELS = 17
ROOMY = 6


def trim_size(flyer: Flyer) -> tuple[float, float]:
    """Trimmed page width and height in points."""
    w, h = PAPER_SIZES_MM[flyer.page.size]
    if flyer.page.orientation == "landscape" or flyer.page.fold != "none":
        w, h = h, w
    return mm(w), mm(h)


def page_factor(flyer: Flyer) -> float:
    """The page's type scale as a share of A4's (DESIGN: A5 ≈ 0.8, A6 ≈ 0.65)."""
    if flyer.page.fold != "none":
        return 0.84  # a panel is about a DL page
    return {"A4": 1.0, "letter": 1.0, "A5": 0.86, "DL": 0.8, "A6": 0.72}[flyer.page.size]


def code_size(modules: int) -> float:
    """The smallest printed width (pt) a code of ``modules`` modules may have: phone and 20 mm rules."""
    return mm(max(MIN_QR_MM, math.ceil(modules * PHONE_MODULE_MM * 10) / 10))


@dataclass(frozen=True)
class Scale:
    """Type sizes (pt), spacing (pt) and the wished code size (pt) at one density level."""

    level: int
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
    pad: float

    @staticmethod
    def at(level: int, factor: float) -> Scale:
        """Level ``level`` (0 grand … ``LEVELS - 1`` tight) on a page ``factor`` times A4's scale."""
        if level <= ROOMY:
            g = (ROOMY - level) / ROOMY  # 1 at grand, 0 at roomy
            t = 0.0
        else:
            g = 0.0
            t = (level - ROOMY) / (LEVELS - 1 - ROOMY)  # 0 at roomy, 1 at tight

        def size(grand: float, roomy: float, tight: float, floor: float = 0.0) -> float:
            value = roomy + (grand - roomy) * g + (tight - roomy) * t
            return round(max(floor, value * factor), 2)

        qr = mm(MAX_QR_MM + (GRAND_QR_MM * factor - MAX_QR_MM) * g + (MIN_QR_MM - MAX_QR_MM) * t)
        unit = mm(5.0 + 2.0 * g - 1.8 * t) * (0.5 + factor / 2)
        return Scale(
            level=level,
            title=size(40, 32, 24, 16),
            subtitle=size(17, 15, 12, 10),
            eyebrow=size(10.5, 9.5, 8.0, MIN_CAPTION_PT),
            intro=size(14, 11.5, 9.0, MIN_BODY_PT + 0.5),
            section=size(18, 15, 12, 10),
            card_title=size(15, 11.5, 9.5, MIN_BODY_PT + 1),
            body=size(11.5, 9.5, 8.0, MIN_BODY_PT),
            label=size(8.5, 7.5, 6.5, MIN_CAPTION_PT),
            caption=size(9, 7.5, 6.5, MIN_CAPTION_PT),
            qr=max(mm(MIN_QR_MM), math.ceil(qr * 100) / 100),
            unit=round(unit, 2),
            pad=round(mm(3.0 + 1.5 * g - 0.8 * t), 2),
        )
