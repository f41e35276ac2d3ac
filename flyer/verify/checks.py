"""Read a written PDF back with other readers (pypdf, pdfium, zxing) and check what the flyer promises.

``verify`` is a pure function: PDF bytes (and the content, when known) → a ``Report`` of checks, each
passed or failed with a figure. Geometry is measured on a 300 dpi render, in pixels, y down.
"""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import asdict, dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from flyer.content.model import Flyer
from flyer.content.urls import href
from flyer.draw.pdf import Profile
from flyer.geometry import PAPER_SIZES_MM, SAFETY_MM, mm
from flyer.verify.pdfua_rules import ua_report
from flyer.verify.pdfx_rules import pdfx_report
from flyer.verify.phone import BLUR_PX, BRIGHTNESS, JPEG_QUALITY, PHONE_DPI, TILT_DEG, photograph

__all__ = ["DPI", "Check", "Kind", "Report", "UnreadablePDF", "guess_profile", "verify"]

DPI = 300
MIN_QR_MM, MIN_BLEED_MM, MIN_CONTRAST = 20.0, 3.0, 0.5
LIGHT = 200  # quiet-zone pixels must be lighter than this grey
_S = DPI / 72
_RGB_OP = re.compile(rb"(?:^|\s)(?:[-+]?(?:\d+\.?\d*|\.\d+)\s+){3}(?:rg|RG)(?=\s|$)|/DeviceRGB\s+(?:cs|CS)\b")
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels at DPI, y down
Parts = list[tuple[int, Any, bytes]]  # page number, resources, content: of pages and form XObjects
#: A rendition: the two ``render`` writes, and the office sheets ``impose`` makes from the screen one.
Kind = Profile | Literal["office"]


class UnreadablePDF(ValueError):
    """The bytes are not a PDF that pypdf and pdfium can both open."""


@dataclass(frozen=True)
class Check:
    """One verified property: passed or not, a figure to read at a glance, and what went wrong."""

    name: str
    passed: bool
    figure: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """Every check run on one PDF."""

    profile: Kind
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
class _Code:
    page: int
    text: str
    box: Box  # the symbol
    module: float
    zone: Box  # the symbol and its 4-module quiet zone


@dataclass(frozen=True)
class _Page:
    image: Any  # PIL "L" image at DPI
    media: Box
    trim: Box | None
    bleed: Box | None
    chars: list[Box]
    codes: list[_Code]


class _Regions:
    """What the checks read of a page's image once the page is released: the crops they look at.

    A page at 300 dpi is ~9 MB of grey; keeping only its codes' zones and its crop-mark corners
    lets ``verify`` go through a long file one page at a time, in bounded memory.
    """

    def __init__(self, image: Any, boxes: list[Box]) -> None:
        self.width, self.height = image.width, image.height
        self.parts = []
        for box in boxes:
            x0, y0, x1, y1 = (round(v) for v in box)
            kept = (max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1))
            self.parts.append((kept, image.crop(kept)))

    def crop(self, box: tuple[int, int, int, int]) -> Any:
        for (x0, y0, x1, y1), part in self.parts:
            if x0 <= box[0] and y0 <= box[1] and box[2] <= x1 and box[3] <= y1:
                return part.crop((box[0] - x0, box[1] - y0, box[2] - x0, box[3] - y0))
        raise KeyError(f"verify kept no part of the page image around {box}")

    def getpixel(self, xy: tuple[int, int]) -> Any:
        return self.crop((xy[0], xy[1], xy[0] + 1, xy[1] + 1)).getpixel((0, 0))


def _released(page: _Page) -> _Page:
    """The page without its full image: only the regions the later checks read (see ``_Regions``)."""
    regions = [code.zone for code in page.codes] + _mark_windows(page)
    return dataclasses.replace(page, image=_Regions(page.image, regions))


def guess_profile(pdf: bytes) -> Profile:
    """``print`` when the first page has a TrimBox, else ``screen``."""
    pages = _reader(pdf).pages
    return "print" if len(pages) and "/TrimBox" in pages[0] else "screen"


def _reader(pdf: bytes) -> Any:
    import pypdf

    if b"%PDF-" not in pdf[:1024]:
        raise UnreadablePDF("not a PDF (no %PDF- header)")
    try:
        return pypdf.PdfReader(io.BytesIO(pdf))
    except Exception as exc:
        raise UnreadablePDF(f"not a readable PDF: {exc}") from None


def _matches(found: str, wanted: str) -> bool:
    """Same address, extra query parameters allowed."""
    f, w = urlsplit(found), urlsplit(wanted)
    same = f._replace(query="", netloc=f.netloc.lower()) == w._replace(query="", netloc=w.netloc.lower())
    return same and set(parse_qsl(w.query)) <= set(parse_qsl(f.query))


def _addresses(flyer: Flyer) -> tuple[list[str], list[str], list[str]]:
    """Item addresses with a QR code, every item address, and those plus the organisation's contacts."""
    items = [i for s in flyer.sections for i in s.items]
    org = flyer.organisation
    contacts = [href(u) for u in ((org.url, org.email) if org else ()) if u]
    every = [href(i.url) for i in items]
    return [href(i.url) for i in items if i.qr], every, every + contacts


def _web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _decode(image: Any) -> list[Any]:
    import zxingcpp

    return list(zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode))  # type: ignore[arg-type]


def _read_page(page: Any, number: int, coarse: bool = False) -> _Page:
    """Render at DPI, decode the QR codes, measure the characters; every box in pixels."""
    left, _, _, top = page.get_cropbox()

    def px(box: tuple[float, float, float, float] | None) -> Box | None:
        return None if box is None else _box(box, left, top)

    image = page.render(scale=_S, grayscale=True).to_pil()
    image = image if image.mode == "L" else image.convert("L")  # pdfium's grey is "L": no copy
    text = page.get_textpage()
    count = text.count_chars()
    chars = [_box(text.get_charbox(i), left, top) for i in range(count)]
    every = text.get_text_range(0, count) if count else ""
    if len(every) != count:  # characters outside the BMP: read them one by one
        every = "".join(text.get_text_range(i, 1)[:1] or " " for i in range(count))
    chars = [
        c for c, ch in zip(chars, every, strict=True) if min(c[2] - c[0], c[3] - c[1]) > 0.5 and ch.strip()
    ]
    text.close()
    codes = _find_codes(image, number, coarse)
    media = _box(page.get_mediabox(), left, top)
    return _Page(image, media, px(page.get_trimbox(False)), px(page.get_bleedbox(False)), chars, codes)


def _located(found: Any, number: int, dx: float = 0, dy: float = 0) -> _Code:
    p = found.position
    corners = (p.top_left, p.top_right, p.bottom_left, p.bottom_right)
    xs, ys = [q.x + dx for q in corners], [q.y + dy for q in corners]
    box = (min(xs), min(ys), max(xs), max(ys))
    module = (box[2] - box[0]) / (17 + 4 * int(found.extra.get("Version", 1)))
    return _Code(number, found.text, box, module, _grow(box, 4 * module))


def _find_codes(image: Any, number: int, coarse: bool = False) -> list[_Code]:
    """The codes on a page image at DPI.

    ``coarse`` finds them on the image at half the resolution (a quarter of the pixels to search),
    then locates each at DPI by decoding its own zone; a code found coarsely but not there makes it
    search the whole page at DPI. The caller searches again at DPI when fewer codes turn up than the
    content has.
    """
    if not coarse:
        return [_located(found, number) for found in _decode(image)]
    codes = []
    for found in _decode(image.reduce(2)):
        rough = _located(found, number)
        zone = _grow(tuple(2 * v for v in rough.box), 2 * 6 * rough.module)  # type: ignore[arg-type]
        x0, y0 = max(0, round(zone[0])), max(0, round(zone[1]))
        fine = [f for f in _decode(_clip(image, zone)) if f.text == found.text]
        if not fine:
            return [_located(found, number) for found in _decode(image)]
        codes.append(_located(fine[0], number, x0, y0))
    return codes


def _box(box: tuple[float, float, float, float], left: float, top: float) -> Box:
    x0, y0, x1, y1 = box
    return ((x0 - left) * _S, (top - y1) * _S, (x1 - left) * _S, (top - y0) * _S)


def _grow(box: Box, d: float) -> Box:
    return (box[0] - d, box[1] - d, box[2] + d, box[3] + d)


def _to_mm(pixels: float) -> float:
    return pixels / _S / mm(1)


def _clip(image: Any, box: Box) -> Any:
    x0, y0, x1, y1 = (round(v) for v in box)
    return image.crop((max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1)))


def _overlap(a: Box, b: Box) -> tuple[float, float]:
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def _check(name: str, problems: list[str], figure: str) -> Check:
    return Check(name, not problems, figure, tuple(problems))


# --- QR codes (pdfium + zxing) --------------------------------------------------------------------


def _qr_urls(codes: list[_Code], flyer: Flyer | None) -> Check:
    if flyer is None:
        bad = [f"page {c.page}: {c.text!r} is not a web address" for c in codes if not _web(c.text)]
        return _check("qr-urls", bad, f"{len(codes)} codes decoded")
    wanted, _, allowed = _addresses(flyer)
    missing = [f"no QR code decodes to {w}" for w in wanted if not any(_matches(c.text, w) for c in codes)]
    unknown = [
        f"page {c.page}: code for {c.text}, not in the content"
        for c in codes
        if not any(_matches(c.text, a) for a in allowed)
    ]
    figure = f"{len(wanted) - len(missing)}/{len(wanted)} item codes, {len(codes)} decoded"
    return _check("qr-urls", missing + unknown, figure)


def _qr_quality(pages: list[_Page], min_mm: float = MIN_QR_MM) -> list[Check]:
    sizes, contrasts, size_bad, zone_bad, contrast_bad = [], [], [], [], []
    for page in pages:
        for code in page.codes:
            (x0, y0, x1, y1), (q0, q1, q2, q3), where = code.box, code.zone, f"page {code.page} {code.text}"
            sizes.append(_to_mm(min(x1 - x0, y1 - y0)))
            if sizes[-1] < min_mm:
                size_bad.append(f"{where}: {sizes[-1]:.1f} mm wide")
            m = 2  # pixels of antialiasing left out at the symbol's edge
            bands = [(q0, q1, q2, y0 - m), (q0, y1 + m, q2, q3), (q0, q1, x0 - m, q3), (x1 + m, q1, q2, q3)]
            lightest = min(_clip(page.image, b).getextrema()[0] for b in bands)
            if lightest <= LIGHT:
                zone_bad.append(f"{where}: ink in the quiet zone (grey {lightest})")
            dark, light = _clip(page.image, code.zone).getextrema()
            corner = page.image.getpixel((round(x0 + code.module / 2), round(y0 + code.module / 2)))
            contrasts.append((light - dark) / 255)
            if contrasts[-1] < MIN_CONTRAST or corner > (dark + light) / 2:
                contrast_bad.append(f"{where}: contrast {contrasts[-1]:.0%}, corner module grey {corner}")
    n = len(sizes)
    return [
        _check("qr-size", size_bad, f"smallest {min(sizes):.1f} mm (≥ {min_mm:.3g})" if n else "no code"),
        _check("qr-quiet-zone", zone_bad, f"{n - len(zone_bad)}/{n} clear (4 modules, grey > {LIGHT})"),
        _check("qr-contrast", contrast_bad, f"lowest {min(contrasts):.0%}, dark on light" if n else "-"),
    ]


def _qr_phone(pages: list[_Page]) -> Check:
    """Each code, framed alone and photographed by a phone (``flyer.verify.phone``), must still decode."""
    problems, total = [], 0
    for page in pages:
        for code in page.codes:
            total += 1
            photo = photograph(_clip(page.image, code.zone), DPI)
            if code.text not in {r.text for r in _decode(photo)}:
                problems.append(f"page {code.page}: {code.text} lost ({_to_mm(code.module):.2f} mm a module)")
    figure = (
        f"{total - len(problems)}/{total} photographed at {PHONE_DPI} dpi, tilt {TILT_DEG:g}°, "
        f"blur {BLUR_PX:g} px, {BRIGHTNESS:.0%} light, JPEG {JPEG_QUALITY}"
    )
    return _check("qr-phone", problems, figure)


# --- structure (pypdf) ----------------------------------------------------------------------------


def _links(reader: Any, flyer: Flyer | None) -> Check:
    problems, uris = [], []
    for number, page in enumerate(reader.pages, start=1):
        for annot in (a.get_object() for a in page.get("/Annots") or []):
            if annot.get("/Subtype") == "/Link":
                uris.append(uri := str((annot.get("/A") or {}).get("/URI", "")))
                if not str(annot.get("/Contents", "")).strip():
                    problems.append(f"page {number}: link to {uri!r} has no /Contents")
                if not _web(uri) and not uri.lower().startswith(("mailto:", "tel:")):
                    problems.append(f"page {number}: link without a web address ({uri!r})")
    if flyer is not None:
        _, items, allowed = _addresses(flyer)
        problems += [f"no link to {u}" for u in items if not any(_matches(f, u) for f in uris)]
        problems += [
            f"link to {u}, not in the content" for u in uris if not any(_matches(u, a) for a in allowed)
        ]
    return _check("links", problems, f"{len(uris)} links to {len(set(uris))} addresses")


def _resources(reader: Any, content: bool = True) -> Parts:
    """Resources and content of every page and of every form XObject it uses.

    Without ``content`` the content streams are left undecoded (b""): only ``no-rgb`` reads them,
    and pypdf decodes ASCII85 in Python.
    """
    out: Parts = []

    def forms(number: int, resources: Any, seen: set[int]) -> None:
        for obj in (x.get_object() for x in ((resources or {}).get("/XObject") or {}).values()):
            if id(obj) not in seen and obj.get("/Subtype") == "/Form":
                seen.add(id(obj))
                out.append((number, obj.get("/Resources"), obj.get_data() if content else b""))
                forms(number, obj.get("/Resources"), seen)

    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents() if content else None
        out.append((number, page.get("/Resources"), contents.get_data() if contents is not None else b""))
        forms(number, page.get("/Resources"), set())
    return out


def _no_rgb(parts: Parts) -> Check:
    operators, images, problems = 0, 0, []
    for number, resources, data in parts:
        if found := len(_RGB_OP.findall(data)):
            operators += found
            problems.append(f"page {number}: {found} RGB colour operator(s)")
        for name, obj in ((resources or {}).get("/XObject") or {}).items():
            if obj.get_object().get("/ColorSpace") in ("/DeviceRGB", "/CalRGB"):
                images += 1
                problems.append(f"page {number}: image {name} is RGB")
    return _check("no-rgb", problems, f"{operators} RGB colour operators, {images} RGB images")


def _fonts(parts: Parts) -> Check:
    names: dict[str, int] = {}  # font → first page where it is used unembedded (0: embedded)
    for number, resources, _ in parts:
        for font in (f.get_object() for f in ((resources or {}).get("/Font") or {}).values()):
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            files = descriptor.get_object().keys() if descriptor is not None else set()
            embedded = font.get("/Subtype") == "/Type3" or bool(
                {"/FontFile", "/FontFile2", "/FontFile3"} & set(files)
            )
            name = str(font.get("/BaseFont", font.get("/Subtype")))
            names[name] = names.get(name) or (0 if embedded else number)
    problems = [f"page {number}: {name} not embedded" for name, number in names.items() if number]
    return _check("fonts-embedded", problems, f"{len(names) - len(problems)}/{len(names)} fonts embedded")


def _mark_bleed(page: _Page) -> Box | None:
    """The box crop marks stand around: the BleedBox, or 3 mm around the TrimBox."""
    return page.bleed or (_grow(page.trim, mm(MIN_BLEED_MM) * _S) if page.trim else None)


def _corners(box: Box) -> list[tuple[float, float]]:
    return [(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]


def _mark_windows(page: _Page) -> list[Box]:
    """Where crop marks are looked for: within 12 mm of each corner of the bleed, outside it."""
    bleed = _mark_bleed(page)
    return [] if bleed is None else [_grow((x, y, x, y), mm(12) * _S) for x, y in _corners(bleed)]


def _print_boxes(reader: Any, pages: list[_Page]) -> list[Check]:
    problems, bleeds, marks, unmarked = [], [], [], 0
    for number, (page, drawn) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        if missing := [box for box in ("/TrimBox", "/BleedBox") if box not in page]:
            problems.append(f"page {number}: no {' or '.join(missing)}")
        else:
            t, b = page.trimbox, page.bleedbox
            bleeds.append(
                float(min(t.left - b.left, b.right - t.right, t.bottom - b.bottom, b.top - t.top)) / mm(1)
            )
            if bleeds[-1] < MIN_BLEED_MM - 0.01:
                problems.append(f"page {number}: bleed {bleeds[-1]:.1f} mm")
        bleed = _mark_bleed(drawn)
        if bleed is None:
            marks.append(f"page {number}: no TrimBox or BleedBox to find crop marks against")
            unmarked += 4
            continue
        for (cx, cy), window in zip(_corners(bleed), _mark_windows(drawn), strict=True):
            crop = _clip(drawn.image, window).copy()
            ox, oy = max(0, round(window[0])), max(0, round(window[1]))
            x0, y0, x1, y1 = bleed
            crop.paste(255, (round(x0 - ox), round(y0 - oy), round(x1 - ox), round(y1 - oy)))
            if crop.getextrema()[0] > 160:
                marks.append(f"page {number}: no crop mark near ({_to_mm(cx):.0f}, {_to_mm(cy):.0f}) mm")
                unmarked += 1
    figure = f"bleed {min(bleeds):.1f} mm" if bleeds else "no boxes"
    corners = 4 * len(pages)
    return [
        _check("print-boxes", problems, figure + " (TrimBox, BleedBox)"),
        _check("crop-marks", marks, f"{corners - unmarked}/{corners} corners marked outside the bleed"),
    ]


# --- text (pdfium) --------------------------------------------------------------------------------


#: How far (in line heights) a glyph may reach back over the previous one and still continue its line.
_OVERHANG = 0.15


def _lines(chars: list[Box]) -> list[Box]:
    """Group char boxes (in reading order) into line boxes: same height, moving right, no wide gap."""
    lines: list[Box] = []
    for x0, y0, x1, y1 in chars:
        cur = lines[-1] if lines else None
        if (
            cur
            and cur[1] <= (y0 + y1) / 2 <= cur[3]
            # A glyph may start a little before the previous one ends: a serif « f » or an italic
            # overhangs its advance (Source Serif's « fr » by 0.06 em); that is one line, not two.
            and cur[2] - 2 - _OVERHANG * (cur[3] - cur[1]) <= x0 <= cur[2] + 1.5 * (cur[3] - cur[1]) + 2
        ):
            lines[-1] = (min(cur[0], x0), min(cur[1], y0), max(cur[2], x1), max(cur[3], y1))
        else:
            lines.append((x0, y0, x1, y1))
    return lines


def _text(pages: list[_Page]) -> list[Check]:
    margin, overlaps, over_qr, closest = [], [], [], float("inf")
    for number, page in enumerate(pages, start=1):
        t = page.trim or page.media
        near = min(
            (_to_mm(min(c[0] - t[0], c[1] - t[1], t[2] - c[2], t[3] - c[3])) for c in page.chars),
            default=float("inf"),
        )
        closest = min(closest, near)
        if near < SAFETY_MM - 0.05:
            margin.append(f"page {number}: text {near:.1f} mm from the trim")
        lines = sorted(_lines(page.chars), key=lambda line: line[1])
        for i, a in enumerate(lines):
            for b in lines[i + 1 :]:
                if b[1] >= a[3]:
                    break  # sorted by top: no later line reaches up into this one
                w, h = _overlap(a, b)
                if w > 2 and h > 0.2 * min(a[3] - a[1], b[3] - b[1]):
                    overlaps.append(
                        f"page {number}: lines {_to_mm(a[1]):.0f} mm and {_to_mm(b[1]):.0f} mm from the top"
                    )
        for code in page.codes:
            z0, z1, z2, z3 = code.zone
            if hits := sum(c[0] < z2 and z0 < c[2] and c[1] < z3 and z1 < c[3] for c in page.chars):
                over_qr.append(f"page {number}: {hits} characters over the code for {code.text}")
    figure = f"closest {closest:.1f} mm (≥ {SAFETY_MM:g})" if closest < float("inf") else "no text"
    return [
        _check("text-safety", margin, figure),
        _check("text-overlap", overlaps, f"{len(overlaps)} overlapping line pairs"),
        _check("text-over-qr", over_qr, f"{len(over_qr)} codes under text"),
    ]


def _metadata(reader: Any, flyer: Flyer) -> Check:
    info = reader.metadata or {}
    found = {
        "Title": (str(info.get("/Title", "")), flyer.title),
        "Author": (str(info.get("/Author", "")), flyer.organisation.name if flyer.organisation else ""),
        "Lang": (str(reader.trailer["/Root"].get("/Lang", "")), flyer.lang),
    }
    problems = [f"{k} is {got!r}, expected {want!r}" for k, (got, want) in found.items() if got != want]
    return _check("metadata", problems, ", ".join(f"{k} {got!r}" for k, (got, _) in found.items()))


# --- office sheets (impose) ------------------------------------------------------------------------


def _office_plan(flyer: Flyer | None) -> Any:
    """The imposition the content's page size implies; None without content or for an unknown size."""
    from flyer.draw.impose import plan

    if flyer is None or flyer.page.size not in PAPER_SIZES_MM:
        return None
    w, h = PAPER_SIZES_MM["A4" if getattr(flyer.page, "fold", "none") != "none" else flyer.page.size]
    if flyer.page.orientation == "landscape":
        w, h = h, w
    return plan(mm(w), mm(h))


def _office(reader: Any, pages: list[_Page], flyer: Flyer | None) -> list[Check]:
    """Every copy on a sheet holds the same QR codes and the same links, inside its cell."""
    layout = _office_plan(flyer)
    if layout is None:
        return []  # like metadata: checks that compare with the content run only with --content
    tol = 1.0  # points
    code_bad, link_bad, codes, links = [], [], 0, 0
    for number, (page, drawn) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        cells = layout.cells(verso=number % 2 == 0)
        top = float(page.mediabox.top)
        per_code: list[list[str]] = [[] for _ in cells]
        per_link: list[list[str]] = [[] for _ in cells]
        for code in drawn.codes:
            x, y = (code.box[0] + code.box[2]) / 2 / _S, top - (code.box[1] + code.box[3]) / 2 / _S
            inside = [i for i, c in enumerate(cells) if c[0] <= x <= c[2] and c[1] <= y <= c[3]]
            if inside:
                per_code[inside[0]].append(code.text)
            else:
                code_bad.append(f"sheet {number}: code for {code.text} outside every copy")
        for annot in (a.get_object() for a in page.get("/Annots") or []):
            if annot.get("/Subtype") == "/Link":
                x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                uri = str((annot.get("/A") or {}).get("/URI", ""))
                inside = [
                    i
                    for i, c in enumerate(cells)
                    if c[0] - tol <= x0 and c[1] - tol <= y0 and x1 <= c[2] + tol and y1 <= c[3] + tol
                ]
                if inside:
                    per_link[inside[0]].append(uri)
                else:
                    link_bad.append(f"sheet {number}: link to {uri} not inside one copy")
        for found, bad in ((per_code, code_bad), (per_link, link_bad)):
            first = sorted(found[0])
            bad += [
                f"sheet {number}: copy {i + 1} has {len(f)}, copy 1 has {len(first)}"
                for i, f in enumerate(found)
                if sorted(f) != first
            ]
        codes += sum(map(len, per_code))
        links += sum(map(len, per_link))
    if flyer is not None and codes != (wanted := len(_addresses(flyer)[0])) * layout.copies:
        code_bad.append(f"{codes} codes decoded, expected {layout.copies} copies × {wanted}")
    copies = f"{layout.copies} cop{'ies' if layout.copies > 1 else 'y'} a sheet"
    return [
        _check("office-codes", code_bad, f"{codes} codes, {copies}"),
        _check("office-links", link_bad, f"{links} links, {copies}"),
    ]


def _named(problems: dict[str, list[str]], figures: dict[str, str]) -> list[Check]:
    """One check per named requirement of PDF/UA-1 or PDF/X-4, with its figure when it passed."""
    return [
        _check(name, found, f"{len(found)} problem(s)" if found else figures.get(name, "ok"))
        for name, found in problems.items()
    ]


def min_width_mm(distance_cm: float | None) -> float:
    """The smallest code for a scan distance: a tenth of the distance, never under 20 mm."""
    # distance / 10, in millimetres: a distance of D cm asks for D mm.
    return max(MIN_QR_MM, distance_cm) if distance_cm else MIN_QR_MM


def verify(
    pdf: bytes, flyer: Flyer | None = None, profile: Kind | None = None, distance_cm: float | None = None
) -> Report:
    """Check a written PDF; ``flyer`` enables the content checks, ``profile`` defaults to a guess.

    ``distance_cm``: how far the reader holds the phone; codes must be at least a tenth as wide.
    """
    import pypdfium2 as pdfium

    reader = _reader(pdf)
    profile = profile or guess_profile(pdf)
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise UnreadablePDF(f"pdfium cannot open it: {exc}") from None
    try:
        # Office copies may be scaled down a little to fit inside the printer's margins.
        office = _office_plan(flyer) if profile == "office" else None
        # With the content, the codes to expect are known: look for them coarsely first, and at
        # full resolution again when any is missing (the answer is then the full search's).
        expected = None if flyer is None else len(_addresses(flyer)[0]) * (office.copies if office else 1)
        # One page at a time: each is rendered, searched, then kept only as the regions checked later.
        pages = [
            _released(_read_page(page, n, coarse=bool(expected))) for n, page in enumerate(document, start=1)
        ]
        if expected and sum(len(page.codes) for page in pages) < expected:
            pages = [_released(_read_page(page, n)) for n, page in enumerate(document, start=1)]
        codes = [code for page in pages for code in page.codes]
        wanted = min_width_mm(distance_cm)
        min_mm = wanted * (office.scale if office else 0.9) if profile == "office" else wanted
        checks = [_qr_urls(codes, flyer), *_qr_quality(pages, min_mm), _qr_phone(pages)]
    finally:
        document.close()
    parts = _resources(reader, content=profile == "print")
    if profile == "screen":
        checks.append(_links(reader, flyer))
        checks += _named(*ua_report(pdf))
    elif profile == "office":
        checks += [_links(reader, flyer), *_office(reader, pages, flyer)]
    else:
        annots = sum(len(p.get("/Annots") or []) for p in reader.pages)
        no_annots = _check(
            "no-annotations", [f"{annots} annotations"] if annots else [], f"{annots} annotations"
        )
        checks += [*_print_boxes(reader, pages), _no_rgb(parts), no_annots]
        pdfx, figures, _ = pdfx_report(pdf)
        checks += _named(pdfx, figures)
    checks += [_fonts(parts), *_text(pages)]
    if flyer is not None:
        checks.append(_metadata(reader, flyer))
    return Report(profile, len(pages), tuple(checks))
