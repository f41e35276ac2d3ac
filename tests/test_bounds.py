"""Bounds everywhere: final address lengths, dates, contrast, variants cells, options and overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from flyer.app.build import compile_flyer
from flyer.app.cli import main
from flyer.content.bounds import bound_problems
from flyer.content.model import load
from flyer.errors import ContentError
from flyer.verify.contrast import contrast_problems

from .conftest import MINIMAL, ROOT, SAMPLE, SAMPLE_DIR


def test_tracking_that_makes_a_code_too_dense_points_at_tracking() -> None:
    tracking = "".join(f"  utm_p{i}: valeur-{i}\n" for i in range(14))
    flyer = load(MINIMAL + "tracking:\n" + tracking)
    problems = bound_problems(flyer)
    assert [p.path for p in problems] == ["tracking.utm_p13"]
    assert "QR code of sections[0].items[0].url" in problems[0].message and "too dense" in problems[0].message
    assert bound_problems(load(MINIMAL + "tracking:\n  utm_source: salon\n")) == []


def test_tracking_never_crashes_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content.yaml"
    tracking = "".join(f"  p{i}: {'v' * 40}\n" for i in range(400))
    content.write_text(MINIMAL + "tracking:\n" + tracking, encoding="utf-8")
    assert main(["check", str(content)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"{content}:407:9: error: tracking.p399: with the tracking" in err


def test_ten_thousand_variant_columns_are_one_located_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    table = tmp_path / "v.csv"
    header = "id;" + ";".join(f"tracking.k{n}" for n in range(10_000))
    table.write_text(header + "\na;" + ";".join(f"v{n}" for n in range(10_000)) + "\n", encoding="utf-8")
    code = main(["build", str(content), "--variants", str(table), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"{table}:2:10001: error: tracking.k9999: with the tracking parameters" in err
    assert not (tmp_path / "out").exists()


def test_variants_cells_are_checked_as_content_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL + "event:\n  name: Salon\n", encoding="utf-8")
    table = tmp_path / "v.csv"
    table.write_bytes(b'id;event.name;event.stand\na;"LIGNE 1\nLIGNE 2";B1\nb;Salon\x00 X;B\x1b[2J\n')
    assert main(["build", str(content), "--variants", str(table), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{table}:2:2: error: event.name: the character U+000A (LINE FEED) is a line break" in err
    assert f"{table}:4:2: error: event.name: the character U+0000 (NULL) is a control character" in err
    assert f"{table}:4:3: error: event.stand: the character U+001B (ESCAPE) is a control character" in err


def test_an_end_date_before_the_date() -> None:
    flyer = load(MINIMAL + "event:\n  name: S\n  date: 2027-03-13\n  end_date: 2027-03-01\n")
    assert [p.path for p in bound_problems(flyer)] == ["event.end_date"]
    same_day = load(MINIMAL + "event:\n  name: S\n  date: 2027-03-13\n  end_date: 2027-03-13\n")
    assert bound_problems(same_day) == []


@pytest.mark.parametrize(
    ("theme", "path"),
    [
        ('  primary: "#ffffff"', "theme.primary"),
        ('  accent: "#ffff00"', "theme.accent"),
        ('  text: "#dddddd"', "theme.text"),
    ],
)
def test_text_contrast_on_every_background(theme: str, path: str) -> None:
    content = (
        MINIMAL.replace("      - title:", "      - kind: video\n        title:")
        + "intro: Bonjour\ntheme:\n"
        + theme
        + "\n"
    )
    with pytest.raises(ContentError) as caught:
        compile_flyer(content.encode(), "c.yaml", ROOT, [])
    assert {p.path for p in caught.value.problems} == {path}
    assert all("WCAG AA" in p.message and p.line > 0 for p in caught.value.problems)


def test_text_contrast_in_print_too() -> None:
    content = MINIMAL + 'intro: Bonjour\ntheme:\n  text: {rgb: "#262626", cmyk: [0, 0, 0, 5]}\n'
    with pytest.raises(ContentError) as caught:
        compile_flyer(content.encode(), "c.yaml", ROOT, [])
    assert [p.path for p in caught.value.problems] == ["theme.text"]
    assert "in print (CMYK)" in caught.value.problems[0].message


@pytest.mark.parametrize("look", ["civic", "garden"])
def test_the_built_in_looks_pass_the_contrast_check(look: str) -> None:
    content = SAMPLE.read_text(encoding="utf-8").replace("name: civic", f"name: {look}")
    built = compile_flyer(content.encode(), "content.yaml", SAMPLE_DIR, [])
    assert contrast_problems(built.document, built.flyer) == []


def test_a_key_only_an_override_wrote_is_blamed_on_the_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    assert main(["check", str(content), "--set", "nonexistent.key=1"]) == 1
    assert capsys.readouterr().err.startswith("--set nonexistent.key=1: error: unknown key 'nonexistent'")
    assert main(["check", str(content), "--set", "event.stand=B12"]) == 1
    assert capsys.readouterr().err.startswith("--set event.stand=B12: error: required key 'name' is missing")


def test_an_empty_output_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("build", "preview"):
        with pytest.raises(SystemExit) as exited:
            main([command, str(tmp_path / "content.yaml"), "--out", ""])
        assert exited.value.code == 2 and "an output folder is needed" in capsys.readouterr().err


def test_many_values_without_aliases_are_not_blamed_on_aliases(tmp_path: Path) -> None:
    items = "".join(f"      - title: R{i}\n        url: https://example.org/{i}\n" for i in range(10_000))
    with pytest.raises(ContentError) as caught:
        load("title: T\nsections:\n  - title: S\n    items:\n" + items)
    message = caught.value.problems[0].message
    assert "more than 20000 values; a flyer has a few hundred" in message and "alias" not in message


def test_print_colours_are_ink_percentages() -> None:
    with pytest.raises(ContentError) as caught:
        load(MINIMAL + 'theme:\n  primary: {rgb: "#1d3f6e", cmyk: [1e308, -5, nan, 0]}\n')
    assert [p.path for p in caught.value.problems] == [f"theme.primary.cmyk[{n}]" for n in range(3)]
    assert "finite number" in caught.value.problems[2].message


def test_a_set_value_with_an_escape_is_escaped_where_it_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    assert main(["check", str(content), "--set", "title=A\x1b[2Jb"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert err.startswith(
        "--set title=A\\x1b[2Jb: error: the character U+001B (ESCAPE) is a control character"
    )
