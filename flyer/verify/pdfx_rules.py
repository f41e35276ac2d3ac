"""PDF/X-4 checks of a print rendition (ISO 15930-7), read back with pikepdf: what ``flyer verify`` reports.

No free PDF/X validator exists, so the requirements a print shop's preflight reads from the file are
written here, one named check each: version and ``GTS_PDFXVersion``, the output intent and its
profile, the metadata (XMP agreeing with Info, ids, Trapped), registration marks, and peak ink
measured from the content streams and the images' samples.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from flyer.draw.separation import MAX_INK
from flyer.draw.xmp import xmp_date
from flyer.verify.pdfopen import structure

__all__ = ["PDFX_CHECKS", "pdfx_problems", "pdfx_report", "peak_ink"]

#: The PDF/X-4 checks, in the order ``flyer verify`` prints them.
PDFX_CHECKS = ("pdfx-version", "pdfx-output-intent", "pdfx-metadata", "pdfx-registration", "pdfx-ink")
_CMYK_OPS = ("k", "K")
_COLOUR_OPS = "k K CS cs"  # all the page's colours say: the content parsed keeps only these


def pdfx_problems(pdf_bytes: bytes) -> tuple[dict[str, list[str]], float]:
    """Each PDF/X-4 check's problems (empty: passed), by check name, and the peak ink in percent."""
    problems, _, ink = pdfx_report(pdf_bytes)
    return problems, ink


def pdfx_report(pdf_bytes: bytes | pikepdf.Pdf) -> tuple[dict[str, list[str]], dict[str, str], float]:
    """Each PDF/X-4 check's problems and figure, by check name, and the peak ink in percent.

    ``pdf_bytes``: the file, or a pikepdf handle on it that the caller keeps open (and closes).
    """
    out: dict[str, list[str]] = {name: [] for name in PDFX_CHECKS}
    figures: dict[str, str] = {}
    with structure(pdf_bytes) as pdf:
        figures["pdfx-version"] = f"PDF {pdf.pdf_version}, GTS_PDFXVersion PDF/X-4"
        figures["pdfx-output-intent"] = _intent_figure(pdf)
        figures["pdfx-metadata"] = "XMP dates = Info dates, ids, Trapped, Title, /ID"
        figures["pdfx-registration"] = f"marks in /Separation /All on {len(pdf.pages)} page(s)"
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8", "replace") if "/Metadata" in pdf.Root else ""
        if float(pdf.pdf_version) < 1.6:
            out["pdfx-version"].append(f"PDF {pdf.pdf_version}, not 1.6 or later")
        if _xmp(xmp, "pdfxid:GTS_PDFXVersion") != "PDF/X-4":
            out["pdfx-version"].append("no XMP pdfxid:GTS_PDFXVersion PDF/X-4")
        info_version = pdf.trailer.get("/Info", Dictionary()).get("/GTS_PDFXVersion")
        if info_version is not None and str(info_version) != "PDF/X-4":
            out["pdfx-version"].append(f"Info /GTS_PDFXVersion {info_version} disagrees with the XMP")
        out["pdfx-output-intent"] = list(_intent(pdf))
        out["pdfx-metadata"] = list(_metadata(pdf, xmp))
        ink = 0.0
        for number, page in enumerate(pdf.pages, start=1):
            page_ink, registered, fake = _page_colours(page)
            ink = max(ink, page_ink)
            if not registered:
                out["pdfx-registration"].append(f"page {number}: marks not in /Separation /All")
            if fake:
                out["pdfx-registration"].append(f"page {number}: {fake} colour(s) of 400 % DeviceCMYK")
        if ink > MAX_INK + 0.5:
            out["pdfx-ink"].append(f"peak ink {ink:.0f} % over {MAX_INK} %")
        figures["pdfx-ink"] = f"peak ink {ink:.0f} % (≤ {MAX_INK})"
    return out, figures, ink


def peak_ink(pdf_bytes: bytes) -> float:
    """The highest total ink (C + M + Y + K, percent) any colour or image sample of the file asks for."""
    return pdfx_problems(pdf_bytes)[1]


def _xmp(xmp: str, name: str) -> str | None:
    m = re.search(rf"<{name}>([^<]*)</{name}>|{name}=\"([^\"]*)\"", xmp)
    return (m.group(1) or m.group(2) or "") if m else None


def _intent_figure(pdf: pikepdf.Pdf) -> str:
    for intent in pdf.Root.get("/OutputIntents", []):
        profile = intent.get("/DestOutputProfile")
        if intent.get("/S") == Name.GTS_PDFX and isinstance(profile, pikepdf.Stream):
            header = _icc_header(profile)
            size = (int.from_bytes(header[:4], "big") if len(header) >= 4 else 0) // 1000
            return f"{intent.get('/OutputConditionIdentifier', '?')}, {size} KB CMYK profile embedded"
    return "no output intent"


def _icc_header(profile: pikepdf.Stream) -> bytes:
    """The first 128 bytes of an embedded ICC profile (size, class, colour space), without
    inflating its megabytes when it is plainly deflated; any other filter is decoded in full."""
    if profile.get("/Filter") == Name.FlateDecode and "/DecodeParms" not in profile:
        try:
            return zlib.decompressobj().decompress(profile.read_raw_bytes(), 128)
        except zlib.error:
            pass  # let qpdf say what it makes of it
    return bytes(profile.read_bytes()[:128])


def _intent(pdf: pikepdf.Pdf) -> Iterator[str]:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        yield f"{len(intents)} /GTS_PDFX output intents, not one"
        return
    intent = intents[0]
    for key in ("/OutputConditionIdentifier", "/RegistryName", "/OutputCondition"):
        if not str(intent.get(key, "")).strip():
            yield f"no {key}"
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        yield "no DestOutputProfile (ICC profile) embedded"
        return
    header = _icc_header(profile)
    if header[12:16] != b"prtr" or header[16:20] != b"CMYK" or int(profile.get("/N", 0)) != 4:
        yield "DestOutputProfile is not a CMYK output (prtr) profile"


def _metadata(pdf: pikepdf.Pdf, xmp: str) -> Iterator[str]:
    if not xmp:
        yield "no XMP metadata"
        return
    info = pdf.trailer.get("/Info", Dictionary())
    if info.get("/Trapped") not in (Name("/False"), Name("/True")):
        yield "Info /Trapped is not /True or /False"
    if not str(info.get("/Title", "")).strip():
        yield "no Info /Title"
    if _xmp(xmp, "pdf:Trapped") not in ("True", "False"):
        yield "no XMP pdf:Trapped"
    for info_key, xmp_key in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        try:
            wanted = xmp_date(str(info.get(info_key, "")))
        except ValueError:
            yield f"no Info {info_key}"
            continue
        if _xmp(xmp, xmp_key) != wanted:
            yield f"XMP {xmp_key} is not Info {info_key} ({wanted})"
    for key in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass"):
        if not _xmp(xmp, key):
            yield f"no XMP {key}"
    if "<dc:title>" not in xmp:
        yield "no XMP dc:title"
    if "/ID" not in pdf.trailer:
        yield "no trailer /ID"


def _page_colours(page: pikepdf.Page) -> tuple[float, bool, int]:
    """Peak ink of a page, whether its marks are registration, and how many 400 % colours it sets."""
    ink, registered, fake = 0.0, False, 0
    spaces = page.obj.Resources.get("/ColorSpace", Dictionary())
    for instruction in pikepdf.parse_content_stream(page, _COLOUR_OPS):
        op = str(instruction.operator)
        operands = list(instruction.operands)
        if op in _CMYK_OPS and len(operands) == 4:
            values = [float(v) for v in operands]
            ink = max(ink, 100 * sum(values))
            fake += all(v >= 0.99 for v in values)
        elif op in ("CS", "cs") and operands:
            space = spaces.get(str(operands[0]))
            registered |= _is_registration(space)
    ink = max([ink, *(_image_ink(obj) for obj in _images(page.obj.Resources, set()))])
    return ink, registered, fake


def _is_registration(space: Any) -> bool:
    return (
        isinstance(space, pikepdf.Array)
        and len(space) >= 2
        and space[0] == Name.Separation
        and space[1] == Name.All
    )


def _images(resources: Any, seen: set[tuple[int, int]]) -> Iterator[Any]:
    for obj in resources.get("/XObject", Dictionary()).values():
        if obj.objgen in seen:
            continue
        seen.add(obj.objgen)
        if obj.get("/Subtype") == Name.Image:
            yield obj
        elif obj.get("/Subtype") == Name.Form:
            yield from _images(obj.get("/Resources", Dictionary()), seen)


def _image_ink(obj: Any) -> float:
    """Peak ink of a CMYK image's samples (0 for other images: a soft mask, a grey one)."""
    from PIL import ImageMath

    if obj.get("/ColorSpace") != Name.DeviceCMYK:
        return 0.0
    image = pikepdf.PdfImage(obj).as_pil_image()
    if image.mode != "CMYK":
        return 0.0
    c, m, y, k = (band.convert("I") for band in image.split())
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    if isinstance(total, (int, float)):  # a number only when every band is a constant
        return 100 * float(total) / 255
    return 100 * float(total.getextrema()[1]) / 255
