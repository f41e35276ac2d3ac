"""Shared fixtures: the default flyer, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flyer.app.build import Build, compile_flyer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "content.yaml"
#: The smallest valid content: a title and one section with one resource.
MINIMAL = """\
title: Un titre
sections:
  - title: Une section
    items:
      - title: Une ressource
        url: https://example.org/
"""


def default_project(folder: Path) -> Path:
    """Write the default content and its assets into ``folder``; return the content file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "content.yaml").write_text(DEFAULT.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(ROOT / "assets", folder / "assets", dirs_exist_ok=True)
    return folder / "content.yaml"


@pytest.fixture(scope="session")
def default_build() -> Build:
    return compile_flyer(DEFAULT.read_bytes(), str(DEFAULT), ROOT, ["screen", "print"])


@pytest.fixture(scope="session")
def screen_pdf(default_build: Build) -> bytes:
    return default_build.pdfs["screen"]


@pytest.fixture(scope="session")
def print_pdf(default_build: Build) -> bytes:
    return default_build.pdfs["print"]
