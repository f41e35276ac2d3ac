"""The office sheets: every copy's codes and links where the imposition put them."""

from __future__ import annotations

from typing import Any

from flyer.content.model import Flyer
from flyer.geometry import PAPER_SIZES_MM, mm
from flyer.verify.codes import addresses
from flyer.verify.read import PX_PER_PT, Check, PageScan

__all__ = ["check_office", "office_plan"]

# --- office sheets (impose) ------------------------------------------------------------------------


def office_plan(flyer: Flyer | None) -> Any:
    """The imposition the content's page size implies; None without content or for an unknown size."""
    from flyer.draw.impose import plan

    if flyer is None or flyer.page.size not in PAPER_SIZES_MM:
        return None
    w, h = PAPER_SIZES_MM["A4" if getattr(flyer.page, "fold", "none") != "none" else flyer.page.size]
    if flyer.page.orientation == "landscape":
        w, h = h, w
    return plan(mm(w), mm(h))


def check_office(pdf: Any, pages: list[PageScan], flyer: Flyer | None) -> list[Check]:
    """Every copy on a sheet holds the same QR codes and the same links, inside its cell."""
    layout = office_plan(flyer)
    if layout is None:
        return []  # like metadata: checks that compare with the content run only with --content
    tol = 1.0  # points
    code_bad, link_bad, codes, links = [], [], 0, 0
    for number, (page, drawn) in enumerate(zip(pdf.pages, pages, strict=True), start=1):
        cells = layout.cells(verso=number % 2 == 0)
        top = float(page.mediabox[3])
        per_code: list[list[str]] = [[] for _ in cells]
        per_link: list[list[str]] = [[] for _ in cells]
        for code in drawn.codes:
            x, y = (
                (code.box[0] + code.box[2]) / 2 / PX_PER_PT,
                top - (code.box[1] + code.box[3]) / 2 / PX_PER_PT,
            )
            inside = [i for i, c in enumerate(cells) if c[0] <= x <= c[2] and c[1] <= y <= c[3]]
            if inside:
                per_code[inside[0]].append(code.text)
            else:
                code_bad.append(f"sheet {number}: code for {code.text} outside every copy")
        for annot in page.obj.get("/Annots") or []:
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
    if flyer is not None and codes != (wanted := len(addresses(flyer)[0])) * layout.copies:
        code_bad.append(f"{codes} codes decoded, expected {layout.copies} copies × {wanted}")
    copies = f"{layout.copies} cop{'ies' if layout.copies > 1 else 'y'} a sheet"
    return [
        Check.of("office-codes", code_bad, f"{codes} codes, {copies}"),
        Check.of("office-links", link_bad, f"{links} links, {copies}"),
    ]
