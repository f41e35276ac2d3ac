"""Balanced titles: the fast fill the balancing search uses is the greedy breaker's own answer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flyer.fontset import BOLD, REGULAR
from flyer.text.typography import SOFT_HYPHEN, _filled, _greedy, _width, is_address, register_fonts, wrap

_WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçœ«»!?:;’-", min_size=1, max_size=14),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.sampled_from([REGULAR, BOLD]), st.sampled_from([8.0, 9.5, 14.0]), st.floats(0.0, 1.0))
def test_the_fill_is_the_greedy_breakers_lines(
    words: list[str], font: str, size: float, slack: float
) -> None:
    register_fonts()
    words = [w for w in words if not is_address(w)] or ["mot"]
    widths = [_width(w, font, size) for w in words]
    total = sum(widths) + _width(" ", font, size) * (len(words) - 1)
    limit = max(widths) + slack * (total - max(widths))  # from the widest word to the whole line
    expected = _greedy(words, font, size, limit, "fr", hyphenate=False)
    assert _filled(words, widths, _width(" ", font, size), limit) == expected


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.sampled_from([REGULAR, BOLD]), st.sampled_from([8.0, 9.5, 14.0]), st.floats(0.0, 1.0))
def test_a_filled_line_is_as_wide_as_the_sum_it_was_filled_with(
    words: list[str], font: str, size: float, slack: float
) -> None:
    """The balancing search takes the fast fill's lines without measuring them again: each one,
    measured whole, is within a hair of the sum of its words and spaces, never 0.01 pt over."""
    register_fonts()
    words = [w for w in words if not is_address(w)] or ["mot"]
    widths = [_width(w, font, size) for w in words]
    space = _width(" ", font, size)
    total = sum(widths) + space * (len(words) - 1)
    limit = max(widths) + slack * (total - max(widths))
    for line in _filled(words, widths, space, limit):
        parts = line.split(" ")
        summed = sum(_width(p, font, size) for p in parts) + space * (len(parts) - 1)
        assert abs(_width(line, font, size) - summed) < 1e-6
        assert _width(line, font, size) <= limit + 0.01


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("Les outils de la co-construction territoriale pour les élus", 200.0),
        ("Les outils de la co-construction territoriale pour les élus", 250.0),
        ("Tout le programme du budget sur saint-aubin.fr/budget", 260.0),  # an address, set by the greedy
        ("Voir saint-aubin.fr/budget et mairie.fr/agenda-des-quartiers pour tout savoir", 200.0),
    ],
)
def test_a_balanced_title_takes_the_narrowest_measure_for_as_many_lines(text: str, limit: float) -> None:
    """« no lonely last word »: as many lines as the greedy breaker, none wider, a fuller last one."""
    register_fonts()
    size = 14 if "/" in text else 20
    greedy = wrap(text, BOLD, size, limit, "fr", hyphenate=False)
    balanced = wrap(text, BOLD, size, limit, "fr", hyphenate=False, balance=True)
    assert len(balanced) == len(greedy) >= 2
    assert max(_width(b, BOLD, size) for b in balanced) < max(_width(g, BOLD, size) for g in greedy)
    assert len(balanced[-1].split()) > len(greedy[-1].split())
    assert not any(line.endswith(SOFT_HYPHEN) for line in balanced)  # titles are never hyphenated


def _without_fast_fill(monkeypatch: pytest.MonkeyPatch) -> None:
    from flyer.text import typography

    monkeypatch.setattr(typography, "_filled", lambda *args: pytest.fail("the fast fill was used"))
    typography._wrap.cache_clear()


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("Tout le programme du budget sur saint-aubin.fr/budget", 260.0),
        ("Voir saint-aubin.fr/budget et mairie.fr/agenda-des-quartiers pour tout savoir", 200.0),
        ("Écrire à contact@saint-aubin.fr pour participer au budget", 220.0),
    ],
)
def test_a_title_with_an_address_is_balanced_by_the_greedy_breaker(
    text: str, limit: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An address may be broken after « / » or « . » to fill a line: never filled as a plain word."""
    from flyer.text import typography

    register_fonts()
    typography._wrap.cache_clear()
    # The first trial is at 0.7 of the measure: the address fits it, the fast fill could be taken.
    assert any(_width(w, BOLD, 14) < 0.7 * limit for w in text.split() if is_address(w))
    fast = wrap(text, BOLD, 14, limit, "fr", hyphenate=False, balance=True)
    _without_fast_fill(monkeypatch)
    assert wrap(text, BOLD, 14, limit, "fr", hyphenate=False, balance=True) == fast
    typography._wrap.cache_clear()


@pytest.mark.parametrize("limit", [90.0, 120.0, 160.0])
def test_a_balanced_title_is_never_hyphenated(limit: float) -> None:
    """Titles keep their words whole (a word wider than the line is cut, never hyphenated)."""
    register_fonts()
    text = "Anticonstitutionnellement : les coopérations intercommunales expliquées"
    lines = wrap(text, BOLD, 14, limit, "fr", hyphenate=False, balance=True)
    fitting = {w for w in text.split() if _width(w, BOLD, 14) <= limit}
    for line in lines:
        if line.endswith(SOFT_HYPHEN):
            assert not any(w.startswith(line.split()[-1].rstrip(SOFT_HYPHEN)) for w in fitting), lines
