"""The tagging layer around reportlab's canvas: marked content as items are drawn, and the structure.

Every draw call of ``render`` goes through :meth:`Marker.mark`: real content is wrapped in
``/Role <</MCID n>> BDC … EMC`` and given to its structure element, decoration in ``/Artifact BMC … EMC``.
Link annotations are recorded in the order they are added to each page. What is built here is only
bookkeeping (elements, MCIDs, annotations); ``pdfua`` turns it into the structure tree afterwards.
This and the finishers (``pdfua``, ``pdfx``: objects added to reportlab's document before it is
written) are the only modules that reach into reportlab's internals.

reportlab cannot tag a PDF: the marks go into the page's operator list, ``canvas._code`` (a list of
strings, the same from reportlab 4.2 to 5.x: the range pinned in ``pyproject.toml``;
``tests/test_tagging.py`` checks that every mark is balanced and no painting operator escapes them).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from flyer.document import READING_ORDER, Tag

__all__ = ["Element", "Kid", "Marker", "Structure"]

#: A structure element's child: another element ("element", key, 0), marked content ("mcid", page,
#: MCID) or a link annotation ("annot", page, index in the page's /Annots).
Kid = tuple[str, str | int, int]
BBox = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points (y up)


@dataclass
class Element:
    """One structure element: its type, parent, children in reading order, and a figure's Alt and box."""

    role: str
    key: str
    parent: str | None
    alt: str = ""
    bbox: BBox | None = None
    kids: list[Kid] = field(default_factory=list)


@dataclass(frozen=True)
class Structure:
    """What the finisher needs: elements by key (root ``""``), then per page the element of each MCID
    and of each link annotation."""

    elements: dict[str, Element]
    mcids: tuple[tuple[str, ...], ...]
    annots: tuple[tuple[str, ...], ...]


class Marker:
    """Marks what a reportlab canvas draws; ``enabled=False`` writes no marks (an untagged file)."""

    def __init__(self, canvas: Any, enabled: bool = True) -> None:
        self.canvas = canvas
        self.enabled = enabled
        self.elements: dict[str, Element] = {"": Element("Document", "", None)}
        self.mcids: list[list[str]] = [[]]
        self.annots: list[list[str]] = [[]]
        self._own = 0

    def _element(self, role: str, key: str, parent: str) -> str:
        if not key:
            self._own += 1
            key = f"#{self._own}"
        if key not in self.elements:
            self.elements[key] = Element(role, key, parent)
            self.elements[parent].kids.append(("element", key, 0))
        return key

    def element(self, tag: Tag) -> str:
        """The key of ``tag``'s element, made (with the elements around it) on first use."""
        parent = ""
        for spec in tag.within:
            role, _, key = spec.partition(":")
            parent = self._element(role, key, parent)
        key = self._element(tag.role, tag.key, parent)
        if tag.alt:
            self.elements[key].alt = tag.alt
        return key

    @contextmanager
    def mark(self, tag: Tag, bbox: BBox | None = None) -> Iterator[None]:
        """Wrap what is drawn inside in marked content: ``tag``'s element, or an artifact."""
        if not self.enabled:
            yield
            return
        code: list[str] = self.canvas._code
        if tag.role == "Artifact":
            code.append("/Artifact BMC")
        else:
            key = self.element(tag)
            page = len(self.mcids) - 1
            mcid = len(self.mcids[page])
            self.mcids[page].append(key)
            element = self.elements[key]
            element.kids.append(("mcid", page, mcid))
            if bbox is not None:
                element.bbox = _union(element.bbox, bbox)
            code.append(f"/{tag.role} <</MCID {mcid}>> BDC")
        try:
            yield
        finally:
            code.append("EMC")

    def write(self, operator: str) -> None:
        """Write an operator reportlab has no call for (the registration colour): the one other way in."""
        self.canvas._code.append(operator)

    def annotation(self, tag: Tag) -> None:
        """Record the link annotation just added to the page as a child of ``tag``'s element."""
        if not self.enabled:
            return
        key = self.element(tag)
        page = len(self.annots) - 1
        self.elements[key].kids.append(("annot", page, len(self.annots[page])))
        self.annots[page].append(key)

    def end_page(self) -> None:
        self.mcids.append([])
        self.annots.append([])

    def structure(self) -> Structure:
        """The elements, the document's parts put in reading order (not the order they were drawn)."""
        root = self.elements[""]
        root.kids.sort(key=lambda kid: _rank(str(kid[1])))
        return Structure(
            dict(self.elements),
            tuple(tuple(p) for p in self.mcids[:-1]),
            tuple(tuple(p) for p in self.annots[:-1]),
        )


def _rank(key: str) -> int:
    name = key.split("[")[0].split(".")[0]
    return READING_ORDER.index(name) if name in READING_ORDER else len(READING_ORDER)


def _union(a: BBox | None, b: BBox) -> BBox:
    if a is None:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
