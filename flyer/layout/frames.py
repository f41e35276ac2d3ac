"""Where the flow goes: the frames of a flyer (page content areas, or fold panels) in reading order.

A flat flyer has one frame per page: below the title band on page 1, the whole content area
after; the last carries the footer, the others « Suite au verso ». A folded flyer's outside carries
the cover and the back panel (fixed), and the flow fills the inner flap (trifold) and the inside
panels.
"""

from __future__ import annotations

from dataclasses import dataclass

from flyer.document import PlacedItem
from flyer.geometry import Rect, mm
from flyer.layout.context import Ctx
from flyer.layout.furniture import Band, back_panel, band

__all__ = ["FLAP_NARROWER_MM", "Frame", "Skeleton", "skeleton"]

#: A trifold's inner flap folds in: it is this much narrower than the other panels (97 + 2 × 100).
FLAP_NARROWER_MM = 2.0
#: Space between the title band and the flow, in units.
BAND_GAP_UNITS = 1.3


@dataclass(frozen=True)
class Frame:
    """A rectangle the flow fills, and what it carries besides the flow."""

    page: int
    rect: Rect
    name: str
    intro: bool = False
    footer: bool = False
    note: bool = False


@dataclass(frozen=True)
class Skeleton:
    """A page count's fixed parts: frames in reading order, fixed items per page, fold lines, band."""

    frames: tuple[Frame, ...]
    fixed: tuple[tuple[int, tuple[PlacedItem, ...]], ...]
    folds: tuple[tuple[int, float], ...]
    #: The title band of a flat flyer (it grows into what page 1 leaves over); None on a fold.
    band: Band | None


def skeleton(ctx: Ctx, pages: int) -> Skeleton:
    """The frames and fixed parts of ``ctx``'s flyer on ``pages`` pages (a fold always has 2)."""
    fold = ctx.flyer.page.fold
    m = ctx.margin
    if fold == "none":
        top_band = band(ctx)
        top = top_band.height + ctx.s.unit * BAND_GAP_UNITS
        frames = tuple(
            Frame(
                n,
                Rect(m, top if n == 0 else m, ctx.width - 2 * m, ctx.height - m - (top if n == 0 else m)),
                "recto" if n == 0 and pages > 1 else "verso" if n else "page",
                intro=n == 0,
                footer=n == pages - 1,
                note=n < pages - 1,
            )
            for n in range(pages)
        )
        return Skeleton(frames, (), (), top_band)
    if fold == "trifold":
        panel = (ctx.width + mm(FLAP_NARROWER_MM)) / 3
        flap_w = panel - mm(FLAP_NARROWER_MM)
        outside = (0.0, flap_w, flap_w + panel, ctx.width)
        inside = (0.0, panel, 2 * panel, ctx.width)
        flap, back, cover = (Rect(outside[i], 0, outside[i + 1] - outside[i], ctx.height) for i in range(3))
        panels_in = [Rect(inside[i], 0, inside[i + 1] - inside[i], ctx.height) for i in range(3)]
        order = [(0, flap, "flap"), *[(1, p, f"inside {n + 1}") for n, p in enumerate(panels_in)]]
        folds: tuple[tuple[int, float], ...] = (
            (0, outside[1]),
            (0, outside[2]),
            (1, inside[1]),
            (1, inside[2]),
        )
    else:
        half = ctx.width / 2
        back, cover = Rect(0, 0, half, ctx.height), Rect(half, 0, half, ctx.height)
        order = [
            (1, Rect(0, 0, half, ctx.height), "inside 1"),
            (1, Rect(half, 0, half, ctx.height), "inside 2"),
        ]
        folds = ((0, half), (1, half))
    fixed = (*back_panel(ctx, back), *band(ctx, cover).draw(0.0))
    frames = tuple(
        Frame(page, rect.inset(ctx.panel_margin), name, intro=n == 0)
        for n, (page, rect, name) in enumerate(order)
    )
    return Skeleton(frames, ((0, fixed),), folds, None)
