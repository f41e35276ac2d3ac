"""``flyer preview`` and ``flyer verify``: a content file or a written PDF (looked over first) → PNGs, a report."""

from __future__ import annotations

import argparse
from pathlib import Path

from flyer.app.disk import read_content, write_atomically
from flyer.app.say import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, printable_text, report, say, write_or_report


def _read_pdf(path: Path) -> bytes:
    """A PDF's bytes (regular files only, 200 MB at most); ``OSError`` with a readable reason."""
    import errno

    from flyer.content.files import regular_file_problem

    problem = regular_file_problem(path, 200 * 1024 * 1024)
    if problem:
        raise OSError(errno.EINVAL, problem)
    return path.read_bytes()


def cmd_preview(args: argparse.Namespace) -> int:
    from flyer.draw.png import png_pages
    from flyer.verify.pdfopen import UnreadablePDF, inspect_pdf, reading

    source = Path(args.source)
    if source.suffix.lower() == ".pdf":
        try:
            raw = _read_pdf(source)
        except OSError as exc:
            say(printable_text(f"flyer preview: cannot read '{source}': {exc.strerror or exc}"))
            return EXIT_USAGE
    else:
        raw = read_content(source)
    if raw.startswith(b"%PDF") or source.suffix.lower() == ".pdf":
        pdf, stem = raw, source.stem
        try:
            inspect_pdf(pdf, args.dpi, args.pages)
        except UnreadablePDF as exc:
            say(printable_text(f"flyer preview: cannot read '{source}': {exc}"))
            return EXIT_USAGE
    else:
        from flyer.app.build import compile_flyer

        built = compile_flyer(raw, str(source), source.resolve().parent, ["screen"])
        report(built.warnings)
        pdf, stem = built.pdfs["screen"], "flyer"
    out = Path(args.out)
    try:
        with reading(broad=False):
            pngs = png_pages(pdf, args.dpi)
    except UnreadablePDF as exc:
        say(printable_text(f"flyer preview: cannot read '{source}': {exc}"))
        return EXIT_USAGE
    files = {out / f"{stem}-{n}.png": png for n, png in enumerate(pngs, start=1)}
    if not write_or_report(files, out):
        return EXIT_CONTENT
    for path, data in files.items():
        print(f"wrote {path} ({len(data) / 1024:.0f} KB)")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
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
    except (OSError, UnreadablePDF) as exc:
        say(
            printable_text(f"flyer verify: cannot read '{args.pdf}': {getattr(exc, 'strerror', None) or exc}")
        )
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
            say(f"flyer verify: cannot write '{args.json}': {exc.strerror or exc}")
            return EXIT_CONTENT
    return EXIT_OK if report.passed else EXIT_CONTENT
