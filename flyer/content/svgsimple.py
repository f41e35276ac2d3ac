"""Simple SVG logos (filled circles and rectangles) drawn without svglib, byte for byte as svglib would.

svglib, lxml and ``reportlab.graphics`` (which loads platypus and compiles its regular expressions)
cost ~50 ms of every cold build, for a logo that is often a few flat shapes. ``parse`` accepts only
such a logo: an ``<svg>`` whose ``viewBox`` is ``0 0 W H`` and whose size, when given, is ``W`` × ``H``
pixels, holding ``<circle>`` and ``<rect>`` elements with a hex ``fill`` and nothing else. ``draw``
then makes the canvas calls ``renderPDF`` makes for svglib's drawing of it, in the same order, so
the PDF is the same bytes (a test compares them). Anything else returns None: svglib draws it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["SimpleSVG", "draw", "parse"]

PX_TO_PT = 0.75  # svglib's CSS pixel in points
_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*(?:px)?\s*$")
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SHAPES = {"circle": ("cx", "cy", "r"), "rect": ("x", "y", "width", "height")}
_OPTIONAL = {"circle": {"cx": 0.0, "cy": 0.0}, "rect": {"x": 0.0, "y": 0.0}}


@dataclass(frozen=True)
class Primitive:
    """One flat shape of a simple SVG: a circle or a rectangle, filled with one colour."""

    element: str  # "circle" (cx, cy, r) or "rect" (x, y, width, height), in user units
    values: tuple[float, ...]
    fill: str  # "#rrggbb"


@dataclass(frozen=True)
class SimpleSVG:
    """A logo of flat shapes: its size in user units (= pixels) and its shapes, in drawing order."""

    width: float
    height: float
    shapes: tuple[Primitive, ...]

    @property
    def points(self) -> tuple[float, float]:
        """Its size in points, as svglib's drawing has it."""
        return self.width * PX_TO_PT, self.height * PX_TO_PT


def _number(text: str | None) -> float | None:
    match = _NUMBER.match(text) if text is not None else None
    return float(match.group(1)) if match else None


def _fill(text: str | None) -> str | None:
    match = _HEX.match(text or "")
    if not match:
        return None
    digits = match.group(1)
    return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits)).lower()


def parse(data: bytes) -> SimpleSVG | None:
    """The logo when it is simple enough to be drawn here, else None (svglib's job)."""
    if len(data) > 64 * 1024 or b"<!" in data.replace(b"<!--", b""):
        return None  # big, or a DOCTYPE, an entity or CDATA: the full, guarded parser decides
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    if root.tag != _SVG + "svg" or set(root.attrib) - {"width", "height", "viewBox", "version"}:
        return None
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) != 4 or [_number(v) for v in box[:2]] != [0.0, 0.0]:
        return None
    w, h = _number(box[2]), _number(box[3])
    if not w or not h or w <= 0 or h <= 0:
        return None
    for side, size in (("width", w), ("height", h)):
        if root.get(side) is not None and _number(root.get(side)) != size:
            return None  # a size other than the viewBox's: svglib scales it
    if (root.text or "").strip():
        return None
    shapes = []
    for element in root:
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = element.tag.removeprefix(_SVG)
        names = _SHAPES.get(tag)
        if names is None or (element.tail or "").strip() or len(element) or (element.text or "").strip():
            return None
        if set(element.attrib) - {*names, "fill"}:
            return None
        values = []
        for name in names:
            value = _number(element.get(name)) if name in element.attrib else _OPTIONAL[tag].get(name)
            if value is None:
                return None
            values.append(value)
        fill = _fill(element.get("fill"))
        if fill is None or min(values[2:]) <= 0:
            return None
        shapes.append(Primitive(tag, tuple(values), fill))
    return SimpleSVG(w, h, tuple(shapes)) if shapes else None


def _state_defaults(canvas: Any, font: str) -> None:
    """``renderPDF``'s initial state (``STATE_DEFAULTS``, in its order), after its translation."""
    from reportlab.lib.colors import black

    canvas.setStrokeColor(black)
    canvas.setStrokeAlpha(1)
    canvas.setLineWidth(1)
    canvas.setLineCap(0)
    canvas.setLineJoin(0)
    canvas.setDash()
    canvas.setFillOverprint(False)
    canvas.setStrokeOverprint(False)
    canvas.setOverprintMask(0)
    canvas.setFillColor(black)
    canvas.setFillAlpha(1)
    canvas._fillMode = 0  # FILL_EVEN_ODD
    canvas.setFont(font, 10)  # fontSize
    canvas.setFont(font, 10)  # fontName


def draw(canvas: Any, svg: SimpleSVG, colour: Any, x: float, y: float, w: float, h: float, font: str) -> None:
    """Draw ``svg`` scaled to ``w`` × ``h`` at (``x``, ``y``); ``colour(r, g, b)`` gives a shape's colour.

    The calls of ``renderPDF.draw`` on svglib's drawing: drawing, then its group, then each shape
    inside a saved state, with the shape's properties in svglib's order.
    """
    dw, dh = svg.points
    canvas.saveState()
    canvas.transform(1, 0, 0, 1, x, y)
    _state_defaults(canvas, font)
    canvas.saveState()
    canvas.transform(w / dw, 0.0, 0.0, h / dh, 0, 0)
    canvas.saveState()
    canvas.transform(PX_TO_PT, 0.0, 0.0, -PX_TO_PT, 0.0, PX_TO_PT * svg.height)
    for shape in svg.shapes:
        canvas.saveState()
        rgb = tuple(int(shape.fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
        canvas.setFillColor(colour(*rgb))
        canvas.setFillAlpha(1.0)  # fillOpacity
        canvas.setLineWidth(1.0)
        canvas.setLineCap(0)
        canvas.setLineJoin(0)
        canvas.setDash()
        canvas.setStrokeAlpha(1.0)  # strokeOpacity
        canvas._fillMode = 1  # FILL_NON_ZERO, SVG's default fill rule
        if shape.element == "circle":
            canvas.circle(*shape.values, fill=1, stroke=0)
        else:
            canvas.rect(*shape.values, stroke=0, fill=1)
        canvas.restoreState()
    canvas.restoreState()
    canvas.restoreState()
    canvas.restoreState()
