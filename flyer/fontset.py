"""The fonts of one flyer as one value: built-in (Source Sans Pro, Source Serif Pro) or the brand's own.

Layout and the writers speak of fonts by role (``Flyer-Regular``, ``Flyer-Semibold``,
``Flyer-Bold``); a :class:`FontSet` says which file plays each role and under which name reportlab
knows it. The built-in sets keep the role names as reportlab names, so a flyer without brand fonts
is written byte for byte as before.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import marshal
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any, Literal

from flyer import cache as machine_cache

__all__ = [
    "BOLD",
    "NBSP",
    "NNBSP",
    "REGULAR",
    "ROLES",
    "SEMIBOLD",
    "Face",
    "FontSet",
    "brand_name",
    "builtin_fonts",
    "default_fonts",
    "font_facts",
    "font_path",
    "line_metrics",
]

REGULAR = "Flyer-Regular"
SEMIBOLD = "Flyer-Semibold"
BOLD = "Flyer-Bold"
ITALIC = "Flyer-Italic"
NBSP = "\u00a0"
NNBSP = "\u202f"
#: Content key of each role (``theme.fonts.<key>``) → the role name layout uses.
ROLES: dict[str, str] = {"regular": REGULAR, "bold": BOLD, "semibold": SEMIBOLD, "italic": ITALIC}

Format = Literal["truetype", "opentype"]


@dataclass(frozen=True, eq=False)
class Face:
    """One font file playing one role."""

    key: str  # regular, bold, semibold or italic
    name: str  # the name reportlab knows it by
    reference: str  # as written in the content (or the packaged file's name)
    data: bytes  # the file as it is (the HTML companion's @font-face)
    outlines: Format  # truetype (glyf) or opentype (CFF, converted for the PDF)
    cmap: frozenset[int] = field(repr=False)
    family: str = ""
    pdf_data: bytes = field(default=b"", repr=False)  # TrueType bytes for reportlab (CFF converted)
    #: The line box above and below the baseline, as shares of the em (hhea: what accented
    #: capitals and descenders reach); read with the rest of the file, once.
    ascent: float = 0.0
    descent: float = 0.0

    def covers(self, char: str) -> bool:
        """Whether the font has a glyph for ``char``."""
        return ord(char) in self.cmap

    def lacking(self, text: str, drawn_without: str = "") -> list[str]:
        """The characters of ``text`` the font has no glyph for, once each, in code point order.

        ``drawn_without``: characters the caller draws without this font's glyph (a space, or
        U+202F where U+00A0 stands in for it).
        """
        return sorted(c for c in set(text) - set(drawn_without) if ord(c) not in self.cmap)


@dataclass(frozen=True, eq=False)
class FontSet:
    """Regular and bold, optionally semibold (else bold) and italic (HTML only, else regular)."""

    regular: Face
    bold: Face
    semibold: Face | None = None
    italic: Face | None = None
    brand: bool = False

    @property
    def faces(self) -> tuple[Face, ...]:
        """Every distinct face, regular first."""
        out: list[Face] = []
        for face in (self.regular, self.bold, self.semibold, self.italic):
            if face is not None and all(face is not f for f in out):
                out.append(face)
        return tuple(out)

    def face(self, role: str) -> Face:
        """The face that plays a role name (``Flyer-Bold``) or a content key (``bold``)."""
        key = next((k for k, r in ROLES.items() if r == role), role)
        if key == "semibold":
            return self.semibold or self.bold
        if key == "italic":
            return self.italic or self.regular
        return self.bold if key == "bold" else self.regular

    def __post_init__(self) -> None:
        # Asked at every measurement: worked out once (the dataclass is frozen, hence __setattr__).
        names = {role: self.face(role).name for role in ROLES.values()}
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "nnbsp", NNBSP if all(f.covers(NNBSP) for f in self.faces) else NBSP)

    names: dict[str, str] = field(init=False, repr=False)
    """Role name → reportlab name."""
    nnbsp: str = field(init=False, repr=False)
    """U+202F where every face has it, else U+00A0 (never a missing glyph)."""

    def resolve(self, font: str) -> str:
        """The reportlab name for a role name; any other name is returned as is."""
        return self.names.get(font, font)

    def register(self) -> None:
        """Register every face with reportlab (once per name)."""
        for face in self.faces:
            _register(face.name, face.pdf_data or face.data)


_registered: set[str] = set()


def _register(name: str, data: bytes) -> None:
    if name in _registered:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont(name, io.BytesIO(data))
    # Both renditions, and every save of --watch, embed the same glyphs: each subset is cut once.
    make = font.face.makeSubset
    cut = lru_cache(maxsize=8)(lambda codes: make(list(codes)))
    font.face.makeSubset = lambda subset: cut(tuple(subset))
    pdfmetrics.registerFont(font)
    _registered.add(name)


def font_path(name: str) -> Path:
    """The TrueType file behind one of the default fonts' role names (Source Sans Pro, SIL OFL)."""
    files = {REGULAR: "SourceSansPro-Regular.ttf", SEMIBOLD: "SourceSansPro-Semibold.ttf"}
    return _packaged("font_source_sans_pro", files.get(name, "SourceSansPro-Bold.ttf"))


def _packaged(package: str, file: str) -> Path:
    # The package's folder: importlib.resources would load its zip readers (~2 ms) for a plain path.
    return Path(str(import_module(package).__file__)).parent / "files" / file


def _builtin_face(key: str, name: str, package: str, file: str) -> Face:
    data = _packaged(package, file).read_bytes()
    cmap, family, ascent, descent = font_facts(data)
    return Face(key, name, file, data, "truetype", cmap, family, ascent=ascent, descent=descent)


#: Bump when the facts kept in the machine cache change shape.
_FACTS = "1"


def font_facts(data: bytes) -> tuple[frozenset[int], str, float, float]:
    """A packaged font's character map, family and line box: read by fontTools once per machine.

    Importing fontTools and decoding three character maps is ~30 ms of every build; the facts
    depend only on the file's bytes, which name the machine cache's entry.
    """
    tools = importlib.util.find_spec("fontTools")
    key = machine_cache.digest(
        _FACTS, data, machine_cache.code(__file__), machine_cache.code(tools.origin or "") if tools else b""
    )
    entry = f"face-{key}.marshal"
    stored = machine_cache.load(entry)
    if stored is not None:
        try:
            points, family, ascent, descent = marshal.loads(stored)
            return frozenset(points), family, ascent, descent
        except (EOFError, ValueError, TypeError):
            pass
    from fontTools.ttLib import TTFont as ToolsFont

    with ToolsFont(io.BytesIO(data), lazy=True) as font:
        cmap = frozenset(font.getBestCmap() or {})
        family = str(font["name"].getBestFamilyName() or "")
        ascent, descent = line_metrics(font)
    machine_cache.store(entry, marshal.dumps((sorted(cmap), family, ascent, descent)))
    return cmap, family, ascent, descent


def line_metrics(font: Any) -> tuple[float, float]:
    """A fontTools font's ascender and descender (hhea), as shares of its em."""
    em = font["head"].unitsPerEm
    return font["hhea"].ascent / em, -font["hhea"].descent / em


@cache
def builtin_fonts(theme: str = "civic") -> FontSet:
    """The fonts of a built-in theme: Source Sans Pro; ``gazette`` sets bold in Source Serif Pro."""
    sans = "font_source_sans_pro"
    regular = _builtin_face("regular", REGULAR, sans, "SourceSansPro-Regular.ttf")
    semibold = _builtin_face("semibold", SEMIBOLD, sans, "SourceSansPro-Semibold.ttf")
    if theme == "gazette":
        # Titles, headings and card titles in a serif: the look of a newspaper's front page.
        bold = _builtin_face("bold", "Flyer-SerifBold", "font_source_serif_pro", "SourceSerifPro-Bold.ttf")
    else:
        bold = _builtin_face("bold", BOLD, sans, "SourceSansPro-Bold.ttf")
    return FontSet(regular, bold, semibold)


def brand_name(key: str, data: bytes) -> str:
    """A reportlab name unique to one file's bytes: two projects' fonts never collide in a process."""
    return f"Brand-{key}-{hashlib.sha256(data).hexdigest()[:12]}"


def default_fonts() -> FontSet:
    """Source Sans Pro regular, semibold and bold."""
    return builtin_fonts("civic")
