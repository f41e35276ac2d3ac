"""The command line: the only module that touches the file system."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flyer.app.disk import read_content, write_atomically
from flyer.errors import ContentError, Problem, format_problem

if TYPE_CHECKING:
    from flyer.content.overrides import Override

__all__ = ["main"]

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _printable(text: str) -> str:
    """``text`` with control and bidi characters escaped (a file name or a PDF's bytes may hold them)."""
    from flyer.content.source import printable

    return printable(text)


def _report(problems: Sequence[Problem]) -> None:
    from flyer.content.source import printable, printable_problem

    for problem in problems:
        # Escaped as a whole: a --set text or a file name may carry ESC or a bidi control too.
        shown = printable_problem(problem)
        _say(format_problem(dataclasses.replace(shown, file=printable(shown.file))))


def _verify_failed(failures: Sequence[tuple[str, Any]]) -> bool:
    """Print the checks that failed on the PDFs about to be written; True when there is one."""
    for name, check in failures:
        _say(f"{name}: verify: FAIL {check.name}: {check.figure}")
        for detail in check.details:
            _say(f"    {detail}")
    if failures:
        _say("nothing written (use --no-verify to write anyway)")
    return bool(failures)


def _profile_arg(text: str) -> str:
    """Check a ``--profile`` value: ``all`` or a comma-separated list of screen, print, office."""
    bad = [name for name in text.split(",") if name.strip() not in ("screen", "print", "office", "all")]
    if bad:
        raise argparse.ArgumentTypeError(
            f"invalid choice: {bad[0]!r} (choose screen, print, office or all, or a list: screen,office)"
        )
    return text


def _asked(choice: str) -> list[str]:
    """The renditions a ``--profile`` value asks for; ``all`` is screen and print."""
    names = [name.strip() for name in choice.split(",")]
    expanded = [n for name in names for n in (["screen", "print"] if name == "all" else [name])]
    return list(dict.fromkeys(expanded))


def _write(files: dict[Path, bytes], out: Path) -> bool:
    """Write ``files`` atomically; report a folder that cannot be written and return False."""
    try:
        write_atomically(files)
    except OSError as exc:
        _report(
            [
                Problem(
                    f"cannot write to '{out}': {exc.strerror or exc}",
                    file=str(out),
                    hint="choose another folder with --out",
                )
            ]
        )
        return False
    return True


def _profiles(choice: str) -> list[str]:
    """The renditions to render: those asked for, and screen when office sheets (made from it) are."""
    asked = _asked(choice)
    render = [name for name in asked if name != "office"]
    return [*render, "screen"] if "office" in asked and "screen" not in render else render


def _cmd_build(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if args.watch or args.variants:
        gc.enable()  # long-running: flyer.entry turns the collector off for one-shot commands only
    if args.watch:
        from flyer.app.watch import watch

        return watch(content, Path(args.out))
    raw = read_content(content)
    overrides = _overrides(args.set)
    if args.variants:
        return _cmd_variants(args, content, raw, overrides)
    from flyer.content.source import parse_yaml

    source = parse_yaml(raw, str(content))  # a YAML error is answered before pydantic and reportlab load
    from flyer.app.build import OUTPUT_NAMES, compile_source
    from flyer.app.fitreport import fit_lines

    built = compile_source(source, content.resolve().parent, _profiles(args.profile), overrides)  # type: ignore[arg-type]
    if args.strict and built.warnings:
        _report([p.as_error() for p in built.warnings])
        return EXIT_CONTENT
    _report(built.warnings)
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
        if _verify_failed(failures):
            return EXIT_CONTENT
    out = Path(args.out)
    files = {out / OUTPUT_NAMES[p]: data for p, data in built.pdfs.items() if p in _asked(args.profile)}
    if office is not None:
        files[out / OFFICE_NAME] = office
    if args.profile == "all" or "screen" in _asked(args.profile):
        # The HTML companion goes with the screen rendition, whichever way it is asked for.
        from flyer.draw.html import OUTPUT_NAME, html, logo_of

        files[out / OUTPUT_NAME] = html(
            built.flyer, logo_of(built.document, built.flyer), built.document.fonts
        ).encode("utf-8")
    if not _write(files, out):
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


class _UsageError(Exception):
    """A bad option value: reported as ``flyer: …``, exit code 2."""


def _overrides(assignments: Sequence[str] | None) -> list[Override]:
    """``--set key.path=value`` options as overrides; a malformed one is a usage error."""
    from flyer.content.overrides import parse_assignment

    try:
        return [parse_assignment(text) for text in assignments or []]
    except ValueError as exc:
        raise _UsageError(str(exc)) from None


def _cmd_variants(args: argparse.Namespace, content: Path, raw: bytes, overrides: list[Override]) -> int:
    """Build every variant of ``--variants FILE`` into ``OUT/<id>/`` (see flyer/batch.py)."""
    from flyer.app import batch
    from flyer.app.build import OUTPUT_NAMES, compile_source
    from flyer.content.source import parse_yaml
    from flyer.content.variants import read_variants

    if args.jobs is not None and args.jobs < 1:
        raise _UsageError("--jobs must be at least 1")
    table = Path(args.variants)
    variants, problems = read_variants(read_content(table), str(table))
    plan = batch.Plan(
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
        _report(problems)
        _say(f"nothing written: {len(problems)} problem(s) with the variants of {table}")
        return EXIT_CONTENT
    if not args.no_verify:  # the first variant is read back in full, as `flyer build` does
        from flyer.verify import checks as verify

        first = compile_source(plan.source, plan.base, plan.profiles, (*plan.common, *variants[0].overrides))
        failures = [
            (OUTPUT_NAMES[profile], check)
            for profile, data in first.pdfs.items()
            for check in verify.verify(data, first.flyer, profile).failed
        ]
        if _verify_failed([(f"{variants[0].id}/{name}", check) for name, check in failures]):
            return EXIT_CONTENT
        del first
    live = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        print(
            f"\rbuilt {done}/{total} variants", end="" if done < total else "\n", file=sys.stderr, flush=True
        )

    import dataclasses

    # A warning is said once per place in the content (not once per variant), naming the variant.
    failed, written, seen_warnings = 0, 0, set[tuple[str, int, int, str]]()
    jobs = args.jobs or batch.default_jobs()
    for outcome in batch.run(plan, variants, jobs, progress if live else None):
        if outcome.written:
            written += 1
            fresh = [w for w in outcome.problems if (w.file, w.line, w.column, w.path) not in seen_warnings]
            seen_warnings.update((w.file, w.line, w.column, w.path) for w in fresh)
            _report([dataclasses.replace(w, message=f"{w.message} (variant {outcome.id})") for w in fresh])
        else:
            failed += 1
            _say(f"variant {outcome.id}: not written")
            _report(outcome.problems)
    print(f"wrote {written} variant(s) to {args.out}/<id>/" + (f"; {failed} failed" if failed else ""))
    return EXIT_CONTENT if failed else EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from flyer.content.source import parse_yaml

    content = Path(args.content)
    overrides = _overrides(args.set)
    source = parse_yaml(read_content(content), str(content))  # YAML errors before the model loads
    from flyer.app.build import compile_source
    from flyer.app.fitreport import fit_lines

    built = compile_source(source, content.resolve().parent, [], overrides)
    if args.strict and built.warnings:
        _report([p.as_error() for p in built.warnings])
        return EXIT_CONTENT
    _report(built.warnings)
    pages = len(built.document.pages)
    print(
        f"{content}: ok ({pages} page{'s' if pages > 1 else ''}, {built.flyer.page.size} {built.flyer.page.orientation})"
    )
    for line in fit_lines(built.document):
        print(line)
    return EXIT_OK


def _read_pdf(path: Path) -> bytes:
    """A PDF's bytes (regular files only, 200 MB at most); ``OSError`` with a readable reason."""
    import errno

    from flyer.content.files import regular_file_problem

    problem = regular_file_problem(path, 200 * 1024 * 1024)
    if problem:
        raise OSError(errno.EINVAL, problem)
    return path.read_bytes()


def _cmd_preview(args: argparse.Namespace) -> int:
    from flyer.draw.png import png_pages
    from flyer.verify.pdfopen import UnreadablePDF, inspect_pdf, reading

    source = Path(args.source)
    if source.suffix.lower() == ".pdf":
        try:
            raw = _read_pdf(source)
        except OSError as exc:
            _say(_printable(f"flyer preview: cannot read '{source}': {exc.strerror or exc}"))
            return EXIT_USAGE
    else:
        raw = read_content(source)
    if raw.startswith(b"%PDF") or source.suffix.lower() == ".pdf":
        pdf, stem = raw, source.stem
        try:
            inspect_pdf(pdf, args.dpi, args.pages)
        except UnreadablePDF as exc:
            _say(_printable(f"flyer preview: cannot read '{source}': {exc}"))
            return EXIT_USAGE
    else:
        from flyer.app.build import compile_flyer

        built = compile_flyer(raw, str(source), source.resolve().parent, ["screen"])
        _report(built.warnings)
        pdf, stem = built.pdfs["screen"], "flyer"
    out = Path(args.out)
    try:
        with reading(broad=False):
            pngs = png_pages(pdf, args.dpi)
    except UnreadablePDF as exc:
        _say(_printable(f"flyer preview: cannot read '{source}': {exc}"))
        return EXIT_USAGE
    files = {out / f"{stem}-{n}.png": png for n, png in enumerate(pngs, start=1)}
    if not _write(files, out):
        return EXIT_CONTENT
    for path, data in files.items():
        print(f"wrote {path} ({len(data) / 1024:.0f} KB)")
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    import json

    from flyer.verify import checks as verify

    flyer = None
    if args.content:
        from flyer.app.build import prepare

        content = Path(args.content)
        _, flyer, _ = prepare(read_content(content), str(content), content.resolve().parent)
    from flyer.verify.pdfopen import UnreadablePDF, inspect_pdf, reading

    try:
        pdf = _read_pdf(Path(args.pdf))
        inspect_pdf(pdf, verify.DPI, args.pages)
        with reading(broad=False):
            report = verify.verify(pdf, flyer, args.profile, args.distance)
    except (OSError, verify.UnreadablePDF, UnreadablePDF) as exc:
        _say(_printable(f"flyer verify: cannot read '{args.pdf}': {getattr(exc, 'strerror', None) or exc}"))
        return EXIT_USAGE
    rows = [(c.name, "PASS" if c.passed else "FAIL", c.figure) for c in report.checks]
    width = max(len(name) for name, _, _ in rows)
    print(f"{args.pdf}: {report.profile} profile, {report.pages} page{'s' if report.pages > 1 else ''}")
    for check, (name, verdict, figure) in zip(report.checks, rows, strict=True):
        print(f"  {name:<{width}}  {verdict}  {figure}")
        for detail in check.details:
            print(f"  {'':<{width}}        {detail}")
    print("all checks pass" if report.passed else f"{len(report.failed)} check(s) failed")
    if args.json:
        text = json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"
        try:
            write_atomically({Path(args.json): text.encode("utf-8")})
        except OSError as exc:
            _say(f"flyer verify: cannot write '{args.json}': {exc.strerror or exc}")
            return EXIT_CONTENT
    return EXIT_OK if report.passed else EXIT_CONTENT


def _cmd_serve(args: argparse.Namespace) -> int:
    from flyer.app.serve import loopback, serve

    if not loopback(args.bind):
        raise _UsageError(
            f"--bind {args.bind}: flyer serve binds to the loopback address only (127.0.0.1 or ::1)"
        )
    try:
        return serve(Path(args.content), host=args.bind, port=args.port, dpi=args.dpi)
    except OSError as exc:
        raise _UsageError(f"cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}") from None


def _cmd_init(args: argparse.Namespace) -> int:
    from flyer.app.scaffold import files

    folder = Path(args.folder)
    content = folder / "content.yaml"
    if content.exists() or content.is_symlink():
        _report(
            [
                Problem(
                    f"'{content}' already exists; flyer init never overwrites a content file",
                    file=str(content),
                    hint="choose a new folder: flyer init my-flyer",
                )
            ]
        )
        return EXIT_CONTENT
    new = {folder / name: data for name, data in files().items() if not (folder / name).exists()}
    try:
        write_atomically(new)
    except OSError as exc:
        _report([Problem(f"cannot write to '{folder}': {exc.strerror or exc}", hint="choose another folder")])
        return EXIT_CONTENT
    for path in new:
        print(f"wrote {path}")
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    print(f"next: edit {content}, then {go}flyer build")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from flyer.content.model import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _folder_arg(text: str) -> str:
    """An output folder: never empty (« --out '' » would write into the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an output folder is needed, not an empty name (default: output)")
    return text


def _number_arg(option: str, low: float, high: float) -> Any:
    """An argparse type: a finite number from ``low`` to ``high`` (``nan``, ``-5`` refused)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not low <= value <= high:  # also false for nan
            raise argparse.ArgumentTypeError(f"{text!r} is out of range: from {low:g} to {high:g}")
        return value

    parse.__name__ = option  # argparse names the type in its message
    return parse


def _pages(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 10_000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of pages from 1 to 10000")
    return int(text)


def _pages_option(parser: argparse.ArgumentParser) -> None:
    from flyer.verify.pdfopen import DEFAULT_MAX_PAGES

    parser.add_argument(
        "--pages",
        type=_pages,
        default=DEFAULT_MAX_PAGES,
        metavar="N",
        help=f"read at most N pages of a PDF; more is refused (default: {DEFAULT_MAX_PAGES})",
    )


def _set_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help="override a content key, typed as in YAML (event.stand=B12, sections[0].title=…); repeatable",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flyer", description="Turn content.yaml into a clickable screen PDF and a print-ready PDF."
    )
    from flyer import __version__

    parser.add_argument("--version", action="version", version=f"flyer {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = sub.add_parser("build", help="build output/flyer.pdf and output/flyer-print.pdf")
    build.add_argument(
        "content", nargs="?", default="content.yaml", help="content file (default: content.yaml)"
    )
    build.add_argument(
        "--out", type=_folder_arg, default="output", metavar="DIR", help="output folder (default: output)"
    )
    build.add_argument(
        "--profile",
        type=_profile_arg,
        default="all",
        metavar="screen|print|office|all",
        help="which rendition(s) to write, several with commas: screen,office (default: all = screen,print)",
    )
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument(
        "--no-verify", action="store_true", help="write without reading the PDFs back (flyer verify)"
    )
    build.add_argument(
        "--watch",
        action="store_true",
        help="rebuild the screen PDF and its PNG preview on every change (Ctrl-C to stop)",
    )
    _set_option(build)
    build.add_argument(
        "--variants", metavar="FILE", help="CSV or YAML list: one flyer per row, written to OUT/<id>/"
    )
    build.add_argument(
        "--jobs", type=int, metavar="N", help="worker processes for --variants (default: every core)"
    )
    build.set_defaults(run=_cmd_build)
    check = sub.add_parser("check", help="validate and lay out the content, write nothing")
    check.add_argument(
        "content", nargs="?", default="content.yaml", help="content file (default: content.yaml)"
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _set_option(check)
    check.set_defaults(run=_cmd_check)
    preview = sub.add_parser("preview", help="write a PNG of each page (of a content file or a PDF)")
    preview.add_argument(
        "source", nargs="?", default="content.yaml", help="content file or PDF (default: content.yaml)"
    )
    preview.add_argument(
        "--out", type=_folder_arg, default="output", metavar="DIR", help="output folder (default: output)"
    )
    preview.add_argument(
        "--dpi", type=_number_arg("--dpi", 10, 600), default=80, help="resolution, 10 to 600 (default: 80)"
    )
    _pages_option(preview)
    preview.set_defaults(run=_cmd_preview)
    verify = sub.add_parser(
        "verify", help="read a written PDF back and check its QR codes, links, boxes, fonts"
    )
    verify.add_argument("pdf", metavar="PDF", help="the PDF to check")
    verify.add_argument(
        "--content", metavar="CONTENT", help="content file: also check addresses and metadata"
    )
    verify.add_argument(
        "--profile",
        choices=["screen", "print", "office"],
        help="rendition (default: print when the PDF has a TrimBox, else screen)",
    )
    verify.add_argument("--json", metavar="REPORT", help="also write the report as JSON")
    _pages_option(verify)
    verify.add_argument(
        "--distance",
        type=_number_arg("--distance", 1, 10_000),
        metavar="CM",
        help="scan distance: codes must be at least a tenth as wide (default: 20 mm, a handout)",
    )
    verify.set_defaults(run=_cmd_verify)
    serve = sub.add_parser(
        "serve", help="live preview in the browser, rebuilt on every save (127.0.0.1 only)"
    )
    serve.add_argument(
        "content", nargs="?", default="content.yaml", help="content file (default: content.yaml)"
    )
    serve.add_argument("--port", type=int, default=0, help="port (default: a free one, printed)")
    serve.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDR",
        help="loopback address only: 127.0.0.1 (default) or ::1",
    )
    serve.add_argument("--dpi", type=float, default=110, help="resolution of the page images (default: 110)")
    serve.set_defaults(run=_cmd_serve)
    init = sub.add_parser("init", help="start a new flyer: content.yaml, its schema, a logo, output/")
    init.add_argument("folder", nargs="?", default=".", metavar="DIR", help="project folder (default: .)")
    init.set_defaults(run=_cmd_init)
    schema = sub.add_parser("schema", help="print the JSON Schema of content.yaml")
    schema.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (130 when stopped by Ctrl-C or SIGTERM)."""
    from flyer.app.interrupt import EXIT_INTERRUPTED, handling, was_interrupted

    with handling():
        try:
            args = _parser().parse_args(argv)
            return int(args.run(args))
        except ContentError as exc:
            _report(exc.problems)
            return EXIT_CONTENT
        except _UsageError as exc:
            _say(f"flyer: {exc}")
            return EXIT_USAGE
        except KeyboardInterrupt:
            _say("interrupted")
            return EXIT_INTERRUPTED
        except Exception:
            # A library that caught the stop and raised its own error (ctypes.ArgumentError).
            if was_interrupted():
                _say("interrupted")
                return EXIT_INTERRUPTED
            raise
