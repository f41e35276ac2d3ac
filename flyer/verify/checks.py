"""Read a written PDF back with other readers (pypdf, pdfium, zxing) and check what the flyer promises.

``verify`` is a pure function: PDF bytes (and the content, when known) → a ``Report`` of checks, each
passed or failed with a figure. Geometry is measured on a 300 dpi render, in pixels, y down.
"""

from __future__ import annotations

from flyer.content.model import Flyer
from flyer.verify.codes import _addresses, _links, _qr_phone, _qr_quality, _qr_urls, min_width_mm
from flyer.verify.office import _office, _office_plan
from flyer.verify.pdfua_rules import ua_report
from flyer.verify.pdfx_rules import pdfx_report
from flyer.verify.press import _fonts, _no_rgb, _print_boxes, _resources
from flyer.verify.read import (
    DPI,
    Check,
    Rendition,
    Report,
    UnreadablePDF,
    _check,
    _read_page,
    _reader,
    _released,
    guess_profile,
)
from flyer.verify.text import _metadata, _text

__all__ = ["DPI", "Check", "Rendition", "Report", "UnreadablePDF", "guess_profile", "verify"]


def _named(problems: dict[str, list[str]], figures: dict[str, str]) -> list[Check]:
    """One check per named requirement of PDF/UA-1 or PDF/X-4, with its figure when it passed."""
    return [
        _check(name, found, f"{len(found)} problem(s)" if found else figures.get(name, "ok"))
        for name, found in problems.items()
    ]


def verify(
    pdf: bytes, flyer: Flyer | None = None, profile: Rendition | None = None, distance_cm: float | None = None
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
