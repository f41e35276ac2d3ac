"""What every part of a candidate layout reads: the flyer, its pictures, palette, page and scale.

A ``Ctx`` is a value: the composer makes one per density level and passes it, with the rectangle
to fill, to every function that measures or draws. Nothing rewrites it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from flyer.content.model import Flyer
from flyer.content.theme import Palette
from flyer.content.vocabulary import Lang
from flyer.document import PARAGRAPH, Paint, Picture, PlacedItem, Tag, Text
from flyer.geometry import Rect, mm
from flyer.layout.scale import Scale
from flyer.text.typography import ASCENT, DESCENT, typeset, width, wrap

__all__ = ["LEADING", "Ctx", "union"]

#: Line spacing as a share of the type size (DESIGN: 1.2–1.3).
LEADING = 1.25
#: One gutter everywhere (DESIGN: ≈ 4–6 mm).
GUTTER_MM = 5.0


@dataclass(frozen=True, eq=False)
class Ctx:
    """One flyer at one density level.

    Compared and hashed by identity: the composer makes one per level and measurements are
    memoised on it (``cards.card``).
    """

    flyer: Flyer
    pictures: Mapping[str, Picture]
    colours: Palette
    s: Scale
    width: float
    height: float
    #: The fonts' line box above and below the baseline, as shares of the size.
    ascent: float = ASCENT
    descent: float = DESCENT

    @property
    def lang(self) -> Lang:
        return self.flyer.lang

    @property
    def margin(self) -> float:
        """The page margin (DESIGN: ≥ 10 mm on A4 and A5; 8 mm on the small formats)."""
        short = min(self.width, self.height)
        return mm(12.0) if short >= mm(180) else mm(10.0) if short >= mm(120) else mm(8.0)

    @property
    def panel_margin(self) -> float:
        """A fold panel's margin on each side (its fold lines included)."""
        return mm(9.0)

    @property
    def gutter(self) -> float:
        return mm(GUTTER_MM)

    def at(self, scale: Scale) -> Ctx:
        return replace(self, s=scale)

    # --- text ------------------------------------------------------------------------------------

    def leading(self, size: float) -> float:
        return size * LEADING

    def lines(
        self,
        raw: str,
        font: str,
        size: float,
        limit: float,
        *,
        balance: bool = False,
        hyphenate: bool = True,
    ) -> list[str]:
        text = typeset(raw, self.flyer.lang)
        return wrap(text, font, size, limit, self.flyer.lang, balance=balance, hyphenate=hyphenate)

    def text_height(self, count: int, size: float) -> float:
        if count == 0:
            return 0.0
        return (count - 1) * self.leading(size) + (self.ascent + self.descent) * size

    def draw_lines(
        self,
        lines: list[str],
        font: str,
        size: float,
        colour: Paint,
        x: float,
        top: float,
        char_space: float = 0.0,
        tag: Tag = PARAGRAPH,
    ) -> list[PlacedItem]:
        items: list[PlacedItem] = []
        for i, line in enumerate(lines):
            w = width(line, font, size) + char_space * max(0, len(line) - 1)
            items.append(
                Text(
                    round(x, 3),
                    round(top + self.ascent * size + i * self.leading(size), 3),
                    line,
                    font,
                    size,
                    colour,
                    w,
                    self.ascent * size,
                    self.descent * size,
                    char_space,
                    tag,
                )
            )
        return items


def union(rects: list[Rect]) -> Rect:
    x = min(r.x for r in rects)
    y = min(r.y for r in rects)
    return Rect(x, y, max(r.right for r in rects) - x, max(r.bottom for r in rects) - y)
