"""The flyer's fonts for the HTML companion: ``@font-face`` rules with the files inlined as subsets.

The same files as the PDF (CFF outlines kept: browsers read them), cut by fontTools to the
characters of the page, so the page stays one self-contained file of a few tens of kilobytes.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

from flyer.fontset import Face, FontSet, default_fonts

__all__ = ["FAMILY", "font_faces"]

#: The CSS family name of the flyer's own fonts.
FAMILY = "Flyer"
# (content key, CSS weight, CSS style): semibold falls back to bold by CSS's own matching.
_RULES = (
    ("regular", 400, "normal"),
    ("semibold", 600, "normal"),
    ("bold", 700, "normal"),
    ("italic", 400, "italic"),
)


@lru_cache(maxsize=32)
def _subset(data: bytes, chars: str) -> bytes:
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    # « FFTM NOT subset » and the like: tables a browser ignores, dropped; not the user's concern.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

    options = subset.Options()
    options.layout_features = ["*"]  # kerning and ligatures as in the PDF
    options.name_IDs = ["*"]  # the licence and copyright stay with the file
    options.notdef_outline = True
    options.hinting = False  # browsers rasterise unhinted outlines well; a third of the size
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # byte-identical rebuilds
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in chars}))
    subsetter.subset(font)
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _rule(face: Face, weight: int, style: str, chars: str) -> str:
    data = base64.b64encode(_subset(face.data, chars)).decode("ascii")
    kind = "otf" if face.outlines == "opentype" else "ttf"
    fmt = "opentype" if face.outlines == "opentype" else "truetype"
    return (
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: {style}; font-display: swap;\n'
        f'  src: url("data:font/{kind};base64,{data}") format("{fmt}"); }}\n'
    )


def font_faces(fonts: FontSet | None, text: str) -> str:
    """``@font-face`` rules for ``fonts`` covering ``text``; nothing for the default fonts (system fonts do)."""
    if fonts is None or fonts is default_fonts():
        return ""
    # Capitals too: the CSS sets kind labels in text-transform: uppercase (« FICHE-REPÈRE »).
    chars = "".join(sorted(set(text + text.upper()) | {chr(c) for c in range(0x20, 0x7F)}))
    given = {"regular": fonts.regular, "bold": fonts.bold, "semibold": fonts.semibold, "italic": fonts.italic}
    return "".join(_rule(face, w, s, chars) for key, w, s in _RULES if (face := given[key]) is not None)
