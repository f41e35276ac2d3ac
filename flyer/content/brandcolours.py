"""The theme's colours checked before layout: named colours exist, text keeps WCAG AA contrast.

Each pair is text of one role on a background of another, as the layout draws them. A failing pair
is reported at the role the content set (``theme.primary``), with the nearest colour of the same hue
that passes every pair that role takes part in.
"""

from __future__ import annotations

import colorsys

from flyer.content.model import Theme
from flyer.content.theme import BODY_AA, WHITE, Palette, below_aa, hex_paint, named, palette, rgb_hex
from flyer.document import Paint
from flyer.errors import Problem

__all__ = ["PAIRS", "colour_problems", "nearest_passing"]

#: (text role, background role, what is drawn so): the pairs the layout draws, each with body-size
#: text (under 18 pt, 14 pt bold): WCAG AA's body minimum (``theme.BODY_AA``) holds for every one.
PAIRS: tuple[tuple[str, str, str], ...] = (
    ("white", "primary", "the white title and subtitle on the title band"),
    ("band_soft", "primary", "the event line on the title band"),
    ("primary", "white", "the section headings"),
    ("primary", "tint", "the card titles"),
    ("accent", "white", "the call to action"),
    ("accent", "tint", "the kind labels on the cards"),
    ("text", "white", "the body text"),
    ("text", "tint", "the descriptions on the cards"),
)
_SETTABLE = ("primary", "accent", "text")


def _role(colours: Palette, role: str) -> Paint:
    return WHITE if role == "white" else getattr(colours, role)  # type: ignore[no-any-return]


def _passes(colours: Palette, role: str, candidate: Paint) -> bool:
    for fg, bg, _ in PAIRS:
        if role not in (fg, bg):
            continue
        a = candidate if fg == role else _role(colours, fg)
        b = candidate if bg == role else _role(colours, bg)
        if below_aa(a, b) is not None:
            return False
    return True


def nearest_passing(colours: Palette, role: str) -> str | None:
    """The colour of the same hue and saturation, lightness moved the least, that passes every pair of ``role``."""
    h, lightness, s = colorsys.rgb_to_hls(*_role(colours, role).rgb)
    for step in range(1, 501):
        for light in (lightness - step / 500, lightness + step / 500):
            if 0 <= light <= 1:
                candidate = hex_paint(rgb_hex(colorsys.hls_to_rgb(h, light, s)))
                if _passes(colours, role, candidate):
                    return rgb_hex(candidate.rgb)
    return None


def colour_problems(theme: Theme) -> list[Problem]:
    """Unknown colour names and text below AA contrast, each at the key that set the colour."""
    problems: list[Problem] = []
    for role in _SETTABLE:
        spec = getattr(theme, role)
        if isinstance(spec, str) and named(theme, spec) is None:
            known = ", ".join(sorted(theme.colours)) or "none declared"
            problems.append(
                Problem(
                    f"'{spec}' is not a colour like #1d3f6e, nor one of theme.colours ({known})",
                    f"theme.{role}",
                    hint="declare it under theme.colours, or write the colour itself (#1d3f6e)",
                )
            )
    if problems:
        return problems
    colours = palette(theme)
    blamed: set[str] = set()
    for fg, bg, what in PAIRS:
        ratio = below_aa(_role(colours, fg), _role(colours, bg))
        if ratio is None:
            continue
        # Blame the colour the content set (the text first): the built-in looks all pass.
        found = next((r for r in (fg, bg) if r in _SETTABLE and getattr(theme, r) is not None), None)
        if found is None or found in blamed:
            continue
        role = found
        blamed.add(role)
        spec = getattr(theme, role)
        name = f" ('{spec}')" if isinstance(spec, str) else ""
        fix = nearest_passing(colours, role)
        problems.append(
            Problem(
                f"{rgb_hex(_role(colours, role).rgb)}{name} gives {what} a contrast of {ratio:.1f}:1; "
                f"WCAG AA asks at least {BODY_AA:g}:1",
                f"theme.{role}",
                hint=(
                    f"the nearest colour that passes is {fix}" if fix else "choose a darker or lighter colour"
                )
                + " (declare its cmyk to match for print)",
            )
        )
    return problems
