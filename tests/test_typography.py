"""French typography and the line breaker."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flyer.text.typography import BOLD, NBSP, NNBSP, REGULAR, SOFT_HYPHEN, typeset, width, wrap


def test_french_spacing_rules() -> None:
    assert typeset("Vraiment ? Oui ! Ainsi ; donc : voilà", "fr") == (
        f"Vraiment{NNBSP}? Oui{NNBSP}! Ainsi{NNBSP}; donc{NBSP}: voilà"
    )
    assert typeset('le "jouer collectif"', "fr") == f"le «{NNBSP}jouer collectif{NNBSP}»"
    assert typeset("« déjà »", "fr") == f"«{NNBSP}déjà{NNBSP}»"
    assert typeset("l'étude", "fr") == "l’étude"
    assert typeset("92 %", "fr") == f"92{NNBSP}%"


def test_addresses_are_left_alone() -> None:
    text = "Voir https://example.org/a?b=c:d et contact@example.org ! Fin"
    out = typeset(text, "fr")
    assert "https://example.org/a?b=c:d" in out and "contact@example.org" in out
    assert out.endswith(f"org{NNBSP}! Fin")


def test_hours_keep_their_colon() -> None:
    assert typeset("à 14:30", "fr") == "à 14:30"


def test_english_has_no_french_spacing() -> None:
    assert typeset("Really? Yes: 'ok'", "en") == "Really? Yes: ’ok’"


words = st.text(alphabet="abcdeéèfghijklmnopqrstuvwxyzàç", min_size=1, max_size=14)
punct = st.sampled_from(["!", "?", ":", ";", "»", ""])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(words, punct), min_size=1, max_size=40), st.floats(min_value=40, max_value=300))
def test_punctuation_never_starts_a_line(pairs: list[tuple[str, str]], limit: float) -> None:
    text = typeset(" ".join(f"{w} {p}".strip() for w, p in pairs), "fr")
    lines = wrap(text, REGULAR, 9, limit, "fr")
    for line in lines[1:]:
        assert line[0] not in "!?:;»\u202f\u00a0", lines
    for line in lines:
        if " " in line:
            assert width(line, REGULAR, 9) <= limit + 0.01


def test_addresses_are_never_hyphenated() -> None:
    url = "co-constructionterritoriale.plateformecapitalisation.org/retrouver-les-grandes-etapes"
    lines = wrap(url, REGULAR, 7, 90, "fr", address=True)
    assert len(lines) > 1
    assert "".join(lines) == url


def test_long_words_are_hyphenated_in_running_text() -> None:
    lines = wrap("extraordinairement anticonstitutionnellement", REGULAR, 10, 80, "fr")
    # The added hyphen is a soft one (U+00AD): printed as « - », read back as part of the word.
    assert any(line.endswith(SOFT_HYPHEN) for line in lines[:-1])
    assert all(width(line, REGULAR, 10) <= 80 for line in lines)
    assert width(SOFT_HYPHEN, REGULAR, 10) == width("-", REGULAR, 10)


def test_balanced_title_has_no_lonely_last_word() -> None:
    lines = wrap("Les outils de la co-construction territoriale", BOLD, 30, 420, "fr", balance=True)
    assert len(lines) == 2
    assert " " in lines[-1] and " " in lines[0]
