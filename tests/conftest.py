"""Shared fixtures: the default flyer, built once per test session."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from flyer.build import Build, compile_flyer

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

#: Addresses longer than this make codes of more modules than today's layout gives 0.5 mm each.
PHONE_SAFE_LENGTH = 60


def phone_safe(text: str) -> str:
    """The content with every long item address shortened, for tests that verify a build.

    Until codes are sized from their module count, the default flyer's longest addresses (and any
    address with tracking parameters added) make modules under 0.5 mm that fail the phone test.
    """

    def shorten(match: re.Match[str]) -> str:
        url = match.group(2)
        if len(url) <= PHONE_SAFE_LENGTH:
            return match.group(0)
        parts = urlsplit(url)
        return f"{match.group(1)}{parts.scheme}://{parts.netloc}/{len(url)}"

    short = re.sub(r"(\burl: )(https?://\S+)", shorten, text)
    assert short != text
    return short


def phone_safe_project(folder: Path) -> Path:
    """Write the phone-safe default content and its assets into ``folder``; return the content file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "content.yaml").write_text(phone_safe(DEFAULT.read_text(encoding="utf-8")), encoding="utf-8")
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
