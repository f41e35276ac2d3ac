"""Batch builds of variants: one content file, many flyers, one process (or a fork pool).

1. Every variant is validated first: all problems are reported before anything is written.
2. The first variant is built and fully verified (``flyer verify``: 300 dpi render and decode) in
   this process; a failure writes nothing.
3. Every variant is then built, checked cheaply (each QR symbol of the laid-out document decoded by
   zxing-cpp from its own modules and compared with the item's tracked address; every link's
   address) and written atomically to ``OUT/<id>/``. Workers are forked after step 2, so fonts,
   the parsed content, the logo and caches are shared; PDFs are written, never kept.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from flyer.app.build import OUTPUT_NAMES, Build, compile_source, prepare_source
from flyer.app.disk import process_umask
from flyer.app.forked import usable_cores
from flyer.content.overrides import Override
from flyer.content.source import Source
from flyer.content.tracking import tracked
from flyer.content.variants import Variant
from flyer.document import QR, Link, Picture
from flyer.draw.pdf import Profile
from flyer.errors import ContentError, Problem
from flyer.qr import MIN_SIZE_MM, QUIET_ZONE

__all__ = ["BatchPlan", "Outcome", "check_codes", "run", "validate_all", "write_variant"]


@dataclass(frozen=True)
class BatchPlan:
    """What every worker needs: the parsed content, where to write, what to build and check."""

    source: Source
    base: Path
    out: Path
    profiles: tuple[Profile, ...]
    common: tuple[Override, ...]  # --set, applied before each variant's own overrides
    strict: bool
    check: bool


@dataclass(frozen=True)
class Outcome:
    """One variant's result: the files written (name, bytes) or its problems."""

    id: str
    written: tuple[tuple[str, int], ...]
    problems: tuple[Problem, ...]
    pages: int = 0


def validate_all(plan: BatchPlan, variants: Sequence[Variant]) -> list[Problem]:
    """Every content problem of every variant (model only: no layout), in file order."""
    problems: list[Problem] = []
    pictures: dict[str, Picture] = {}
    for variant in variants:
        try:
            prepare_source(plan.source, plan.base, (*plan.common, *variant.overrides), pictures)
        except ContentError as exc:
            problems += [p for p in exc.problems if p not in problems]
    return problems


def check_codes(built: Build) -> list[str]:
    """Cheap per-variant check of the laid-out document: QR payloads, sizes and links."""
    import zxingcpp
    from PIL import Image

    from flyer.geometry import mm

    flyer = built.flyer
    items = [i for s in flyer.sections for i in s.items]
    wanted_codes = sorted(tracked(i.url, flyer.tracking, "qr") for i in items if i.qr)
    wanted_links = {tracked(i.url, flyer.tracking, "pdf") for i in items}
    found_codes, links, problems = [], set(), []
    for page in built.document.pages:
        for item in page.items:
            if isinstance(item, Link):
                links.add(item.url)
            if not isinstance(item, QR):
                continue
            symbol, n, scale = item.symbol, item.symbol.modules, 2
            pixels = bytearray(b"\xff" * (n * n))
            for row, col, length in symbol.runs:
                pixels[row * n + col : row * n + col + length] = bytes(length)
            image = Image.new("L", ((n + 2 * QUIET_ZONE) * scale,) * 2, 255)
            code = Image.frombytes("L", (n, n), bytes(pixels)).resize(
                (n * scale,) * 2, Image.Resampling.NEAREST
            )
            image.paste(code, (QUIET_ZONE * scale, QUIET_ZONE * scale))
            decoded = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)  # type: ignore[arg-type]
            text = decoded[0].text if decoded else "(nothing)"
            found_codes.append(text)
            module = item.rect.w / symbol.modules
            # The sizes `flyer verify` checks: ≥ 20 mm, a 4-module quiet zone.
            if item.rect.w < mm(MIN_SIZE_MM) - 0.01:
                problems.append(f"QR code for {text} is {item.rect.w / mm(1):.1f} mm wide")
            if item.quiet < QUIET_ZONE * module - 0.01:
                problems.append(f"QR code for {text}: quiet zone under {QUIET_ZONE} modules")
    if sorted(found_codes) != wanted_codes:
        problems.append(f"QR codes decode to {sorted(found_codes)}, expected {wanted_codes}")
    problems += [f"no link to {u}" for u in sorted(wanted_links - links)]
    return problems


def write_variant(folder: Path, files: dict[str, bytes], *, sync: bool = True) -> None:
    """Write a variant's files: a new folder is filled under a temporary name, then renamed.

    Signals wait until it is done (:func:`flyer.app.interrupt.deferred`), so a folder is complete or
    absent; an existing folder has its files replaced atomically, together.
    """
    import shutil
    import tempfile

    from flyer.app.disk import check_folders, write_atomically
    from flyer.app.interrupt import deferred

    check_folders({folder.parent})
    if folder.exists() or folder.is_symlink():
        write_atomically({folder / name: data for name, data in files.items()}, sync=sync)
        return
    with deferred():
        folder.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
        try:
            write_atomically({temp / name: data for name, data in files.items()}, sync=sync)
            os.chmod(temp, 0o777 & ~process_umask())
            os.rename(temp, folder)
        finally:
            if temp.exists():
                shutil.rmtree(temp, ignore_errors=True)


def _build_one(plan: BatchPlan, variant: Variant, pictures: dict[str, Picture]) -> Outcome:
    overrides = (*plan.common, *variant.overrides)
    try:
        built = compile_source(plan.source, plan.base, plan.profiles, overrides, pictures)
    except ContentError as exc:
        return Outcome(variant.id, (), exc.problems)
    warnings = tuple(built.warnings)
    if plan.strict and warnings:
        return Outcome(variant.id, (), tuple(w.as_error() for w in warnings))
    if plan.check:
        failed = check_codes(built)
        if failed:
            return Outcome(variant.id, (), tuple(Problem(f"verify: {m}", "id", variant.id) for m in failed))
    files = {plan.out / variant.id / OUTPUT_NAMES[p]: data for p, data in built.pdfs.items()}
    try:
        # Complete or absent, not synced one by one: ``run`` syncs the whole batch once at the end.
        write_variant(
            plan.out / variant.id, {OUTPUT_NAMES[p]: data for p, data in built.pdfs.items()}, sync=False
        )
    except OSError as exc:
        return Outcome(variant.id, (), (Problem(f"cannot write: {exc.strerror or exc}", file=str(plan.out)),))
    written = tuple((str(path), len(data)) for path, data in files.items())
    return Outcome(variant.id, written, warnings, len(built.document.pages))


_PLAN: BatchPlan | None = None  # set before forking: the workers inherit it


def _build_chunk(chunk: Sequence[Variant]) -> list[Outcome]:
    if _PLAN is None:  # set by run() before the workers fork
        raise RuntimeError("a variant worker started without its plan")
    pictures: dict[str, Picture] = {}
    return [_build_one(_PLAN, variant, pictures) for variant in chunk]


def run(
    plan: BatchPlan,
    variants: Sequence[Variant],
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> Iterable[Outcome]:
    """Build, check and write every variant; yield outcomes as they come (not in order when jobs > 1)."""
    global _PLAN
    _PLAN = plan
    total, done = len(variants), 0
    written: list[str] = []
    jobs = max(1, min(jobs, total))
    if jobs == 1 or sys.platform == "win32":
        pictures: dict[str, Picture] = {}
        for variant in variants:
            outcome = _build_one(plan, variant, pictures)
            done += 1
            if progress:
                progress(done, total)
            written += [path for path, _ in outcome.written]
            yield outcome
        _sync(written)
        return
    import multiprocessing

    # Chunks small enough for an even finish and a live progress line, large enough to be cheap.
    size = max(1, min(10, total // (jobs * 8)))
    chunks = [variants[i : i + size] for i in range(0, total, size)]
    from flyer.app.interrupt import worker_signals
    from flyer.signals import forking

    with forking():  # the workers are forked here: a stop landing in a fork handler is taken after
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=worker_signals)
    with pool:
        for outcomes in pool.imap_unordered(_build_chunk, chunks):
            done += len(outcomes)
            if progress:
                progress(done, total)
            for outcome in outcomes:
                written += [path for path, _ in outcome.written]
                yield outcome
    _sync(written)


def _sync(paths: Iterable[str]) -> None:
    """Flush the batch's files to disk at the end: most of it is on disk by then, so each fsync is
    quick, where an fsync per file while building costs more than building it."""
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def default_jobs() -> int:
    """Worker processes by default: every core this process may use."""
    return usable_cores()
