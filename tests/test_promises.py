"""Promises the README makes that a single changed line of the code would break (mutation survivors)."""

from __future__ import annotations

import pytest

from flyer.content.model import load
from flyer.content.urls import MAX_LENGTH, check_web_url, idna_host
from flyer.errors import ContentError
from flyer.text.typography import REGULAR, SOFT_HYPHEN, _actual, _greedy, typeset, width, wrap

from .conftest import MINIMAL

# --- typography ------------------------------------------------------------------------------------


def test_an_address_inside_running_text_is_never_hyphenated() -> None:
    address = "https://www.example.org/ressources/documentation-complete"
    text = f"Toute la documentation est en ligne sur {address} depuis cette année"
    lines = wrap(text, REGULAR, 9, 90, "fr")
    assert len(lines) > 2
    joined = " ".join(lines)
    shown = joined[joined.index("https://") : joined.index(" depuis")]
    assert " " in shown  # the address is broken across lines…
    assert SOFT_HYPHEN not in shown  # …never hyphenated…
    assert shown.replace(" ", "") == address  # …and nothing is added or lost
    assert all(piece[-1] in "/.?&=-_" for piece in shown.split(" ")[:-1])  # broken after « / », « . »…


def test_english_quotes_are_curly_and_apostrophes_too() -> None:
    assert typeset('She said "hello" and it\'s done...', "en") == "She said “hello” and it’s done…"
    # An odd number of straight quotes is left alone: pairing them would guess.
    assert typeset('a 12" record', "en") == 'a 12" record'


def test_a_word_wider_than_the_line_is_cut_with_a_hyphen_and_nothing_is_lost() -> None:
    word = "x" * 40  # no dictionary break: the cut is forced
    lines = wrap(word, REGULAR, 10, 60, "fr")
    assert len(lines) > 1
    assert all(line.endswith(SOFT_HYPHEN) for line in lines[:-1])
    assert all(width(line, REGULAR, 10) <= 60 for line in lines)
    assert "".join(line.removesuffix(SOFT_HYPHEN) for line in lines) == word
    # Each piece but the last is as long as the line allows: one more letter would not fit.
    for line in lines[:-1]:
        assert width(line.removesuffix(SOFT_HYPHEN) + "x" + SOFT_HYPHEN, REGULAR, 10) > 60


def test_a_word_wider_than_the_line_is_cut_without_hyphenation_too() -> None:
    lines = wrap("y" * 30, REGULAR, 10, 50, "fr", hyphenate=False)
    assert len(lines) > 1 and all(line.endswith(SOFT_HYPHEN) for line in lines[:-1])
    assert "".join(line.removesuffix(SOFT_HYPHEN) for line in lines) == "y" * 30


def test_a_lonely_last_word_is_avoided_when_a_narrower_break_costs_no_line() -> None:
    text = "Un guide pratique pour agir ensemble sur le territoire avec les associations et les entreprises du coin"
    plain, font = _actual(text, REGULAR)
    greedy = _greedy(plain.split(), font, 9, 80, "fr", True)
    assert " " not in greedy[-1]  # the situation the rule is for
    lines = wrap(text, REGULAR, 9, 80, "fr")
    assert len(lines) == len(greedy) and " " in lines[-1]
    assert all(width(line, REGULAR, 9) <= 80 for line in lines)


# --- addresses -------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["url", "email"])
@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/"])
def test_the_organisation_s_contact_addresses_are_checked(key: str, address: str) -> None:
    content = MINIMAL + f"organisation:\n  name: Une association\n  {key}: '{address}'\n"
    with pytest.raises(ContentError) as caught:
        load(content)
    assert [p.path for p in caught.value.problems] == [f"organisation.{key}"]


def test_an_address_of_exactly_the_length_limit_is_accepted_and_one_more_is_not() -> None:
    start = "https://example.org/"
    assert check_web_url(start + "a" * (MAX_LENGTH - len(start))) is None
    reason = check_web_url(start + "a" * (MAX_LENGTH + 1 - len(start)))
    assert reason is not None and f"{MAX_LENGTH + 1} characters" in reason
    assert MAX_LENGTH == 1000


def test_a_host_label_may_have_63_characters_not_64() -> None:
    assert idna_host(f"bücher.{'a' * 63}.org") == f"xn--bcher-kva.{'a' * 63}.org"
    with pytest.raises(UnicodeError):
        idna_host(f"bücher.{'a' * 64}.org")


def test_a_host_name_may_have_253_characters_not_254() -> None:
    def host(last: int) -> str:
        return ".".join(["bücher", "a" * 63, "b" * 63, "c" * 63, "d" * last])

    assert len(idna_host(host(47))) == 253  # xn--bcher-kva (13) + 3 × 64 + 48
    with pytest.raises(UnicodeError):
        idna_host(host(48))


def test_an_address_s_own_parameter_wins_even_when_blank() -> None:
    from flyer.content.tracking import tracked

    got = tracked("https://example.org/?utm_source=", {"utm_source": "flyer"}, "qr")
    assert got == "https://example.org/?utm_source=&utm_medium=qr"


def test_each_wrong_address_gets_its_own_reason() -> None:
    from flyer.content.urls import check_contact_url

    absolute = "is not an absolute address (it must start with https://)"
    assert check_web_url("www.example.org/page") == absolute
    assert check_web_url("www:example.org") == absolute
    assert check_web_url("ftp://example.org/") == (
        "uses the 'ftp:' scheme; only http:// and https:// addresses are allowed"
    )
    no_host = "has no valid host name after https://"
    assert check_web_url("https://localhost/") == no_host
    assert check_web_url("https://example..org/") == no_host
    reason = check_web_url("https://a@b@evil.example/")
    assert reason is not None and "it opens 'evil.example'" in reason
    assert check_contact_url("mailto:not-an-address") == "is not a valid mailto: address"
    assert check_contact_url("mailto:contact@example.org") is None
    assert check_contact_url("mailto:a\u200b@example.org") == check_web_url("https://a\u200b.example.org/")


def test_the_printed_address_decodes_letters_only() -> None:
    from flyer.content.urls import short_address

    assert short_address("https://www.example.org/caf%C3%A9/") == "example.org/café"
    # An invisible or blank character stays escaped: the reader must see that something is there.
    assert short_address("https://example.org/a%E2%80%8Bb") == "example.org/a%E2%80%8Bb"
    assert short_address("https://example.org/a%C2%A0b") == "example.org/a%C2%A0b"
    assert short_address("https://example.org/p?utm_source=x&id=3") == "example.org/p?id=3"
    assert short_address("mailto:contact@example.org") == "contact@example.org"
    assert short_address("mailto:contact@example.org?subject=a:b") == "contact@example.org?subject=a:b"


def test_running_text_is_hyphenated_and_unbalanced_by_default() -> None:
    text = "Les collectivités territoriales construisent ensemble"
    lines = wrap(text, REGULAR, 9, 65, "fr")
    assert lines[-2:] == [f"construisent en{SOFT_HYPHEN}", "semble"]
    assert wrap(text, REGULAR, 9, 65, "fr", hyphenate=False)[-2:] == ["construisent", "ensemble"]
    # Balancing is for titles: running text keeps the greedy lines (full, then the rest).
    text = "Un guide pour agir ensemble sur le territoire avec les associations du coin et leurs partenaires locaux"
    plain, font = _actual(text, REGULAR)
    assert wrap(text, REGULAR, 9, 114, "fr") == _greedy(plain.split(), font, 9, 114, "fr", True)
    assert wrap(text, REGULAR, 9, 114, "fr", balance=True)[0] == "Un guide pour agir"


def test_only_lower_case_words_are_hyphenated_by_the_dictionary() -> None:
    from flyer.text.typography import _hyphen_points

    assert _hyphen_points("constitutionnellement", "fr", False) == [6, 8, 12, 15, 17]
    assert _hyphen_points("ANTICONSTITUTIONNELLEMENT", "fr", False) == []  # an acronym
    assert _hyphen_points("OpinionWayResearch", "fr", False) == []  # a name in camel case
    assert _hyphen_points("co-construction", "fr", False, soft=False) == [3]  # titles: hard hyphens only


def test_a_french_date_stays_on_one_line() -> None:
    from flyer.text.typography import NBSP

    assert typeset("samedi 14 mars 2027, le 1er avril", "fr") == (
        f"samedi{NBSP}14{NBSP}mars 2027, le 1er{NBSP}avril"
    )
