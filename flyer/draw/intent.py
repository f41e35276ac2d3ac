"""The print rendition's output intent from the content: the bundled FOGRA39 profile, or the shop's own."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from flyer.content.model import Flyer
from flyer.draw.pdfx import OutputIntent, default_intent
from flyer.errors import ContentError, Problem

__all__ = ["MAX_PROFILE_BYTES", "icc_problem", "load_intent"]

#: A CMYK output profile with its lookup tables is 0.5–3 MB; anything far larger is not one.
MAX_PROFILE_BYTES = 10_000_000


def icc_problem(data: bytes) -> str | None:
    """Why ``data`` cannot be a PDF/X output intent's profile (ICC header, ICC.1 §7.2), or ``None``."""
    if len(data) < 128 or data[36:40] != b"acsp":
        return "is not an ICC profile"
    if data[16:20] != b"CMYK":
        return f"is a {data[16:20].decode('latin-1').strip()} profile, not a CMYK one"
    if data[12:16] != b"prtr":
        return "is not an output (printer) profile"
    return None


def load_intent(flyer: Flyer, base: Path) -> OutputIntent:
    """The output intent ``flyer.print`` names; profile paths are read from ``base`` and stay inside it."""
    spec = flyer.print
    if spec.profile is None:
        intent = default_intent()  # FOGRA39 (a condition other than it needs its profile: the model)
        return dataclasses.replace(intent, condition=spec.description) if spec.description else intent
    base = base.resolve()
    path = (base / spec.profile).resolve()
    hint = "ask the print shop for its ICC profile (.icc) and put it in the project's assets/ folder"
    message = None
    if not path.is_relative_to(base):
        message = f"'{spec.profile}' is outside the project folder {base}"
    elif not path.is_file():
        message = f"'{spec.profile}' does not exist (looked for {path})"
    elif path.stat().st_size > MAX_PROFILE_BYTES:
        message = f"'{spec.profile}' is over {MAX_PROFILE_BYTES // 1_000_000} MB: not an ICC profile"
    else:
        data = path.read_bytes()
        if why := icc_problem(data):
            message = f"'{spec.profile}' {why}"
    if message is not None:
        raise ContentError([Problem(message, path="print.profile", hint=hint)])
    return OutputIntent(data, spec.condition, spec.description or spec.condition)
