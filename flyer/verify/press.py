"""What a print shop needs: trim, bleed and crop marks where they belong, no RGB, every font embedded."""

from __future__ import annotations

import re
from typing import Any

import pikepdf

from flyer.geometry import BLEED_MM, mm
from flyer.verify.read import (
    Check,
    PageScan,
    box_corners,
    clip,
    mark_bleed,
    mark_windows,
    px_to_mm,
)

__all__ = ["Parts", "check_fonts", "check_no_rgb", "check_print_boxes", "pdf_parts"]

_RGB_OP = re.compile(rb"(?:^|\s)(?:[-+]?(?:\d+\.?\d*|\.\d+)\s+){3}(?:rg|RG)(?=\s|$)|/DeviceRGB\s+(?:cs|CS)\b")
Parts = list[tuple[int, Any, bytes]]  # page number, resources, content: of pages and form XObjects


def pdf_parts(pdf: Any, content: bool = True) -> Parts:
    """Resources and content of every page and of every form XObject it uses (``pdf`` read with pikepdf).

    Without ``content`` the content streams are left undecoded (b""): only ``no-rgb`` reads them.
    """
    out: Parts = []

    def forms(number: int, resources: Any, seen: set[tuple[int, int]]) -> None:
        for obj in ((resources or {}).get("/XObject") or {}).values():
            if obj.objgen not in seen and obj.get("/Subtype") == "/Form":
                seen.add(obj.objgen)
                out.append((number, obj.get("/Resources"), obj.read_bytes() if content else b""))
                forms(number, obj.get("/Resources"), seen)

    for number, page in enumerate(pdf.pages, start=1):
        resources = page.obj.get("/Resources")
        out.append((number, resources, _contents(page.obj.get("/Contents")) if content else b""))
        forms(number, resources, set())
    return out


def _contents(contents: Any) -> bytes:
    """A page's content decoded: one stream, or an array of them each ending a line (as readers join them)."""
    if isinstance(contents, pikepdf.Stream):
        return contents.read_bytes()
    if not isinstance(contents, pikepdf.Array):
        return b""
    data = b""
    for stream in contents:
        if isinstance(stream, pikepdf.Stream):
            data += stream.read_bytes()
        if stream is not None and not data.endswith(b"\n"):
            data += b"\n"
    return data


def _rgb_space(space: Any) -> bool:
    """Whether a colour space is RGB: by name, calibrated, an ICC profile of 3 components, indexed on one."""
    if space in ("/DeviceRGB", "/CalRGB"):
        return True
    if isinstance(space, pikepdf.Array) and len(space) >= 2:
        if space[0] == "/CalRGB":
            return True
        if space[0] == "/ICCBased":
            return bool(space[1].get("/N") == 3)
        if space[0] == "/Indexed":
            return _rgb_space(space[1])
    return False


def check_no_rgb(parts: Parts) -> Check:
    operators, images, shadings, problems = 0, 0, 0, []
    for number, resources, data in parts:
        # Every match ends in rg or RG (/DeviceRGB holds RG): without either the slow search can be skipped.
        if (b"rg" in data or b"RG" in data) and (found := len(_RGB_OP.findall(data))):
            operators += found
            problems.append(f"page {number}: {found} RGB colour operator(s)")
        resources = resources or {}
        for name, obj in (resources.get("/XObject") or {}).items():
            if obj.get("/ColorSpace") in ("/DeviceRGB", "/CalRGB"):
                images += 1
                problems.append(f"page {number}: image {name} is RGB")
        # Gradients: a shading painted by ``sh``, or one a pattern fills with.
        painted = [(name, obj) for name, obj in (resources.get("/Shading") or {}).items()]
        painted += [
            (name, obj["/Shading"])
            for name, obj in (resources.get("/Pattern") or {}).items()
            if "/Shading" in obj
        ]
        for name, shading in painted:
            if _rgb_space(shading.get("/ColorSpace")):
                shadings += 1
                problems.append(f"page {number}: gradient {name} is RGB")
    figure = f"{operators} RGB colour operators, {images} RGB images, {shadings} RGB gradients"
    return Check.of("no-rgb", problems, figure)


def check_fonts(parts: Parts) -> Check:
    names: dict[str, int] = {}  # font → first page where it is used unembedded (0: embedded)
    for number, resources, _ in parts:
        for font in ((resources or {}).get("/Font") or {}).values():
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get("/FontDescriptor")
            files = descriptor.keys() if descriptor is not None else set()
            embedded = font.get("/Subtype") == "/Type3" or bool(
                {"/FontFile", "/FontFile2", "/FontFile3"} & set(files)
            )
            name = str(font.get("/BaseFont", font.get("/Subtype")))
            names[name] = names.get(name) or (0 if embedded else number)
    problems = [f"page {number}: {name} not embedded" for name, number in names.items() if number]
    return Check.of("fonts-embedded", problems, f"{len(names) - len(problems)}/{len(names)} fonts embedded")


def check_print_boxes(pdf: Any, pages: list[PageScan]) -> list[Check]:
    problems, bleeds, marks, unmarked = [], [], [], 0
    for number, (page, drawn) in enumerate(zip(pdf.pages, pages, strict=True), start=1):
        if missing := [box for box in ("/TrimBox", "/BleedBox") if box not in page.obj]:
            problems.append(f"page {number}: no {' or '.join(missing)}")
        else:
            (t0, t1, t2, t3), (b0, b1, b2, b3) = (
                [float(v) for v in box] for box in (page.trimbox, page.bleedbox)
            )
            bleeds.append(min(t0 - b0, b2 - t2, t1 - b1, b3 - t3) / mm(1))
            if bleeds[-1] < BLEED_MM - 0.01:
                problems.append(f"page {number}: bleed {bleeds[-1]:.1f} mm")
        bleed = mark_bleed(drawn)
        if bleed is None:
            marks.append(f"page {number}: no TrimBox or BleedBox to find crop marks against")
            unmarked += 4
            continue
        for (cx, cy), window in zip(box_corners(bleed), mark_windows(drawn), strict=True):
            crop = clip(drawn.image, window).copy()
            ox, oy = max(0, round(window[0])), max(0, round(window[1]))
            x0, y0, x1, y1 = bleed
            crop.paste(255, (round(x0 - ox), round(y0 - oy), round(x1 - ox), round(y1 - oy)))
            if crop.getextrema()[0] > 160:
                marks.append(f"page {number}: no crop mark near ({px_to_mm(cx):.0f}, {px_to_mm(cy):.0f}) mm")
                unmarked += 1
    figure = f"bleed {min(bleeds):.1f} mm" if bleeds else "no boxes"
    corners = 4 * len(pages)
    return [
        Check.of("print-boxes", problems, figure + " (TrimBox, BleedBox)"),
        Check.of("crop-marks", marks, f"{corners - unmarked}/{corners} corners marked outside the bleed"),
    ]
