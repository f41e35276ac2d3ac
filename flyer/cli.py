"""The command line: the only module that touches the file system."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import ContentError, Problem, format_problem

__all__ = ["main", "write_atomically"]

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        _say(format_problem(problem))


def _read_content(path: Path) -> bytes:
    """The content file's bytes; a ``ContentError`` when it is a folder, missing, unreadable or huge."""
    limit = 16 * 1024 * 1024  # a content file is a few kilobytes; never read a stray video
    if path.is_dir():
        raise ContentError(
            [
                Problem(
                    f"'{path}' is a folder, not a content file",
                    file=str(path),
                    hint=f"try {path / 'content.yaml'}",
                )
            ]
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise ContentError(
            [
                Problem(
                    f"'{path}' does not exist",
                    file=str(path),
                    hint="give the path of your content file: flyer build path/to/content.yaml",
                )
            ]
        ) from None
    except OSError as exc:
        raise ContentError(
            [Problem(f"'{path}' cannot be read: {exc.strerror or exc}", file=str(path))]
        ) from None
    if len(raw) > limit:
        raise ContentError(
            [
                Problem(
                    f"'{path}' is larger than {limit // (1024 * 1024)} MB; a content file is a few kilobytes",
                    file=str(path),
                    hint="check that this is your content file",
                )
            ]
        )
    return raw


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file or none: temporary files in the same folder, then renames.

    A crash or a concurrent build never leaves a truncated PDF: readers see the old file or the new.
    Raise ``OSError`` (with a readable ``strerror``) when a folder cannot be made or written.
    """
    import errno

    for folder in {target.parent for target in files}:
        blocker = next((p for p in (folder, *folder.parents) if p.exists() or p.is_symlink()), None)
        if blocker is not None and not blocker.is_dir():
            what = "a file, not a folder" if blocker.is_file() else "not a folder"
            raise NotADirectoryError(errno.ENOTDIR, f"'{blocker}' is {what}", str(blocker))
    temps: list[tuple[Path, Path]] = []
    renamed: set[Path] = set()
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((Path(name), target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for temp, target in temps:
            os.replace(temp, target)
            renamed.add(temp)
    finally:
        # Only our own leftovers: once renamed, the name may already be another build's temp file.
        for temp, _ in temps:
            if temp not in renamed:
                temp.unlink(missing_ok=True)


def _profiles(choice: str) -> list[str]:
    return ["screen", "print"] if choice == "all" else [choice]


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import OUTPUT_NAMES, compile_flyer

    content = Path(args.content)
    raw = _read_content(content)
    built = compile_flyer(raw, str(content), content.resolve().parent, _profiles(args.profile))  # type: ignore[arg-type]
    _report(built.warnings)
    if args.strict and built.warnings:
        _report([Problem("warnings are errors with --strict", file=str(content))])
        return EXIT_CONTENT
    if not args.no_verify:
        from . import verify

        failures = []
        for profile, data in built.pdfs.items():
            report = verify.verify(data, built.flyer, profile)
            failures += [(OUTPUT_NAMES[profile], check) for check in report.failed]
        for name, check in failures:
            _say(f"{name}: verify: FAIL {check.name}: {check.figure}")
            for detail in check.details:
                _say(f"    {detail}")
        if failures:
            _say("nothing written (use --no-verify to write anyway)")
            return EXIT_CONTENT
    out = Path(args.out)
    files = {out / OUTPUT_NAMES[p]: data for p, data in built.pdfs.items()}
    try:
        write_atomically(files)
    except OSError as exc:
        _report(
            [
                Problem(
                    f"cannot write to '{out}': {exc.strerror or exc}", hint="choose another folder with --out"
                )
            ]
        )
        return EXIT_CONTENT
    pages = len(built.document.pages)
    for path, data in files.items():
        print(f"wrote {path} ({len(data) / 1024:.0f} KB, {pages} page{'s' if pages > 1 else ''})")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from .build import compile_flyer

    content = Path(args.content)
    built = compile_flyer(_read_content(content), str(content), content.resolve().parent, [])
    _report(built.warnings)
    if args.strict and built.warnings:
        return EXIT_CONTENT
    pages = len(built.document.pages)
    print(
        f"{content}: ok ({pages} page{'s' if pages > 1 else ''}, {built.flyer.page.size} {built.flyer.page.orientation})"
    )
    return EXIT_OK


def _cmd_preview(args: argparse.Namespace) -> int:
    from .preview import png_pages

    source = Path(args.source)
    raw = _read_content(source)
    if raw.startswith(b"%PDF"):
        pdf, stem = raw, source.stem
    else:
        from .build import compile_flyer

        built = compile_flyer(raw, str(source), source.resolve().parent, ["screen"])
        _report(built.warnings)
        pdf, stem = built.pdfs["screen"], "flyer"
    if not 10 <= args.dpi <= 600:
        _say("flyer preview: --dpi must be between 10 and 600")
        return EXIT_USAGE
    out = Path(args.out)
    files = {out / f"{stem}-{n}.png": png for n, png in enumerate(png_pages(pdf, args.dpi), start=1)}
    try:
        write_atomically(files)
    except OSError as exc:
        _report(
            [
                Problem(
                    f"cannot write to '{out}': {exc.strerror or exc}", hint="choose another folder with --out"
                )
            ]
        )
        return EXIT_CONTENT
    for path, data in files.items():
        print(f"wrote {path} ({len(data) / 1024:.0f} KB)")
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    import json

    from . import verify

    flyer = None
    if args.content:
        from .build import prepare

        content = Path(args.content)
        _, flyer, _ = prepare(_read_content(content), str(content), content.resolve().parent)
    try:
        pdf = Path(args.pdf).read_bytes()
        report = verify.verify(pdf, flyer, args.profile)
    except (OSError, verify.UnreadablePDF) as exc:
        _say(f"flyer verify: cannot read '{args.pdf}': {getattr(exc, 'strerror', None) or exc}")
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


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .content import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flyer", description="Turn content.yaml into a clickable screen PDF and a print-ready PDF."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = sub.add_parser("build", help="build output/flyer.pdf and output/flyer-print.pdf")
    build.add_argument(
        "content", nargs="?", default="content.yaml", help="content file (default: content.yaml)"
    )
    build.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output)")
    build.add_argument(
        "--profile",
        choices=["screen", "print", "all"],
        default="all",
        help="which rendition(s) to write (default: all)",
    )
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument(
        "--no-verify", action="store_true", help="write without reading the PDFs back (flyer verify)"
    )
    build.set_defaults(run=_cmd_build)
    check = sub.add_parser("check", help="validate and lay out the content, write nothing")
    check.add_argument(
        "content", nargs="?", default="content.yaml", help="content file (default: content.yaml)"
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=_cmd_check)
    preview = sub.add_parser("preview", help="write a PNG of each page (of a content file or a PDF)")
    preview.add_argument(
        "source", nargs="?", default="content.yaml", help="content file or PDF (default: content.yaml)"
    )
    preview.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output)")
    preview.add_argument("--dpi", type=float, default=80, help="resolution (default: 80)")
    preview.set_defaults(run=_cmd_preview)
    verify = sub.add_parser(
        "verify", help="read a written PDF back and check its QR codes, links, boxes, fonts"
    )
    verify.add_argument("pdf", metavar="PDF", help="the PDF to check")
    verify.add_argument(
        "--content", metavar="CONTENT", help="content file: also check addresses and metadata"
    )
    verify.add_argument(
        "--profile", choices=["screen", "print"], help="rendition (default: print when the PDF has a TrimBox)"
    )
    verify.add_argument("--json", metavar="REPORT", help="also write the report as JSON")
    verify.set_defaults(run=_cmd_verify)
    schema = sub.add_parser("schema", help="print the JSON Schema of content.yaml")
    schema.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ContentError as exc:
        _report(exc.problems)
        return EXIT_CONTENT
