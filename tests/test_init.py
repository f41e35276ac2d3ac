"""``flyer init``: a new project that builds as is, and never an overwritten content file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flyer.app.cli import main
from flyer.content.model import json_schema, load

from .conftest import ROOT


def test_init_scaffolds_a_project_that_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "new"
    assert main(["init", str(project)]) == 0
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*")) == [
        "assets",
        "assets/logo.svg",
        "content.schema.json",
        "content.yaml",
        "output",
        "output/.gitignore",
    ]
    content = (project / "content.yaml").read_text(encoding="utf-8")
    assert content.startswith("# yaml-language-server: $schema=./content.schema.json\n")
    flyer = load(content)
    assert flyer.lang == "fr" and 1 <= len(flyer.sections) <= 2
    assert json.loads((project / "content.schema.json").read_text(encoding="utf-8")) == json_schema()
    assert (project / "assets" / "logo.svg").read_bytes() == (ROOT / "assets" / "logo.svg").read_bytes()
    assert (project / "output" / ".gitignore").read_text().splitlines()[-2:] == ["*", "!.gitignore"]
    capsys.readouterr()

    monkeypatch.chdir(project)
    assert main(["build"]) == 0
    assert {"flyer.pdf", "flyer-print.pdf", "flyer.html"} <= {p.name for p in (project / "output").iterdir()}
    assert "warning" not in capsys.readouterr().err


def test_init_defaults_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert (tmp_path / "content.yaml").is_file()


def test_init_never_overwrites_a_content_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content.yaml").write_text("title: mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "content.yaml" in err
    assert (tmp_path / "content.yaml").read_text(encoding="utf-8") == "title: mine\n"
    assert not (tmp_path / "assets").exists()


def test_init_keeps_an_existing_logo(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / "assets" / "logo.svg").read_text(encoding="utf-8") == "<svg/>"
