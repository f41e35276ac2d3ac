"""A written PDF read back: pages rendered at 300 dpi (pdfium), codes found and located (zxing), checks' types.

Geometry is measured on the render, in pixels, y down; a page keeps only the regions checked later.
"""

from __future__ import annotations

import ctypes
import dataclasses
import math
from dataclasses import asdict, dataclass
from typing import Any, Literal

# The readers load with this module, not at first use: `flyer build` forks a process per rendition
# once verification is imported, and a child importing one itself pays it again (tens of ms each).
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp

from flyer.draw.pdf import Profile
from flyer.geometry import BLEED_MM, SLUG_MM, mm
from flyer.qr import modules_of
from flyer.verify.pdfopen import UnreadablePDF, open_pdf

__all__ = [
    "DPI",
    "LIGHT",
    "MIN_CONTRAST",
    "PX_PER_PT",
    "Check",
    "FoundCode",
    "PageScan",
    "PixelBox",
    "Rendition",
    "Report",
    "UnreadablePDF",
    "box_corners",
    "clip",
    "decode_codes",
    "guess_profile",
    "mark_bleed",
    "mark_windows",
    "overlap",
    "pdf_reader",
    "px_to_mm",
    "read_page",
    "released",
]

DPI = 300
MIN_CONTRAST = 0.5
LIGHT = 200  # quiet-zone pixels must be lighter than this grey
PX_PER_PT = DPI / 72
PixelBox = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels at DPI, y down
#: A rendition: the two ``render`` writes, and the office sheets ``impose`` makes from the screen one.
Rendition = Profile | Literal["office"]


@dataclass(frozen=True)
class Check:
    """One verified property: passed or not, a figure to read at a glance, and what went wrong."""

    name: str
    passed: bool
    figure: str
    details: tuple[str, ...] = ()

    @classmethod
    def of(cls, name: str, problems: list[str], figure: str) -> Check:
        """The check named ``name``: passed when ``problems`` is empty, which are its details."""
        return cls(name, not problems, figure, tuple(problems))


@dataclass(frozen=True)
class Report:
    """Every check run on one PDF."""

    profile: Rendition
    pages: int
    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def by_name(self) -> dict[str, Check]:
        return {c.name: c for c in self.checks}

    def as_dict(self) -> dict[str, Any]:
        checks = [asdict(c) for c in self.checks]
        return {"profile": self.profile, "pages": self.pages, "passed": self.passed, "checks": checks}


@dataclass(frozen=True)
class FoundCode:
    """A QR code zxing found on a page: its text and where it is, in pixels at DPI."""

    page: int
    text: str
    box: PixelBox  # the symbol
    module: float
    zone: PixelBox  # the symbol and its 4-module quiet zone


@dataclass(frozen=True)
class PageScan:
    """A page read back: its image (or, once released, the regions kept), boxes, characters and codes."""

    image: Any  # PIL "L" image at DPI
    media: PixelBox
    trim: PixelBox | None
    bleed: PixelBox | None
    chars: list[PixelBox]
    codes: list[FoundCode]


class _Regions:
    """What the checks read of a page's image once the page is released: the crops they look at.

    A page at 300 dpi is ~9 MB of grey; keeping only its codes' zones and its crop-mark corners
    lets ``verify`` go through a long file one page at a time, in bounded memory.
    """

    def __init__(self, image: Any, boxes: list[PixelBox]) -> None:
        self.width, self.height = image.width, image.height
        self.parts = [
            (kept, image.crop(kept)) for kept in (_kept(box, image.width, image.height) for box in boxes)
        ]

    @classmethod
    def rendered(cls, page: Any, size: tuple[int, int], boxes: list[PixelBox]) -> _Regions:
        """The regions rendered one by one at DPI, never the whole page."""
        regions = cls.__new__(cls)
        regions.width, regions.height = size
        regions.parts = [(kept, _render(page, kept, size)) for kept in (_kept(box, *size) for box in boxes)]
        return regions

    def crop(self, box: tuple[int, int, int, int]) -> Any:
        for (x0, y0, x1, y1), part in self.parts:
            if x0 <= box[0] and y0 <= box[1] and box[2] <= x1 and box[3] <= y1:
                return part.crop((box[0] - x0, box[1] - y0, box[2] - x0, box[3] - y0))
        raise KeyError(f"verify kept no part of the page image around {box}")

    def getpixel(self, xy: tuple[int, int]) -> Any:
        return self.crop((xy[0], xy[1], xy[0] + 1, xy[1] + 1)).getpixel((0, 0))


def _kept(box: PixelBox, width: int, height: int) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = (round(v) for v in box)
    return (max(0, x0), max(0, y0), min(width, x1), min(height, y1))


def _render(page: Any, box: tuple[int, int, int, int], size: tuple[int, int]) -> Any:
    """Pixels ``box`` of the page rendered at DPI, the very pixels of the page rendered whole.

    pypdfium2 takes the crop in points and rounds each side up to whole pixels; half a pixel less
    than the edge rounds to the edge itself whatever the floating point error.
    """
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:  # a region off the page (a BleedBox past it): nothing to render
        from PIL import Image

        return Image.new("L", (max(0, x1 - x0), max(0, y1 - y0)), 255)
    sides = (x0, size[1] - y1, size[0] - x1, y0)
    crop = tuple(max(0.0, (side - 0.5) / PX_PER_PT) for side in sides)
    image = page.render(scale=PX_PER_PT, grayscale=True, crop=crop).to_pil()
    return image if image.mode == "L" else image.convert("L")


def released(page: PageScan) -> PageScan:
    """The page without its full image: only the regions the later checks read (see ``_Regions``)."""
    if isinstance(page.image, _Regions):
        return page
    regions = [code.zone for code in page.codes] + mark_windows(page)
    return dataclasses.replace(page, image=_Regions(page.image, regions))


def guess_profile(pdf: bytes | pikepdf.Pdf) -> Profile:
    """``print`` when the first page has a TrimBox, else ``screen``; ``pdf`` is the file or its reader."""
    pages = (pdf_reader(pdf) if isinstance(pdf, bytes) else pdf).pages
    return "print" if len(pages) and "/TrimBox" in pages[0].obj else "screen"


def pdf_reader(pdf: bytes) -> pikepdf.Pdf:
    """The file's structure, read by pikepdf (the PDF/UA and PDF/X rules read the same handle)."""
    if b"%PDF-" not in pdf[:1024]:
        raise UnreadablePDF("not a PDF (no %PDF- header)")
    reader: pikepdf.Pdf = open_pdf(pdf)
    return reader


def decode_codes(image: Any, downscale: bool = True) -> list[Any]:
    """The QR codes zxing finds in ``image``; ``downscale=False`` skips its passes on smaller copies
    of the image (two thirds of a page's decoding time)."""
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, try_downscale=downscale)  # type: ignore[arg-type]
    return list(found)


def read_page(page: Any, number: int, coarse: bool = False) -> PageScan:
    """Render at DPI, decode the QR codes, measure the characters; every box in pixels.

    ``coarse`` searches the codes on the page rendered at half the resolution (a quarter of the
    pixels), then renders each code's zone, and the crop-mark corners, at DPI: the page is never
    rendered whole at DPI. A code found coarsely but not on its zone makes it read the page whole.
    """
    left, _, _, top = page.get_cropbox()

    def px(box: tuple[float, float, float, float] | None) -> PixelBox | None:
        return None if box is None else _box(box, left, top)

    text = page.get_textpage()
    count = text.count_chars()
    chars = [_box(box, left, top) for box in _charboxes(text, count)]
    every = text.get_text_range(0, count) if count else ""
    if len(every) != count:  # characters outside the BMP: read them one by one
        every = "".join(text.get_text_range(i, 1)[:1] or " " for i in range(count))
    chars = [
        c for c, ch in zip(chars, every, strict=True) if min(c[2] - c[0], c[3] - c[1]) > 0.5 and ch.strip()
    ]
    text.close()
    media = _box(page.get_mediabox(), left, top)
    scan = PageScan(None, media, px(page.get_trimbox(False)), px(page.get_bleedbox(False)), chars, [])
    if coarse:
        width, height = page.get_size()
        size = (math.ceil(width * PX_PER_PT), math.ceil(height * PX_PER_PT))  # as pdfium sizes it
        codes = _coarse_codes(page, number, size)
        if codes is not None:
            regions = [code.zone for code in codes] + mark_windows(scan)
            return dataclasses.replace(scan, image=_Regions.rendered(page, size, regions), codes=codes)
    image = page.render(scale=PX_PER_PT, grayscale=True).to_pil()
    image = image if image.mode == "L" else image.convert("L")  # pdfium's grey is "L": no copy
    codes = [_located(found, number) for found in decode_codes(image)]
    return dataclasses.replace(scan, image=image, codes=codes)


def _charboxes(text: Any, count: int) -> list[tuple[float, float, float, float]]:
    """Each character's box (left, bottom, right, top), as ``PdfTextPage.get_charbox`` gives it, in one
    loop over pdfium's own call: a page holds thousands of characters."""
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    boxes = []
    for i in range(count):
        if not pdfium_c.FPDFText_GetCharBox(text.raw, i, left, right, bottom, top):  # yes, l r b t
            raise pdfium.PdfiumError("Failed to get charbox.")
        boxes.append((left.value, bottom.value, right.value, top.value))
    return boxes


def _coarse_codes(page: Any, number: int, size: tuple[int, int]) -> list[FoundCode] | None:
    """The codes found at half the resolution, each located at DPI on its own zone; None when one
    of them is not found again there."""
    half = page.render(scale=PX_PER_PT / 2, grayscale=True).to_pil()
    codes = []
    # Only to locate the codes: one missed here (modules so large that they outgrow the binarizer's
    # window) leaves the page short of the codes expected, and it is then read whole at DPI.
    for found in decode_codes(half if half.mode == "L" else half.convert("L"), downscale=False):
        rough = _located(found, number)
        zone = _kept(_grow(tuple(2 * v for v in rough.box), 2 * 6 * rough.module), *size)  # type: ignore[arg-type]
        fine = [f for f in decode_codes(_render(page, zone, size)) if f.text == found.text]
        if not fine:
            return None
        codes.append(_located(fine[0], number, zone[0], zone[1]))
    return codes


def _located(found: Any, number: int, dx: float = 0, dy: float = 0) -> FoundCode:
    p = found.position
    corners = (p.top_left, p.top_right, p.bottom_left, p.bottom_right)
    xs, ys = [q.x + dx for q in corners], [q.y + dy for q in corners]
    box = (min(xs), min(ys), max(xs), max(ys))
    module = (box[2] - box[0]) / modules_of(int(found.extra.get("Version", 1)))
    return FoundCode(number, found.text, box, module, _grow(box, 4 * module))


def _box(box: tuple[float, float, float, float], left: float, top: float) -> PixelBox:
    x0, y0, x1, y1 = box
    return ((x0 - left) * PX_PER_PT, (top - y1) * PX_PER_PT, (x1 - left) * PX_PER_PT, (top - y0) * PX_PER_PT)


def _grow(box: PixelBox, d: float) -> PixelBox:
    return (box[0] - d, box[1] - d, box[2] + d, box[3] + d)


def px_to_mm(pixels: float) -> float:
    return pixels / PX_PER_PT / mm(1)


def clip(image: Any, box: PixelBox) -> Any:
    x0, y0, x1, y1 = (round(v) for v in box)
    return image.crop((max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1)))


def overlap(a: PixelBox, b: PixelBox) -> tuple[float, float]:
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def mark_bleed(page: PageScan) -> PixelBox | None:
    """The box crop marks stand around: the BleedBox, or 3 mm around the TrimBox."""
    return page.bleed or (_grow(page.trim, mm(BLEED_MM) * PX_PER_PT) if page.trim else None)


def box_corners(box: PixelBox) -> list[tuple[float, float]]:
    return [(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]


def mark_windows(page: PageScan) -> list[PixelBox]:
    """Where crop marks are looked for: within the slug's width of each corner of the bleed, outside it."""
    bleed = mark_bleed(page)
    return (
        [] if bleed is None else [_grow((x, y, x, y), mm(SLUG_MM) * PX_PER_PT) for x, y in box_corners(bleed)]
    )
