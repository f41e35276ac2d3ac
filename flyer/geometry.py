"""Units and rectangles: millimetres become points here, once."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BLEED_MM",
    "CROP_MARK_GAP_MM",
    "CROP_MARK_MM",
    "CUT_MARK_GAP_MM",
    "CUT_MARK_MM",
    "MM",
    "PAPER_SIZES_MM",
    "PT_PER_INCH",
    "SAFETY_MM",
    "SLUG_MM",
    "PaperSize",
    "Rect",
    "mm",
    "to_mm",
]

PT_PER_INCH = 72.0
MM = PT_PER_INCH / 25.4
#: ISO 12647 / print-shop convention in France: 3 mm « fonds perdus ».
BLEED_MM = 3.0
#: Nothing printed may come closer than this to the trim (safety margin).
SAFETY_MM = 5.0
#: Room outside the bleed of the print PDF for crop and fold marks (and where verify looks for them).
SLUG_MM = 12.0
#: Print crop marks start this far outside the bleed, so they never print on the piece, and are this long.
CROP_MARK_GAP_MM, CROP_MARK_MM = 2.0, 6.0
#: Office sheets' cut marks: the printer's margin leaves room for short ones, just outside the copies.
CUT_MARK_GAP_MM, CUT_MARK_MM = 1.0, 3.0

#: The paper sizes a flyer can be made in; the content model accepts exactly these.
PaperSize = Literal["A4", "A5", "A6", "letter", "DL"]
#: Portrait width x height in millimetres (ISO 216, US Letter, DL envelope).
PAPER_SIZES_MM: dict[PaperSize, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "letter": (215.9, 279.4),
    "DL": (99.0, 210.0),
}
# A size named without its millimetres (or the reverse) is refused at import, not at render time.
if set(PAPER_SIZES_MM) != set(typing.get_args(PaperSize)):
    raise ImportError("flyer.geometry: PaperSize and PAPER_SIZES_MM name different sizes")


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * MM


def to_mm(value: float) -> float:
    """Points to millimetres."""
    return value / MM


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in points, origin top left, y down."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, d: float) -> Rect:
        """Shrink by ``d`` on every side (grow when negative)."""
        return Rect(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)

    def contains(self, other: Rect, tol: float = 0.01) -> bool:
        """Whether ``other`` lies inside this rectangle."""
        return (
            other.x >= self.x - tol
            and other.y >= self.y - tol
            and other.right <= self.right + tol
            and other.bottom <= self.bottom + tol
        )

    def overlaps(self, other: Rect, tol: float = 0.01) -> bool:
        """Whether the interiors intersect (touching edges do not count)."""
        return (
            self.x < other.right - tol
            and other.x < self.right - tol
            and self.y < other.bottom - tol
            and other.y < self.bottom - tol
        )
