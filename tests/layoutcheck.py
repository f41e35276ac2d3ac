"""Independent measures of a laid-out document: blank bands per page or fold panel."""

from __future__ import annotations

import itertools

from flyer.document import QR, Document, Link

__all__ = ["blank_bands", "panels"]


def panels(document: Document, page: int) -> list[tuple[float, float]]:
    """The horizontal extents (x0, x1) of the page's panels: the whole page, or between its folds."""
    xs = sorted(x for p, x in document.folds if p == page)
    edges = [0.0, *xs, document.width]
    return list(itertools.pairwise(edges))


def blank_bands(document: Document) -> list[tuple[int, int, float, bool]]:
    """For each page and panel: (page, panel, tallest blank band as a share of the page height, last).

    A band is a horizontal strip of the panel that no item (text, code, picture, card, rule, colour
    field) touches, measured from the trim's top to its foot. ``last`` marks the last page or last
    inside panel, whose foot may stay empty (it ends early).
    """
    out = []
    for n, page in enumerate(document.pages):
        spans_by_panel = panels(document, n)
        for k, (x0, x1) in enumerate(spans_by_panel):
            spans = sorted(
                (max(0.0, r.y), min(document.height, r.bottom))
                for item in page.items
                if not isinstance(item, Link)
                for r in [item.tile if isinstance(item, QR) else item.rect]
                if r.x < x1 - 1 and r.right > x0 + 1
            )
            reach, largest, tail = 0.0, 0.0, 0.0
            for top, bottom in spans:
                largest = max(largest, top - reach)
                reach = max(reach, bottom)
            tail = document.height - reach
            last = n == len(document.pages) - 1 and k == len(spans_by_panel) - 1
            out.append((n, k, max(largest, 0.0 if last else tail) / document.height, last))
    return out
