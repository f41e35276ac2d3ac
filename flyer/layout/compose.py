"""The composer: try several ways to set the same content, score each, keep the best.

For the fewest pages that hold the content, every arrangement (rows or newspaper columns, 1 to 3
columns, three card shapes) is set at the grandest density level it fits (a binary search: content
only grows as the level gets grander), then scored:

- the level first: bigger type and codes read better (one level is worth ``LEVEL_POINTS``);
- balance: the emptiest slot's fill (a verso or a panel left half empty costs);
- the designer's preferences: rows over newspaper columns (cards line up across the page), the
  classic card over the tile and the compact row, the number of columns the page is drawn for.

Ties go to the first candidate in a fixed order: the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from flyer.content.model import Flyer
from flyer.geometry import mm
from flyer.layout.cards import SHAPES
from flyer.layout.context import Ctx
from flyer.layout.flow import Config, Flow, plan
from flyer.layout.frames import skeleton
from flyer.layout.scale import LEVELS, Scale, page_factor

__all__ = ["Choice", "compose"]

LEVEL_POINTS = 1.0
#: A fully balanced flyer is worth this many levels over one whose emptiest slot is empty.
BALANCE_POINTS = 3.0
#: Preferences, in levels: what a designer gives up a little type size for.
ROWS_BONUS = 2.0
SHAPE_BONUS = {"beside": 1.5, "tile": 0.5, "compact": 0.0}
COLUMNS_BONUS = 0.5
#: A landscape A4 holds four narrow columns; more would make cards too narrow anywhere.
MAX_COLUMNS = 4
#: How many of the best-levelled candidates are balanced exactly before the final choice.
FINALISTS = 4


@dataclass(frozen=True)
class Choice:
    """The chosen candidate and what it was chosen over."""

    flow: Flow
    score: float
    tried: int


def _configs(ctx: Ctx) -> Iterator[Config]:
    for shape in SHAPES:
        for columns in range(1, MAX_COLUMNS + 1):
            yield Config("rows", columns, shape)
        for columns in range(2, MAX_COLUMNS + 1):
            yield Config("columns", columns, shape)


def _preferred_columns(ctx: Ctx) -> int:
    """The grid the page is drawn for (DESIGN: 2 on A5 and A4 portrait, 3 on A4 landscape)."""
    if ctx.flyer.page.fold != "none":
        return 1
    w = ctx.width - 2 * ctx.margin
    return 3 if w >= mm(250) else 2 if w >= mm(120) else 1


def _score(flow: Flow, preferred: int) -> float:
    return -flow.ctx.s.level * LEVEL_POINTS + flow.balance * BALANCE_POINTS + _bonus(flow.config, preferred)


def _bonus(config: Config, preferred: int) -> float:
    return (
        (ROWS_BONUS if config.mode == "rows" or config.columns == 1 else 0.0)
        + SHAPE_BONUS[config.shape]
        + (COLUMNS_BONUS if config.columns == preferred else 0.0)
    )


def _grandest(levels: list[Ctx], pages: int, config: Config, tight: Flow, high: int) -> Flow | None:
    """The grandest level at which ``config`` still fits on ``pages`` (it fits at the tightest);
    ``None`` when it does not fit at level ``high``, the tightest that could still win."""
    if high < LEVELS - 1:
        ctx = levels[high]
        found = plan(ctx, skeleton(ctx, pages), config, balance=False)
        if not isinstance(found, Flow):
            return None
        tight = found
    low, best = 0, tight
    while low < high:
        mid = (low + high) // 2
        ctx = levels[mid]
        found = plan(ctx, skeleton(ctx, pages), config, balance=False)
        if isinstance(found, Flow):
            best, high = found, mid
        else:
            low = mid + 1
    return best


def compose(base: Ctx) -> Choice | tuple[Ctx, str]:
    """The best candidate on the fewest pages; or the tightest context and what did not fit."""
    flyer: Flyer = base.flyer
    factor = page_factor(flyer)
    # One context per level, shared by every candidate: what is measured on one is measured once.
    levels = [base.at(Scale.at(level, factor)) for level in range(LEVELS)]
    tight = levels[-1]
    counts = [2] if flyer.page.fold != "none" else list(range(1, flyer.page.max_pages + 1))
    preferred = _preferred_columns(base)
    leftover: str | None = None  # what the first arrangement could not place, on the most pages
    for pages in counts:
        sk = skeleton(tight, pages)
        fitting: list[tuple[float, Flow]] = []
        tried = 0
        for config in _configs(base):
            found = plan(tight, sk, config, balance=False)
            tried += 1
            if isinstance(found, str):
                if pages == counts[-1] and leftover is None:
                    leftover = found
                continue
            if found is None:
                continue
            # Even fully balanced, a candidate must beat the best one so far as it stands (balancing
            # only raises a score): the levels it would need are all it is tried at. Same choice, less work.
            best = max((score for score, _ in fitting), default=None)
            reach = LEVELS - 1
            if best is not None:
                reach = min(reach, int((_bonus(config, preferred) + BALANCE_POINTS - best) // LEVEL_POINTS))
            flow = _grandest(levels, pages, config, found, reach) if reach >= 0 else None
            if flow is not None:
                fitting.append((_score(flow, preferred), flow))
        if not fitting:
            continue
        # Balance the best few exactly, then choose (stable: the first of equals wins).
        fitting.sort(key=lambda pair: -pair[0])
        finalists = []
        for _, flow in fitting[:FINALISTS]:
            balanced = plan(flow.ctx, flow.skeleton, flow.config, balance=True)
            if isinstance(balanced, Flow):
                finalists.append((_score(balanced, preferred), balanced))
        score, flow = max(finalists, key=lambda pair: pair[0])
        return Choice(flow, score, tried)
    return tight, leftover or "sections"
