"""Text contrast on every background it sits on (WCAG 2 AA), checked on the laid-out document.

Body text needs 4.5:1; large text (18 pt, or 14 pt bold) 3:1. Each line of text is measured
against the topmost filled box drawn before it under its centre (the page is white), in RGB for
the screen and in CMYK (roughly, as ink on paper) for print. A problem points at the theme colour
involved: the text's own, or else its background's.
"""

from __future__ import annotations

from flyer.content.model import Flyer
from flyer.content.theme import WHITE, aa_minimum, below_aa, large_text, palette, rgb_hex
from flyer.document import Box, Document, Paint, Text
from flyer.errors import Problem
from flyer.text.typography import BOLD, SEMIBOLD

__all__ = ["contrast_problems"]


def _background(items: tuple[object, ...], index: int, text: Text) -> Paint:
    cx, cy = text.x + text.width / 2, text.y - text.ascent / 2
    for item in reversed(items[:index]):
        if isinstance(item, Box) and item.fill is not None:
            r = item.rect
            if r.x <= cx <= r.x + r.w and r.y <= cy <= r.y + r.h:
                return item.fill
    return WHITE


def _printed(colour: Paint) -> Paint:
    """How the CMYK of a colour looks on paper, roughly (the print rendition has only CMYK)."""
    c, m, y, k = colour.cmyk
    return Paint(((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)), colour.cmyk)


def contrast_problems(document: Document, flyer: Flyer) -> list[Problem]:
    """Lines of text under AA contrast on screen (RGB) or in print (CMYK), one problem per pair."""
    look = palette(flyer.theme)
    named = {key: getattr(look, key) for key in ("primary", "accent", "text") if getattr(flyer.theme, key)}
    problems: list[Problem] = []
    seen: set[tuple[Paint, Paint]] = set()
    for page in document.pages:
        for index, item in enumerate(page.items):
            if not isinstance(item, Text) or not item.text.strip():
                continue
            background = _background(page.items, index, item)
            if (item.colour, background) in seen:
                continue
            large = large_text(item.size, item.font in (BOLD, SEMIBOLD))
            needed = aa_minimum(large)
            for where, ink, paper in (
                ("", item.colour, background),
                (" in print (CMYK)", _printed(item.colour), _printed(background)),
            ):
                ratio = below_aa(ink, paper, large)
                if ratio is None:
                    continue
                seen.add((item.colour, background))
                key = next((k for k, c in named.items() if c == item.colour), None)
                key = key or next((k for k, c in named.items() if c == background), None)
                sample = item.text if len(item.text) <= 40 else item.text[:39] + "…"
                kind = "large" if large else "body"
                problems.append(
                    Problem(
                        f"« {sample} » in {rgb_hex(ink.rgb)} on {rgb_hex(paper.rgb)}{where} has a contrast of {ratio:.1f}:1;"
                        f" at least {needed:g}:1 is needed to be read ({kind} text, WCAG AA)",
                        f"theme.{key}" if key else "theme",
                        hint="choose a darker text colour, or a lighter background, in the theme",
                    )
                )
                break
    return problems
