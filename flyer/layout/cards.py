"""Resource cards in three shapes, and the code size each section shares.

- ``beside``: the code on the left, the text beside it (the classic card);
- ``tile``: the code above the text, for narrow columns;
- ``compact``: the code beside a tighter text (description at body size floor, less padding), for
  dense flyers.

Every card of a section shares one code size: the wished size of the level, or more when an
address needs more modules than a phone can read at that size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from flyer.content.model import Item
from flyer.content.tracking import tracked
from flyer.content.urls import short_address
from flyer.document import QR, Box, Link, PlacedItem, Tag
from flyer.geometry import Rect, mm
from flyer.layout.context import Ctx, union
from flyer.layout.scale import ADDRESS_GAP, CARD_GAP, COMPACT_GAP, MIN_BODY_PT, MIN_TEXT_MM, code_size
from flyer.qr import QUIET_ZONE, Symbol, symbol
from flyer.text.labels import kind_label
from flyer.text.labels import text as label_text
from flyer.text.typography import BOLD, NBSP, REGULAR, SEMIBOLD, wrap

__all__ = ["SHAPES", "Card", "Codes", "Shape", "card", "min_card_width", "section_codes"]

Shape = Literal["beside", "tile", "compact"]
SHAPES: tuple[Shape, ...] = ("beside", "tile", "compact")
#: A card's text never runs wider than this: long lines are hard to read.
MAX_MEASURE_MM = 120.0
#: The tile shape's text column is at least this wide (a title of two short words per line).
MIN_TILE_MM = 34.0
#: The compact row sets its description this much smaller than the body (never under 8 pt).
COMPACT_BODY = 0.88
#: The compact row's padding, as a share of the card's.
COMPACT_PAD = 0.7
#: The kind label is set in small capitals, tracked out this much (pt between letters).
LABEL_TRACKING = 0.5
#: Card corners: a hint of softness, not a button.
RADIUS_MM = 1.2


@dataclass(frozen=True)
class Codes:
    """The code size every card of a section shares, its quiet zone and the light tile around it."""

    size: float
    quiet: float

    @property
    def tile(self) -> float:
        return self.size + 2 * self.quiet if self.size else 0.0


@dataclass(frozen=True)
class Card:
    """A measured card: its natural height and how to draw it in ``(x, top, width, height, offset)``."""

    height: float
    draw: Callable[[float, float, float, float, float], list[PlacedItem]]


def code_symbol(ctx: Ctx, item: Item) -> Symbol:
    return symbol(tracked(item.url, ctx.flyer.tracking, "qr"))


def section_codes(ctx: Ctx, items: Sequence[Item]) -> Codes:
    """One code size for ``items``: the level's wish, raised to what the densest code needs."""
    symbols = [code_symbol(ctx, i) for i in items if i.qr]
    if not symbols:
        return Codes(0.0, 0.0)
    size = max([ctx.s.qr] + [code_size(s.modules) for s in symbols])
    # One tile for every code: the quiet zone of the least dense code fits in all of them.
    # Rounded up: a code is never a hair under its rule, its quiet zone never under 4 modules.
    size = math.ceil(size * 100) / 100
    return Codes(size, math.ceil(QUIET_ZONE * size / min(s.modules for s in symbols) * 1000) / 1000)


def min_card_width(ctx: Ctx, shape: Shape, codes: Codes) -> float:
    """The narrowest card of ``shape`` whose text column still reads as one."""
    pad = _pad(ctx, shape)
    if shape == "tile":
        return max(codes.tile, mm(MIN_TILE_MM)) + 2 * pad
    return codes.tile + 3 * pad + mm(MIN_TEXT_MM)


def _pad(ctx: Ctx, shape: Shape) -> float:
    return ctx.s.pad * (COMPACT_PAD if shape == "compact" else 1.0)


# Candidates share their measurements: the same card at the same level and width is measured once.
@lru_cache(maxsize=4096)
def card(ctx: Ctx, item: Item, shape: Shape, card_w: float, codes: Codes, path: str = "card") -> Card:
    """Measure one card of ``shape`` at ``card_w``; return its natural height and how to draw it.

    For a reader the card is one list item of its section's list (``path``: ``sections[s].items[i]``):
    kind, title (a link), description, address (a link), then the code (a figure inside a link).
    """
    s, c = ctx.s, ctx.colours
    pad = _pad(ctx, shape)
    tile = codes.tile if item.qr else 0.0
    beside = shape != "tile"
    text_w = card_w - 2 * pad - (tile + pad if tile and beside else 0)
    text_w = min(text_w, mm(MAX_MEASURE_MM))
    body = max(MIN_BODY_PT, round(s.body * COMPACT_BODY, 2)) if shape == "compact" else s.body
    kind = kind_label(item.kind, ctx.lang)
    label = kind.upper()
    title = ctx.lines(item.title, BOLD, s.card_title, text_w, balance=True)
    desc = ctx.lines(item.description, REGULAR, body, text_w) if item.description else []
    address = short_address(item.url)
    addr = wrap(address, SEMIBOLD, s.caption, text_w, ctx.lang, hyphenate=False, address=True)
    gap = s.unit * (COMPACT_GAP if shape == "compact" else CARD_GAP)
    text_h = (
        ctx.text_height(1, s.label)
        + gap
        + ctx.text_height(len(title), s.card_title)
        + (gap + ctx.text_height(len(desc), body) if desc else 0)
        + gap * ADDRESS_GAP
        + ctx.text_height(len(addr), s.caption)
    )
    stacked = tile + (pad if tile else 0) + text_h
    natural = (max(tile, text_h) if beside else stacked) + 2 * pad
    link = tracked(item.url, ctx.flyer.tracking, "pdf")
    code = tracked(item.url, ctx.flyer.tracking, "qr")

    section = path.split(".items")[0]
    within = (f"Sect:{section}", f"L:{section}.items", f"LI:{path}", f"LBody:{path}.body")

    def draw(x: float, top: float, w: float, height: float, offset: float = 0.0) -> list[PlacedItem]:
        items: list[PlacedItem] = [Box(Rect(x, top, w, height), c.tint, radius=mm(RADIUS_MM))]
        top += offset  # a stretched row keeps its cards' content centred, and aligned across the row
        tx, y = x + pad, top + pad
        if tile and beside:
            tx = x + 2 * pad + tile
        elif tile:
            y += tile + pad
        label_tag = Tag("P", f"{path}.kind", within)
        items += ctx.draw_lines(
            [label], BOLD, s.label, c.accent, tx, y, char_space=LABEL_TRACKING, tag=label_tag
        )
        y += ctx.text_height(1, s.label) + gap
        title_tag = Tag("Link", f"{path}.title", within)
        title_items = ctx.draw_lines(title, BOLD, s.card_title, c.primary, tx, y, tag=title_tag)
        items += title_items
        items.append(Link(union([t.rect for t in title_items]), link, f"{kind} – {item.title}", title_tag))
        y += ctx.text_height(len(title), s.card_title)
        if desc:
            y += gap
            desc_tag = Tag("P", f"{path}.description", within)
            items += ctx.draw_lines(desc, REGULAR, body, c.text, tx, y, tag=desc_tag)
            y += ctx.text_height(len(desc), body)
        y += gap * ADDRESS_GAP
        addr_tag = Tag("Link", f"{path}.address", within)
        addr_items = ctx.draw_lines(addr, SEMIBOLD, s.caption, c.muted, tx, y, tag=addr_tag)
        items += addr_items
        items.append(Link(union([t.rect for t in addr_items]), link, f"{kind} – {address}", addr_tag))
        if tile:  # after the text: a reader meets the code last, as another way to the same address
            q = Rect(x + pad + codes.quiet, top + pad + codes.quiet, codes.size, codes.size)
            alt = f"{label_text('qr_alt', ctx.lang)} {kind} – {item.title}"
            qr_tag = Tag("Figure", f"{path}.qr.figure", (*within, f"Link:{path}.qr"), alt)
            items.append(QR(q, symbol(code), codes.quiet, code, qr_tag))
            qr_link = Tag("Link", f"{path}.qr", within)
            description = f"QR code{NBSP}: {kind} – {item.title}"
            items.append(Link(Rect(x + pad, top + pad, tile, tile), link, description, qr_link))
        return items

    return Card(natural, draw)
