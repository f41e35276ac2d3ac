"""`--set` overrides and `--variants` batch builds: typing, error locations, outputs per variant."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from flyer.app.build import compile_flyer
from flyer.app.cli import main
from flyer.content.overrides import parse_assignment, parse_key
from flyer.content.variants import read_variants

from .conftest import SAMPLE, SAMPLE_DIR, sample_project
from .pdfread import decode_pages, reader


@pytest.fixture
def project(tmp_path: Path) -> Path:
    sample_project(tmp_path)
    return tmp_path


def build_with(*assignments: str) -> object:
    overrides = [parse_assignment(a) for a in assignments]
    return compile_flyer(SAMPLE.read_bytes(), str(SAMPLE), SAMPLE_DIR, [], overrides).flyer


# --- --set --------------------------------------------------------------------------------------


def test_key_paths() -> None:
    assert parse_key("sections[0].items[2].url") == ("sections", 0, "items", 2, "url")
    assert parse_key("tracking.utm_campaign") == ("tracking", "utm_campaign")
    for bad in ("", "a..b", "a[x]", "a b", ".a"):
        with pytest.raises(ValueError):
            parse_key(bad)


def test_values_are_typed_by_the_model_like_yaml_text() -> None:
    flyer = build_with(
        "page.max_pages=2",
        "sections[0].items[0].qr=no",
        "sections[0].title=Découvrir",
        "event.date=2022-03-01",
        "event.end_date=2022-03-02",  # not before the date (flyer/bounds.py)
        "event.stand=no",
        "tracking.utm_source=salon",
    )
    assert flyer.page.max_pages == 2  # type: ignore[attr-defined]
    assert flyer.sections[0].items[0].qr is False  # type: ignore[attr-defined]
    assert flyer.sections[0].title == "Découvrir"  # type: ignore[attr-defined]
    assert str(flyer.event.date) == "2022-03-01"  # type: ignore[attr-defined]
    assert flyer.event.stand == "no"  # type: ignore[attr-defined]
    assert flyer.tracking == {"utm_source": "salon"}  # type: ignore[attr-defined]


def test_a_bad_value_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--set", "page.size=A3"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("--set page.size=A3: error: 'A3' is not accepted; expected one of 'A4'")


def test_unknown_keys_and_missing_entries_name_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", str(SAMPLE), "--set", "page.sise=A4", "--set", "sections[40].title=x"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "--set page.sise=A4: error: unknown key 'sise'\n    hint: did you mean 'size'?" in err
    assert "--set sections[40].title=x: error: sections has" in err


def test_a_malformed_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE), "--set", "page.size"]) == 2
    assert "--set page.size: expected key.path=value" in capsys.readouterr().err


# --- variants files -----------------------------------------------------------------------------


def test_csv_with_bom_and_semicolons_and_yaml_lists_read_alike() -> None:
    csv = "\ufeffid;event.stand;tracking.utm_campaign\r\nparis;A1;c-paris\r\nlyon;;c-lyon\r\n"
    yaml = "- id: paris\n  event.stand: A1\n  tracking: {utm_campaign: c-paris}\n- id: lyon\n  tracking.utm_campaign: c-lyon\n"
    for raw, name in ((csv.encode("utf-8"), "v.csv"), (yaml.encode("utf-8"), "v.yaml")):
        variants, problems = read_variants(raw, name)
        assert problems == []
        assert [v.id for v in variants] == ["paris", "lyon"]
        assert [(o.key, o.value) for o in variants[0].overrides] == [
            ("event.stand", "A1"),
            ("tracking.utm_campaign", "c-paris"),
        ]
        assert [(o.key, o.value) for o in variants[1].overrides] == [("tracking.utm_campaign", "c-lyon")]


def test_commas_are_detected_too() -> None:
    variants, problems = read_variants(b'id,event.name\na,"Salon, Paris"\n', "v.csv")
    assert problems == [] and variants[0].overrides[0].value == "Salon, Paris"


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def test_forty_variants_each_carry_their_own_campaign(project: Path) -> None:
    rows = ["id;event.stand;tracking.utm_source;tracking.utm_campaign"]
    rows += [f"v{n:02d};Stand {n};salon;campagne-{n:02d}" for n in range(40)]
    table = project / "variants.csv"
    table.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    out = project / "out"
    argv = ["build", str(project / "content.yaml"), "--variants", str(table), "--out", str(out)]
    assert main([*argv, "--jobs", "2"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"v{n:02d}" for n in range(40)]
    for n in range(40):
        folder = out / f"v{n:02d}"
        assert sorted(p.name for p in folder.iterdir()) == ["flyer-print.pdf", "flyer.pdf"]
        uris = [
            str(a.get_object()["/A"]["/URI"])
            for page in reader((folder / "flyer.pdf").read_bytes()).pages
            for a in page.get("/Annots") or []
        ]
        assert uris and all(query(u)["utm_campaign"] == f"campagne-{n:02d}" for u in uris)
        assert all(query(u)["utm_medium"] == "pdf" for u in uris)
    for n in (0, 17, 39):
        codes = [
            c for page in decode_pages((out / f"v{n:02d}" / "flyer-print.pdf").read_bytes()) for c in page
        ]
        assert len(codes) >= 5
        assert all(
            query(c) == {**query(c), "utm_campaign": f"campagne-{n:02d}", "utm_medium": "qr"} for c in codes
        )


def test_same_outputs_in_process_and_in_workers(project: Path) -> None:
    table = project / "v.csv"
    table.write_text("id,event.stand\na,A\nb,B\nc,C\n", encoding="utf-8")
    common = ["build", str(project / "content.yaml"), "--variants", str(table), "--no-verify"]
    assert main([*common, "--out", str(project / "one"), "--jobs", "1"]) == 0
    assert main([*common, "--out", str(project / "two"), "--jobs", "2"]) == 0
    for ident in "abc":
        for name in ("flyer.pdf", "flyer-print.pdf"):
            assert (project / "one" / ident / name).read_bytes() == (
                project / "two" / ident / name
            ).read_bytes()


def test_bad_rows_are_all_reported_and_nothing_is_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = project / "variants.csv"
    table.write_text(
        "id;event.stand;event.date\nok;A;2021-11-16\nok;B;\n../x;C;2021-13-01\nfine;D;2021-02-30\n",
        encoding="utf-8",
    )
    out = project / "out"
    argv = ["build", str(project / "content.yaml"), "--variants", str(table), "--out", str(out)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"{table}:3:1: error: id: id 'ok' is already used on line 2" in err
    assert f"{table}:4:1: error: id: '../x' is not a safe folder name" in err
    assert f"{table}:4:3: error: event.date: '2021-13-01' is not a real date" in err  # same row, too
    assert f"{table}:5:3: error: event.date: '2021-02-30' is not a real date" in err
    assert "nothing written" in err
    assert not out.exists()


def test_a_bad_header_is_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = project / "variants.csv"
    table.write_text("name;event.stand\nx;A\n", encoding="utf-8")
    argv = ["build", str(project / "content.yaml"), "--variants", str(table), "--out", str(project / "o")]
    assert main(argv) == 1
    assert "no 'id' column" in capsys.readouterr().err
