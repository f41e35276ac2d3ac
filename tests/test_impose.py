"""Office sheets: copies of the screen flyer on A4 (letter), duplex order, cut marks, links kept."""

from __future__ import annotations

import functools
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from flyer.app.build import Build, compile_flyer
from flyer.app.cli import main
from flyer.draw.impose import MARGIN_MM, impose, plan
from flyer.geometry import CUT_MARK_GAP_MM, CUT_MARK_MM, mm
from flyer.verify.checks import verify

from .pdfread import decode_pages, fonts, reader

SHORT = """\
title: Deux ressources
lang: fr
organisation:
  name: Le RAMEAU
  url: https://www.lerameau.fr/
page:
  size: {size}
  orientation: {orientation}
sections:
  - title: Comprendre
    items:
      - kind: fiche
        title: Les dynamiques d'engagement
        description: Une fiche courte.
        url: https://www.lerameau.fr/le-programme-impact/
      - kind: video
        title: Présentation de l'étude
        url: https://example.org/video
  - title: Agir
    page: 2
    items:
      - kind: site
        title: Le site
        url: https://example.org/site
"""
A4_PT = (mm(210), mm(297))
LETTER_PT = (mm(215.9), mm(279.4))
# size, orientation → copies a sheet, columns (every one of these lays out; see the report for A6/DL)
CASES = {
    ("A5", "portrait"): (2, 1),
    ("A5", "landscape"): (2, 1),
    ("A6", "portrait"): (4, 2),
    ("A6", "landscape"): (4, 2),
    ("DL", "portrait"): (3, 1),
    ("DL", "landscape"): (3, 1),
    ("letter", "portrait"): (1, 1),
}
DPI = 200


@functools.cache
def short(size: str, orientation: str) -> Build:
    raw = SHORT.format(size=size, orientation=orientation).encode()
    return compile_flyer(raw, "short.yaml", Path.cwd(), ["screen"])


@functools.cache
def office(size: str, orientation: str) -> bytes:
    built = short(size, orientation)
    return impose(built.pdfs["screen"], built.document.width, built.document.height)


def links(page: object) -> list[tuple[str, str, tuple[float, ...]]]:
    out = []
    for annot in (a.get_object() for a in page.get("/Annots") or []):  # type: ignore[attr-defined]
        if annot.get("/Subtype") == "/Link":
            rect = tuple(float(v) for v in annot["/Rect"])
            out.append((str(annot["/A"]["/URI"]), str(annot.get("/Contents", "")), rect))
    return out


def inside(rect: tuple[float, ...], box: tuple[float, ...], tol: float = 0.5) -> bool:
    return (
        box[0] - tol <= rect[0]
        and box[1] - tol <= rect[1]
        and rect[2] <= box[2] + tol
        and rect[3] <= box[3] + tol
    )


def check_sheets(screen: bytes, sheets: bytes, copies: int, sheet_size: tuple[float, float]) -> None:
    """Sheet size and count, codes and links of every copy, all inside the copy's cell."""
    flyer, out = reader(screen), reader(sheets)
    assert len(out.pages) == len(flyer.pages)
    trim = flyer.pages[0].mediabox
    layout = plan(float(trim.width), float(trim.height))
    assert layout.copies == copies
    for number, (page, sheet) in enumerate(zip(flyer.pages, out.pages, strict=True)):
        w, h = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert w == pytest.approx(sheet_size[0], abs=0.5) and h == pytest.approx(sheet_size[1], abs=0.5)
        mine = links(page)
        theirs = links(sheet)
        assert len(theirs) == copies * len(mine)
        assert all(contents.strip() for _, contents, _ in theirs)
        cells = layout.cells(verso=number % 2 == 1)
        for cell in cells:
            assert inside(cell, (0, 0, w, h))
            in_cell = sorted(uri for uri, _, rect in theirs if inside(rect, cell))
            assert in_cell == sorted(uri for uri, _, _ in mine)
    one, every = decode_pages(screen, DPI), decode_pages(sheets, DPI)
    for codes, sheet_codes in zip(one, every, strict=True):
        assert sorted(sheet_codes) == sorted(codes * copies)


def test_an_a4_flyer_is_one_copy_a_sheet_on_two_sheets(sample_build: Build) -> None:
    screen = sample_build.pdfs["screen"]
    sheets = impose(screen, sample_build.document.width, sample_build.document.height)
    assert len(reader(sheets).pages) == 2
    check_sheets(screen, sheets, 1, A4_PT)


@pytest.mark.parametrize(("size", "orientation"), list(CASES))
def test_copies_codes_and_links_of_every_copy(size: str, orientation: str) -> None:
    copies, _ = CASES[size, orientation]
    sheet = LETTER_PT if size == "letter" else A4_PT
    check_sheets(short(size, orientation).pdfs["screen"], office(size, orientation), copies, sheet)


@pytest.mark.parametrize(
    ("size", "orientation"), [("A5", "portrait"), ("A6", "portrait"), ("DL", "landscape")]
)
def test_cut_marks_in_the_margin_and_nothing_in_the_unprintable_edge(size: str, orientation: str) -> None:
    built = short(size, orientation)
    layout = plan(built.document.width, built.document.height)
    assert layout.scale < 1  # copies touching the sheet's edges are scaled into the printable area
    document = pdfium.PdfDocument(office(size, orientation))
    s = DPI / 72
    for page in document:
        image = page.render(scale=s, grayscale=True).to_pil().convert("L")
        edge = round(mm(MARGIN_MM) * s) - 1
        for band in ((0, 0, image.width, edge), (0, image.height - edge, image.width, image.height)):
            assert image.crop(band).getextrema()[0] == 255
        for band in ((0, 0, edge, image.height), (image.width - edge, 0, image.width, image.height)):
            assert image.crop(band).getextrema()[0] == 255
        x0, y0 = layout.left, layout.bottom
        x1, y1 = x0 + layout.cols * layout.cell_w, y0 + layout.rows * layout.cell_h
        near, far = mm(CUT_MARK_GAP_MM) + 1, mm(CUT_MARK_GAP_MM + CUT_MARK_MM) - 1
        windows = []  # (x0, y0, x1, y1) in points, y up: each cut line's ends, outside the block
        for c in range(layout.cols + 1):
            x = x0 + c * layout.cell_w
            windows += [(x - 1.5, y0 - far, x + 1.5, y0 - near), (x - 1.5, y1 + near, x + 1.5, y1 + far)]
        for r in range(layout.rows + 1):
            y = y0 + r * layout.cell_h
            windows += [(x0 - far, y - 1.5, x0 - near, y + 1.5), (x1 + near, y - 1.5, x1 + far, y + 1.5)]
        height = image.height / s
        for wx0, wy0, wx1, wy1 in windows:
            box = (round(wx0 * s), round((height - wy1) * s), round(wx1 * s), round((height - wy0) * s))
            assert image.crop(box).getextrema()[0] < 200, f"no cut mark at {box} px"
        assert len(windows) == 2 * (layout.cols + 1) + 2 * (layout.rows + 1)
    document.close()


def test_verso_is_behind_its_recto_after_long_edge_flip() -> None:
    """A6 landscape: 2 × 2 turned copies; the back of the top-left copy is the verso's top-right one."""
    layout = plan(mm(148), mm(105))
    assert (layout.cols, layout.rows, layout.rotate) == (2, 2, 90)
    recto, verso = layout.cells(), layout.cells(verso=True)
    assert verso[0] == recto[1] and verso[1] == recto[0]  # same row, columns swapped
    assert verso[2] == recto[3] and verso[3] == recto[2]
    # The pages' tops must meet at the same physical edge: read each code's "up" on each sheet.
    document = pdfium.PdfDocument(office("A6", "landscape"))
    ups = []
    for page in document:
        image = page.render(scale=DPI / 72, grayscale=True).to_pil()
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        assert found
        directions = set()
        for code in found:
            p = code.position
            dx, dy = p.top_left.x - p.bottom_left.x, p.top_left.y - p.bottom_left.y
            directions.add((round(dx / max(abs(dx), abs(dy))), round(dy / max(abs(dx), abs(dy)))))
        assert len(directions) == 1
        ups.append(directions.pop())
    document.close()
    assert ups[0] == (-1, 0)  # recto copies turned anticlockwise: their top points left
    assert ups[1] == (
        1,
        0,
    )  # seen through the sheet (mirrored left to right), the verso's top points left too


def test_metadata_fonts_and_byte_identical_rebuild() -> None:
    built = short("A6", "portrait")
    first = office("A6", "portrait")
    assert impose(built.pdfs["screen"], built.document.width, built.document.height) == first
    screen, sheets = reader(built.pdfs["screen"]), reader(first)
    assert sheets.metadata is not None and screen.metadata is not None
    assert sheets.metadata.title == screen.metadata.title == "Deux ressources"
    assert sheets.metadata.author == "Le RAMEAU"
    root = sheets.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert len(sheets.trailer["/ID"][0]) == 16
    assert all(font["embedded"] for font in fonts(first))


def test_verify_office_passes_and_catches_a_copy_without_links() -> None:
    import io

    import pypdf

    built = short("A6", "portrait")
    report = verify(office("A6", "portrait"), built.flyer, "office")
    assert report.passed, [(c.name, c.details) for c in report.failed]
    assert report.by_name()["office-codes"].figure.startswith("12 codes, 4 copies")  # 3 codes × 4 copies
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(office("A6", "portrait"))))
    annots = writer.pages[0]["/Annots"]
    del annots[len(annots) // 2 :]
    damaged = io.BytesIO()
    writer.write(damaged)
    failed = {c.name for c in verify(damaged.getvalue(), built.flyer, "office").failed}
    assert "office-links" in failed


def test_cli_writes_only_what_is_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "short.yaml"
    content.write_text(SHORT.format(size="A5", orientation="portrait"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(content), "--out", str(out), "--profile", "office"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["flyer-office.pdf"]
    said = capsys.readouterr().out
    assert "2 per A4 sheet, scaled to 91%" in said
    assert main(["build", str(content), "--out", str(out), "--profile", "screen,office", "--no-verify"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["flyer-office.pdf", "flyer.html", "flyer.pdf"]
    assert (
        main(["verify", str(out / "flyer-office.pdf"), "--profile", "office", "--content", str(content)]) == 0
    )
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(content), "--profile", "screen,fax"])
    assert exit_.value.code == 2
