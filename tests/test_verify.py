"""``flyer verify``: the default flyer passes every check; each sabotage fails the check it targets."""

from __future__ import annotations

import dataclasses
import io
import json
import math
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import NameObject, TextStringObject

from flyer.app.build import Build
from flyer.document import QR, Box, Document, Paint, PlacedItem, Text
from flyer.draw.pdf import Profile, render
from flyer.geometry import Rect, mm
from flyer.verify.checks import Report, UnreadablePDF, guess_profile, verify
from flyer.verify.pdfua_rules import UA_CHECKS
from flyer.verify.pdfx_rules import PDFX_CHECKS

from .conftest import SAMPLE, sample_project

QR_CHECKS = {"qr-urls", "qr-size", "qr-quiet-zone", "qr-contrast", "qr-phone"}
TEXT_CHECKS = {"fonts-embedded", "text-safety", "text-overlap", "text-over-qr", "metadata"}
SCREEN = QR_CHECKS | {"links"} | TEXT_CHECKS | set(UA_CHECKS)
PRINT = QR_CHECKS | {"print-boxes", "crop-marks", "no-rgb", "no-annotations"} | TEXT_CHECKS | set(PDFX_CHECKS)
BLACK = Paint((0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 1.0))
WHITE = Paint((1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0))


def failed(report: Report) -> set[str]:
    return {c.name for c in report.failed}


def edited(build: Build, change: Callable[[list[PlacedItem]], None], profile: Profile = "screen") -> bytes:
    """Render the document after ``change`` edits the items of its first page."""
    doc: Document = build.document
    items = list(doc.pages[0].items)
    change(items)
    first = dataclasses.replace(doc.pages[0], items=tuple(items))
    return render(dataclasses.replace(doc, pages=(first, *doc.pages[1:])), profile)


def rewritten(pdf: bytes, change: Callable[[pypdf.PdfWriter], None]) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    # pypdf's clone writes %PDF-1.3 whatever the source says: keep the version, change only ``change``.
    writer.pdf_header = pypdf.PdfReader(io.BytesIO(pdf)).pdf_header
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def first(items: list[PlacedItem], kind: type) -> int:
    return next(i for i, item in enumerate(items) if isinstance(item, kind))


@pytest.fixture(scope="module")
def reports(showcase_build: Build) -> dict[str, Report]:
    """The showcase's renditions verified: the default flyer passes every check."""
    return {p: verify(showcase_build.pdfs[p], showcase_build.flyer) for p in ("screen", "print")}


@pytest.mark.parametrize(("profile", "names"), [("screen", SCREEN), ("print", PRINT)])
def test_default_flyer_passes_every_check(reports: dict[str, Report], profile: str, names: set[str]) -> None:
    report = reports[profile]
    assert report.profile == profile  # guessed from the TrimBox
    assert {c.name for c in report.checks} == names
    assert report.passed, report.failed
    assert all(c.figure for c in report.checks)


def test_without_content_the_content_checks_are_left_out(screen_pdf: bytes) -> None:
    report = verify(screen_pdf, None, "screen")
    assert report.passed and "metadata" not in report.by_name()
    assert guess_profile(screen_pdf) == "screen"


def test_metadata_must_match_the_content(screen_pdf: bytes, sample_build: Build) -> None:
    other = dataclasses.replace(sample_build.flyer, title="Un autre titre")
    assert failed(verify(screen_pdf, other)) == {"metadata"}


def test_retargeted_link_fails_links(screen_pdf: bytes, sample_build: Build) -> None:
    def change(writer: pypdf.PdfWriter) -> None:
        annot = writer.pages[0]["/Annots"][0].get_object()
        annot["/A"][NameObject("/URI")] = TextStringObject("https://phishing.example/")

    report = verify(rewritten(screen_pdf, change), sample_build.flyer)
    assert failed(report) == {"links"}
    assert any("phishing.example" in d for d in report.by_name()["links"].details)


def test_removed_links_fail_links(screen_pdf: bytes, sample_build: Build) -> None:
    def change(writer: pypdf.PdfWriter) -> None:
        for page in writer.pages:
            del page[NameObject("/Annots")]

    assert failed(verify(rewritten(screen_pdf, change), sample_build.flyer)) == {"links"}


def test_covered_qr_code_fails_qr_urls(sample_build: Build) -> None:
    url = ""

    def change(items: list[PlacedItem]) -> None:
        nonlocal url
        qr = items[first(items, QR)]
        assert isinstance(qr, QR)
        url = qr.url
        items.append(Box(qr.tile, WHITE))

    report = verify(edited(sample_build, change), sample_build.flyer)
    assert failed(report) == {"qr-urls"}
    assert report.by_name()["qr-urls"].details == (f"no QR code decodes to {url}",)


def test_small_qr_code_fails_qr_size(sample_build: Build) -> None:
    def change(items: list[PlacedItem]) -> None:
        i = first(items, QR)
        qr = items[i]
        assert isinstance(qr, QR)
        size = mm(12)
        rect = Rect(qr.rect.x, qr.rect.y, size, size)
        items[i] = dataclasses.replace(qr, rect=rect, quiet=4 * size / qr.symbol.modules)

    report = verify(edited(sample_build, change), sample_build.flyer)
    assert "qr-size" in failed(report)
    assert failed(report) <= {"qr-size", "qr-phone"}
    assert "12.0 mm" in report.by_name()["qr-size"].figure


def test_ink_in_the_quiet_zone_fails(sample_build: Build) -> None:
    def change(items: list[PlacedItem]) -> None:
        qr = items[first(items, QR)]
        assert isinstance(qr, QR)
        m = qr.module
        items.append(Box(Rect(qr.rect.x - 2.5 * m, qr.rect.y + qr.rect.h / 2, m, m), BLACK))

    assert failed(verify(edited(sample_build, change), sample_build.flyer)) == {"qr-quiet-zone"}


def test_unembedded_font_fails(sample_build: Build) -> None:
    def change(items: list[PlacedItem]) -> None:
        i = first(items, Text)
        items[i] = dataclasses.replace(items[i], font="Helvetica")

    report = verify(edited(sample_build, change), sample_build.flyer)
    assert failed(report) == {"fonts-embedded"}
    assert "Helvetica" in report.by_name()["fonts-embedded"].details[0]


def test_overlapping_text_fails(sample_build: Build) -> None:
    def change(items: list[PlacedItem]) -> None:
        text = next(t for t in items if isinstance(t, Text) and t.size < 10 and len(t.text) > 20)
        items.append(dataclasses.replace(text, y=text.y + text.size / 2))

    assert failed(verify(edited(sample_build, change), sample_build.flyer)) == {"text-overlap"}


def test_text_in_the_safety_margin_and_over_a_code_fails(sample_build: Build) -> None:
    def change(items: list[PlacedItem]) -> None:
        text = next(t for t in items if isinstance(t, Text) and len(t.text) > 5)
        qr = items[first(items, QR)]
        assert isinstance(qr, QR)
        items.append(dataclasses.replace(text, x=mm(2), y=mm(150), text="Bord"))
        items.append(dataclasses.replace(text, x=qr.tile.x + 1, y=qr.tile.y + 2, text="ab"))

    report = verify(edited(sample_build, change), sample_build.flyer)
    assert {"text-safety", "text-over-qr"} <= failed(report)
    assert failed(report) <= {"text-safety", "text-over-qr", "qr-urls", "qr-quiet-zone"}


def test_print_without_trim_box_fails_print_boxes(print_pdf: bytes, sample_build: Build) -> None:
    def change(writer: pypdf.PdfWriter) -> None:
        for page in writer.pages:
            del page[NameObject("/TrimBox")]

    report = verify(rewritten(print_pdf, change), sample_build.flyer, "print")
    assert failed(report) == {"print-boxes"}


def test_rgb_in_the_print_file_fails_no_rgb(print_pdf: bytes, sample_build: Build) -> None:
    def change(writer: pypdf.PdfWriter) -> None:
        page = writer.pages[0]
        contents = page.get_contents()
        assert contents is not None
        contents.set_data(contents.get_data() + b"\n1 0 0 rg\n")
        page.replace_contents(contents)

    report = verify(rewritten(print_pdf, change), sample_build.flyer)
    assert failed(report) == {"no-rgb"}


def test_screen_file_checked_as_print_fails_the_print_checks(screen_pdf: bytes) -> None:
    assert {"print-boxes", "no-rgb", "no-annotations"} <= failed(verify(screen_pdf, None, "print"))


def test_not_a_pdf_is_unreadable() -> None:
    with pytest.raises(UnreadablePDF):
        verify(b"hello, not a pdf")


# --- command line ---------------------------------------------------------------------------------


def test_cli_verify_exit_codes_and_json(
    tmp_path: Path, screen_pdf: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    from flyer.app.cli import main

    pdf = tmp_path / "flyer.pdf"
    pdf.write_bytes(screen_pdf)
    report = tmp_path / "report.json"
    content = sample_project(tmp_path / "project")
    assert main(["verify", str(pdf), "--content", str(content), "--json", str(report)]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "links" in out and "FAIL" not in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["passed"] and data["profile"] == "screen"
    assert {c["name"] for c in data["checks"]} == SCREEN
    assert main(["verify", str(pdf), "--profile", "print"]) == 1
    assert "FAIL" in capsys.readouterr().out
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    assert main(["verify", str(tmp_path / "bad.pdf")]) == 2
    assert main(["verify", str(tmp_path / "missing.pdf")]) == 2


def test_build_refuses_to_write_a_failing_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import flyer.verify.checks
    from flyer.app.cli import main

    bad = Report("screen", 1, (flyer.verify.checks.Check("links", False, "0 links", ("no link to x",)),))
    monkeypatch.setattr(flyer.verify.checks, "verify", lambda *args, **kwargs: bad)
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "--out", str(out), "--profile", "screen"]) == 1
    err = capsys.readouterr().err
    assert "links" in err and "no link to x" in err
    assert not out.exists()
    assert main(["build", str(SAMPLE), "--out", str(out), "--profile", "screen", "--no-verify"]) == 0
    assert (out / "flyer.pdf").exists()


def test_a_scan_distance_raises_the_minimum_code_width(screen_pdf: bytes) -> None:
    from flyer.verify.checks import min_width_mm, verify

    assert min_width_mm(None) == 20 and min_width_mm(15) == 20 and min_width_mm(40) == 40
    near = {c.name: c.passed for c in verify(screen_pdf, None, "screen", distance_cm=20).checks}
    far = {c.name: c.passed for c in verify(screen_pdf, None, "screen", distance_cm=60).checks}
    assert near["qr-size"] and not far["qr-size"]


def test_an_overhanging_glyph_continues_its_line_but_overlapping_text_does_not() -> None:
    from flyer.verify.text import _lines

    # Serif « fr »: the f's box reaches 2.1 px past where the r starts (25 px high line).
    f, r = (0.0, 0.0, 12.1, 25.0), (10.0, 5.0, 20.0, 25.0)
    assert len(_lines([f, r])) == 1
    # A second text drawn from the first one's middle: two lines, which the overlap check catches.
    assert len(_lines([(0.0, 0.0, 60.0, 25.0), (30.0, 0.0, 90.0, 25.0)])) == 2


def test_codes_found_coarsely_are_located_as_the_full_search_locates_them(screen_pdf: bytes) -> None:
    import pypdfium2 as pdfium
    from PIL import ImageChops

    from flyer.verify.read import read_page

    document = pdfium.PdfDocument(screen_pdf)
    for number, page in enumerate(document, start=1):
        full = read_page(page, number)
        coarse = read_page(page, number, coarse=True)
        assert coarse.image.__class__ is not full.image.__class__  # the page was never rendered whole
        by_text = sorted(coarse.codes, key=lambda c: c.text), sorted(full.codes, key=lambda c: c.text)
        assert [c.text for c in by_text[0]] == [c.text for c in by_text[1]] and full.codes
        for a, b in zip(*by_text, strict=True):
            assert max(abs(p - q) for p, q in zip(a.box, b.box, strict=True)) <= 1.0
            # Each zone rendered on its own has the pixels of the page rendered whole, on the same
            # grid (pdfium's anti-aliasing of a clipped render may round an edge one grey level apart).
            box = tuple(round(v) for v in a.zone)
            _darkest, lightest = ImageChops.difference(
                coarse.image.crop(box), full.image.crop(box)
            ).getextrema()
            assert lightest <= 1
    document.close()


@pytest.mark.parametrize("page", ["{size: A4, max_pages: 1}", "{size: A6, max_pages: 2}"])
def test_the_coarse_search_finds_the_largest_and_smallest_codes_a_page_holds(page: str) -> None:
    # It skips zxing's passes on downscaled copies: a lone resource on A4 has the largest modules.
    import pypdfium2 as pdfium

    from flyer.verify.read import _coarse_codes, read_page

    from .conftest import build_sample
    from .generated import content

    count = 1 if "A4" in page else 4
    built = build_sample(["screen"], content(page, count, sections=1))
    document = pdfium.PdfDocument(built.pdfs["screen"])
    found = []
    for number, pdf_page in enumerate(document, start=1):
        width, height = pdf_page.get_size()
        codes = _coarse_codes(pdf_page, number, (math.ceil(width * 300 / 72), math.ceil(height * 300 / 72)))
        assert codes is not None  # each found again on its zone
        found += [c.text for c in codes]
        assert sorted(c.text for c in read_page(pdf_page, number).codes) == sorted(c.text for c in codes)
    document.close()
    assert sorted(found) == [f"https://www.saint-aubin.fr/r/{n}" for n in range(count)]


def test_a_code_missed_coarsely_is_searched_at_full_resolution(
    screen_pdf: bytes, sample_build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flyer.verify.read

    expected = verify(screen_pdf, sample_build.flyer)
    calls: list[int] = []

    def blind(page: object, number: int, size: tuple[int, int]) -> None:
        calls.append(number)
        return None  # as when a code seen at half resolution is not found again on its zone

    monkeypatch.setattr(flyer.verify.read, "_coarse_codes", blind)
    report = verify(screen_pdf, sample_build.flyer)
    assert calls and report.passed, report.failed
    assert report == expected


def test_pages_are_read_one_at_a_time_and_released(
    screen_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long file is verified in bounded memory: a page's full image is gone before the next is read."""
    import gc
    import weakref

    import flyer.verify.checks

    real = flyer.verify.checks.read_page
    images: list[weakref.ref[object]] = []

    def tracked(page: object, number: int, coarse: bool = False) -> object:
        gc.collect()
        assert all(ref() is None for ref in images), "an earlier page's image is still held"
        read = real(page, number, coarse)
        images.append(weakref.ref(read.image))
        return read

    monkeypatch.setattr(flyer.verify.checks, "read_page", tracked)
    report = verify(screen_pdf)
    assert report.passed, report.failed
    assert len(images) == report.pages == 2


def test_a_region_off_the_page_is_an_empty_image(screen_pdf: bytes) -> None:
    """A BleedBox past the page edge leaves a crop-mark window of no pixels: nothing to render."""
    import math

    import pypdfium2 as pdfium

    from flyer.verify.read import PX_PER_PT, _render

    document = pdfium.PdfDocument(screen_pdf)
    page = document[0]
    width, height = page.get_size()
    size = (math.ceil(width * PX_PER_PT), math.ceil(height * PX_PER_PT))
    assert _render(page, (size[0], 10, size[0], 40), size).size == (0, 30)
    assert _render(page, (5, 5, 25, 15), size).size == (20, 10)
    document.close()
