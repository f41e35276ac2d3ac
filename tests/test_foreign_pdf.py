"""A sabotaged set of PDFs for ``flyer verify`` and ``flyer preview``: exit 2, one line, no traceback."""

from __future__ import annotations

import io
import os
import zlib
from pathlib import Path

import pikepdf
import pypdf
import pytest

from flyer.app.cli import main
from flyer.verify.pdfopen import UnreadablePDF, inspect_pdf

from .conftest import MINIMAL


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first is the catalog), with its xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _one_page(media: bytes = b"[0 0 595 842]", content: bytes = b"", flate: bool = False) -> bytes:
    data = zlib.compress(content, 9) if flate else content
    head = b"/Filter /FlateDecode " if flate else b""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox " + media + b" /Contents 4 0 R >>",
            b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), head, data),
        ]
    )


def _encrypted() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted_aes() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))
    return out.getvalue()


def _pages(count: int) -> bytes:
    writer = pypdf.PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


SABOTAGED = {
    "encrypted": (_encrypted, "it is encrypted"),
    "encrypted-aes-256": (_encrypted_aes, "it is encrypted"),
    "deep-page-tree": (
        lambda: _pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>"]
            + [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (n + 3) for n in range(3000)]
            + [b"<< /Type /Page /MediaBox [0 0 595 842] >>"]
        ),
        "its page tree is nested too deep",
    ),
    "nested-in-a-page": (
        lambda: _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /X "
                + b"[" * 5000
                + b"]" * 5000
                + b" >>",
            ]
        ),
        "nests objects too deep",
    ),
    "no-mediabox": (
        lambda: _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R >>",
            ]
        ),
        "has no valid size",
    ),
    "mediabox-of-five": (lambda: _one_page(media=b"[0 0 14400 14400 1]"), "has no valid size"),
    "page-tree-loop": (
        lambda: _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
            ]
        ),
        "its page tree loops back on itself",
    ),
    "nested-array": (
        lambda: _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 100_000 + b"]" * 100_000 + b" >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            ]
        ),
        "nests objects too deep",
    ),
    "flate-bomb": (lambda: _one_page(content=b"0 0 m " * 20_000_000, flate=True), "a decompression bomb"),
    "heavy-content": (
        lambda: _one_page(content=b"0 0 1 1 re f\n" * 1_500_000, flate=True),
        "page 1 draws with more than 16 MB of instructions",
    ),
    "60000-objects": (
        lambda: _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
                *[b"null"] * 60_000,
            ]
        ),
        "it has 60003 objects",
    ),
    "200-inch-page": (lambda: _one_page(media=b"[0 0 14400 14400]"), "5080 × 5080 mm: too large to render"),
    "no-size": (lambda: _one_page(media=b"[0 0 0 0]"), "page 1 has no valid size"),
    "truncated": (lambda: _one_page(content=b"BT ET")[:300], "it is truncated"),
    "2000-pages": (lambda: _pages(2000), "it has 2000 pages; at most 20 are read"),
    "not-a-pdf": (lambda: b"%PDF-1.7\n" + os.urandom(2000) + b"\n%%EOF\n", "damaged or not a PDF"),
    "empty-page-tree": (
        lambda: _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
        "it has no page",
    ),
}


@pytest.mark.parametrize("command", ["verify", "preview"])
@pytest.mark.parametrize("name", sorted(SABOTAGED))
def test_a_sabotaged_pdf_is_one_line_and_exit_2(
    name: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message = SABOTAGED[name]
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(make())
    argv = [command, str(pdf)] + (["--out", str(tmp_path / "out")] if command == "preview" else [])
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert f"flyer {command}: cannot read '{pdf}': " in err and message in err, err
    assert not (tmp_path / "out").exists()


def test_more_pages_are_read_when_asked_within_the_pixel_budget() -> None:
    assert inspect_pdf(_pages(22), 300, max_pages=40) == 22  # 191 megapixels
    with pytest.raises(UnreadablePDF, match="megapixels at 300 dpi"):
        inspect_pdf(_pages(24), 300, max_pages=200)


def test_a_written_flyer_passes_the_inspection(screen_pdf: bytes, print_pdf: bytes) -> None:
    assert inspect_pdf(screen_pdf, 300) >= 1 and inspect_pdf(print_pdf, 300) >= 1


@pytest.mark.parametrize("value", ["nan", "-5", "0", "inf", "x"])
def test_numeric_options_are_checked(value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["verify", str(tmp_path / "x.pdf"), "--distance", value])
    assert exited.value.code == 2 and "--distance" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["preview", str(tmp_path / "x.pdf"), "--dpi", value])
    assert exited.value.code == 2 and "--dpi" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "verify"])
def test_a_fifo_is_refused_at_once(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "content.yaml"
    os.mkfifo(fifo)
    code = main([command, str(fifo)])
    err = capsys.readouterr().err
    assert code == (1 if command == "check" else 2) and "is a named pipe (FIFO), not a" in err


def test_a_fifo_as_logo_is_named_correctly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "logo.png")
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL + "organisation:\n  name: X\n  logo: logo.png\n", encoding="utf-8")
    assert main(["check", str(content)]) == 1
    err = capsys.readouterr().err
    assert "organisation.logo: 'logo.png' is a named pipe (FIFO), not an image" in err


def test_the_one_line_is_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "a\x1b[2J\u202e.pdf"
    pdf.write_bytes(_one_page()[:300])
    assert main(["verify", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err and "\\x1b[2J" in err and len(err.splitlines()) == 1


def test_verification_reads_without_pypdf(screen_pdf: bytes, tmp_path: Path) -> None:
    """pikepdf reads the structure, pdfium renders, zxing decodes: ``flyer verify`` never loads pypdf."""
    import subprocess
    import sys

    pdf = tmp_path / "flyer.pdf"
    pdf.write_bytes(screen_pdf)
    probe = (
        "import sys\n"
        "from flyer.app.cli import main\n"
        "code = main(['verify', sys.argv[1]])\n"
        "print('result', code, 'pypdf' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(pdf)], capture_output=True, text=True)
    assert done.stdout.strip().endswith("result 0 False"), done.stdout + done.stderr
