"""Balanced titles: the fast fill the balancing search uses is the greedy breaker's own answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flyer.fontset import BOLD, REGULAR
from flyer.text.typography import _filled, _greedy, _width, is_address, register_fonts, wrap

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


def test_a_balanced_title_takes_the_narrowest_measure_for_as_many_lines() -> None:
    """« no lonely last word »: as many lines as the greedy breaker, none wider, a fuller last one."""
    register_fonts()
    text = "Les outils de la co-construction territoriale pour les élus"
    for limit in (200.0, 250.0):
        greedy = wrap(text, BOLD, 20, limit, "fr", hyphenate=False)
        balanced = wrap(text, BOLD, 20, limit, "fr", hyphenate=False, balance=True)
        assert len(balanced) == len(greedy) >= 3 and " ".join(balanced) == text
        assert max(_width(b, BOLD, 20) for b in balanced) < max(_width(g, BOLD, 20) for g in greedy)
        assert len(balanced[-1].split()) > len(greedy[-1].split())
