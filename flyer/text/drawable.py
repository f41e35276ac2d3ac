"""Every character of the content can be drawn by the flyer's fonts; none hides or reorders text.

Checked on the validated model, before layout, for each text value and each printed short address:

- a character the fonts do not have (Chinese with Source Sans Pro, an emoji) would print as an empty
  box: a located error naming it (U+XXXX and its Unicode name), with the hint to choose a font that
  covers it;
- control characters (NUL, ESC), bidi controls (U+202E prints « exe.pdf » as « fdp.exe ») and other
  invisible characters are refused the same way; a line break only where a paragraph may have one;
- a title (flyer, section, resource, organisation, event) needs at least one visible character.

The fonts are a parameter (:func:`unprintable`), so brand fonts are checked like the built-in ones;
what a font lacks is ``Face.lacking``, the rule ``fontcheck`` uses on the laid-out lines too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from flyer.content.deceptive import describe, is_invisible
from flyer.content.model import Flyer
from flyer.content.urls import short_address
from flyer.errors import Problem
from flyer.fontset import NNBSP, FontSet, default_fonts

__all__ = ["text_values", "unprintable"]

# Drawn although not in every font (the soft hyphen is a hyphenation point, not a glyph).
_ALLOWED_FORMAT = "\u00ad"
# Paragraphs may be written on several lines (a YAML block « | »); the layout joins them.
_PARAGRAPHS = ("intro", "footer", "description")
_TITLES = ("title", "name")
_MAX_LISTED = 3


def text_values(flyer: Flyer) -> Iterator[tuple[str, str]]:
    """Every printed text of the flyer with its key path (short addresses under their ``url``)."""
    yield "title", flyer.title
    for key in ("subtitle", "intro", "footer"):
        value = getattr(flyer, key)
        if value:
            yield key, value
    if isinstance(flyer.call_to_action, str):  # ``true`` prints the flyer's own words (labels)
        yield "call_to_action", flyer.call_to_action
    if flyer.organisation:
        org = flyer.organisation
        yield "organisation.name", org.name
        for key in ("url", "email"):
            value = getattr(org, key)
            if value:
                yield f"organisation.{key}", short_address(value)
    if flyer.event:
        event = flyer.event
        yield "event.name", event.name
        for key in ("date", "end_date", "place", "stand"):
            value = getattr(event, key)
            if isinstance(value, str) and value:
                yield f"event.{key}", value
    for s, section in enumerate(flyer.sections):
        yield f"sections[{s}].title", section.title
        for i, item in enumerate(section.items):
            where = f"sections[{s}].items[{i}]"
            yield f"{where}.title", item.title
            if item.description:
                yield f"{where}.description", item.description
            yield f"{where}.url", short_address(item.url)


def _refused(char: str, paragraph: bool, lacking: set[str]) -> str | None:
    """Why ``char`` cannot be printed, or None."""
    if char in "\n\t":
        return None if paragraph else "is a line break or a tab, which this one-line text cannot hold"
    if char == " ":
        return None
    if unicodedata.category(char) == "Cc":
        return "is a control character"
    if unicodedata.category(char) in ("Cf", "Zl", "Zp") and char not in _ALLOWED_FORMAT:
        bidi = unicodedata.bidirectional(char) in (
            "LRE",
            "RLE",
            "LRO",
            "RLO",
            "PDF",
            "LRI",
            "RLI",
            "FSI",
            "PDI",
        )
        return "is a bidi control: it reorders the text around it" if bidi else "is invisible"
    if is_invisible(char) and char not in _ALLOWED_FORMAT:
        return "is invisible"
    if char in lacking:
        return "cannot be drawn by the flyer's fonts (it would print as an empty box)"
    return None


def _visible(text: str) -> bool:
    return any(unicodedata.category(c)[0] in "LNPS" and not is_invisible(c) for c in text)


def unprintable(flyer: Flyer, fonts: FontSet | None = None, coverage: bool = True) -> list[Problem]:
    """Every character of ``flyer``'s text that ``fonts`` (default: the built-in ones) cannot print.

    ``coverage=False`` leaves glyph coverage to the brand fonts' own check (``fontcheck``) and
    refuses only what no font should draw: control, bidi and invisible characters.
    """
    fonts = fonts or default_fonts()
    faces = fonts.faces if coverage else ()
    # U+202F is drawn as U+00A0 by fonts that lack it (gazette's serif): never an empty box.
    drawn_without = _ALLOWED_FORMAT + (NNBSP if fonts.nnbsp != NNBSP else "")
    problems = []
    for path, text in text_values(flyer):
        # Any text may be set in any weight: a character one face lacks cannot be printed.
        lacking = {c for face in faces for c in face.lacking(text, drawn_without)}
        paragraph = path.rsplit(".", 1)[-1] in _PARAGRAPHS
        bad: dict[str, str] = {}
        for char in text:
            if char not in bad:
                why = _refused(char, paragraph, lacking)
                if why:
                    bad[char] = why
        if bad:
            problems.append(_problem(path, bad))
        elif path.rsplit(".", 1)[-1] in _TITLES and not _visible(text):
            problems.append(
                Problem(
                    "has no visible character (only marks, spaces or invisible characters)",
                    path,
                    hint="write the text itself",
                )
            )
    return problems


def _problem(path: str, bad: dict[str, str]) -> Problem:
    (char, why), *others = bad.items()
    message = f"the character {describe(char)} {why}"
    if others:
        listed = ", ".join(describe(c) for c, _ in others[:_MAX_LISTED])
        more = len(others) - _MAX_LISTED
        message += f"; also {listed}" + (f" and {more} more" if more > 0 else "")
    if "fonts" in why:
        hint = "choose a font that covers it, or write the text without it"
    elif "line break" in why:
        hint = "write it on one line"
    else:
        hint = "remove it: type the text again, or paste it as plain text"
    if path.endswith(".url") and "fonts" in why:
        hint = "write the host in its ASCII form (xn--…) or choose a font that covers it"
    return Problem(message, path, hint=hint)
