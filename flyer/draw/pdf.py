"""``Document`` → PDF bytes through reportlab: one small draw function per item kind.

The writer decides nothing about placement. It only knows the two renditions:

- ``screen``: RGB, MediaBox = trim, link annotations with descriptions, viewer settings; finished
  as tagged PDF/UA-1 (``pdfua``);
- ``print``: CMYK only (enforced by reportlab; images and SVG colours separated through the
  printer's profile), the page grown by bleed and a slug for crop and fold marks in the registration
  colour, TrimBox and BleedBox, no annotations (PDF/X forbids them in the printable area); finished
  as PDF/X-4 (``pdfx``).

Every item is drawn inside its marked content through the tagging layer (``tagging``): both
renditions carry the same structure.

Coordinates flip here, once: layout is y-down from the trim's top left; PDF is y-up.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Literal

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from flyer.content import svgsimple
from flyer.document import ARTIFACT, QR, Box, Document, Image, Link, Paint, Picture, PlacedItem, Rule, Text
from flyer.draw.pdfua import finish_screen
from flyer.draw.pdfx import REGISTRATION_STROKE, OutputIntent, default_intent, finish_print
from flyer.draw.pictures import raster, scaled_svg, separate_gradients, simple_svg
from flyer.draw.tagging import Marker
from flyer.fontset import BOLD, REGULAR, default_fonts
from flyer.geometry import CROP_MARK_GAP_MM, CROP_MARK_MM, SLUG_MM, Rect, mm
from flyer.qr import Symbol
from flyer.text.typography import register_fonts

__all__ = ["Profile", "render"]

Profile = Literal["screen", "print"]
# Streams in Flate alone: ASCII85 over it would only make them a quarter larger (reportlab's default).
rl_config.useA85 = 0


class _Writer:
    def __init__(self, document: Document, profile: Profile, intent: OutputIntent | None = None) -> None:
        self.doc = document
        self.profile = profile
        # Print colours are separated for this printing condition (its ICC profile).
        self.intent = intent or default_intent() if profile == "print" else None
        self.icc = self.intent.profile if self.intent else b""
        self.buffer = io.BytesIO()
        self.offset = mm(document.bleed / mm(1) + SLUG_MM) if profile == "print" else 0.0
        size = (document.width + 2 * self.offset, document.height + 2 * self.offset)
        register_fonts()
        self.fonts = document.fonts or default_fonts()
        self.fonts.register()
        # The initial font would otherwise be Helvetica, listed (unembedded) on every page.
        self.canvas = Canvas(
            self.buffer,
            initialFontName=self.fonts.resolve(REGULAR),
            pagesize=size,
            invariant=1,
            pageCompression=1,
            pdfVersion=(1, 6) if profile == "print" else (1, 7),  # PDF/X-4 is PDF 1.6; PDF/UA-1 1.7
            enforceColorSpace="cmyk" if profile == "print" else "rgb",
            lang=document.meta.lang,
        )
        # Both renditions are tagged from the same items; the screen one is PDF/UA-1.
        self.marker = Marker(self.canvas)
        if self.icc:
            separate_gradients(self.canvas, self._svg_colour)

    # --- colours and coordinates ----------------------------------------------------------------

    def colour(self, colour: Paint) -> Color:
        if self.profile == "print":
            c, m, y, k = colour.cmyk
            return CMYKColor(c, m, y, k)
        return Color(*colour.rgb)

    def y(self, top: float) -> float:
        """Flip a layout y (down from the trim's top) to PDF y (up from the media's bottom)."""
        return self.offset + self.doc.height - top

    # --- items ----------------------------------------------------------------------------------

    def draw_text(self, item: Text) -> None:
        c = self.canvas
        c.setFillColor(self.colour(item.colour))
        c.setFont(item.font, item.size)
        c.drawString(self.offset + item.x, self.y(item.y), item.text, charSpace=item.char_space)

    def draw_box(self, item: Box) -> None:
        c = self.canvas
        r = item.rect
        if item.fill is not None:
            c.setFillColor(self.colour(item.fill))
        if item.stroke is not None:
            c.setStrokeColor(self.colour(item.stroke))
            c.setLineWidth(item.stroke_width)
        args = (self.offset + r.x, self.y(r.bottom), r.w, r.h)
        fill, stroke = int(item.fill is not None), int(item.stroke is not None)
        if item.radius:
            c.roundRect(*args, item.radius, stroke=stroke, fill=fill)
        else:
            c.rect(*args, stroke=stroke, fill=fill)

    def draw_rule(self, item: Rule) -> None:
        c = self.canvas
        c.setStrokeColor(self.colour(item.colour))
        c.setLineWidth(item.width)
        c.line(self.offset + item.x1, self.y(item.y1), self.offset + item.x2, self.y(item.y2))

    def draw_qr(self, item: QR) -> None:
        """White tile for the quiet zone, then every dark run in one filled path (100 % K in print)."""
        c = self.canvas
        tile = item.tile
        c.setFillColor(self.colour(_WHITE))
        c.rect(self.offset + tile.x, self.y(tile.bottom), tile.w, tile.h, stroke=0, fill=1)
        c.setFillColor(self.colour(_BLACK))
        m = item.module
        # Thousands of runs: drawn in module units (integers) under one transform, y down from the
        # symbol's top left; a short content stream, quick to write and to compress.
        c.saveState()
        c.transform(m, 0, 0, -m, self.offset + item.rect.x, self.y(item.rect.y))
        path = c.beginPath()
        path._code_append(_runs(item.symbol))
        c.drawPath(path, stroke=0, fill=1)
        c.restoreState()

    def draw_image(self, item: Image) -> None:
        r = item.rect
        x, y = self.offset + r.x, self.y(r.bottom)
        picture = item.picture
        if picture.format == "svg":
            self._draw_svg(picture, x, y, r.w, r.h)
        else:
            self.canvas.drawImage(raster(picture, self.icc), x, y, r.w, r.h, mask="auto")

    def _draw_svg(self, picture: Picture, x: float, y: float, w: float, h: float) -> None:
        simple = simple_svg(picture.data)
        if simple is not None:  # flat shapes: the same bytes without svglib and reportlab.graphics
            svgsimple.draw(self.canvas, simple, self._svg_colour, x, y, w, h, self.fonts.resolve(REGULAR))
            return
        from reportlab.graphics import renderPDF
        from reportlab.graphics.renderbase import STATE_DEFAULTS

        regular, bold = self.fonts.resolve(REGULAR), self.fonts.resolve(BOLD)
        drawing = scaled_svg(picture.data, picture.name, self.icc, w, h, regular, bold)
        # renderPDF starts every drawing with Helvetica, which would be listed unembedded.
        saved = STATE_DEFAULTS["fontName"]
        STATE_DEFAULTS["fontName"] = regular
        try:
            renderPDF.draw(drawing, self.canvas, x, y)
        finally:
            STATE_DEFAULTS["fontName"] = saved

    def _svg_colour(self, r: float, g: float, b: float) -> Color:
        """An SVG shape's colour as svglib's drawing has it, separated like ``_to_cmyk`` for print."""
        if self.icc:
            from flyer.draw.separation import separate_colour

            return CMYKColor(*separate_colour((r, g, b), self.icc), alpha=1.0)
        return Color(r, g, b, alpha=1.0)

    def draw_link(self, item: Link) -> None:
        if self.profile == "print":
            return
        r = item.rect
        self.canvas.linkURL(
            item.url,
            (r.x, self.y(r.bottom), r.right, self.y(r.y)),
            relative=0,
            thickness=0,
            Contents=PDFString(item.description),
        )
        self.marker.annotation(item.tag)

    def box(self, rect: Rect) -> tuple[float, float, float, float]:
        """A layout rectangle as a PDF box (x0, y0, x1, y1)."""
        return (self.offset + rect.x, self.y(rect.bottom), self.offset + rect.right, self.y(rect.y))

    def draw(self, item: PlacedItem) -> None:
        """Draw one item inside its marked content (a link is an annotation: no content)."""
        if isinstance(item, Link):
            self.draw_link(item)
            return
        bbox = (
            self.box(item.tile if isinstance(item, QR) else item.rect) if item.tag.role == "Figure" else None
        )
        with self.marker.mark(item.tag, bbox):
            self._draw(item)

    def _draw(self, item: PlacedItem) -> None:
        if isinstance(item, Text):
            self.draw_text(item)
        elif isinstance(item, Box):
            self.draw_box(item)
        elif isinstance(item, Rule):
            self.draw_rule(item)
        elif isinstance(item, QR):
            self.draw_qr(item)
        elif isinstance(item, Image):
            self.draw_image(item)
        else:  # pragma: no cover - the item set is closed
            raise TypeError(f"unknown item {item!r}")

    # --- print furniture ------------------------------------------------------------------------

    def crop_marks(self) -> None:
        """Trim marks at each corner, in registration colour, outside the bleed."""
        c = self.canvas
        self.marker.write(REGISTRATION_STROKE)  # reportlab has no /Separation /All colour
        c.setLineWidth(0.25)
        o, w, h = self.offset, self.doc.width, self.doc.height
        start = self.doc.bleed + mm(CROP_MARK_GAP_MM)
        length = mm(CROP_MARK_MM)
        for x in (o, o + w):
            for y in (o, o + h):
                sx = -1 if x == o else 1
                sy = -1 if y == o else 1
                c.line(x + sx * start, y, x + sx * (start + length), y)
                c.line(x, y + sy * start, x, y + sy * (start + length))

    def fold_marks(self, page: int) -> None:
        """Dashed fold marks in the slug, above and below each fold line (never on the piece)."""
        c = self.canvas
        self.marker.write(REGISTRATION_STROKE)
        c.setLineWidth(0.25)
        c.setDash(2, 1.5)
        o, h = self.offset, self.doc.height
        start, length = self.doc.bleed + mm(CROP_MARK_GAP_MM), mm(CROP_MARK_MM)
        for fold_page, x in self.doc.folds:
            if fold_page == page:
                c.line(o + x, o - start, o + x, o - start - length)
                c.line(o + x, o + h + start, o + x, o + h + start + length)
        c.setDash()

    def boxes(self) -> None:
        o, b = self.offset, self.doc.bleed
        w, h = self.doc.width, self.doc.height
        self.canvas.setTrimBox((o, o, o + w, o + h))
        self.canvas.setBleedBox((o - b, o - b, o + w + b, o + h + b))

    # --- document -------------------------------------------------------------------------------

    def metadata(self) -> None:
        """Viewer settings (the Info dictionary and the XMP are the finisher's: ``pdfua``, ``pdfx``)."""
        c = self.canvas
        c.setViewerPreference("DisplayDocTitle", "true")
        if self.profile == "screen":
            # Open on page 1, whole page in the window.
            catalog = c._doc.Catalog
            catalog.PageMode = PDFName("UseNone")
            catalog.PageLayout = PDFName("SinglePage")

    def write(self) -> bytes:
        register_fonts()
        self.metadata()
        for number, page in enumerate(self.doc.pages):
            if self.profile == "print":
                self.boxes()
            for item in page.items:
                self.draw(item)
            if self.profile == "print":
                with self.marker.mark(ARTIFACT):
                    self.crop_marks()
                    self.fold_marks(number)
            if number == 0 and self.profile == "screen":
                self.canvas.bookmarkPage("p1", fit="Fit")
                self.canvas._doc.Catalog.OpenAction = PDFArray(
                    [self.canvas._doc.thisPageRef(), PDFName("Fit")]
                )
            self.canvas.showPage()
            self.marker.end_page()
        if self.profile == "screen":
            return finish_screen(self.canvas, self.buffer, self.marker.structure(), self.doc.meta)
        if self.intent is None:  # the print rendition is always made with its output intent
            raise ValueError("the print rendition needs an output intent")
        return finish_print(self.canvas, self.buffer, self.marker.structure(), self.doc.meta, self.intent)


_WHITE = Paint((1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0))
_BLACK = Paint((0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 1.0))


def render(document: Document, profile: Profile, intent: OutputIntent | None = None) -> bytes:
    """Write one rendition of the document as PDF bytes (deterministic); ``intent``: the print
    rendition's printing condition (default FOGRA39, see ``pdfx``)."""
    return _Writer(document, profile, intent).write()


@lru_cache(maxsize=64)  # both renditions draw the same symbols; a batch's variants each have new ones
def _runs(symbol: Symbol) -> str:
    """A symbol's dark runs as one path, in module units: ``col row length 1 re`` each."""
    return " ".join(f"{col} {row} {n} 1 re" for row, col, n in symbol.runs)
