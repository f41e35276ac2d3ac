"""``flyer build`` (one flyer, or ``--variants``) and ``flyer check``."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flyer.app.disk import read_content
from flyer.app.say import EXIT_CONTENT, EXIT_OK, UsageError, report, say, verify_failed, write_or_report

if TYPE_CHECKING:
    from flyer.content.overrides import Override
    from flyer.errors import Problem


def _asked(choice: str) -> list[str]:
    """The renditions a ``--profile`` value asks for; ``all`` is screen and print."""
    names = [name.strip() for name in choice.split(",")]
    expanded = [n for name in names for n in (["screen", "print"] if name == "all" else [name])]
    return list(dict.fromkeys(expanded))


def _profiles(choice: str) -> list[str]:
    """The renditions to render: those asked for, and screen when office sheets (made from it) are."""
    asked = _asked(choice)
    render = [name for name in asked if name != "office"]
    return [*render, "screen"] if "office" in asked and "screen" not in render else render


def cmd_build(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if args.watch or args.variants:
        gc.enable()  # long-running: flyer.entry turns the collector off for one-shot commands only
    if args.watch:
        from flyer.app.watch import watch

        return watch(content, Path(args.out))
    raw = read_content(content)
    overrides = _overrides(args.set)
    if args.variants:
        return cmd_variants(args, content, raw, overrides)
    from flyer.content.source import parse_yaml

    source = parse_yaml(raw, str(content))  # a YAML error is answered before pydantic and reportlab load
    from flyer.app.build import OUTPUT_NAMES, compile_source
    from flyer.app.fitreport import fit_lines

    built = compile_source(source, content.resolve().parent, _profiles(args.profile), overrides)  # type: ignore[arg-type]
    if not _warned(built.warnings, args.strict):
        return EXIT_CONTENT
    office = None
    if "office" in _asked(args.profile):
        from flyer.draw.impose import OFFICE_NAME, impose, plan

        office = impose(built.pdfs["screen"], built.document.width, built.document.height)
    if not args.no_verify:
        from flyer.app.forked import map_forked
        from flyer.verify import checks as verify

        jobs: list[tuple[str, bytes, Any]] = [(OUTPUT_NAMES[p], data, p) for p, data in built.pdfs.items()]
        if office is not None:
            jobs.append((OFFICE_NAME, office, "office"))
        # The renditions are independent: each read back on its own core.
        reports = map_forked(lambda job: verify.verify(job[1], built.flyer, job[2]), jobs)
        failures = [
            (name, check)
            for (name, _, _), report in zip(jobs, reports, strict=True)
            for check in report.failed
        ]
        if verify_failed(failures):
            return EXIT_CONTENT
    out = Path(args.out)
    files = {out / OUTPUT_NAMES[p]: data for p, data in built.pdfs.items() if p in _asked(args.profile)}
    if office is not None:
        files[out / OFFICE_NAME] = office
    if "screen" in _asked(args.profile):
        # The HTML companion goes with the screen rendition, whichever way it is asked for.
        from flyer.draw.html import OUTPUT_NAME, html, logo_of

        files[out / OUTPUT_NAME] = html(
            built.flyer, logo_of(built.document, built.flyer), built.document.fonts
        ).encode("utf-8")
    if not write_or_report(files, out):
        return EXIT_CONTENT
    pages = len(built.document.pages)
    for path, data in files.items():
        paged = f", {pages} page{'s' if pages > 1 else ''}" if path.suffix == ".pdf" else ""
        print(f"wrote {path} ({len(data) / 1024:.0f} KB{paged})")
    for line in fit_lines(built.document):
        print(line)
    if office is not None:
        sheet = plan(built.document.width, built.document.height)
        size = "A4" if round(sheet.sheet_h) == 842 else "letter"
        fit = f"scaled to {sheet.scale:.0%} to fit the printer's margins" if sheet.scale < 1 else "full size"
        print(f"  {OFFICE_NAME}: {sheet.copies} per {size} sheet, {fit}; print duplex, flip on long edge")
    return EXIT_OK


def _overrides(assignments: Sequence[str] | None) -> list[Override]:
    """``--set key.path=value`` options as overrides; a malformed one is a usage error."""
    from flyer.content.overrides import parse_assignment

    try:
        return [parse_assignment(text) for text in assignments or []]
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_variants(args: argparse.Namespace, content: Path, raw: bytes, overrides: list[Override]) -> int:
    """Build every variant of ``--variants FILE`` into ``OUT/<id>/`` (see flyer/batch.py)."""
    from flyer.app import batch
    from flyer.app.build import OUTPUT_NAMES, compile_source
    from flyer.content.source import parse_yaml
    from flyer.content.variants import read_variants

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    table = Path(args.variants)
    variants, problems = read_variants(read_content(table), str(table))
    plan = batch.BatchPlan(
        parse_yaml(raw, str(content)),
        content.resolve().parent,
        Path(args.out),
        tuple(_profiles(args.profile)),  # type: ignore[arg-type]
        tuple(overrides),
        args.strict,
        not args.no_verify,
    )
    problems += batch.validate_all(plan, variants)
    problems.sort(key=lambda p: (p.file != str(table), p.line, p.column))
    if problems:
        report(problems)
        say(f"nothing written: {len(problems)} problem(s) with the variants of {table}")
        return EXIT_CONTENT
    if not args.no_verify:  # the first variant is read back in full, as `flyer build` does
        from flyer.verify import checks as verify

        first = compile_source(plan.source, plan.base, plan.profiles, (*plan.common, *variants[0].overrides))
        failures = [
            (OUTPUT_NAMES[profile], check)
            for profile, data in first.pdfs.items()
            for check in verify.verify(data, first.flyer, profile).failed
        ]
        if verify_failed([(f"{variants[0].id}/{name}", check) for name, check in failures]):
            return EXIT_CONTENT
        del first
    live = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        print(
            f"\rbuilt {done}/{total} variants", end="" if done < total else "\n", file=sys.stderr, flush=True
        )

    # A warning is said once per place in the content (not once per variant), naming the variant.
    failed, written, seen_warnings = 0, 0, set[tuple[str, int, int, str]]()
    jobs = args.jobs or batch.default_jobs()
    for outcome in batch.run(plan, variants, jobs, progress if live else None):
        if outcome.written:
            written += 1
            fresh = [w for w in outcome.problems if (w.file, w.line, w.column, w.path) not in seen_warnings]
            seen_warnings.update((w.file, w.line, w.column, w.path) for w in fresh)
            report([dataclasses.replace(w, message=f"{w.message} (variant {outcome.id})") for w in fresh])
        else:
            failed += 1
            say(f"variant {outcome.id}: not written")
            report(outcome.problems)
    print(f"wrote {written} variant(s) to {args.out}/<id>/" + (f"; {failed} failed" if failed else ""))
    return EXIT_CONTENT if failed else EXIT_OK


def _warned(warnings: Sequence[Problem], strict: bool) -> bool:
    """Report the build's warnings; with ``--strict`` as errors, and then False: stop there."""
    if strict and warnings:
        report([p.as_error() for p in warnings])
        return False
    report(warnings)
    return True


def cmd_check(args: argparse.Namespace) -> int:
    from flyer.content.source import parse_yaml

    content = Path(args.content)
    overrides = _overrides(args.set)
    source = parse_yaml(read_content(content), str(content))  # YAML errors before the model loads
    from flyer.app.build import compile_source
    from flyer.app.fitreport import fit_lines

    built = compile_source(source, content.resolve().parent, [], overrides)
    if not _warned(built.warnings, args.strict):
        return EXIT_CONTENT
    pages = len(built.document.pages)
    print(
        f"{content}: ok ({pages} page{'s' if pages > 1 else ''}, {built.flyer.page.size} {built.flyer.page.orientation})"
    )
    for line in fit_lines(built.document):
        print(line)
    return EXIT_OK
