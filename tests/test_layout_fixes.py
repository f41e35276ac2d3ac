"""Regressions found by a new user (issue #10), each named after what it reproduces."""

from __future__ import annotations

from pathlib import Path

import pytest

from flyer.app.cli import main
from flyer.content.model import load
from flyer.content.urls import short_address
from flyer.document import Document, Image, Rule, Text
from flyer.layout import layout
from flyer.text.typography import NBSP, SOFT_HYPHEN, typeset, wrap

from .conftest import MINIMAL, SAMPLE_DIR


def texts(document: Document) -> list[str]:
    return [i.text for p in document.pages for i in p.items if isinstance(i, Text)]


@pytest.mark.parametrize(
    ("stand", "printed"),
    [
        ("F12", "Stand\u00a0F12"),
        ("Stand F12", "Stand F12"),
        ("Hall 2 – allée C – stand 27", "Hall 2 – allée C – stand 27"),
    ],
)
def test_a_stand_that_names_itself_is_not_prefixed_again(stand: str, printed: str) -> None:
    from flyer.text.labels import event_details

    flyer = load(MINIMAL + f"event: {{name: Forum, stand: '{stand}'}}\n")
    assert flyer.event is not None
    assert event_details(flyer.event, "fr") == printed


def test_the_call_to_action_is_not_printed_twice() -> None:
    cta = "Scannez un code ou cliquez sur un titre."
    doc = layout(load(MINIMAL + f"intro: Tout est ici. {cta}\n"))
    assert sum(cta in t for t in texts(doc)) == 1


def test_the_call_to_action_can_be_turned_off_or_reworded() -> None:
    off = texts(layout(load(MINIMAL + "intro: Tout est ici.\ncall_to_action: false\n")))
    assert not any("Scannez" in t for t in off)
    own = texts(layout(load(MINIMAL + "intro: Tout est ici.\ncall_to_action: Flashez, c'est gratuit.\n")))
    assert any("Flashez" in t for t in own) and not any("Scannez" in t for t in own)


def test_the_printed_address_reads_letters_and_drops_tracking() -> None:
    url = "https://www.example.fr/r%C3%A9gions/%C3%AEle-de-france?utm_source=flyer&id=3&utm_medium=qr"
    assert short_address(url) == "example.fr/régions/île-de-france?id=3"
    # Escapes that are not letters stay as they are: what people type must still work.
    assert short_address("https://example.fr/a%20b%2Fc") == "example.fr/a%20b%2Fc"


def test_no_footer_rule_without_an_organisation_or_a_footer() -> None:
    doc = layout(load(MINIMAL))
    rules = [i for p in doc.pages for i in p.items if isinstance(i, Rule)]
    section_rules = 1  # the section head's rule
    assert len(rules) == section_rules


def test_a_long_title_on_dl_is_shrunk_never_cut_without_a_hyphen() -> None:
    text = MINIMAL.replace("title: Un titre", "title: Budget participatif 2027") + (
        "page: {size: DL}\norganisation: {name: Ville, logo: assets/logo.svg}\n"
    )
    from flyer.app.build import compile_flyer

    built = compile_flyer(text.encode(), "content.yaml", SAMPLE_DIR, ["screen"])
    words = {"Budget", "participatif", "2027"}
    title = [t for t in texts(built.document) if any(w in t for w in words)]
    for line in title:
        for word in line.split():
            assert word in words or word.endswith(SOFT_HYPHEN), line


def test_a_word_too_wide_for_its_line_is_cut_with_a_hyphen() -> None:
    lines = wrap("Anticonstitutionnellement", "Flyer-Bold", 30, 120, "fr", hyphenate=False)
    assert len(lines) > 1 and all(line.endswith(SOFT_HYPHEN) for line in lines[:-1])


def test_a_date_stays_on_one_line() -> None:
    text = typeset("Rendez-vous samedi 14 mars à la salle des fêtes, et le 1er avril.", "fr")
    assert f"samedi{NBSP}14{NBSP}mars" in text and f"1er{NBSP}avril" in text
    lines = wrap(text, "Flyer-Regular", 9, 60, "fr")
    assert not any(line.endswith(("samedi", "14")) for line in lines)


@pytest.mark.parametrize("fold", ["trifold", "half"])
def test_the_cover_of_a_fold_carries_the_logo(fold: str) -> None:
    from flyer.app.build import compile_flyer

    text = (
        MINIMAL + f"page: {{size: A4, fold: {fold}}}\norganisation: {{name: Ville, logo: assets/logo.svg}}\n"
    )
    built = compile_flyer(text.encode(), "content.yaml", SAMPLE_DIR, ["screen"])
    cover_x = max(x for p, x in built.document.folds if p == 0)
    logos = [i for i in built.document.pages[0].items if isinstance(i, Image) and i.rect.x >= cover_x]
    assert logos


def test_an_address_that_makes_a_bigger_code_warns_once_and_a_moderate_one_not_at_all() -> None:
    long = "https://www.example.org/" + "segment-de-chemin-long/" * 6
    moderate = "https://www.amf.asso.fr/m/congres21/programme.php?programme=2021"  # 64 characters
    text = f"""\
title: Un titre
footer: Imprimé par nos soins.
sections:
  - title: Une section
    items:
      - {{title: Une, url: "{long}"}}
      - {{title: Deux, url: "{long}"}}
      - {{title: Trois, url: "{moderate}"}}
"""
    warnings = layout(load(text)).warnings
    assert len(warnings) == 1 and "mm wide" in warnings[0].message
    assert warnings[0].path == "sections[0].items[0].url"


def test_check_strict_labels_its_problems_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")  # no footer naming the printer: a warning
    assert main(["check", str(content)]) == 0
    assert "warning:" in capsys.readouterr().err
    assert main(["check", str(content), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "error:" in err and "warning:" not in err


def test_check_prints_the_fit_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL + "page: {size: A5, fold: none}\n", encoding="utf-8")
    assert main(["check", str(content)]) == 0
    out = capsys.readouterr().out
    assert "page:" in out and "% full" in out and "error correction Q" in out and "cards" in out


def test_an_email_without_mailto_is_told_to_write_mailto() -> None:
    from flyer.errors import ContentError

    with pytest.raises(ContentError) as caught:
        load(MINIMAL + "organisation: {name: X, email: someone@example.org}\n")
    (problem,) = caught.value.problems
    assert "mailto:someone@example.org" in problem.message and "https://" not in problem.hint
