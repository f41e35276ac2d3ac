"""Every character of the content is checked against the fonts actually used, before layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools import subset

from flyer.content.model import load
from flyer.fontset import REGULAR, default_fonts, font_path
from flyer.text.brandfonts import load_brand_fonts
from flyer.text.drawable import unprintable

from .conftest import MINIMAL


def test_the_builtin_fonts_draw_french() -> None:
    faces = default_fonts().faces
    assert len(faces) == 3  # regular, semibold, bold: any text may be set in any of them
    assert all(face.lacking("éèàçœ«»’\u00a0\u202f€–—…ÉÈÀÇŒ") == [] for face in faces)
    assert all(face.lacking("a中b") == ["中"] for face in faces)
    assert unprintable(load(MINIMAL.replace("Un titre", '"Élus « engagés » : l’été, 92 %"'))) == []


def test_other_fonts_are_checked_when_passed(tmp_path: Path) -> None:
    """Brand fonts: the same check over whatever fonts the flyer draws with."""
    ascii_only = tmp_path / "ascii.ttf"
    options = subset.Options()
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    font = subset.load_font(str(font_path(REGULAR)), options)
    subsetter.populate(unicodes=range(0x20, 0x7F))
    subsetter.subset(font)
    subset.save_font(font, str(ascii_only), options)
    flyer = load(MINIMAL.replace("Un titre", "Été"))
    assert unprintable(flyer) == []
    fonts, _ = load_brand_fonts({"regular": ascii_only.name, "bold": ascii_only.name}, tmp_path)
    problems = unprintable(flyer, fonts)
    assert [(p.path, p.message.split(" cannot")[0]) for p in problems] == [
        ("title", "the character U+00C9 (LATIN CAPITAL LETTER E WITH ACUTE)")
    ]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("intro", "Bonjour\u200b à tous", "U+200B (ZERO WIDTH SPACE) is invisible"),
        ("intro", "Deux lignes\net une autre", None),  # a paragraph may be written on several lines
        ("footer", "Imprimé par nos soins \u2066x\u2069", "U+2066 (LEFT-TO-RIGHT ISOLATE) is a bidi control"),
        ("subtitle", "Tab\there", "U+0009 (TAB) is a line break or a tab"),
        ("intro", "co\u00adconstruction", None),  # a soft hyphen is a hyphenation point
    ],
)
def test_invisible_and_control_characters(key: str, value: str, message: str | None) -> None:
    escaped = value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    flyer = load(MINIMAL + f'{key}: "{escaped}"\n')
    problems = unprintable(flyer)
    if message is None:
        assert problems == []
    else:
        assert [p.path for p in problems] == [key] and message in problems[0].message


def test_each_theme_is_checked_against_its_own_fonts(tmp_path: Path) -> None:
    """gazette sets titles in Source Serif Pro Bold: a letter only Source Sans has is refused there."""
    from flyer.app.build import prepare
    from flyer.errors import ContentError
    from flyer.fontset import builtin_fonts

    serif_bold = builtin_fonts("gazette").bold
    assert ord("Ŋ") not in serif_bold.cmap and all(ord("Ŋ") in f.cmap for f in default_fonts().faces)
    titled = MINIMAL.replace("Un titre", "Les outils Ŋ")
    prepare(titled.encode(), "content.yaml", tmp_path)  # civic: every face has it
    with pytest.raises(ContentError) as caught:
        prepare(("theme:\n  name: gazette\n" + titled).encode(), "content.yaml", tmp_path)
    (problem,) = caught.value.problems
    assert problem.path == "title" and "U+014A" in problem.message and problem.line == 3


def test_a_typed_narrow_space_is_drawn_as_a_no_break_space_where_a_font_lacks_it(tmp_path: Path) -> None:
    from flyer.app.build import compile_flyer
    from flyer.fontset import NBSP, NNBSP, builtin_fonts

    assert builtin_fonts("gazette").nnbsp == NBSP  # the serif bold has no U+202F
    content = "theme:\n  name: gazette\n" + MINIMAL.replace("Un titre", f'"Agir{NNBSP}: ensemble"')
    built = compile_flyer(content.encode(), "content.yaml", tmp_path, ["screen"])
    texts = [i.text for page in built.document.pages for i in page.items if hasattr(i, "text")]
    assert any(f"Agir{NBSP}:" in t for t in texts) and not any(NNBSP in t for t in texts)


def test_the_call_to_action_s_own_words_are_checked_like_every_printed_text() -> None:
    flyer = load(MINIMAL + 'intro: Une introduction.\ncall_to_action: "Scannez\\u0007 un code 中"\n')
    problems = unprintable(flyer)
    assert [p.path for p in problems] == ["call_to_action"]
    assert "U+0007" in problems[0].message and "U+4E2D" in problems[0].message
    assert unprintable(load(MINIMAL + "call_to_action: true\n")) == []  # the flyer's own words
