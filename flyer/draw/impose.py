"""Screen PDF → office sheets: as many copies as fit on A4 (letter for letter flyers), duplex order.

Sheet ``2k + 1`` holds copies of the flyer's page ``2k + 1`` (recto), sheet ``2k + 2`` copies of page
``2k + 2`` (verso), each verso mirrored in position (and turned the other way when the copies are
rotated) so that after long-edge duplex printing it lies behind its recto. Copies touch each other
(no bleed: one cut between two copies); grey cut marks extend every cut line into the sheet margin,
outside the copies and inside the printable area. Copies are scaled down, uniformly, only when the
block of copies would not fit inside ``MARGIN_MM`` plus the room for the marks.

Links stay clickable: every /Link annotation is copied to each copy with its rectangle (and
/QuadPoints) moved to the copy's place, keeping its action and its /Contents.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from flyer.geometry import CUT_MARK_GAP_MM, CUT_MARK_MM, PAPER_SIZES_MM, mm

__all__ = ["MARGIN_MM", "OFFICE_NAME", "Imposition", "impose", "plan"]

#: File name of the office sheets in the output folder.
OFFICE_NAME = "flyer-office.pdf"

#: Office printers cannot print closer than this to the sheet's edge.
MARGIN_MM = 5.0
MARK_GREY, MARK_WIDTH = 0.45, 0.4
#: Slack when counting how many copies fit on the sheet at full size (2 × 148 mm on 297 mm).
_FIT_SLACK = mm(1.5)


@dataclass(frozen=True)
class Imposition:
    """Where the copies go on a sheet; every length in points, PDF coordinates (origin bottom left)."""

    sheet_w: float
    sheet_h: float
    cols: int
    rows: int
    #: 90 when the recto copies are turned a quarter anticlockwise (versos then turn clockwise).
    rotate: int
    #: Uniform scale of every copy (1 when the block fits inside the margins at full size).
    scale: float
    #: Size of one copy on the sheet (rotated and scaled).
    cell_w: float
    cell_h: float

    @property
    def copies(self) -> int:
        return self.cols * self.rows

    @property
    def left(self) -> float:
        return (self.sheet_w - self.cols * self.cell_w) / 2

    @property
    def bottom(self) -> float:
        return (self.sheet_h - self.rows * self.cell_h) / 2

    def cells(self, verso: bool = False) -> list[tuple[float, float, float, float]]:
        """Rectangle (x0, y0, x1, y1) of each copy, in copy order; versos mirrored left to right."""
        out = []
        for row in range(self.rows):
            for col in range(self.cols):
                c = self.cols - 1 - col if verso else col
                x0 = self.left + c * self.cell_w
                y0 = self.bottom + (self.rows - 1 - row) * self.cell_h
                out.append((x0, y0, x0 + self.cell_w, y0 + self.cell_h))
        return out


def _sheet_for(trim_w: float, trim_h: float) -> tuple[float, float]:
    """US letter for a letter flyer, A4 otherwise; portrait."""
    letter_w, letter_h = (mm(v) for v in PAPER_SIZES_MM["letter"])
    if abs(min(trim_w, trim_h) - letter_w) < 1 and abs(max(trim_w, trim_h) - letter_h) < 1:
        return letter_w, letter_h
    a4 = PAPER_SIZES_MM["A4"]
    return mm(a4[0]), mm(a4[1])


def plan(trim_w_pt: float, trim_h_pt: float) -> Imposition:
    """Choose the sheet, the grid, the rotation and the scale for copies of a ``trim_w × trim_h`` flyer."""
    sheet_w, sheet_h = _sheet_for(trim_w_pt, trim_h_pt)
    room = mm(MARGIN_MM + CUT_MARK_GAP_MM + CUT_MARK_MM)
    candidates = []
    for rotate in (0, 90):
        w, h = (trim_h_pt, trim_w_pt) if rotate else (trim_w_pt, trim_h_pt)
        cols = max(1, int((sheet_w + _FIT_SLACK) // w))
        rows = max(1, int((sheet_h + _FIT_SLACK) // h))
        scale = min(1.0, (sheet_w - 2 * room) / (cols * w), (sheet_h - 2 * room) / (rows * h))
        # Prefer more copies, then larger copies, then no rotation.
        candidates.append((cols * rows, round(scale, 6), -rotate, cols, rows, w, h))
    _, scale, neg_rotate, cols, rows, w, h = max(candidates)
    return Imposition(sheet_w, sheet_h, cols, rows, -neg_rotate, scale, w * scale, h * scale)


def _placement(p: Imposition, cell: tuple[float, float, float, float], angle: int, box: Any) -> Any:
    """The transformation that puts a page with MediaBox ``box`` into ``cell``, turned by ``angle``."""
    from pypdf import Transformation

    s = p.scale
    w, h = float(box.width), float(box.height)
    t = Transformation().translate(-float(box.left), -float(box.bottom))
    if angle:
        t = t.rotate(angle)
    t = t.scale(s, s)
    x0, y0 = cell[0], cell[1]
    if angle == 90:  # (x, y) → (-y, x): lands on [-h, 0] × [0, w]
        return t.translate(x0 + h * s, y0)
    if angle == -90:  # (x, y) → (y, -x): lands on [0, h] × [-w, 0]
        return t.translate(x0, y0 + w * s)
    return t.translate(x0, y0)


def _marks(p: Imposition) -> bytes:
    """Grey cut marks: every cut line extended outside the block, in the margin."""
    x0, y0 = p.left, p.bottom
    x1, y1 = x0 + p.cols * p.cell_w, y0 + p.rows * p.cell_h
    gap, length = mm(CUT_MARK_GAP_MM), mm(CUT_MARK_MM)
    ops = [f"q {MARK_GREY:g} G {MARK_WIDTH:g} w 0 J"]
    for c in range(p.cols + 1):
        x = x0 + c * p.cell_w
        ops.append(f"{x:.3f} {y0 - gap:.3f} m {x:.3f} {y0 - gap - length:.3f} l S")
        ops.append(f"{x:.3f} {y1 + gap:.3f} m {x:.3f} {y1 + gap + length:.3f} l S")
    for r in range(p.rows + 1):
        y = y0 + r * p.cell_h
        ops.append(f"{x0 - gap:.3f} {y:.3f} m {x0 - gap - length:.3f} {y:.3f} l S")
        ops.append(f"{x1 + gap:.3f} {y:.3f} m {x1 + gap + length:.3f} {y:.3f} l S")
    ops.append("Q")
    return "\n".join(ops).encode("ascii")


def _link(annot: Any, transform: Any) -> Any:
    """A fresh /Link annotation: ``annot``'s action and description, its rectangle moved by ``transform``."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

    def point(x: Any, y: Any) -> tuple[float, float]:
        tx, ty = transform.apply_on((float(x), float(y)))
        return round(tx, 3), round(ty, 3)

    r = [float(v) for v in annot["/Rect"]]
    corners = [point(x, y) for x in (r[0], r[2]) for y in (r[1], r[3])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    out = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (min(xs), min(ys), max(xs), max(ys))),
            NameObject("/Border"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(0)]),
        }
    )
    if "/QuadPoints" in annot:
        q = [float(v) for v in annot["/QuadPoints"]]
        moved = [v for i in range(0, len(q) - 1, 2) for v in point(q[i], q[i + 1])]
        out[NameObject("/QuadPoints")] = ArrayObject(FloatObject(v) for v in moved)
    action = annot.get("/A")
    if action is not None:
        action = action.get_object()
        out[NameObject("/A")] = DictionaryObject(
            {NameObject(k): v for k, v in action.items() if k in ("/Type", "/S", "/URI")}
        )
    if "/Contents" in annot:
        out[NameObject("/Contents")] = annot["/Contents"]
    return out


def impose(screen_pdf: bytes, trim_w_pt: float, trim_h_pt: float) -> bytes:
    """Lay copies of every page of ``screen_pdf`` out on office sheets, in duplex order (deterministic)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, DecodedStreamObject, NameObject

    p = plan(trim_w_pt, trim_h_pt)
    source = PdfReader(io.BytesIO(screen_pdf))
    writer = PdfWriter()
    for number, page in enumerate(source.pages):
        verso = number % 2 == 1
        annots = [a.get_object() for a in page.get("/Annots") or []]
        if "/Annots" in page:
            del page["/Annots"]  # added back per copy below, on every pypdf version
        angle = (-p.rotate if verso else p.rotate) if p.rotate else 0
        sheet = writer.add_blank_page(p.sheet_w, p.sheet_h)
        marks = DecodedStreamObject()
        marks.set_data(_marks(p))
        sheet[NameObject("/Contents")] = writer._add_object(marks)
        placements = [_placement(p, cell, angle, page.mediabox) for cell in p.cells(verso)]
        for transform in placements:
            sheet.merge_transformed_page(page, transform)
        sheet.compress_content_streams()
        for transform in placements:
            for annot in annots:
                if annot.get("/Subtype") == "/Link":
                    writer.add_annotation(sheet, _link(annot, transform))
    info = source.metadata
    if info is not None:
        writer.add_metadata(dict(info))
    root, source_root = writer.root_object, source.root_object
    for key in ("/Lang", "/ViewerPreferences", "/PageMode", "/PageLayout"):
        value: Any = source_root.get(key)
        if value is not None:
            root[NameObject(key)] = value.get_object().clone(writer)
    digest = hashlib.sha256(screen_pdf + repr(p).encode()).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
