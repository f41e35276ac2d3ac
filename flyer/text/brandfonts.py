"""Brand fonts named in ``theme.fonts``: found inside the project, parsed, licence-checked, made embeddable.

fontTools reads the file (reportlab's own reader only knows TrueType outlines and says little when
it fails); CFF-flavoured OpenType is converted to TrueType outlines for reportlab (cubic → quadratic
within 1 font unit), while the HTML companion gets the file as it is. Every problem of every font is
reported at once, at its key (``theme.fonts.bold``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from flyer.errors import ContentError, Problem, Severity
from flyer.fontset import Face, FontSet, Format, brand_name, line_metrics

__all__ = ["MAX_FONT_BYTES", "FontRead", "load_brand_fonts", "read_face"]

#: A text face is well under this; a bigger file is a collection or a CJK font the flyer cannot need.
MAX_FONT_BYTES = 30 * 1024 * 1024
# OS/2 fsType bits (OpenType spec, OS/2 table): what the licence allows a document to carry.
_RESTRICTED = 0x0002
_PREVIEW_PRINT = 0x0004
_NO_SUBSETTING = 0x0100
_BITMAP_ONLY = 0x0200
_REQUIRED = ("cmap", "head", "hhea", "hmtx", "maxp", "name", "post")
_FREE = "choose a font under the SIL Open Font License (fonts.google.com lists many), or ask the foundry for an embedding licence"


@dataclass(frozen=True)
class FontRead:
    """One font file read: its face when usable, and what was found (warnings, or errors instead)."""

    face: Face | None
    problems: tuple[Problem, ...]


def _problem(key: str, message: str, hint: str = "", severity: Severity = "error") -> Problem:
    return Problem(message, f"theme.fonts.{key}", hint=hint, severity=severity)


def read_face(key: str, reference: str, base: Path, project: Path | None = None) -> FontRead:
    """Read one font file named in the content; return the face or the problems found."""
    project = (project or base).resolve()
    path = (base / reference).resolve()
    if not path.is_relative_to(project):
        return FontRead(
            None,
            (
                _problem(
                    key,
                    f"'{reference}' is outside the project folder {project}",
                    "copy the font file into the project (assets/fonts/) and write assets/fonts/NAME",
                ),
            ),
        )
    if not path.is_file():
        what = "is a folder, not a font file" if path.is_dir() else f"does not exist (looked for {path})"
        return FontRead(None, (_problem(key, f"'{reference}' {what}", "check the file name and its folder"),))
    if path.stat().st_size > MAX_FONT_BYTES:
        return FontRead(
            None, (_problem(key, f"'{reference}' is over {MAX_FONT_BYTES // 2**20} MB: not a text font"),)
        )
    return _parse(key, reference, path.read_bytes())


@lru_cache(maxsize=16)  # ``flyer serve`` rebuilds often: a CFF conversion is done once per file
def _parse(key: str, reference: str, data: bytes) -> FontRead:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(data), lazy=False, recalcTimestamp=False)
        missing = [t for t in _REQUIRED if t not in font]
        if "CFF2" in font:
            return FontRead(
                None,
                (
                    _problem(
                        key,
                        f"'{reference}' is a variable OpenType font (CFF2 outlines)",
                        "use the static instance of each weight (…-Regular.otf, …-Bold.otf) that the family ships",
                    ),
                ),
            )
        if "glyf" not in font and "CFF " not in font:
            missing.append("glyf or CFF")
        if missing:
            raise TTLibError(f"no {', '.join(missing)} table")
        cmap = frozenset(font.getBestCmap() or {})
        family = str(font["name"].getBestFamilyName() or "")
    except Exception as exc:  # fontTools raises many kinds on a damaged file: all mean « not a font »
        hint = "export it again as .ttf or .otf"
        if data[:4] == b"ttcf":
            hint = "this is a font collection (.ttc): extract the one face you want as .ttf"
        return FontRead(
            None, (_problem(key, f"'{reference}' is not a font file that can be read ({exc})", hint),)
        )
    problems = _licence(key, reference, font)
    if not cmap:
        problems.append(_problem(key, f"'{reference}' maps no Unicode character (no usable cmap)", _FREE))
    if any(p.severity == "error" for p in problems):
        return FontRead(None, tuple(problems))
    outlines: Format = "opentype" if "CFF " in font else "truetype"
    try:
        pdf_data = _for_reportlab(font)
    except Exception as exc:  # a conversion failure is the file's fault, not a bug of ours
        return FontRead(None, (_problem(key, f"'{reference}' cannot be converted for the PDF ({exc})"),))
    ascent, descent = line_metrics(font)
    face = Face(
        key, brand_name(key, data), reference, data, outlines, cmap, family, pdf_data, ascent, descent
    )
    return FontRead(face, tuple(problems))


def _licence(key: str, reference: str, font: Any) -> list[Problem]:
    """What the OS/2 fsType embedding bits allow (OpenType spec): the PDFs embed subsets, and are printed."""
    if "OS/2" not in font:
        return []
    fs_type = int(font["OS/2"].fsType)
    if fs_type & _RESTRICTED and not fs_type & 0x000C:
        return [
            _problem(
                key,
                f"'{reference}' may not be embedded in any document (restricted licence embedding, OS/2 fsType {fs_type:#06x})",
                _FREE,
            )
        ]
    problems = []
    if fs_type & _NO_SUBSETTING:
        problems.append(
            _problem(
                key,
                f"'{reference}' may only be embedded whole (no subsetting, OS/2 fsType {fs_type:#06x}); the PDFs embed subsets",
                _FREE,
            )
        )
    if fs_type & _BITMAP_ONLY:
        problems.append(
            _problem(
                key,
                f"'{reference}' may only be embedded as bitmaps (OS/2 fsType {fs_type:#06x}): the text would print blurred",
                _FREE,
            )
        )
    if not problems and fs_type & _PREVIEW_PRINT:
        problems.append(
            _problem(
                key,
                f"'{reference}' is licensed for preview-and-print embedding only (OS/2 fsType {fs_type:#06x}): "
                "the PDFs may be viewed and printed, not edited",
                "fine for a flyer; tell the print shop the file must not be edited",
                "warning",
            )
        )
    return problems


def _for_reportlab(font: Any) -> bytes:
    """TrueType-outline bytes reportlab can subset: CFF converted, WOFF unwrapped, embedding bits kept."""
    if "CFF " in font:
        _cff_to_glyf(font)
    font.flavor = None
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


def _cff_to_glyf(font: Any) -> None:
    """Replace CFF outlines with quadratic TrueType ones (fontTools' otf2ttf recipe), in place."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def load_brand_fonts(
    spec: Mapping[str, str | None], base: Path, project: Path | None = None
) -> tuple[FontSet, list[Problem]]:
    """The brand's fonts from ``theme.fonts`` (key → file); raise ``ContentError`` with every error.

    Returns the set and its warnings (preview-and-print licences).
    """
    faces: dict[str, Face] = {}
    problems: list[Problem] = []
    for key in ("regular", "bold", "semibold", "italic"):
        reference = spec.get(key)
        if not reference:
            continue
        read = read_face(key, reference, base, project)
        problems += read.problems
        if read.face is not None:
            faces[key] = read.face
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    fonts = FontSet(faces["regular"], faces["bold"], faces.get("semibold"), faces.get("italic"), brand=True)
    return fonts, problems
