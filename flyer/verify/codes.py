"""The codes and links promised: every address printed as a code and a link, codes big and clean enough, a phone's photo decodes."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from flyer.content.model import Flyer
from flyer.content.urls import href
from flyer.qr import MIN_SIZE_MM
from flyer.verify.phone import BLUR_PX, BRIGHTNESS, JPEG_QUALITY, PHONE_DPI, TILT_DEG, photograph
from flyer.verify.read import (
    DPI,
    LIGHT,
    MIN_CONTRAST,
    Check,
    FoundCode,
    PageScan,
    clip,
    decode_codes,
    px_to_mm,
)

__all__ = ["addresses", "check_links", "check_qr_phone", "check_qr_quality", "check_qr_urls", "min_width_mm"]


def _matches(found: str, wanted: str) -> bool:
    """Same address, extra query parameters allowed."""
    f, w = urlsplit(found), urlsplit(wanted)
    same = f._replace(query="", netloc=f.netloc.lower()) == w._replace(query="", netloc=w.netloc.lower())
    return same and set(parse_qsl(w.query)) <= set(parse_qsl(f.query))


def addresses(flyer: Flyer) -> tuple[list[str], list[str], list[str]]:
    """Item addresses with a QR code, every item address, and those plus the organisation's contacts."""
    items = [i for s in flyer.sections for i in s.items]
    org = flyer.organisation
    contacts = [href(u) for u in ((org.url, org.email) if org else ()) if u]
    every = [href(i.url) for i in items]
    return [href(i.url) for i in items if i.qr], every, every + contacts


def _web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


# --- QR codes (pdfium + zxing) --------------------------------------------------------------------


def check_qr_urls(codes: list[FoundCode], flyer: Flyer | None) -> Check:
    if flyer is None:
        bad = [f"page {c.page}: {c.text!r} is not a web address" for c in codes if not _web(c.text)]
        return Check.of("qr-urls", bad, f"{len(codes)} codes decoded")
    wanted, _, allowed = addresses(flyer)
    missing = [f"no QR code decodes to {w}" for w in wanted if not any(_matches(c.text, w) for c in codes)]
    unknown = [
        f"page {c.page}: code for {c.text}, not in the content"
        for c in codes
        if not any(_matches(c.text, a) for a in allowed)
    ]
    figure = f"{len(wanted) - len(missing)}/{len(wanted)} item codes, {len(codes)} decoded"
    return Check.of("qr-urls", missing + unknown, figure)


def check_qr_quality(pages: list[PageScan], min_mm: float = MIN_SIZE_MM) -> list[Check]:
    sizes, contrasts, size_bad, zone_bad, contrast_bad = [], [], [], [], []
    for page in pages:
        for code in page.codes:
            (x0, y0, x1, y1), (q0, q1, q2, q3), where = code.box, code.zone, f"page {code.page} {code.text}"
            sizes.append(px_to_mm(min(x1 - x0, y1 - y0)))
            if sizes[-1] < min_mm:
                size_bad.append(f"{where}: {sizes[-1]:.1f} mm wide")
            m = 2  # pixels of antialiasing left out at the symbol's edge
            bands = [(q0, q1, q2, y0 - m), (q0, y1 + m, q2, q3), (q0, q1, x0 - m, q3), (x1 + m, q1, q2, q3)]
            lightest = min(clip(page.image, b).getextrema()[0] for b in bands)
            if lightest <= LIGHT:
                zone_bad.append(f"{where}: ink in the quiet zone (grey {lightest})")
            dark, light = clip(page.image, code.zone).getextrema()
            corner = page.image.getpixel((round(x0 + code.module / 2), round(y0 + code.module / 2)))
            contrasts.append((light - dark) / 255)
            if contrasts[-1] < MIN_CONTRAST or corner > (dark + light) / 2:
                contrast_bad.append(f"{where}: contrast {contrasts[-1]:.0%}, corner module grey {corner}")
    n = len(sizes)
    return [
        Check.of("qr-size", size_bad, f"smallest {min(sizes):.1f} mm (≥ {min_mm:.3g})" if n else "no code"),
        Check.of("qr-quiet-zone", zone_bad, f"{n - len(zone_bad)}/{n} clear (4 modules, grey > {LIGHT})"),
        Check.of("qr-contrast", contrast_bad, f"lowest {min(contrasts):.0%}, dark on light" if n else "-"),
    ]


def check_qr_phone(pages: list[PageScan]) -> Check:
    """Each code, framed alone and photographed by a phone (``flyer.verify.phone``), must still decode."""
    problems, total = [], 0
    for page in pages:
        for code in page.codes:
            total += 1
            photo = photograph(clip(page.image, code.zone), DPI)
            if code.text not in {r.text for r in decode_codes(photo)}:
                problems.append(
                    f"page {code.page}: {code.text} lost ({px_to_mm(code.module):.2f} mm a module)"
                )
    figure = (
        f"{total - len(problems)}/{total} photographed at {PHONE_DPI} dpi, tilt {TILT_DEG:g}°, "
        f"blur {BLUR_PX:g} px, {BRIGHTNESS:.0%} light, JPEG {JPEG_QUALITY}"
    )
    return Check.of("qr-phone", problems, figure)


# --- structure (pikepdf) --------------------------------------------------------------------------


def check_links(pdf: Any, flyer: Flyer | None) -> Check:
    """Every link annotation (read with pikepdf ``pdf``) to a web, mail or phone address the content holds."""
    problems, uris = [], []
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots") or []:
            if annot.get("/Subtype") == "/Link":
                uris.append(uri := str((annot.get("/A") or {}).get("/URI", "")))
                if not str(annot.get("/Contents", "")).strip():
                    problems.append(f"page {number}: link to {uri!r} has no /Contents")
                if not _web(uri) and not uri.lower().startswith(("mailto:", "tel:")):
                    problems.append(f"page {number}: link without a web address ({uri!r})")
    if flyer is not None:
        _, items, allowed = addresses(flyer)
        problems += [f"no link to {u}" for u in items if not any(_matches(f, u) for f in uris)]
        problems += [
            f"link to {u}, not in the content" for u in uris if not any(_matches(u, a) for a in allowed)
        ]
    return Check.of("links", problems, f"{len(uris)} links to {len(set(uris))} addresses")


def min_width_mm(distance_cm: float | None) -> float:
    """The smallest code for a scan distance: a tenth of the distance, never under 20 mm."""
    # distance / 10, in millimetres: a distance of D cm asks for D mm.
    return max(MIN_SIZE_MM, distance_cm) if distance_cm else MIN_SIZE_MM
