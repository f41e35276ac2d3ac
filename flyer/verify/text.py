"""What a reader sees of the text: lines that do not overlap or leave the page, and the document's metadata."""

from __future__ import annotations

from typing import Any

from flyer.content.model import Flyer
from flyer.geometry import SAFETY_MM
from flyer.verify.read import Check, PageScan, PixelBox, overlap, px_to_mm

__all__ = ["check_metadata", "check_text"]

# --- text (pdfium) --------------------------------------------------------------------------------


#: How far (in line heights) a glyph may reach back over the previous one and still continue its line.
_OVERHANG = 0.15


def _lines(chars: list[PixelBox]) -> list[PixelBox]:
    """Group char boxes (in reading order) into line boxes: same height, moving right, no wide gap."""
    lines: list[PixelBox] = []
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


def check_text(pages: list[PageScan]) -> list[Check]:
    margin, overlaps, over_qr, closest = [], [], [], float("inf")
    for number, page in enumerate(pages, start=1):
        t = page.trim or page.media
        near = float("inf")
        if page.chars:  # the closest side of the least of each side's distances: the same number
            x0, y0, x1, y1 = zip(*page.chars, strict=True)
            near = px_to_mm(min(min(x0) - t[0], min(y0) - t[1], t[2] - max(x1), t[3] - max(y1)))
        closest = min(closest, near)
        if near < SAFETY_MM - 0.05:
            margin.append(f"page {number}: text {near:.1f} mm from the trim")
        lines = sorted(_lines(page.chars), key=lambda line: line[1])
        for i, a in enumerate(lines):
            for b in lines[i + 1 :]:
                if b[1] >= a[3]:
                    break  # sorted by top: no later line reaches up into this one
                w, h = overlap(a, b)
                if w > 2 and h > 0.2 * min(a[3] - a[1], b[3] - b[1]):
                    overlaps.append(
                        f"page {number}: lines {px_to_mm(a[1]):.0f} mm and {px_to_mm(b[1]):.0f} mm from the top"
                    )
        for code in page.codes:
            z0, z1, z2, z3 = code.zone
            if hits := sum(c[0] < z2 and z0 < c[2] and c[1] < z3 and z1 < c[3] for c in page.chars):
                over_qr.append(f"page {number}: {hits} characters over the code for {code.text}")
    figure = f"closest {closest:.1f} mm (≥ {SAFETY_MM:g})" if closest < float("inf") else "no text"
    return [
        Check.of("text-safety", margin, figure),
        Check.of("text-overlap", overlaps, f"{len(overlaps)} overlapping line pairs"),
        Check.of("text-over-qr", over_qr, f"{len(over_qr)} codes under text"),
    ]


def check_metadata(pdf: Any, flyer: Flyer) -> Check:
    """Title and Author of the Info dictionary, /Lang of the catalog (``pdf`` read with pikepdf)."""
    info = pdf.trailer.get("/Info") or {}
    found = {
        "Title": (str(info.get("/Title", "")), flyer.title),
        "Author": (str(info.get("/Author", "")), flyer.organisation.name if flyer.organisation else ""),
        "Lang": (str(pdf.Root.get("/Lang", "")), flyer.lang),
    }
    problems = [f"{k} is {got!r}, expected {want!r}" for k, (got, want) in found.items() if got != want]
    return Check.of("metadata", problems, ", ".join(f"{k} {got!r}" for k, (got, _) in found.items()))
