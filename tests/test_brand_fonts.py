"""Brand fonts (theme.fonts): TrueType and CFF OpenType embedded as subsets; bad fonts located."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from flyer.app.build import Build, compile_flyer
from flyer.app.cli import main
from flyer.document import Text
from flyer.errors import ContentError

from .fonts import copy_into, dejavu, source_serif

CONTENT = """\
title: L'œuvre « co-construction » à l'écoute
subtitle: "Être là : ça marche !"
theme:
  fonts:
    regular: {regular}
    bold: {bold}
intro: "Cœur, élève, à, ç ; c'est « simple » — voilà !"
sections:
  - title: Comprendre
    items:
      - title: Les dynamiques d'engagement
        description: {description}
        url: https://example.org/engagement
footer: Imprimé par nos soins.
"""


def _write(project: Path, regular: str, bold: str, description: str = "Une fiche très concrète.") -> Path:
    content = project / "content.yaml"
    content.write_text(CONTENT.format(regular=regular, bold=bold, description=description), encoding="utf-8")
    return content


def _build(content: Path) -> Build:
    return compile_flyer(content.read_bytes(), str(content), content.parent, ["screen", "print"])


def _fonts(pdf: bytes) -> dict[str, bool]:
    """BaseFont → embedded, over every page (what pdffonts lists)."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (f.get_object() for f in page["/Resources"]["/Font"].values()):
            descriptor = (
                font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            found[str(font["/BaseFont"])] = any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found


@pytest.fixture
def dejavu_project(tmp_path: Path) -> Path:
    regular, bold = copy_into(tmp_path, dejavu("DejaVuSans.ttf"), dejavu("DejaVuSans-Bold.ttf"))
    return _write(tmp_path, regular, bold)


@pytest.fixture
def cff_project(tmp_path: Path) -> Path:
    regular, bold = copy_into(tmp_path, source_serif("Regular"), source_serif("Bold"))
    return _write(tmp_path, regular, bold)


def test_dejavu_is_the_only_font_embedded_and_subset(dejavu_project: Path) -> None:
    built = _build(dejavu_project)
    for pdf in built.pdfs.values():
        fonts = _fonts(pdf)
        assert {re.sub(r"^/[A-Z]{6}\+", "", f) for f in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}
        assert all(fonts.values()), fonts
        assert all(re.match(r"^/[A-Z]{6}\+", f) for f in fonts), "subset fonts carry a tag"
        text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert "œuvre" in text and "élève" in text and "Être" in text


def test_pdffonts_lists_only_the_brand_fonts(dejavu_project: Path, tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        if os.environ.get("CI"):
            pytest.fail("pdffonts is missing: .ci/run must install poppler-utils")
        pytest.skip("poppler-utils is not installed")
    pdf = tmp_path / "flyer-print.pdf"
    pdf.write_bytes(_build(dejavu_project).pdfs["print"])
    rows = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(rows) == 2
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+DejaVuSans(-Bold)?", name) and (emb, sub, uni) == (
            "yes",
            "yes",
            "yes",
        )


def test_cff_opentype_builds_embedded_and_extractable(cff_project: Path) -> None:
    built = _build(cff_project)
    for pdf in built.pdfs.values():
        fonts = _fonts(pdf)
        assert {re.sub(r"^/[A-Z]{6}\+", "", f) for f in fonts} == {
            "SourceSerifPro-Regular",
            "SourceSerifPro-Bold",
        }
        assert all(fonts.values())
        assert "élève" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert built.document.fonts is not None and built.document.fonts.regular.outlines == "opentype"


def test_brand_metrics_drive_measuring(cff_project: Path) -> None:
    from fontTools.ttLib import TTFont

    built = _build(cff_project)
    font = TTFont(source_serif("Regular"))
    cmap, advances, em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    fonts = built.document.fonts
    assert fonts is not None
    lines = [
        i
        for p in built.document.pages
        for i in p.items
        if isinstance(i, Text) and i.font == fonts.regular.name
    ]
    assert lines
    for line in lines:
        expected = sum(advances[cmap[ord(c)]][0] for c in line.text) * line.size / em
        assert line.width == pytest.approx(expected + line.char_space * (len(line.text) - 1), abs=0.01)


def test_brand_vertical_metrics_size_the_line_box(dejavu_project: Path) -> None:
    """Text boxes (overlap and margin checks, line spacing) use the brand font's ascent and descent."""
    from fontTools.ttLib import TTFont

    built = _build(dejavu_project)
    hhea = TTFont(dejavu("DejaVuSans.ttf"))["hhea"]
    em = TTFont(dejavu("DejaVuSans.ttf"))["head"].unitsPerEm
    lines = [i for p in built.document.pages for i in p.items if isinstance(i, Text)]
    assert lines
    for line in lines:
        assert line.ascent >= hhea.ascent / em * line.size - 0.01
        assert line.descent >= -hhea.descent / em * line.size - 0.01


def test_a_font_without_u202f_falls_back_to_a_no_break_space(cff_project: Path) -> None:
    built = _build(cff_project)
    assert any("U+202F" in w.message and w.path == "theme.fonts.regular" and w.line for w in built.warnings)
    drawn = "".join(i.text for p in built.document.pages for i in p.items if isinstance(i, Text))
    assert "\u202f" not in drawn and "\u00a0»" in drawn


def test_dejavu_keeps_the_narrow_no_break_space(dejavu_project: Path) -> None:
    built = _build(dejavu_project)
    assert not any("U+202F" in w.message for w in built.warnings)
    drawn = "".join(i.text for p in built.document.pages for i in p.items if isinstance(i, Text))
    assert "\u202f»" in drawn


def test_html_companion_inlines_the_brand_fonts(cff_project: Path) -> None:
    from flyer.draw.html import html

    built = _build(cff_project)
    page = html(built.flyer, None, built.document.fonts)
    assert page.count("@font-face") == 2 and 'format("opentype")' in page and 'font-family: "Flyer"' in page
    assert len(page) < 200_000, "subsets, not whole files"


def test_html_font_subsets_hold_the_capitals_css_makes(dejavu_project: Path) -> None:
    """Kind labels are lower case in the text and upper case on screen (text-transform): « RÈ » needs È."""
    import base64

    from fontTools.ttLib import TTFont

    from flyer.draw.html import html

    content = dejavu_project.read_text(encoding="utf-8").replace(
        "      - title: Les", "      - kind: fiche\n        title: Les"
    )
    dejavu_project.write_text(content, encoding="utf-8")
    built = _build(dejavu_project)
    page = html(built.flyer, None, built.document.fonts)
    for data in re.findall(r"base64,([A-Za-z0-9+/=]+)\"\) format", page):
        cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
        assert ord("è") in cmap and ord("È") in cmap


def _restricted(project: Path, fs_type: int) -> str:
    from fontTools.ttLib import TTFont

    font = TTFont(dejavu("DejaVuSans.ttf"))
    font["OS/2"].fsType = fs_type
    folder = project / "assets" / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    font.save(folder / "Restricted.ttf")
    return "assets/fonts/Restricted.ttf"


def _cli_fails(content: Path, capsys: pytest.CaptureFixture[str]) -> str:
    out = content.parent / "out"
    assert main(["build", str(content), "--out", str(out)]) == 1
    assert not out.exists() or not any(out.iterdir()), "nothing is written"
    return capsys.readouterr().err


def test_restricted_licence_is_refused_at_its_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bold = copy_into(tmp_path, dejavu("DejaVuSans-Bold.ttf"))[0]
    content = _write(tmp_path, _restricted(tmp_path, 0x0002), bold)
    err = _cli_fails(content, capsys)
    assert re.search(
        r"content\.yaml:5:14: error: theme\.fonts\.regular: .*restricted licence embedding", err
    ), err


def test_preview_and_print_licence_is_said(tmp_path: Path) -> None:
    bold = copy_into(tmp_path, dejavu("DejaVuSans-Bold.ttf"))[0]
    built = _build(_write(tmp_path, _restricted(tmp_path, 0x0004), bold))
    assert any("preview-and-print" in w.message and w.path == "theme.fonts.regular" for w in built.warnings)


def test_no_subsetting_licence_is_refused(tmp_path: Path) -> None:
    bold = copy_into(tmp_path, dejavu("DejaVuSans-Bold.ttf"))[0]
    with pytest.raises(ContentError, match="no subsetting"):
        _build(_write(tmp_path, _restricted(tmp_path, 0x0100), bold))


def test_a_file_that_is_not_a_font_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bold = copy_into(tmp_path, dejavu("DejaVuSans-Bold.ttf"))[0]
    (tmp_path / "assets" / "fonts" / "Fake.ttf").write_text("not a font", encoding="utf-8")
    err = _cli_fails(_write(tmp_path, "assets/fonts/Fake.ttf", bold), capsys)
    assert re.search(
        r"content\.yaml:5:14: error: theme\.fonts\.regular: 'assets/fonts/Fake\.ttf' is not a font file", err
    )


def test_every_bad_font_is_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "Fake.otf").write_bytes(b"OTTO" + bytes(64))
    err = _cli_fails(_write(tmp_path, "assets/Fake.otf", "assets/Missing.ttf"), capsys)
    assert "theme.fonts.regular" in err and "theme.fonts.bold" in err and "does not exist" in err


def test_a_font_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    bold = copy_into(project, dejavu("DejaVuSans-Bold.ttf"))[0]
    with pytest.raises(ContentError, match="outside the project folder"):
        _build(_write(project, str(dejavu("DejaVuSans.ttf")), bold))


def test_a_missing_character_is_located_at_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    regular, bold = copy_into(tmp_path, dejavu("DejaVuSans.ttf"), dejavu("DejaVuSans-Bold.ttf"))
    font = TTFont(tmp_path / regular)
    subsetter = subset.Subsetter()
    subsetter.populate(unicodes=[c for c in font.getBestCmap() if c != ord("ŵ")])
    subsetter.subset(font)
    font.save(tmp_path / "assets" / "fonts" / "NoW.ttf")
    content = _write(tmp_path, "assets/fonts/NoW.ttf", bold, description="Une fiche en gallois, Ŵ ŵ.")
    err = _cli_fails(content, capsys)
    assert re.search(
        r"content\.yaml:12:22: error: sections\[0\]\.items\[0\]\.description: the font 'assets/fonts/NoW\.ttf' has no glyph for « ŵ » \(U\+0175",
        err,
    ), err
    assert "Ŵ" not in err.split("has no glyph for", 1)[1].split("\n")[0], "the bold-free regular lacks only ŵ"


def test_a_character_of_the_flyers_own_words_is_located_at_the_font(tmp_path: Path) -> None:
    """« FICHE-REPÈRE », the kind label, is drawn in bold capitals: a bold without « È » is refused at its key."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from .conftest import MINIMAL

    regular, bold = copy_into(tmp_path, dejavu("DejaVuSans.ttf"), dejavu("DejaVuSans-Bold.ttf"))
    font = TTFont(tmp_path / bold)
    subsetter = subset.Subsetter()
    subsetter.populate(unicodes=[c for c in font.getBestCmap() if c != ord("È")])
    subsetter.subset(font)
    font.save(tmp_path / "assets" / "fonts" / "NoEGrave.ttf")
    content = tmp_path / "content.yaml"
    content.write_text(
        MINIMAL.replace("      - title:", "      - kind: fiche\n        title:")
        + f"theme:\n  fonts:\n    regular: {regular}\n    bold: assets/fonts/NoEGrave.ttf\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        _build(content)
    (problem,) = caught.value.problems
    assert problem.path == "theme.fonts.bold" and problem.line == 11
    assert "« È » (U+00C8" in problem.message and "flyer's own words" in problem.message


def test_an_address_is_checked_as_it_is_drawn_not_as_typography_would_set_it(tmp_path: Path) -> None:
    """« l'agenda » in an address keeps its straight apostrophe: a font without « ’ » draws it."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from flyer.content.model import load
    from flyer.text.brandfonts import load_brand_fonts
    from flyer.text.fontcheck import text_problems

    from .conftest import MINIMAL

    regular, bold = copy_into(tmp_path, dejavu("DejaVuSans.ttf"), dejavu("DejaVuSans-Bold.ttf"))
    for name in (regular, bold):
        font = TTFont(tmp_path / name)
        subsetter = subset.Subsetter()
        subsetter.populate(unicodes=[c for c in font.getBestCmap() if c != 0x2019])
        subsetter.subset(font)
        font.save(tmp_path / name)
    flyer = load(
        MINIMAL.replace("url: https://example.org/", "url: https://exemple.de/l'agenda").replace(
            "Une ressource", "L'agenda"
        )
        + f"theme:\n  fonts:\n    regular: {regular}\n    bold: {bold}\n"
    )
    fonts, _ = load_brand_fonts({"regular": regular, "bold": bold}, tmp_path)
    # The title's apostrophe is set as « ’ », which the font lacks; the address's stays « ' ».
    assert {p.path for p in text_problems(fonts, flyer)} == {"sections[0].items[0].title"}
