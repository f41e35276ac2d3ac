"""Colours of the built-in looks, the brand's named colours, and RGB → CMYK for colours declared only in RGB."""

from __future__ import annotations

from flyer.content.model import Colour, Theme
from flyer.content.vocabulary import THEMES, ThemeName
from flyer.document import Paint

__all__ = [
    "BLACK",
    "BODY_AA",
    "LARGE_AA",
    "WHITE",
    "Palette",
    "aa_minimum",
    "below_aa",
    "contrast",
    "hex_paint",
    "large_text",
    "named",
    "palette",
    "rgb_hex",
    "rgb_to_cmyk",
]

BLACK = Paint((0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 1.0))
WHITE = Paint((1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0))

# name: (primary, accent, text, tint) as (hex, CMYK %) — CMYK chosen by eye for coated paper.
_LOOKS: dict[ThemeName, dict[str, tuple[str, tuple[float, float, float, float]]]] = {
    "civic": {
        "primary": ("#1d3f6e", (95, 70, 20, 25)),
        "accent": ("#b4441c", (10, 80, 100, 10)),
        "text": ("#262626", (0, 0, 0, 88)),
        "muted": ("#5c5c5c", (0, 0, 0, 68)),
        "tint": ("#eef2f7", (5, 2, 0, 2)),
        "band_soft": ("#c9d6e8", (20, 8, 0, 0)),
    },
    "garden": {
        "primary": ("#1f5a3d", (85, 25, 80, 35)),
        "accent": ("#9a5b00", (15, 60, 100, 20)),
        "text": ("#262626", (0, 0, 0, 88)),
        "muted": ("#5c5c5c", (0, 0, 0, 68)),
        "tint": ("#eef5f0", (5, 0, 5, 2)),
        "band_soft": ("#cfe3d6", (18, 0, 15, 0)),
    },
    # Newsprint: ink band, a red for labels, cream cards; titles in a serif (see fontset.builtin_fonts).
    "gazette": {
        "primary": ("#23262d", (70, 60, 50, 80)),
        "accent": ("#a8232b", (15, 95, 85, 10)),
        "text": ("#262626", (0, 0, 0, 88)),
        "muted": ("#5c5a55", (0, 5, 10, 68)),
        "tint": ("#f5f1e8", (3, 4, 9, 0)),
        "band_soft": ("#e4d9c3", (8, 12, 25, 0)),
    },
}
# A look named in the vocabulary without its colours (or the reverse) is refused at import, not at render.
if set(_LOOKS) != set(THEMES):
    raise ImportError("flyer.content.theme: the built-in looks and vocabulary.THEMES differ")


def _hex(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def rgb_hex(rgb: tuple[float, float, float]) -> str:
    """RGB (0–1) → ``#rrggbb``, as messages and the HTML companion write a colour."""
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)


def rgb_to_cmyk(rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """Naive device conversion, rounded; declare ``cmyk`` in the theme for exact print colours."""
    r, g, b = rgb
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    c, m, y = ((1 - v - k) / (1 - k) for v in (r, g, b))
    return tuple(round(v, 3) for v in (c, m, y, k))  # type: ignore[return-value]


def named(theme: Theme, spec: Colour | str | None) -> Colour | None:
    """The colour a role names: itself, one of ``theme.colours`` by name, or None (unknown name)."""
    if isinstance(spec, str):
        return theme.colours.get(spec)
    return spec


def hex_paint(value: str) -> Paint:
    """``#rrggbb`` → a colour (CMYK by the naive conversion)."""
    rgb = _hex(value)
    return Paint(rgb, rgb_to_cmyk(rgb))


def _paint(spec: Colour) -> Paint:
    rgb = _hex(spec.rgb)
    cmyk = tuple(v / 100 for v in spec.cmyk) if spec.cmyk else rgb_to_cmyk(rgb)
    return Paint(rgb, cmyk)  # type: ignore[arg-type]


class Palette:
    """The resolved colours of one flyer."""

    def __init__(
        self, primary: Paint, accent: Paint, text: Paint, muted: Paint, tint: Paint, band_soft: Paint
    ) -> None:
        self.primary = primary
        self.accent = accent
        self.text = text
        self.muted = muted
        self.tint = tint
        self.band_soft = band_soft


def palette(theme: Theme) -> Palette:
    """The look named in the theme, with the theme's overrides applied."""
    look = {
        key: Paint(_hex(hex_), tuple(v / 100 for v in cmyk))  # type: ignore[arg-type]
        for key, (hex_, cmyk) in _LOOKS[theme.name].items()
    }
    for key in ("primary", "accent", "text"):
        spec = named(theme, getattr(theme, key))
        if spec is not None:
            look[key] = _paint(spec)
    return Palette(**look)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Paint, b: Paint) -> float:
    """WCAG 2 contrast ratio between two colours (1–21)."""
    la, lb = sorted((_luminance(a.rgb), _luminance(b.rgb)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


#: WCAG 2.1 success criterion 1.4.3 (contrast, minimum): body text, and large text.
BODY_AA, LARGE_AA = 4.5, 3.0


def large_text(size: float, bold: bool) -> bool:
    """Large text for WCAG: 18 pt, or 14 pt bold."""
    return size >= 18 or (size >= 14 and bold)


def aa_minimum(large: bool = False) -> float:
    """The contrast WCAG AA asks of body text, or of large text."""
    return LARGE_AA if large else BODY_AA


def below_aa(ink: Paint, paper: Paint, large: bool = False) -> float | None:
    """The contrast of ``ink`` on ``paper`` when it is under WCAG AA (see :func:`aa_minimum`), else None."""
    ratio = contrast(ink, paper)
    return ratio if ratio < aa_minimum(large) else None
