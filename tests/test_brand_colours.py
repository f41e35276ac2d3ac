"""Brand colours: named colours, WCAG AA contrast located with the nearest passing colour; the gazette look."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from flyer.app.build import compile_flyer
from flyer.content.brandcolours import PAIRS, colour_problems
from flyer.content.model import THEMES, load
from flyer.content.theme import BODY_AA, WHITE, below_aa, contrast, hex_paint, large_text, palette
from flyer.errors import ContentError

from .conftest import MINIMAL


def _flyer(theme: str) -> str:
    return MINIMAL + "theme:\n" + theme


def _problems(theme: str) -> list[str]:
    return [f"{p.path}: {p.message} | {p.hint}" for p in colour_problems(load(_flyer(theme)).theme)]


@pytest.mark.parametrize("name", THEMES)
def test_every_built_in_look_passes_every_pair(name: str) -> None:
    colours = palette(load(_flyer(f"  name: {name}\n")).theme)
    for fg, bg, what in PAIRS:
        a = WHITE if fg == "white" else getattr(colours, fg)
        b = WHITE if bg == "white" else getattr(colours, bg)
        assert contrast(a, b) >= BODY_AA, (name, what)


def test_one_contrast_rule_for_body_and_large_text() -> None:
    # Both contrast checks (the theme's pairs before layout, every line after it) ask this one rule.
    grey = hex_paint("#949494")  # 3.0:1 on white
    assert below_aa(grey, WHITE) == pytest.approx(contrast(grey, WHITE)) == pytest.approx(3.03, abs=0.01)
    assert below_aa(grey, WHITE, large=True) is None
    assert below_aa(hex_paint("#767676"), WHITE) is None  # 4.54:1
    assert large_text(18, bold=False) and large_text(14, bold=True)
    assert not large_text(17.9, bold=False) and not large_text(13.9, bold=True)


def test_named_colours_are_used_with_their_exact_cmyk() -> None:
    theme = load(
        _flyer(
            "  colours:\n"
            "    marine: {rgb: '#12305a', cmyk: [100, 80, 20, 30]}\n"
            "    brique: '#a8321c'\n"
            "    sable: '#d8c9a8'\n"
            "  primary: marine\n"
            "  accent: brique\n"
        )
    ).theme
    colours = palette(theme)
    assert colours.primary.cmyk == (1.0, 0.8, 0.2, 0.3)
    assert colours.accent.rgb == hex_paint("#a8321c").rgb
    assert colour_problems(theme) == []


def test_an_unknown_colour_name_is_an_error_naming_the_known_ones() -> None:
    (problem,) = _problems("  colours: {marine: '#12305a'}\n  primary: marin\n")
    assert problem.startswith("theme.primary: 'marin' is not a colour") and "(marine)" in problem


def test_low_contrast_is_located_with_the_nearest_passing_colour() -> None:
    (problem,) = _problems("  primary: '#7da0d0'\n")
    assert problem.startswith("theme.primary: #7da0d0 gives the white title")
    fix = re.search(r"nearest colour that passes is (#[0-9a-f]{6})", problem)
    assert fix, problem
    colours = palette(load(_flyer(f"  primary: '{fix.group(1)}'\n")).theme)
    assert contrast(WHITE, colours.primary) >= BODY_AA
    assert colour_problems(load(_flyer(f"  primary: '{fix.group(1)}'\n")).theme) == []
    # Nearest: a darker shade of the same blue, not black.
    assert fix.group(1) not in ("#000000", "#1d3f6e")


def test_low_contrast_accent_on_the_cards_is_an_error_in_the_build(tmp_path: Path) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(_flyer("  accent: '#ff9900'\n"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        compile_flyer(content.read_bytes(), str(content), tmp_path, [])
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("theme.accent", 8) and "WCAG AA" in problem.message


def test_gazette_sets_titles_in_source_serif(tmp_path: Path) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(_flyer("  name: gazette\n"), encoding="utf-8")
    built = compile_flyer(content.read_bytes(), str(content), tmp_path, ["print"])
    names = {
        re.sub(r"^/[A-Z]{6}\+", "", str(f.get_object()["/BaseFont"]))
        for page in PdfReader(io.BytesIO(built.pdfs["print"])).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert "SourceSerifPro-Bold" in names and "SourceSansPro-Bold" not in names
