"""The files of a new flyer project (``flyer init``): a commented content file, its schema, a logo."""

from __future__ import annotations

import json
from importlib import resources

from flyer.content.model import json_schema

__all__ = ["files"]


def files() -> dict[str, bytes]:
    """Return the files of a new project by path relative to its folder; the caller writes them."""
    templates = resources.files("flyer") / "templates"
    schema = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    return {
        "content.yaml": (templates / "content.yaml").read_bytes(),
        "content.schema.json": schema.encode("utf-8"),
        "assets/logo.svg": (templates / "logo.svg").read_bytes(),
        "output/.gitignore": b"# Build results: flyer build writes them here.\n*\n!.gitignore\n",
    }
