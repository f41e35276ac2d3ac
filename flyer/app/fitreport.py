"""The fit report: one line per page or fold panel, so a user knows how much room is left."""

from __future__ import annotations

from flyer.document import QR, Document

__all__ = ["fit_lines"]


def fit_lines(document: Document) -> list[str]:
    """« recto: 88 % full, codes 26 mm (Q), text ≥ 6.5 pt, beside cards, 2 columns » per frame."""
    levels_by_page: dict[int, set[str]] = {}
    for n, page in enumerate(document.pages):
        levels_by_page[n] = {i.symbol.level for i in page.items if isinstance(i, QR)}
    lines = []
    for fit in document.fit:
        low, high = fit.codes_mm
        if high:
            size = f"{low:.0f} mm" if round(low) == round(high) else f"{low:.0f}–{high:.0f} mm"
            levels = ", ".join(sorted(levels_by_page.get(fit.page, set()), reverse=True))
            codes = f"codes {size} (error correction {levels})"
        else:
            codes = "no code"
        lines.append(
            f"  {fit.name}: {fit.fill:.0%} full, {codes}, text ≥ {fit.smallest_pt:g} pt, {fit.arrangement}"
        )
    return lines
