"""Text contrast on every background it sits on (WCAG 2 AA), checked on the laid-out document.

Body text needs 4.5:1; large text (18 pt, or 14 pt bold) 3:1. Each line of text is measured
against the topmost filled box drawn before it under its centre (the page is white). A problem
points at the theme colour involved: the text's own, or else its background's.
"""

from __future__ import annotations

from .content import Flyer
from .document import Box, Colour, Document, Text
from .errors import Problem
from .theme import WHITE, contrast, palette
from .typography import BOLD, SEMIBOLD

__all__ = ["BODY_AA", "LARGE_AA", "contrast_problems"]

#: WCAG 2.1 success criterion 1.4.3 (contrast, minimum).
BODY_AA, LARGE_AA = 4.5, 3.0


def _large(text: Text) -> bool:
    return text.size >= 18 or (text.size >= 14 and text.font in (BOLD, SEMIBOLD))


def _hex(colour: Colour) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in colour.rgb)


def _background(items: tuple[object, ...], index: int, text: Text) -> Colour:
    cx, cy = text.x + text.width / 2, text.y - text.ascent / 2
    for item in reversed(items[:index]):
        if isinstance(item, Box) and item.fill is not None:
            r = item.rect
            if r.x <= cx <= r.x + r.w and r.y <= cy <= r.y + r.h:
                return item.fill
    return WHITE


def contrast_problems(document: Document, flyer: Flyer) -> list[Problem]:
    """Lines of text under AA contrast, one problem per pair of colours."""
    look = palette(flyer.theme)
    named = {
        key: getattr(look, key).rgb for key in ("primary", "accent", "text") if getattr(flyer.theme, key)
    }
    problems, seen = [], set()
    for page in document.pages:
        for index, item in enumerate(page.items):
            if not isinstance(item, Text) or not item.text.strip():
                continue
            background = _background(page.items, index, item)
            ratio = contrast(item.colour, background)
            needed = LARGE_AA if _large(item) else BODY_AA
            pair = (item.colour.rgb, background.rgb)
            if ratio >= needed or pair in seen:
                continue
            seen.add(pair)
            key = next((k for k, rgb in named.items() if rgb == item.colour.rgb), None)
            key = key or next((k for k, rgb in named.items() if rgb == background.rgb), None)
            sample = item.text if len(item.text) <= 40 else item.text[:39] + "…"
            problems.append(
                Problem(
                    f"« {sample} » in {_hex(item.colour)} on {_hex(background)} has a contrast of"
                    f" {ratio:.1f}:1; at least {needed:g}:1 is needed to be read ({'large' if needed == LARGE_AA else 'body'} text, WCAG AA)",
                    f"theme.{key}" if key else "theme",
                    hint="choose a darker text colour, or a lighter background, in the theme",
                )
            )
    return problems
