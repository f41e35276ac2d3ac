"""The command line's grammar: commands, options and their value checks (argparse)."""

from __future__ import annotations

import argparse
from typing import Any

from flyer.app.cmd_build import cmd_build, cmd_check
from flyer.app.cmd_pdf import cmd_preview, cmd_verify
from flyer.app.cmd_project import cmd_init, cmd_schema, cmd_serve


def _profile_arg(text: str) -> str:
    """Check a ``--profile`` value: ``all`` or a comma-separated list of screen, print, office."""
    bad = [name for name in text.split(",") if name.strip() not in ("screen", "print", "office", "all")]
    if bad:
        raise argparse.ArgumentTypeError(
            f"invalid choice: {bad[0]!r} (choose screen, print, office or all, or a list: screen,office)"
        )
    return text


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


def _content_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "content", nargs="?", default="content.yaml", help="content file (default: content.yaml)"
    )


def _out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=_folder_arg, default="output", metavar="DIR", help="output folder (default: output)"
    )


def _set_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help="override a content key, typed as in YAML (event.stand=B12, sections[0].title=…); repeatable",
    )


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flyer", description="Turn content.yaml into a clickable screen PDF and a print-ready PDF."
    )
    from flyer import __version__

    parser.add_argument("--version", action="version", version=f"flyer {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = sub.add_parser("build", help="build output/flyer.pdf and output/flyer-print.pdf")
    _content_argument(build)
    _out_option(build)
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
    build.set_defaults(run=cmd_build)
    check = sub.add_parser("check", help="validate and lay out the content, write nothing")
    _content_argument(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _set_option(check)
    check.set_defaults(run=cmd_check)
    preview = sub.add_parser("preview", help="write a PNG of each page (of a content file or a PDF)")
    preview.add_argument(
        "source", nargs="?", default="content.yaml", help="content file or PDF (default: content.yaml)"
    )
    _out_option(preview)
    preview.add_argument(
        "--dpi", type=_number_arg("--dpi", 10, 600), default=80, help="resolution, 10 to 600 (default: 80)"
    )
    _pages_option(preview)
    preview.set_defaults(run=cmd_preview)
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
    verify.set_defaults(run=cmd_verify)
    serve = sub.add_parser(
        "serve", help="live preview in the browser, rebuilt on every save (127.0.0.1 only)"
    )
    _content_argument(serve)
    serve.add_argument("--port", type=int, default=0, help="port (default: a free one, printed)")
    serve.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDR",
        help="loopback address only: 127.0.0.1 (default) or ::1",
    )
    serve.add_argument("--dpi", type=float, default=110, help="resolution of the page images (default: 110)")
    serve.set_defaults(run=cmd_serve)
    init = sub.add_parser("init", help="start a new flyer: content.yaml, its schema, a logo, output/")
    init.add_argument("folder", nargs="?", default=".", metavar="DIR", help="project folder (default: .)")
    init.set_defaults(run=cmd_init)
    schema = sub.add_parser("schema", help="print the JSON Schema of content.yaml")
    schema.set_defaults(run=cmd_schema)
    return parser
