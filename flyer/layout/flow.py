"""One candidate layout: the flow's blocks cut into slots (frames, or their columns), then drawn.

A candidate is the skeleton of a page count plus a ``Config`` (rows or newspaper columns, how
many columns, which card shape) at one density level. ``plan`` measures the blocks and cuts them
into the slots, balanced so that the emptiest slot is as full as it can be; ``draw`` spreads what
is left over and emits the pages. Everything is passed explicitly; nothing is rewritten.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from flyer.document import PlacedItem, PlacedPage
from flyer.geometry import Rect, mm
from flyer.layout.blocks import Block, cards_block, intro, section_head
from flyer.layout.cards import Shape, min_card_width, section_codes
from flyer.layout.context import Ctx
from flyer.layout.frames import Skeleton
from flyer.layout.furniture import about, footer, note, note_height, tinted_panel
from flyer.layout.scale import BLANK_BAND

__all__ = ["Config", "Flow", "Mode", "draw", "plan"]

Mode = Literal["rows", "columns"]
#: Space between the intro and the first section, in units.
INTRO_GAP_UNITS = 1.3
#: Space between the flow and the footer, in units.
FOOTER_GAP_UNITS = 1.0
#: The about block on a verso needs this much room around it, in units, to read as its own part.
ABOUT_ROOM_UNITS = 3.0
#: The about block at a verso's foot is at most this wide.
ABOUT_MEASURE_MM = 130.0
#: Spare room goes first to the gaps before section heads (up to this many units each) …
HEAD_SPREAD_UNITS = 2.5
#: … then between rows (up to this many units each), then evenly, each gap kept under a band.
ROW_SPREAD_UNITS = 0.8
#: The title band takes this share of what page 1 leaves over, up to a tenth of the page.
BAND_SHARE = 0.35
BAND_GROW_MAX = 0.10
#: A sparse panel's cards may grow to this share of their height again (then gaps widen).
STRETCH_MAX = 2.0
_EPS = 0.01


@dataclass(frozen=True)
class Config:
    """How the cards are arranged: in rows across the frame, or down newspaper columns."""

    mode: Mode
    columns: int
    shape: Shape

    def __str__(self) -> str:
        return f"{self.shape} cards, {self.columns} column{'s' if self.columns > 1 else ''}" + (
            " (newspaper)" if self.mode == "columns" and self.columns > 1 else ""
        )


@dataclass(frozen=True)
class Slot:
    """A column of a frame the flow fills: ``rect`` is the room left by intro, footer and notes."""

    frame: int
    rect: Rect
    first: bool  # the frame's first slot: a section resumed here repeats its title


@dataclass(frozen=True)
class Flow:
    """A candidate: blocks cut into slots, ready to draw (``cuts[k]`` is slot k's first block)."""

    ctx: Ctx
    config: Config
    skeleton: Skeleton
    slots: tuple[Slot, ...]
    blocks: tuple[Block, ...]
    cuts: tuple[int, ...]
    fills: tuple[float, ...]
    continued: tuple[Block | None, ...]
    with_about: bool
    intro_h: float

    @property
    def balance(self) -> float:
        """How full the emptiest slot is (0–1); a skeleton has a frame at least, so a slot at least."""
        return min(self.fills)


def _reserve(ctx: Ctx, sk: Skeleton, with_about: bool) -> tuple[list[float], list[float], float]:
    """Room each frame keeps at its top (intro) and foot (footer, note, about block)."""
    tops, feet = [], []
    intro_h = 0.0
    for frame in sk.frames:
        top = foot = 0.0
        if frame.intro:
            measured = intro(ctx, frame.rect.w)
            if measured:
                intro_h = measured[0]
                top = intro_h + ctx.s.unit * INTRO_GAP_UNITS
        if frame.footer:
            footer_h = footer(ctx, frame.rect.w)[0]
            foot = footer_h + ctx.s.unit * FOOTER_GAP_UNITS if footer_h else 0.0
            if with_about:
                foot += about(ctx, min(frame.rect.w, mm(ABOUT_MEASURE_MM)), compact=True)[0]
                foot += ctx.s.unit * ABOUT_ROOM_UNITS
        elif frame.note:
            foot = note_height(ctx)
        tops.append(top)
        feet.append(foot)
    return tops, feet, intro_h


def _slots(ctx: Ctx, sk: Skeleton, config: Config, tops: list[float], feet: list[float]) -> list[Slot]:
    slots = []
    columns = config.columns if config.mode == "columns" else 1
    for n, frame in enumerate(sk.frames):
        r = frame.rect
        w = (r.w - (columns - 1) * ctx.gutter) / columns
        for c in range(columns):
            slots.append(
                Slot(n, Rect(r.x + c * (w + ctx.gutter), r.y + tops[n], w, r.h - tops[n] - feet[n]), c == 0)
            )
    return slots


def _blocks(ctx: Ctx, config: Config, area_w: float) -> list[Block] | None:
    """The flow's blocks at ``area_w``; ``None`` when the config's cards do not fit that width."""
    blocks: list[Block] = []
    per_row = config.columns if config.mode == "rows" else 1
    for s, section in enumerate(ctx.flyer.sections):
        codes = section_codes(ctx, section.items)
        across = min(per_row, len(section.items))
        if (area_w - (across - 1) * ctx.gutter) / across < min_card_width(ctx, config.shape, codes) - _EPS:
            return None
        blocks.append(section_head(ctx, section, s, area_w))
        for start in range(0, len(section.items), per_row):
            count = min(per_row, len(section.items) - start)
            blocks.append(cards_block(ctx, section, s, start, count, config.shape, area_w, codes))
    return blocks


def plan(ctx: Ctx, sk: Skeleton, config: Config, *, balance: bool) -> Flow | str | None:
    """Cut the flow into ``sk``'s slots; the path of what does not fit, or ``None`` if the config
    cannot be set at all (its cards are wider than the page's columns)."""
    # (A section has one resource at least: one column in rows is never refused here.)
    if config.mode == "rows" and all(len(s.items) < config.columns for s in ctx.flyer.sections):
        return None  # the same as fewer columns
    has_verso = sk.band is not None and len(sk.frames) > 1
    leftover = "sections"
    for with_about in (True, False) if has_verso else (False,):
        tops, feet, intro_h = _reserve(ctx, sk, with_about)
        slots = _slots(ctx, sk, config, tops, feet)
        if any(s.rect.h <= 0 for s in slots):
            leftover = "intro"
            continue
        blocks = _blocks(ctx, config, min(s.rect.w for s in slots))
        if blocks is None:
            return None
        cut = _cut(ctx, sk, slots, blocks, balance)
        if isinstance(cut, str):
            leftover = cut
            continue
        cuts, fills, continued = cut
        return Flow(
            ctx,
            config,
            sk,
            tuple(slots),
            tuple(blocks),
            cuts,
            fills,
            continued,
            with_about,
            intro_h,
        )
    return leftover


def _cut(
    ctx: Ctx, sk: Skeleton, slots: list[Slot], blocks: list[Block], balance: bool
) -> tuple[tuple[int, ...], tuple[float, ...], tuple[Block | None, ...]] | str:
    """Where each slot starts, balanced (the emptiest slot as full as it can be) when asked."""
    n, count = len(blocks), len(slots)
    sections = ctx.flyer.sections
    width = min(s.rect.w for s in slots)
    resumed = [section_head(ctx, section, k, width, continued=True) for k, section in enumerate(sections)]
    lead = ctx.s.unit * 0.5
    prefix = [0.0]
    for k, b in enumerate(blocks):
        prefix.append(prefix[-1] + b.height + (b.gap if k else 0.0))
    pins = [(sections[b.section].page or 1) - 1 if b.kind == "head" else 0 for b in blocks]

    def content(i: int, j: int, slot: Slot) -> float | None:
        """Height of blocks ``i:j`` in ``slot``, or None when they may not go there."""
        if i == j:
            return 0.0
        if blocks[j - 1].kind == "head":
            return None  # a head stays with its first row (the last block is a row: never at j == n)
        page = sk.frames[slot.frame].page
        if any(pins[k] > page for k in range(i, j)):
            return None
        h = prefix[j] - prefix[i] - (blocks[i].gap if i else 0.0)
        if blocks[i].kind == "cards" and slot.first:  # (block 0 is a head: i > 0)
            h += resumed[blocks[i].section].height + lead
        return h

    # Greedy first: the most that fits, slot by slot (it decides whether the candidate fits at all).
    cuts, i = [], 0
    for slot in slots:
        cuts.append(i)
        j = i
        while j < n:
            nxt = j + 1
            if blocks[j].kind == "head":
                nxt = j + 2
            h = content(i, min(nxt, n), slot)
            if h is None or h > slot.rect.h + _EPS:
                break
            j = min(nxt, n)
        i = j
    if i < n:
        b = blocks[i]
        # A head's start is 0, and so is a first row's, which never goes without its head.
        return f"sections[{b.section}]" + (f".items[{b.start}]" if b.start else "")
    if balance:
        # Exact balance: the cut that maximises the emptiest slot's fill (dynamic programming);
        # among equals, the one that leaves the fewest slots empty, then the one that reads earliest.
        # best[s, i]: the best value with the first s slots holding blocks :i (absent: not reachable);
        # back[s, i]: where slot s - 1 starts in it.
        Value = tuple[float, int, int]
        best: dict[tuple[int, int], Value] = {(0, 0): (math.inf, 0, 0)}  # nothing is emptier than no slot
        back: dict[tuple[int, int], int] = {}
        for s, slot in enumerate(slots):
            cap = slot.rect.h  # > 0: plan refuses a skeleton with a slot of no height
            for i in range(n + 1):
                reached = best.get((s, i))
                if reached is None:
                    continue
                low, filled, late = reached
                for j in range(i, n + 1):
                    h = content(i, j, slot)
                    if h is None:
                        continue
                    if h > cap + _EPS:
                        break
                    value = (
                        round(min(low, h / cap), 6),
                        filled + (j > i),
                        late - (s if j > i else 0),
                    )
                    known = best.get((s + 1, j))
                    if known is None or value > known:
                        best[s + 1, j], back[s + 1, j] = value, i
        if (count, n) in best:
            cuts, j = [], n
            for s in range(count, 0, -1):
                j = back[s, j]
                cuts.append(j)
            cuts.reverse()
    bounds = [*cuts, n]
    fills, continued = [], []
    for k, slot in enumerate(slots):
        i, j = bounds[k], bounds[k + 1]
        h = content(i, j, slot) or 0.0
        fills.append(h / slot.rect.h)
        resumes = i < j and blocks[i].kind == "cards" and slot.first
        continued.append(resumed[blocks[i].section] if resumes else None)
    return tuple(cuts), tuple(fills), tuple(continued)


def _spread(
    ctx: Ctx, spare: float, heads: int, rows: int, cards_h: float, last: bool, band: float
) -> tuple[float, float, float]:
    """Share a slot's ``spare`` room: (extra before each head, between rows, card stretch).

    Sections breathe first, then rows a little. Slots keep their tops aligned (the flow starts at
    the top of every frame); the foot may stay free up to most of a blank band; past that the cards
    grow taller (``stretch`` is a share of their height, up to ``STRETCH_MAX``), and only then do
    sections and rows move further apart. The last frame may end early: its footer sits at the
    page's foot.
    """
    u = ctx.s.unit
    head = min(spare / heads, u * HEAD_SPREAD_UNITS) if heads else 0.0
    spare -= head * heads
    row = min(spare / rows, u * ROW_SPREAD_UNITS) if rows else 0.0
    spare -= row * rows
    spare -= min(spare, band)  # left at the foot: ``band`` keeps it, with the margin, under a blank band
    stretch = min(spare / cards_h, STRETCH_MAX) if cards_h > 0 and spare > 0 else 0.0
    spare -= stretch * cards_h
    if spare > 0 and heads and not last:
        more = min(spare / heads, band - head)
        head, spare = head + more, spare - more * heads
    if spare > 0 and rows and not last:
        row += spare / rows
    return head, row, stretch


def draw(flow: Flow) -> tuple[list[PlacedPage], tuple[str, ...]]:
    """The pages of a planned candidate, and the frames left bare (a fold too big for its content)."""
    ctx, sk = flow.ctx, flow.skeleton
    pages: dict[int, list[PlacedItem]] = {page: list(items) for page, items in sk.fixed}
    bounds = [*flow.cuts, len(flow.blocks)]
    used = [flow.fills[k] * slot.rect.h for k, slot in enumerate(flow.slots)]
    grow = 0.0
    if sk.band is not None:
        first = [k for k, slot in enumerate(flow.slots) if slot.frame == 0]
        spare = min(flow.slots[k].rect.h - used[k] for k in first)
        grow = max(0.0, min(spare * BAND_SHARE, ctx.height * BAND_GROW_MAX))
        pages.setdefault(0, []).extend(sk.band.draw(grow))
    about_placed = False
    bare: list[str] = []
    for n, frame in enumerate(sk.frames):
        items = pages.setdefault(frame.page, [])
        shift = grow if frame.page == 0 else 0.0  # (grow is 0 without a title band)
        empty = all(bounds[k] == bounds[k + 1] for k, slot in enumerate(flow.slots) if slot.frame == n)
        pad = ctx.s.pad * 2
        if frame.intro and flow.intro_h:
            measured = intro(ctx, frame.rect.w - (2 * pad if empty else 0.0))
            if measured and empty:
                # A fold's panel with nothing but the intro: the intro is the panel.
                items += tinted_panel(ctx, frame.rect, measured[0], measured[1], pad)
            elif measured:
                items += measured[1](frame.rect.x, frame.rect.y + shift)
        elif empty and sk.band is None and not about_placed:
            # A fold's panel the resources do not reach: who publishes the flyer, and the event.
            about_h, about_draw = about(ctx, frame.rect.w - 2 * pad, repeated=True)
            if about_h:
                items += tinted_panel(ctx, frame.rect, about_h, about_draw, pad)
                about_placed = True
            else:
                bare.append(frame.name)
        elif empty and sk.band is None:
            bare.append(frame.name)
        if frame.footer:
            footer_h, footer_draw = footer(ctx, frame.rect.w)
            if footer_h:
                items += footer_draw(frame.rect.x, frame.rect.bottom - footer_h)
            if flow.with_about:
                about_h, about_draw = about(ctx, min(frame.rect.w, mm(ABOUT_MEASURE_MM)), compact=True)
                top = frame.rect.bottom - footer_h - ctx.s.unit * (FOOTER_GAP_UNITS + 1) - about_h
                items += about_draw(frame.rect.x, top)
        elif frame.note:
            items += note(ctx, frame.rect)
        for k, slot in enumerate(flow.slots):
            if slot.frame != n:
                continue
            items += _draw_slot(flow, k, bounds[k], bounds[k + 1], shift)
    return [PlacedPage(tuple(pages[p])) for p in sorted(pages)], tuple(bare)


def _draw_slot(flow: Flow, k: int, i: int, j: int, shift: float) -> list[PlacedItem]:
    ctx, slot = flow.ctx, flow.slots[k]
    blocks = flow.blocks[i:j]
    resumed = flow.continued[k]
    top, room = slot.rect.y + shift, slot.rect.h - shift
    spare = max(0.0, room - flow.fills[k] * slot.rect.h)
    heads = sum(1 for m, b in enumerate(blocks) if m and b.kind == "head")
    rows = sum(1 for m, b in enumerate(blocks) if m and b.kind == "cards" and blocks[m - 1].kind != "head")
    last = slot.frame == len(flow.skeleton.frames) - 1
    cards_h = sum(b.height for b in blocks if b.kind == "cards")
    # The frame's foot, with the margin below it, stays a little under a blank band.
    band = max(0.0, ctx.height * BLANK_BAND * 0.9 - (ctx.height - slot.rect.bottom))
    # (An empty slot has no heads, rows nor cards: nothing to spread, all three are 0.)
    head_gap, row_gap, stretch = _spread(ctx, spare, heads, rows, cards_h, last, band)
    y = top
    items: list[PlacedItem] = []
    if resumed is not None:
        items += resumed.draw(slot.rect.x, y, slot.rect.w, 0.0)
        y += resumed.height + ctx.s.unit * 0.5
    for m, block in enumerate(blocks):
        if m:
            y += block.gap + (
                head_gap if block.kind == "head" else row_gap if blocks[m - 1].kind != "head" else 0.0
            )
        grown = block.height * stretch if block.kind == "cards" else 0.0
        items += block.draw(slot.rect.x, y, slot.rect.w, grown)
        y += block.height + grown
    return items
