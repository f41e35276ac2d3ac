"""Every character the flyer draws has a glyph in the fonts that draw it: checked, located, before writing.

Two passes: the content's own text (typeset as it will be drawn), reported at the key that holds
it; then every line the layout produced (the flyer's own words, dates, hyphens), reported at the
font. U+202F, which French spacing puts before « ; : ! ? » and inside guillemets, falls back to
U+00A0 with a warning when a font lacks it, never a missing glyph.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any

from flyer.content.model import Flyer
from flyer.document import Document, PlacedPage, Text
from flyer.errors import Problem
from flyer.fontset import NBSP, NNBSP, ROLES, FontSet
from flyer.text.drawable import text_values
from flyer.text.typography import typeset

__all__ = ["drawn_problems", "dress", "text_problems"]

_PDF_ROLES = ("regular", "bold", "semibold")  # italic is offered to the HTML companion only


def _named(char: str) -> str:
    return f"« {char} » (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})"


def _missing(fonts: FontSet, text: str) -> dict[str, list[str]]:
    """Font key → the characters of ``text`` it lacks (U+202F and spaces aside)."""
    out: dict[str, list[str]] = {}
    for key in _PDF_ROLES if fonts.brand else ():
        face = fonts.face(key)
        lacking = face.lacking(text, " \n" + NNBSP)
        if lacking:
            out.setdefault(face.reference, lacking)
    return out


def _nnbsp_warning(fonts: FontSet) -> list[Problem]:
    if fonts.nnbsp == NNBSP:
        return []
    face = next(f for f in fonts.faces if not f.covers(NNBSP))
    return [
        Problem(
            f"'{face.reference}' has no narrow no-break space (U+202F): French spacing uses a no-break space (U+00A0) instead",
            f"theme.fonts.{face.key}",
            hint="the spaces before « ; : ! ? » and inside guillemets are a little wider; a font with U+202F avoids it",
            severity="warning",
        )
    ]


def text_problems(fonts: FontSet, flyer: Flyer) -> list[Problem]:
    """A located error for each text of the content with a character a font lacks; the U+202F warning."""
    problems: list[Problem] = []
    for path, raw in text_values(flyer):
        # Addresses are drawn as written; every other text as French typography sets it.
        drawn = raw if path.endswith((".url", ".email")) else typeset(raw, flyer.lang)
        for reference, chars in _missing(fonts, drawn).items():
            problems.append(
                Problem(
                    f"the font '{reference}' has no glyph for {', '.join(_named(c) for c in chars)}",
                    path,
                    hint="choose a font that covers the text's language (French: é è ê à ç œ « » ’), or write the text without it",
                )
            )
    return problems + (_nnbsp_warning(fonts) if fonts.brand else [])


def drawn_problems(fonts: FontSet, document: Document) -> list[Problem]:
    """An error, at the font, for each character of the laid-out lines the font that draws it lacks."""
    if not fonts.brand:
        return []
    lacking: dict[str, set[str]] = {}
    keys: dict[str, str] = {}
    for page in document.pages:
        for item in page.items:
            if isinstance(item, Text):
                face = fonts.face(item.font) if item.font in ROLES.values() else None
                face = face or next((f for f in fonts.faces if f.name == item.font), None)
                if face is None:
                    continue
                missing = face.lacking(item.text, " " + NBSP + NNBSP)
                if missing:
                    lacking.setdefault(face.reference, set()).update(missing)
                    keys[face.reference] = face.key
    return [
        Problem(
            f"the font '{reference}' has no glyph for {', '.join(_named(c) for c in sorted(chars))}, which the flyer's own words need",
            f"theme.fonts.{keys[reference]}",
            hint="choose a font that covers the flyer's language (French: é è ê à ç œ « » ’ – …)",
        )
        for reference, chars in lacking.items()
    ]


def dress(document: Document, fonts: FontSet) -> Document:
    """The document with its text items naming the fonts' reportlab names and U+202F where it is drawable."""
    if fonts.brand is False and all(f.name in ROLES.values() for f in fonts.faces) and fonts.nnbsp == NNBSP:
        return dataclasses.replace(document, fonts=fonts)  # the default fonts: nothing to rename

    def item(node: Any) -> Any:
        if isinstance(node, Text):
            return dataclasses.replace(
                node, font=fonts.resolve(node.font), text=node.text.replace(NNBSP, fonts.nnbsp)
            )
        return node

    pages = tuple(PlacedPage(tuple(item(i) for i in page.items)) for page in document.pages)
    return dataclasses.replace(document, pages=pages, fonts=fonts)
