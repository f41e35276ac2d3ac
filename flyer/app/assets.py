"""The files a flyer's content names besides itself: what a rebuild-on-save must watch."""

from __future__ import annotations

from pathlib import Path

from flyer.content.model import Flyer

__all__ = ["assets_of"]


def assets_of(flyer: Flyer, folder: Path) -> list[Path]:
    """The logo, the illustration and the brand's font files, relative to the content's ``folder``."""
    named = [flyer.organisation.logo if flyer.organisation else None, flyer.illustration]
    if flyer.theme.fonts is not None:
        fonts = flyer.theme.fonts
        named += [fonts.regular, fonts.bold, fonts.semibold, fonts.italic]
    return [folder / name for name in dict.fromkeys(n for n in named if n)]
