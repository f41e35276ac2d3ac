"""Shared fixtures: a flyer made for the tests (``tests/sample/``), and the showcase, each built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flyer.app.build import Build, compile_flyer
from flyer.draw.pdf import Profile

ROOT = Path(__file__).resolve().parent.parent
#: The showcase: the repository's own ``content.yaml``, the flyer ``flyer build`` makes by default.
#: Only tests whose point is that flyer (it loads, builds and verifies; the README's promises) read it.
SHOWCASE = ROOT / "content.yaml"
#: The tests' own project: a two-page A4 flyer with a logo, an event, French typography and a
#: resource without a code (see its header). Edits to the showcase never move these tests.
SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
SAMPLE = SAMPLE_DIR / "content.yaml"
#: The tests' own logo (flat shapes: drawn without svglib).
SAMPLE_LOGO = SAMPLE_DIR / "assets" / "logo.svg"
#: The smallest valid content: a title and one section with one resource.
MINIMAL = """\
title: Un titre
sections:
  - title: Une section
    items:
      - title: Une ressource
        url: https://example.org/
"""


def sample_project(folder: Path) -> Path:
    """Write the tests' sample content and its logo into ``folder``; return the content file."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SAMPLE_DIR, folder, dirs_exist_ok=True)
    return folder / "content.yaml"


def showcase_project(folder: Path) -> Path:
    """Write the showcase content and its assets into ``folder``; return the content file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "content.yaml").write_text(SHOWCASE.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(ROOT / "assets", folder / "assets", dirs_exist_ok=True)
    return folder / "content.yaml"


def build_sample(profiles: list[Profile], text: str | None = None) -> Build:
    """The sample project built (``text``: other content, read beside the sample's logo)."""
    raw = SAMPLE.read_bytes() if text is None else text.encode("utf-8")
    return compile_flyer(raw, str(SAMPLE), SAMPLE_DIR, profiles)


@pytest.fixture(scope="session")
def sample_build() -> Build:
    return build_sample(["screen", "print"])


@pytest.fixture(scope="session")
def screen_pdf(sample_build: Build) -> bytes:
    """The sample's screen PDF."""
    return sample_build.pdfs["screen"]


@pytest.fixture(scope="session")
def print_pdf(sample_build: Build) -> bytes:
    """The sample's print PDF."""
    return sample_build.pdfs["print"]


@pytest.fixture(scope="session")
def showcase_build() -> Build:
    return compile_flyer(SHOWCASE.read_bytes(), str(SHOWCASE), ROOT, ["screen", "print"])
