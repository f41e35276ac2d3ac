"""Read a written PDF back with other readers (pikepdf, pdfium, zxing) and check what the flyer promises.

``verify`` is a pure function: PDF bytes (and the content, when known) → a ``Report`` of checks, each
passed or failed with a figure. Geometry is measured on a 300 dpi render, in pixels, y down.
"""

from __future__ import annotations

import pikepdf
import pypdfium2 as pdfium  # here, not in verify(): forked verifications share it (see verify.read)

from flyer.content.model import Flyer
from flyer.verify.codes import (
    addresses,
    check_links,
    check_qr_phone,
    check_qr_quality,
    check_qr_urls,
    min_width_mm,
)
from flyer.verify.office import check_office, office_plan
from flyer.verify.pdfua_rules import ua_report
from flyer.verify.pdfx_rules import pdfx_report
from flyer.verify.press import check_fonts, check_no_rgb, check_print_boxes, pdf_parts
from flyer.verify.read import (
    DPI,
    Check,
    Rendition,
    Report,
    UnreadablePDF,
    guess_profile,
    pdf_reader,
    read_page,
    released,
)
from flyer.verify.text import check_metadata, check_text

__all__ = ["DPI", "Check", "Rendition", "Report", "UnreadablePDF", "guess_profile", "verify"]


def _named(problems: dict[str, list[str]], figures: dict[str, str]) -> list[Check]:
    """One check per named requirement of PDF/UA-1 or PDF/X-4, with its figure when it passed."""
    return [
        Check.of(name, found, f"{len(found)} problem(s)" if found else figures.get(name, "ok"))
        for name, found in problems.items()
    ]


def verify(
    pdf: bytes, flyer: Flyer | None = None, profile: Rendition | None = None, distance_cm: float | None = None
) -> Report:
    """Check a written PDF; ``flyer`` enables the content checks, ``profile`` defaults to a guess.

    ``distance_cm``: how far the reader holds the phone; codes must be at least a tenth as wide.
    """
    with pdf_reader(pdf) as reader:  # one pikepdf handle for every structure check
        return _verify(pdf, reader, flyer, profile or guess_profile(reader), distance_cm)


def _verify(
    pdf: bytes, reader: pikepdf.Pdf, flyer: Flyer | None, profile: Rendition, distance_cm: float | None
) -> Report:
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise UnreadablePDF(f"pdfium cannot open it: {exc}") from None
    try:
        # Office copies may be scaled down a little to fit inside the printer's margins.
        office = office_plan(flyer) if profile == "office" else None
        # With the content, the codes to expect are known: look for them coarsely first, and at
        # full resolution again when any is missing (the answer is then the full search's).
        expected = None if flyer is None else len(addresses(flyer)[0]) * (office.copies if office else 1)
        # One page at a time: each is rendered, searched, then kept only as the regions checked later.
        pages = [
            released(read_page(page, n, coarse=bool(expected))) for n, page in enumerate(document, start=1)
        ]
        if expected and sum(len(page.codes) for page in pages) < expected:
            pages = [released(read_page(page, n)) for n, page in enumerate(document, start=1)]
        codes = [code for page in pages for code in page.codes]
        wanted = min_width_mm(distance_cm)
        min_mm = wanted * (office.scale if office else 0.9) if profile == "office" else wanted
        checks = [check_qr_urls(codes, flyer), *check_qr_quality(pages, min_mm), check_qr_phone(pages)]
    finally:
        document.close()
    parts = pdf_parts(reader, content=profile == "print")
    if profile == "screen":
        checks.append(check_links(reader, flyer))
        checks += _named(*ua_report(reader))
    elif profile == "office":
        checks += [check_links(reader, flyer), *check_office(reader, pages, flyer)]
    else:
        annots = sum(len(p.obj.get("/Annots") or []) for p in reader.pages)
        no_annots = Check.of(
            "no-annotations", [f"{annots} annotations"] if annots else [], f"{annots} annotations"
        )
        checks += [*check_print_boxes(reader, pages), check_no_rgb(parts), no_annots]
        pdfx, figures, _ = pdfx_report(reader)
        checks += _named(pdfx, figures)
    checks += [check_fonts(parts), *check_text(pages)]
    if flyer is not None:
        checks.append(check_metadata(reader, flyer))
    return Report(profile, len(pages), tuple(checks))
