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
        return path.read_bytes()
    except FileNotFoundError:
        raise ContentError(
            [
                Problem(
                    f"'{path}' does not exist",
                    file=str(path),
                    hint="give the path of your content.yaml, or run flyer init",
                )
            ]
        ) from None
    except OSError as exc:
        raise ContentError([Problem(f"'{path}' cannot be read: {exc.strerror}", file=str(path))]) from None


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file or none: temporary files in the same folder, then renames.

    A crash or a concurrent build never leaves a truncated PDF: readers see the old file or the new.
    """
    temps: list[tuple[Path, Path]] = []
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
    finally:
        for temp, _ in temps:
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
