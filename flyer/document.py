"""What layout produces and render draws: pages of positioned items, in points, y down.

A closed set of items; each knows its own rectangle so that checks (inside the safety margin, no
overlap) need nothing but this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from flyer.errors import Problem
from flyer.fontset import FontSet
from flyer.geometry import Rect
from flyer.qr import Symbol

__all__ = [
    "ARTIFACT",
    "PARAGRAPH",
    "QR",
    "READING_ORDER",
    "Box",
    "Document",
    "Fit",
    "Image",
    "Link",
    "Meta",
    "Paint",
    "Picture",
    "PlacedItem",
    "PlacedPage",
    "Role",
    "Rule",
    "Tag",
    "Text",
]


#: Structure types of the tagged screen PDF (ISO 32000-1 §14.8.4); ``Artifact`` is decoration.
Role = Literal["Sect", "H1", "H2", "P", "L", "LI", "LBody", "Link", "Figure", "Artifact"]


@dataclass(frozen=True)
class Tag:
    """What an item is for a reader: the structure element it belongs to, and the ones around it.

    Items with the same ``key`` make one element (a title over two lines, a link's text and its
    annotation); ``""`` gives the item an element of its own. ``within`` names the enclosing elements,
    outermost first, as ``"Role:key"`` (``"LI:sections[0].items[1]"``). ``alt`` is a figure's
    alternative text. Layout sets it where it creates the item; render only follows it.
    """

    role: Role
    key: str = ""
    within: tuple[str, ...] = ()
    alt: str = ""


#: Decoration: backgrounds, rules, card tiles, page furniture.
ARTIFACT = Tag("Artifact")
#: The document's top-level parts (the first name of a top-level key) in the order a reader meets
#: them, whatever order they are drawn in: a fold's cover is drawn beside its back panel.
READING_ORDER = ("band", "intro", "sections", "about", "footer")
#: A paragraph of its own: what a text line is unless layout says more.
PARAGRAPH = Tag("P")


@dataclass(frozen=True)
class Paint:
    """One colour in both spaces: RGB (0–1) for the screen, CMYK (0–1) for print."""

    rgb: tuple[float, float, float]
    cmyk: tuple[float, float, float, float]


@dataclass(frozen=True)
class Text:
    """One line of text; ``y`` is the baseline."""

    x: float
    y: float
    text: str
    font: str
    size: float
    colour: Paint
    width: float
    ascent: float
    descent: float
    char_space: float = 0.0
    tag: Tag = PARAGRAPH

    @property
    def rect(self) -> Rect:
        return Rect(self.x, self.y - self.ascent, self.width, self.ascent + self.descent)


@dataclass(frozen=True)
class Box:
    """A filled (and/or stroked) rectangle; backgrounds may extend into the bleed."""

    rect: Rect
    fill: Paint | None
    stroke: Paint | None = None
    stroke_width: float = 0.0
    radius: float = 0.0
    background: bool = False
    tag: Tag = ARTIFACT


@dataclass(frozen=True)
class Rule:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: Paint
    width: float
    tag: Tag = ARTIFACT

    @property
    def rect(self) -> Rect:
        return Rect(
            min(self.x1, self.x2), min(self.y1, self.y2), abs(self.x2 - self.x1), abs(self.y2 - self.y1)
        )


@dataclass(frozen=True)
class Picture:
    """An image file's content, checked and measured (see ``images``)."""

    #: The file's format.
    format: Literal["png", "jpeg", "svg"]
    data: bytes = field(repr=False)
    width: float
    height: float
    name: str = ""


@dataclass(frozen=True)
class Image:
    """A picture placed in ``rect``."""

    rect: Rect
    picture: Picture
    tag: Tag = ARTIFACT


@dataclass(frozen=True)
class QR:
    """A QR symbol drawn in ``rect`` (without quiet zone) on a light square of ``quiet`` margin."""

    rect: Rect
    symbol: Symbol
    quiet: float
    url: str
    tag: Tag = Tag("Figure")

    @property
    def module(self) -> float:
        return self.rect.w / self.symbol.modules

    @property
    def tile(self) -> Rect:
        return self.rect.inset(-self.quiet)


@dataclass(frozen=True)
class Link:
    """A clickable area (screen rendition only) with its accessible description."""

    rect: Rect
    url: str
    description: str
    tag: Tag = Tag("Link")


PlacedItem = Text | Box | Rule | Image | QR | Link


@dataclass(frozen=True)
class PlacedPage:
    """One page's items, in drawing order."""

    items: tuple[PlacedItem, ...]


@dataclass(frozen=True)
class Meta:
    """Document information for the PDF's Info dictionary and catalog."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str


@dataclass(frozen=True)
class Document:
    """The laid-out flyer: trim size, bleed, pages and metadata."""

    width: float
    height: float
    bleed: float
    pages: tuple[PlacedPage, ...]
    meta: Meta
    warnings: tuple[Problem, ...] = ()
    #: Fold lines as (page index, x in points from the trim's left): marked in the print slug.
    folds: tuple[tuple[int, float], ...] = ()
    #: One line per page or panel: how full it is, code sizes, smallest text, the arrangement chosen.
    fit: tuple[Fit, ...] = ()
    #: The fonts the text items name (reportlab names); None: the default fonts.
    fonts: FontSet | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Fit:
    """How one page or fold panel was filled: for the fit report of ``flyer check`` and the build."""

    page: int
    name: str
    #: Share of the frame's room the flow uses before spacing is spread (0–1).
    fill: float
    #: Code sizes on the frame, in millimetres (smallest, largest); (0, 0) without codes.
    codes_mm: tuple[float, float]
    smallest_pt: float
    arrangement: str
