"""What every part of the layout shares: the flow's blocks and frames, text measuring and drawing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..content import Flyer
from ..document import PARAGRAPH, Colour, Picture, Tag, Text
from ..document import Item as DocItem
from ..geometry import Rect, mm
from ..qr import QUIET_ZONE, encode
from ..theme import Palette, palette
from ..tracking import tracked
from ..typography import typeset, width, wrap
from .scale import ASCENT, DESCENT, Scale, all_items, trim_size

__all__ = ["Base", "Block", "Frame", "union"]


@dataclass
class Block:
    """A slice of the flow: its height and how to draw it at a given top."""

    height: float
    draw: Callable[[float], list[DocItem]]
    path: str
    gap_before: float
    keep_with_next: bool = False
    section_start: bool = False
    count: int = 0  # cards in a row


@dataclass(frozen=True)
class Frame:
    """A rectangle the flow fills: a page's content area, or one panel of a folded flyer."""

    page: int
    rect: Rect
    footer: bool = False
    note: bool = False


class Base:
    """One flyer at one density level: its palette, page, grid and text helpers."""

    def __init__(self, flyer: Flyer, pictures: Mapping[str, Picture], scale: Scale) -> None:
        self.flyer = flyer
        self.pictures = pictures
        self.s = scale
        self.lang = flyer.lang
        self.colours: Palette = palette(flyer.theme)
        self.width, self.height = trim_size(flyer)
        short = min(self.width, self.height)
        self.margin = mm(12.0) if short >= mm(180) else mm(10.0)
        self.content = Rect(
            self.margin, self.margin, self.width - 2 * self.margin, self.height - 2 * self.margin
        )
        self.gutter = mm(5.0)
        self.panel_margin = mm(9.0)
        self.folds: tuple[tuple[int, float], ...] = ()
        self.leftover: str | None = None
        self.columns = 1
        self.col_w = self.content.w
        self.set_frame(self.content)
        self.pad = mm(3.0)
        modules = [encode(tracked(i.url, flyer.tracking, "qr")).modules for i in all_items(flyer) if i.qr]
        # One tile size for every code: the quiet zone of the least dense code fits in all of them.
        self.quiet = QUIET_ZONE * scale.qr / min(modules) if modules else 0.0
        self.tile = scale.qr + 2 * self.quiet if modules else 0.0

    def set_frame(self, rect: Rect) -> None:
        """Make ``rect`` the area blocks are measured for and drawn in (its columns follow)."""
        self.content = rect
        min_card = mm(84.0)
        self.columns = max(1, min(3, int((rect.w + self.gutter) // (min_card + self.gutter))))
        self.col_w = (rect.w - (self.columns - 1) * self.gutter) / self.columns

    # --- text helpers ---------------------------------------------------------------------------

    def leading(self, size: float) -> float:
        return size * 1.25

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
        text = typeset(raw, self.lang)
        return wrap(text, font, size, limit, self.lang, balance=balance, hyphenate=hyphenate)

    def text_height(self, count: int, size: float) -> float:
        if count == 0:
            return 0.0
        return (count - 1) * self.leading(size) + (ASCENT + DESCENT) * size

    def draw_lines(
        self,
        lines: list[str],
        font: str,
        size: float,
        colour: Colour,
        x: float,
        top: float,
        char_space: float = 0.0,
        tag: Tag = PARAGRAPH,
    ) -> list[DocItem]:
        items: list[DocItem] = []
        for i, line in enumerate(lines):
            w = width(line, font, size) + char_space * max(0, len(line) - 1)
            items.append(
                Text(
                    x,
                    round(top + ASCENT * size + i * self.leading(size), 3),
                    line,
                    font,
                    size,
                    colour,
                    w,
                    ASCENT * size,
                    DESCENT * size,
                    char_space,
                    tag,
                )
            )
        return items


def union(rects: list[Rect]) -> Rect:
    x = min(r.x for r in rects)
    y = min(r.y for r in rects)
    return Rect(x, y, max(r.right for r in rects) - x, max(r.bottom for r in rects) - y)
