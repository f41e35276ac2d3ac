"""Tracking parameters: merge rules, and where they go (QR codes, links) and do not (printed text)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from flyer.content.model import load
from flyer.content.tracking import tracked
from flyer.content.urls import href
from flyer.document import QR, Link, Text
from flyer.draw.pdf import render
from flyer.errors import ContentError
from flyer.layout import layout
from flyer.verify.checks import verify

from .conftest import SAMPLE
from .pdfread import decode_pages, reader

UTM = {"utm_source": "salon-des-maires", "utm_campaign": "co-construction"}


def query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def test_no_tracking_leaves_the_address_as_it_was() -> None:
    for url in ("https://example.org/a b?x=1#top", "https://Bücher.example/é", "https://example.org"):
        assert tracked(url, {}, "qr") == href(url)


def test_parameters_are_appended_with_the_medium() -> None:
    assert tracked("https://example.org/page", UTM, "qr") == (
        "https://example.org/page?utm_source=salon-des-maires&utm_campaign=co-construction&utm_medium=qr"
    )
    assert query(tracked("https://example.org/", UTM, "pdf"))[-1] == ("utm_medium", "pdf")


def test_the_address_own_parameters_are_kept_and_win() -> None:
    url = "https://example.org/p?id=7&utm_source=newsletter#part"
    out = tracked(url, UTM, "qr")
    assert query(out) == [
        ("id", "7"),
        ("utm_source", "newsletter"),
        ("utm_campaign", "co-construction"),
        ("utm_medium", "qr"),
    ]
    assert urlsplit(out).fragment == "part"


def test_an_explicit_medium_wins_over_the_default() -> None:
    assert ("utm_medium", "print") in query(tracked("https://example.org/", {"utm_medium": "print"}, "qr"))
    assert (
        query(tracked("https://example.org/?utm_medium=affiche", UTM, "qr")).count(("utm_medium", "affiche"))
        == 1
    )
    assert "utm_medium=qr" not in tracked("https://example.org/?utm_medium=affiche", UTM, "qr")


def test_values_are_percent_encoded_and_the_link_stays_ascii() -> None:
    out = tracked("https://bücher.example/", {"utm_campaign": "salon des maires & co/é"}, "qr")
    assert out.isascii()
    assert out.startswith(
        "https://xn--bcher-kva.example/?utm_campaign=salon%20des%20maires%20%26%20co%2F%C3%A9"
    )
    assert ("utm_campaign", "salon des maires & co/é") in query(out)


@pytest.mark.parametrize("key", ["bad key", "a&b", "x=y", "é"])
def test_unsafe_parameter_names_are_refused(key: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8") + f'\ntracking:\n  "{key}": x\n'
    with pytest.raises(ContentError) as info:
        load(text)
    assert any("is not a safe parameter name" in p.message for p in info.value.problems)


def test_an_empty_tracking_value_is_refused() -> None:
    with pytest.raises(ContentError) as info:
        load(SAMPLE.read_text(encoding="utf-8") + '\ntracking:\n  utm_source: ""\n')
    assert [p.path for p in info.value.problems] == ["tracking.utm_source"]


SHORT = """\
title: Un flyer suivi
organisation:
  name: Le RAMEAU
  url: https://www.lerameau.fr/
  email: mailto:contact@example.org
sections:
  - title: Comprendre
    items:
      - title: Le programme
        url: https://www.lerameau.fr/programme/?ref=7
      - title: Sans code
        url: https://example.org/sans-code
        qr: false
tracking:
  utm_source: salon-des-maires
  utm_campaign: impact
"""


def test_qr_payloads_links_and_printed_addresses() -> None:
    flyer = load(SHORT)
    document = layout(flyer)
    items = [i for page in document.pages for i in page.items]
    codes = [i.url for i in items if isinstance(i, QR)]
    assert codes == [
        "https://www.lerameau.fr/programme/?ref=7&utm_source=salon-des-maires&utm_campaign=impact&utm_medium=qr"
    ]
    links = {i.url for i in items if isinstance(i, Link)}
    assert links == {
        "https://www.lerameau.fr/programme/?ref=7&utm_source=salon-des-maires&utm_campaign=impact&utm_medium=pdf",
        "https://example.org/sans-code?utm_source=salon-des-maires&utm_campaign=impact&utm_medium=pdf",
        "https://www.lerameau.fr/?utm_source=salon-des-maires&utm_campaign=impact&utm_medium=pdf",
        "mailto:contact@example.org",  # contact addresses carry no tracking
    }
    printed = " ".join(i.text for i in items if isinstance(i, Text))
    assert "utm_" not in printed
    assert "lerameau.fr/programme?ref=7" in printed.replace("\u00ad", "")


def test_the_written_pdfs_carry_the_parameters_and_pass_verify() -> None:
    flyer = load(SHORT)
    document = layout(flyer)
    screen, printed = render(document, "screen"), render(document, "print")
    decoded = [code for page in decode_pages(printed) for code in page]
    assert decoded == [
        "https://www.lerameau.fr/programme/?ref=7&utm_source=salon-des-maires&utm_campaign=impact&utm_medium=qr"
    ]
    uris = {
        str(a.get_object()["/A"]["/URI"]) for page in reader(screen).pages for a in page.get("/Annots") or []
    }
    assert all(("utm_medium", "pdf") in query(u) for u in uris if not u.startswith("mailto:"))
    assert "mailto:contact@example.org" in uris
    assert verify(screen, flyer, "screen").passed
    assert verify(printed, flyer, "print").passed


def test_contact_addresses_are_never_tracked() -> None:
    params = {"utm_source": "salon"}
    assert tracked("mailto:contact@example.org", params, "pdf") == "mailto:contact@example.org"
    assert tracked("tel:+33123456789", params, "html") == "tel:+33123456789"
