"""A flyer (the tests' sample), built and read back with readers other than the writer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from flyer.app.build import Build
from flyer.geometry import mm

from .conftest import SAMPLE, build_sample, sample_project
from .pdfread import content_streams, decode_pages, fonts, reader

RAW = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
ITEM_URLS = {item["url"] for section in RAW["sections"] for item in section["items"]}
QR_URLS = {item["url"] for section in RAW["sections"] for item in section["items"] if item.get("qr", True)}


def test_every_qr_code_decodes_to_its_item_url(screen_pdf: bytes) -> None:
    decoded = [text for page in decode_pages(screen_pdf) for text in page]
    assert sorted(decoded) == sorted(
        item["url"] for s in RAW["sections"] for item in s["items"] if item.get("qr", True)
    )


def test_print_qr_codes_decode_too(print_pdf: bytes) -> None:
    decoded = {text for page in decode_pages(print_pdf) for text in page}
    assert decoded == QR_URLS


def test_every_item_is_linked_with_a_description(screen_pdf: bytes) -> None:
    links: dict[str, list[str]] = {}
    for page in reader(screen_pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            assert annot["/Subtype"] == "/Link"
            x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
            assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height
            links.setdefault(annot["/A"]["/URI"], []).append(str(annot.get("/Contents", "")))
    assert set(links) >= ITEM_URLS
    assert set(links) <= ITEM_URLS | {RAW["organisation"]["url"]}
    assert all(descriptions and all(d.strip() for d in descriptions) for descriptions in links.values())
    # The title and the QR code of each item both link to it.
    for url in QR_URLS:
        assert len(links[url]) >= 2


def test_screen_metadata_and_catalog(screen_pdf: bytes) -> None:
    pdf = reader(screen_pdf)
    assert pdf.metadata is not None
    assert pdf.metadata.title == RAW["title"]
    assert pdf.metadata.author == RAW["organisation"]["name"]
    assert pdf.metadata.subject
    assert pdf.metadata.get("/Keywords")
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] in (True, "true")
    assert "/OpenAction" in root


def test_screen_is_rgb_at_trim_size(screen_pdf: bytes) -> None:
    for page in reader(screen_pdf).pages:
        assert round(float(page.mediabox.width)) == round(mm(210))
        assert round(float(page.mediabox.height)) == round(mm(297))
    streams = b"\n".join(content_streams(screen_pdf))
    assert re.search(rb"\srg\b", streams)
    assert not re.search(rb"\sk\b", streams)


def test_screen_pdf_is_small(screen_pdf: bytes) -> None:
    assert len(screen_pdf) < 300 * 1024


def test_print_has_no_rgb_and_no_annotation(print_pdf: bytes) -> None:
    streams = b"\n".join(content_streams(print_pdf))
    assert not re.search(rb"(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\b", streams)
    assert b"/DeviceRGB" not in print_pdf
    assert re.search(rb"\sk\b", streams)
    for page in reader(print_pdf).pages:
        assert "/Annots" not in page


def test_print_boxes_bleed_and_crop_marks(print_pdf: bytes) -> None:
    for page in reader(print_pdf).pages:
        assert "/TrimBox" in page and "/BleedBox" in page
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        assert float(trim.width) == pytest.approx(mm(210), abs=0.01)
        assert float(trim.height) == pytest.approx(mm(297), abs=0.01)
        for side in ("left", "bottom"):
            assert float(getattr(trim, side)) - float(getattr(bleed, side)) == pytest.approx(mm(3), abs=0.01)
        for side in ("right", "top"):
            assert float(getattr(bleed, side)) - float(getattr(trim, side)) == pytest.approx(mm(3), abs=0.01)
        # Room for crop marks outside the bleed.
        assert float(bleed.left) - float(media.left) >= mm(8)
        assert float(media.top) - float(bleed.top) >= mm(8)


def test_print_background_runs_into_the_bleed(print_pdf: bytes) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(print_pdf)
    page = document[0]
    image = page.render(scale=1).to_pil().convert("RGB")
    trim = reader(print_pdf).pages[0].trimbox
    height = float(reader(print_pdf).pages[0].mediabox.height)
    # A pixel 1.5 mm outside the trim, in the title band: coloured, not white.
    x = int(float(trim.left) - mm(1.5))
    y = int(height - float(trim.top) - mm(1.5))
    assert image.getpixel((x, y)) != (255, 255, 255)
    document.close()


def test_every_font_is_embedded(screen_pdf: bytes, print_pdf: bytes) -> None:
    for data in (screen_pdf, print_pdf):
        found = fonts(data)
        assert found
        assert all(f["embedded"] for f in found), found
        assert not any("Helvetica" in str(f["name"]) for f in found)


def test_french_text_keeps_its_typography(screen_pdf: bytes, sample_build: Build) -> None:
    text = "".join(page.extract_text() for page in reader(screen_pdf).pages)
    assert "64\u202f%" in text
    assert "«\u202fjouer collectif\u202f»" in text
    assert "s’appuyer" in text
    # U+00A0 and U+0020 share a glyph, so readers extract both as a space: check the layout.
    lines = [i.text for p in sample_build.document.pages for i in p.items if hasattr(i, "text")]
    assert any("collectif\u00a0:" in line for line in lines)


def test_rebuild_is_byte_identical(sample_build: Build) -> None:
    again = build_sample(["screen", "print"])
    assert again.pdfs == sample_build.pdfs


def test_source_date_epoch_sets_the_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1637020800")  # 2021-11-16
    built = build_sample(["screen"])
    assert b"D:20211116" in built.pdfs["screen"]


def test_logo_resolves_against_the_content_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sample_project(tmp_path / "project")
    monkeypatch.chdir(tmp_path)
    from flyer.app.cli import main

    assert main(["build", "project/content.yaml", "--out", "out"]) == 0
    assert (tmp_path / "out" / "flyer.pdf").stat().st_size > 0
