"""The flowing parts, measured for a width: the introduction, section heads and card rows.

A ``Block`` is a value: its height and a function that draws it at ``(x, top, width)``. The flow
decides where blocks go; blocks decide nothing about pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from flyer.content.model import Section
from flyer.document import ARTIFACT, Image, PlacedItem, Rule, Tag
from flyer.geometry import Rect, mm
from flyer.layout.cards import Codes, Shape, card, section_codes
from flyer.layout.context import Ctx
from flyer.layout.scale import CTA_GAP, HEAD_CARDS_GAP, HEAD_RULE_GAP, SECTION_GAP
from flyer.text.labels import call_to_action
from flyer.text.labels import text as label_text
from flyer.text.typography import BOLD, REGULAR

__all__ = ["Block", "cards_block", "intro", "section_head"]

#: An introduction reads best at most this wide, even on a wide page.
INTRO_MEASURE_MM = 150.0
#: An illustration goes beside the intro from this width of the frame (above it on narrower ones) …
PICTURE_BESIDE_FROM_MM = 120.0
#: … at most this wide, this share of the frame, and this tall;
PICTURE_BESIDE_MM = 55.0
PICTURE_BESIDE_SHARE = 0.32
PICTURE_BESIDE_H_MM = 60.0
#: above the intro, at most this tall, and this share of the page; then this many units of space.
PICTURE_ABOVE_MM = 45.0
PICTURE_ABOVE_SHARE = 0.18
PICTURE_GAP = 0.6
#: Compact rows stand closer together (a share of the gutter).
COMPACT_ROW_GAP = 0.8
#: The introduction's part of the tagged PDF.
_INTRO = ("Sect:intro",)
#: A section title's rule: a visible line, lighter than the title.
HEAD_RULE_PT = 1.2


@dataclass(frozen=True)
class Block:
    """A slice of the flow: its height, and how to draw it at ``(x, top, width, stretch)``.

    ``stretch`` makes a row of cards taller (their content centred): how a sparse panel breathes.
    """

    kind: Literal["head", "cards"]
    height: float
    draw: Callable[[float, float, float, float], list[PlacedItem]]
    path: str
    #: Space before the block when it is not the first of its frame.
    gap: float
    section: int
    start: int = 0
    count: int = 0


def intro(ctx: Ctx, area_w: float) -> tuple[float, Callable[[float, float], list[PlacedItem]]] | None:
    """The introduction and the call to action, with the illustration beside (or above) them."""
    f, s, c = ctx.flyer, ctx.s, ctx.colours
    picture = ctx.pictures.get(f.illustration) if f.illustration else None
    limit = min(area_w, mm(INTRO_MEASURE_MM))
    pic_w = pic_h = 0.0
    beside = picture is not None and area_w >= mm(PICTURE_BESIDE_FROM_MM)
    if picture is not None:
        ratio = picture.height / picture.width
        pic_w = min(mm(PICTURE_BESIDE_MM), area_w * PICTURE_BESIDE_SHARE) if beside else area_w
        above_h = min(mm(PICTURE_ABOVE_MM), ctx.height * PICTURE_ABOVE_SHARE)
        pic_h = min(pic_w * ratio, mm(PICTURE_BESIDE_H_MM) if beside else above_h)
        pic_w = pic_h / ratio
        if beside:
            limit = area_w - pic_w - ctx.gutter
    cta_text = call_to_action(f)
    lines = ctx.lines(f.intro, REGULAR, s.intro, limit) if f.intro else []
    cta = ctx.lines(cta_text, BOLD, s.intro, limit) if cta_text else []
    if not lines and not cta and picture is None:
        return None
    gap = s.unit * CTA_GAP if lines and cta else 0.0
    text_h = ctx.text_height(len(lines), s.intro) + gap + ctx.text_height(len(cta), s.intro)
    above = pic_h + s.unit * PICTURE_GAP if picture is not None and not beside else 0.0
    height = max(text_h, pic_h) if beside else above + text_h

    def draw(x: float, top: float) -> list[PlacedItem]:
        items: list[PlacedItem] = []
        if picture is not None:
            items.append(Image(Rect(x + area_w - pic_w if beside else x, top, pic_w, pic_h), picture))
        text_top = top + above
        items += ctx.draw_lines(
            lines, REGULAR, s.intro, c.text, x, text_top, tag=Tag("P", "intro.text", _INTRO)
        )
        cta_top = text_top + ctx.text_height(len(lines), s.intro) + gap
        cta_tag = Tag("P", "intro.cta", _INTRO)
        return items + ctx.draw_lines(cta, BOLD, s.intro, c.accent, x, cta_top, tag=cta_tag)

    return height, draw


def section_head(ctx: Ctx, section: Section, index: int, area_w: float, continued: bool = False) -> Block:
    """The section's title over a rule; « (suite) » when it resumes at the top of a page or panel."""
    s, c = ctx.s, ctx.colours
    title = section.title + (f" {label_text('continued_head', ctx.lang)}" if continued else "")
    lines = ctx.lines(title, BOLD, s.section, area_w, balance=True, hyphenate=False)
    rule_gap = s.unit * HEAD_RULE_GAP
    height = ctx.text_height(len(lines), s.section) + rule_gap + HEAD_RULE_PT

    # A resumed head repeats the section's: decoration for a reader, who is still in that section.
    head = ARTIFACT if continued else Tag("H2", f"sections[{index}].title", (f"Sect:sections[{index}]",))

    def draw(x: float, top: float, w: float, stretch: float = 0.0) -> list[PlacedItem]:
        items = ctx.draw_lines(lines, BOLD, s.section, c.primary, x, top, tag=head)
        y = top + ctx.text_height(len(lines), s.section) + rule_gap
        items.append(Rule(x, y, x + w, y, c.primary, HEAD_RULE_PT))
        return items

    return Block("head", height, draw, f"sections[{index}].title", s.unit * SECTION_GAP, index)


def cards_block(
    ctx: Ctx,
    section: Section,
    index: int,
    start: int,
    count: int,
    shape: Shape,
    area_w: float,
    codes: Codes | None = None,
) -> Block:
    """``count`` cards of a section side by side, sharing one height, on a grid of ``columns``.

    A row that is not full shares the width: no hole in the grid.
    """
    codes = codes or section_codes(ctx, section.items)
    items = section.items[start : start + count]
    card_w = (area_w - (count - 1) * ctx.gutter) / count
    cards = [
        card(ctx, item, shape, card_w, codes, f"sections[{index}].items[{start + n}]")
        for n, item in enumerate(items)
    ]
    height = max(k.height for k in cards)

    def draw(x: float, top: float, w: float, stretch: float = 0.0) -> list[PlacedItem]:
        cw = (w - (count - 1) * ctx.gutter) / count
        out: list[PlacedItem] = []
        for col, k in enumerate(cards):
            out += k.draw(x + col * (cw + ctx.gutter), top, cw, height + stretch, stretch / 2)
        return out

    gap = (
        ctx.s.unit * HEAD_CARDS_GAP
        if start == 0
        else ctx.gutter * (COMPACT_ROW_GAP if shape == "compact" else 1.0)
    )
    return Block("cards", height, draw, f"sections[{index}].items[{start}]", gap, index, start, count)
