"""The line breaker's promises at their boundaries (mutation survivors of ``flyer.text.typography``).

Every expected value is worked out here from the fonts' own metrics (``width``, the measure the
line breaker uses) or from the rule the promise states, never read back from the breaker's output.
"""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont

from flyer.fontset import Face, FontSet, brand_name, font_path
from flyer.text.typography import (
    ASCENT,
    BOLD,
    DESCENT,
    NBSP,
    NNBSP,
    REGULAR,
    SOFT_HYPHEN,
    _greedy,
    _hyphen_points,
    line_box,
    measuring,
    typeset,
    width,
    wrap,
)

from .fonts import source_serif

# --- fitting exactly ---------------------------------------------------------------------------------


def test_a_word_exactly_as_wide_as_the_line_fits_on_it() -> None:
    limit = width("semble", REGULAR, 10)
    assert wrap("semble", REGULAR, 10, limit, "fr") == ["semble"]
    # The same after a hyphenated line: a new line starts empty, whatever the one before held.
    assert wrap("ensemble", REGULAR, 10, limit, "fr") == [f"en{SOFT_HYPHEN}", "semble"]


def test_a_hyphenated_head_exactly_as_wide_as_the_line_is_kept() -> None:
    # constitu-tion-nel-le-ment: the last point whose head (with its hyphen) fits is taken.
    head = f"constitutionnel{SOFT_HYPHEN}"
    limit = width(head, REGULAR, 10)
    assert width(f"constitutionnelle{SOFT_HYPHEN}", REGULAR, 10) > limit
    assert wrap("constitutionnellement", REGULAR, 10, limit, "fr") == [head, "lement"]


def test_the_last_piece_of_a_hyphenated_word_has_at_least_three_letters() -> None:
    # The dictionary allows pro-po-ser; « ser » has three letters, so « propo- » may end a line.
    head = f"propo{SOFT_HYPHEN}"
    limit = (width(head, REGULAR, 10) + width(f"propos{SOFT_HYPHEN}", REGULAR, 10)) / 2
    assert wrap("proposer", REGULAR, 10, limit, "fr") == [head, "ser"]


# --- cutting a word wider than the line ------------------------------------------------------------


def test_a_forced_cut_keeps_as_much_as_fits_and_the_words_order() -> None:
    word = "x" * 10  # no dictionary point: the cut is forced
    limit = width("x" * 9 + SOFT_HYPHEN, REGULAR, 10)  # nine letters and the hyphen, exactly
    assert wrap(f"{word} fin", REGULAR, 10, limit, "fr") == ["x" * 9 + SOFT_HYPHEN, "x fin"]


def test_a_forced_cut_leaves_two_letters_at_least_or_the_word_whole() -> None:
    two = "WW" + SOFT_HYPHEN
    assert wrap("WWWW", BOLD, 20, width(two, BOLD, 20), "fr") == [two, "WW"]
    # Not even two letters and the hyphen fit: the word overflows whole rather than being shredded.
    narrow = width("W" + SOFT_HYPHEN, BOLD, 20)
    assert narrow < width(two, BOLD, 20)
    assert wrap("WWW", BOLD, 20, narrow, "fr") == ["WWW"]


def test_a_forced_cut_never_starts_a_line_with_a_mark_glued_to_its_word() -> None:
    word = "Whaaaaaaaaaaat!"
    limit = width(word[:-1] + SOFT_HYPHEN, BOLD, 20)  # everything but « ! » would fit
    lines = wrap(word, BOLD, 20, limit, "en", hyphenate=False)
    # « ! » may not start the line: the cut moves one letter back, and no further.
    assert lines == [word[:-2] + SOFT_HYPHEN, "t!"]


def test_a_forced_cut_never_parts_a_no_break_space_from_its_neighbours() -> None:
    date = f"samedi{NBSP}14{NBSP}mars"
    limit = width(f"samedi{NBSP}{SOFT_HYPHEN}", REGULAR, 10)  # the widest head would end with the space
    lines = wrap(date, REGULAR, 10, limit, "fr", hyphenate=False)
    # Neither « samedi » nor « 1 » may touch the line end: the cut goes back before the « i ».
    assert lines[0] == f"samed{SOFT_HYPHEN}"
    assert "".join(line.removesuffix(SOFT_HYPHEN) for line in lines) == date
    for line in lines:
        assert not line.removesuffix(SOFT_HYPHEN).endswith(NBSP) and not line.startswith(NBSP)


def test_a_word_whose_only_cut_would_start_a_line_with_its_mark_overflows_whole() -> None:
    word = typeset("Ah !", "fr")  # « Ah », a narrow no-break space, « ! »
    limit = width("Ah" + SOFT_HYPHEN, BOLD, 20)  # only « Ah- » fits, and it would leave « ! » alone
    assert wrap(word, BOLD, 20, limit, "fr", hyphenate=False) == [word]


def test_without_hyphenation_a_word_moves_to_its_own_line_before_it_is_cut() -> None:
    lines_at = width("co-construction", REGULAR, 10) - 1
    assert width("aa co-", REGULAR, 10) <= lines_at and width("construction", REGULAR, 10) <= lines_at
    # « co-construction » would fit after « aa » only cut; on a line of its own it must still be cut
    # (it is wider than the line), and then only after its hard hyphen.
    assert wrap("aa co-construction", REGULAR, 10, lines_at, "fr", hyphenate=False) == [
        "aa",
        "co-",
        "construction",
    ]


# --- where words may be split ------------------------------------------------------------------------


def test_an_address_is_broken_only_where_both_lines_keep_four_characters() -> None:
    assert _hyphen_points("abc/defgh", "fr", True) == [4]  # « abc/ » | « defgh »
    assert _hyphen_points("ab/defgh", "fr", True) == []  # « ab/ » is a stub
    assert _hyphen_points("defgh/abcd", "fr", True) == [6]  # « abcd » left on the next line
    assert _hyphen_points("defgh/abc", "fr", True) == []  # « abc » is a stub
    assert _hyphen_points("abc.defg/hijk", "fr", True) == [4, 9]  # every separator that may


def test_a_name_in_camel_case_is_never_hyphenated_even_with_one_capital() -> None:
    assert _hyphen_points("eParticipation", "fr", False) == []
    assert _hyphen_points("participation", "fr", False)  # the same letters in lower case: yes


# --- quotes ------------------------------------------------------------------------------------------


def test_quotes_are_paired_in_order_and_an_odd_count_is_left_alone() -> None:
    q = NNBSP
    assert typeset('"un" et "deux"', "fr") == f"«{q}un{q}» et «{q}deux{q}»"
    assert typeset('"one" and "two"', "en") == "“one” and “two”"
    assert typeset('a "b" c"', "fr") == 'a "b" c"'  # three: which two go together is a guess
    assert typeset('a "b" c"', "en") == 'a "b" c"'


# --- a lonely last word ------------------------------------------------------------------------------

GUIDE = (
    "Un guide pratique pour agir ensemble sur le territoire avec les associations et les entreprises du coin"
)
VOTE = "Chaque habitant peut proposer un projet pour son quartier et voter pour ceux des autres"
STEPS = (0.97, 0.94, 0.91, 0.88, 0.85)  # 3 % narrower at a time, at most 15 %


def _widow(lines: list[str]) -> bool:
    return " " not in lines[-1] and len(lines[-1]) < 12


def _avoided(text: str, limit: float) -> list[str]:
    """The promise: the greedy lines at the widest step that keeps the line count and ends on two words."""
    words = text.split()
    greedy = _greedy(words, REGULAR, 9, limit, "fr", False)
    assert _widow(greedy)  # the situation the rule is for
    for step in STEPS:
        trial = _greedy(words, REGULAR, 9, limit * step, "fr", False)
        if len(trial) == len(greedy) and " " in trial[-1]:
            return trial
    return greedy


def test_a_lonely_last_word_is_avoided_by_the_smallest_narrowing_that_works() -> None:
    for text, limit in [
        (GUIDE, 69.1),
        (GUIDE, 71.2),
        (GUIDE, 80.3),
        (GUIDE, 138.4),
        (GUIDE, 141.9),
        (VOTE, 74.0),
    ]:
        lines = wrap(text, REGULAR, 9, limit, "fr", hyphenate=False)
        assert lines == _avoided(text, limit), (text, limit)
        assert " " in lines[-1] and all(width(line, REGULAR, 9) <= limit for line in lines)


def test_a_last_line_of_two_words_or_one_long_word_is_kept() -> None:
    # Two short words (« du coin ») are no widow; a word of 12 letters is not short.
    for text, limit, last in [
        ("Un guide pour agir ensemble avec les habitants du coin", 67.7, "du coin"),
        ("Un guide pour agir avec les habitants et les associations", 88.7, "associations"),
    ]:
        greedy = _greedy(text.split(), REGULAR, 9, limit, "fr", False)
        assert greedy[-1] == last
        assert wrap(text, REGULAR, 9, limit, "fr", hyphenate=False) == greedy


# --- fonts ---------------------------------------------------------------------------------------------


def _face(key: str, path: Path, ascent: float | None = None, descent: float | None = None) -> Face:
    data = path.read_bytes()
    with TTFont(io.BytesIO(data)) as font:
        cmap = frozenset(font.getBestCmap())
        em = font["head"].unitsPerEm
        up, down = font["hhea"].ascent / em, -font["hhea"].descent / em
    return Face(
        key,
        brand_name(key, data),
        path.name,
        data,
        "truetype",
        cmap,
        ascent=up if ascent is None else ascent,
        descent=down if descent is None else descent,
    )


def test_the_default_fonts_keep_their_line_box() -> None:
    from flyer.fontset import default_fonts

    assert line_box() == (ASCENT, DESCENT)
    with measuring(default_fonts()):
        assert line_box() == (ASCENT, DESCENT)
    # It holds the ascenders and capitals and sits inside the font's own (hhea) box.
    with TTFont(font_path(REGULAR)) as font:
        em = font["head"].unitsPerEm
        assert font["OS/2"].sCapHeight / em <= ASCENT <= font["hhea"].ascent / em
        assert 0.2 <= DESCENT <= -font["hhea"].descent / em


def test_a_brand_font_s_line_box_is_its_tallest_face_rounded_up_to_a_hundredth() -> None:
    regular = _face("regular", source_serif("Regular", "ttf"), ascent=0.9251, descent=0.2012)
    bold = _face("bold", source_serif("Bold", "ttf"), ascent=0.9105, descent=0.2481)
    with measuring(FontSet(regular, bold, brand=True)):
        assert line_box() == (0.93, 0.25)


def test_a_brand_font_without_u202f_gets_a_no_break_space_and_its_own_name() -> None:
    regular = _face("regular", source_serif("Regular", "ttf"))
    bold = _face("bold", source_serif("Bold", "ttf"))
    assert ord(NNBSP) not in regular.cmap
    with measuring(FontSet(regular, bold, brand=True)):
        assert wrap(f"Oui{NNBSP}!", REGULAR, 9, 200, "fr") == [f"Oui{NBSP}!"]
        assert width(f"Oui{NNBSP}!", REGULAR, 9) == width(f"Oui{NBSP}!", regular.name, 9)
