"""Addresses that lie to the reader are refused; the printed short address names the opened host."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flyer.content.deceptive import host_problem, invisible_problem
from flyer.content.urls import check_web_url, href, short_address


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://lеrameau.fr/", "mixes the Cyrillic and Latin scripts"),
        ("https://аррӏе.com/", "Cyrillic letters that look like Latin ones"),
        ("https://ορο.example/", "Greek letters that look like Latin ones"),
        ("https://le\u200drameau.fr/", "U+200D (ZERO WIDTH JOINER)"),
        ("https://example.org/\u202efdp.exe", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("https://example.org/%e2%80%8b", "U+200B (ZERO WIDTH SPACE) (percent-encoded)"),
        ("https://example.org/?q=%1B", "U+001B (ESCAPE) (percent-encoded)"),
        ("https://example.org/\x9b", "U+009B"),
        ("https://example\u3002org/", "IDEOGRAPHIC FULL STOP"),
        ("https://example.org\uff0fevil/", "FULLWIDTH SOLIDUS"),
        ("https://a\u3164b.example/", "U+3164 (HANGUL FILLER)"),
        ("https://user@example.org/", "user information"),
        (
            "https://ɡoogle.example/",
            "U+0261 (LATIN SMALL LETTER SCRIPT G), which passes for a plain Latin letter",
        ),
    ],
)
def test_deceptive_addresses_are_refused(url: str, why: str) -> None:
    reason = check_web_url(url)
    assert reason is not None and why in reason


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://пример.рф/путь", "пример.рф/путь"),  # one script, not Latin look-alikes: fine
        ("https://例え.テスト/", "例え.テスト"),  # Han with Katakana: Japanese writing
        ("https://www.bücher.example/été/", "bücher.example/été"),
        ("https://xn--lrameau-7gg.fr/", "xn--lrameau-7gg.fr"),  # meant, and shown as it will be opened
        ("https://example.org/a%20b?x=%C3%A9", "example.org/a%20b?x=é"),
        ("https://EXAMPLE.org:8443/A", "example.org:8443/A"),
        ("https://example.org/%C3", "example.org/%C3"),  # not UTF-8: kept as written
        ("https://example.org/?q=%26%3D", "example.org?q=%26%3D"),  # « & » and « = » would change it
        ("https://example.org/d%C3%A9j%C3%A0", "example.org/déjà"),
    ],
)
def test_the_short_address_names_the_host_the_code_opens(url: str, shown: str) -> None:
    assert check_web_url(url) is None
    assert short_address(url) == shown
    assert href(url).isascii()


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_the_short_address_of_any_accepted_address_is_made(path: str) -> None:
    url = "https://example.org/" + path
    if check_web_url(url) is None:
        shown = short_address(url)
        assert shown.startswith("example.org") and not invisible_problem(shown)


def test_helpers_say_none_for_plain_text() -> None:
    assert invisible_problem("https://example.org/a-b_c?d=e#f") is None
    assert host_problem("www.lerameau.fr") is None
    assert host_problem("bücher.example") is None
