"""Font files for tests: Debian's DejaVu Sans (fonts-dejavu-core) and the packaged Source Serif Pro OTF (CFF)."""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

import pytest

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def dejavu(name: str) -> Path:
    """A DejaVu file; missing is a failure in CI (.ci/run installs fonts-dejavu-core), a skip elsewhere."""
    path = DEJAVU / name
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: .ci/run must install fonts-dejavu-core")
        pytest.skip("fonts-dejavu-core is not installed (apt-get install fonts-dejavu-core)")
    return path


def source_serif(weight: str, ext: str = "otf") -> Path:
    """Source Serif Pro from its PyPI package: the .otf files have CFF outlines."""
    return Path(str(resources.files("font_source_serif_pro") / "files" / f"SourceSerifPro-{weight}.{ext}"))


def copy_into(project: Path, *files: Path) -> list[str]:
    """Copy font files into ``project/assets/fonts``; return their paths relative to the project."""
    folder = project / "assets" / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for file in files:
        shutil.copy(file, folder / file.name)
        out.append(f"assets/fonts/{file.name}")
    return out
