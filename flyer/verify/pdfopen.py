"""Foreign PDFs (``flyer verify``, ``flyer preview``): looked over once, within budgets, before any render.

A PDF handed to ``verify`` may come from anywhere: encrypted, truncated, with a page tree that
loops, arrays nested a hundred thousand deep, a stream that inflates to gigabytes, a page 200
inches wide or two thousand pages. Each is answered with one line (:class:`UnreadablePDF`, exit 2)
before pdfium renders anything, so memory and time stay bounded: at most ``max_pages`` pages, each
under :data:`MAX_PAGE_PIXELS` at the resolution asked for, no stream inflating past
:data:`MAX_STREAM_BYTES`. Errors the readers raise later on a file that passed are turned into the
same one line by :func:`reading`.
"""

from __future__ import annotations

import io
import math
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = [
    "DEFAULT_MAX_PAGES",
    "MAX_CONTENT_BYTES",
    "MAX_OBJECTS",
    "MAX_PAGE_PIXELS",
    "MAX_STREAM_BYTES",
    "MAX_TOTAL_PIXELS",
    "UnreadablePDF",
    "inspect_pdf",
    "open_pdf",
    "reading",
    "structure",
]

#: A flyer has one or two pages, office sheets two: twenty is generous; ``--pages`` raises it.
DEFAULT_MAX_PAGES = 20
#: A flyer sheet with its slug is 41 megapixels at 600 dpi (A2 at 300 dpi, 35): beyond is not a flyer.
MAX_PAGE_PIXELS = 64_000_000
#: What the checks hold at once (verify keeps each page's bitmap): 22 A4 pages at 300 dpi.
MAX_TOTAL_PIXELS = 200_000_000
#: A flyer page draws with a few hundred kilobytes of instructions; more only makes pdfium slow.
MAX_CONTENT_BYTES = 16 * 1024 * 1024
#: No stream of a flyer inflates past a few megabytes (fonts, a logo); 64 MB is a bomb.
MAX_STREAM_BYTES = 64 * 1024 * 1024
#: Objects in the cross-reference table: a flyer has a few hundred; each one is looked at.
MAX_OBJECTS = 50_000
_CHUNK = 1024 * 1024


class UnreadablePDF(ValueError):
    """Not a PDF pikepdf and pdfium both open, or not within the checks' budgets; the message says why."""


class _Named(io.BytesIO):
    """The file as qpdf names it in its messages: « the PDF », not an address in memory."""

    def __repr__(self) -> str:
        return "the PDF"


_ENCRYPTED = "it is encrypted (password-protected); save it without protection"
_TOO_DEEP = "it nests objects too deep to be read"


def open_pdf(data: bytes) -> Any:
    """``data`` opened with pikepdf (qpdf reads objects only when asked); :class:`UnreadablePDF` if it cannot be."""
    import pikepdf

    try:
        return pikepdf.open(_Named(data))
    except pikepdf.PasswordError:
        raise UnreadablePDF(_ENCRYPTED) from None
    except pikepdf.PdfError as exc:
        text = str(exc).lower()
        if "loop" in text and "/pages" in text:
            raise UnreadablePDF("its page tree loops back on itself") from None
        if "nested" in text and "/pages" in text:
            raise UnreadablePDF("its page tree is nested too deep") from None
        if _too_deep(data):
            raise UnreadablePDF(_TOO_DEEP) from None
        raise UnreadablePDF(_reason(exc)) from None


@contextmanager
def structure(pdf: bytes | Any) -> Iterator[Any]:
    """``pdf`` opened with pikepdf for the block (see :func:`open_pdf`), or the handle given, left open."""
    if not isinstance(pdf, bytes):
        yield pdf
        return
    with open_pdf(pdf) as opened:
        yield opened


def _too_deep(data: bytes) -> bool:
    """Whether qpdf, opening ``data`` again with its warnings heard, gave up on a structure nested too deep."""
    import logging

    import pikepdf

    heard: list[str] = []

    class Hear(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            heard.append(record.getMessage())

    logger, hear = logging.getLogger("pikepdf._core"), Hear()
    propagate, logger.propagate = logger.propagate, False  # heard here, never printed
    logger.addHandler(hear)
    try:
        pikepdf.open(_Named(data), suppress_warnings=False).close()
    except pikepdf.PikepdfError:
        pass
    finally:
        logger.removeHandler(hear)
        logger.propagate = propagate
    return _nested(heard)


def _check_repairs(warnings: list[str]) -> None:
    """Refuse what qpdf repaired on opening that pdfium may read otherwise: an object nested too deep
    (read as null), a page without a MediaBox of four numbers (given a letter-size one)."""
    if _nested(warnings):
        raise UnreadablePDF(_TOO_DEEP)
    if any("MediaBox is undefined" in w for w in warnings):
        raise UnreadablePDF("a page has no valid size (its MediaBox is not four numbers)")


def _nested(warnings: list[str]) -> bool:
    return any("max-nesting" in w or "deeply nested" in w for w in warnings)


def _inflated_size(data: bytes, limit: int) -> int:
    """How many bytes a Flate stream inflates to, counted in chunks and stopped past ``limit``."""
    inflater = zlib.decompressobj()
    total, pending = 0, data
    while pending and total <= limit:
        total += len(inflater.decompress(pending, _CHUNK))
        pending = inflater.unconsumed_tail
    return total


def _filters(stream: Any) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    import pikepdf

    return [str(v) for v in value] if isinstance(value, pikepdf.Array) else [str(value)]


def _raw(obj: Any) -> tuple[bytes, bool]:
    """A stream's bytes as written and whether they are Flate (its first filter); nothing for another object."""
    import pikepdf

    if not isinstance(obj, pikepdf.Stream):
        return b"", False
    return obj.read_raw_bytes(), "/FlateDecode" in _filters(obj)[:1]


def _numbers(pdf: Any) -> list[tuple[int, int]]:
    """Every object's number and generation: from the cross-reference table, nothing resolved
    (pikepdf 10), or from every object resolved (before)."""
    table = getattr(pdf, "get_xref_table", None)
    return list(table()) if table is not None else [obj.objgen for obj in pdf.objects]


def _check_streams(pdf: Any) -> None:
    """Refuse a stream that inflates past the budget, without ever holding it inflated."""
    xref = _numbers(pdf)
    if len(xref) > MAX_OBJECTS:
        raise UnreadablePDF(
            f"it has {len(xref)} objects; a flyer has a few hundred (at most {MAX_OBJECTS} are read)"
        )
    for number, generation in xref:
        raw, flate = _raw(pdf.get_object(number, generation))
        if flate and _inflated_size(raw, MAX_STREAM_BYTES) > MAX_STREAM_BYTES:
            raise UnreadablePDF(
                f"object {number} inflates to more than {MAX_STREAM_BYTES // (1024 * 1024)} MB"
                " (a decompression bomb?)"
            )


def _content_size(page: Any) -> int:
    """Bytes of a page's content streams once inflated (counted, never held)."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return 0
    size = 0
    for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
        raw, flate = _raw(stream)
        size += _inflated_size(raw, MAX_CONTENT_BYTES) if flate else len(raw)
    return size


def _media(page: Any, number: int) -> tuple[float, float, float, float]:
    """The page's own MediaBox (qpdf has copied an inherited one onto it), four numbers or refused."""
    import pikepdf

    box = page.obj.get("/MediaBox")
    try:
        if isinstance(box, pikepdf.Array) and len(box) == 4:
            x0, y0, x1, y1 = (float(v) for v in box)
            return x0, y0, x1, y1
    except (TypeError, ValueError):
        pass
    raise UnreadablePDF(f"page {number} has no valid size (its MediaBox is not four numbers)")


def _check_pages(pdf: Any, dpi: float, max_pages: int) -> int:
    try:
        count = len(pdf.pages)
    except RecursionError:
        raise UnreadablePDF("its page tree is nested too deep") from None
    except Exception as exc:
        if "cyclic" in str(exc).lower() or "loop" in str(exc).lower():
            raise UnreadablePDF("its page tree loops back on itself") from None
        raise
    if count == 0:
        raise UnreadablePDF("it has no page")
    if count > max_pages:
        raise UnreadablePDF(f"it has {count} pages; at most {max_pages} are read (raise it with --pages)")
    total = 0.0
    for number, page in enumerate(pdf.pages, start=1):
        x0, y0, x1, y1 = _media(page, number)
        width, height = x1 - x0, y1 - y0
        if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
            raise UnreadablePDF(f"page {number} has no valid size ({width} × {height} pt)")
        pixels = (abs(width) * dpi / 72) * (abs(height) * dpi / 72)
        if pixels > MAX_PAGE_PIXELS:
            mm = 25.4 / 72
            raise UnreadablePDF(
                f"page {number} is {width * mm:.0f} × {height * mm:.0f} mm: too large to render at"
                f" {dpi:g} dpi (at most {MAX_PAGE_PIXELS // 1_000_000} megapixels a page)"
            )
        total += pixels
    if total > MAX_TOTAL_PIXELS:
        raise UnreadablePDF(
            f"its {count} pages make {total / 1e6:.0f} megapixels at {dpi:g} dpi;"
            f" at most {MAX_TOTAL_PIXELS // 1_000_000} are read at once (ask for fewer with --pages)"
        )
    return count


def inspect_pdf(data: bytes, dpi: float, max_pages: int = DEFAULT_MAX_PAGES) -> int:
    """Check that ``data`` can be read within the budgets at ``dpi``; return its page count.

    Raise :class:`UnreadablePDF` with a one-line reason otherwise.
    """
    if b"%PDF-" not in data[:1024]:
        raise UnreadablePDF("not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise UnreadablePDF("it is truncated (it does not end with %%EOF)")
    with reading(), open_pdf(data) as pdf:
        if pdf.is_encrypted:
            raise UnreadablePDF(_ENCRYPTED)
        _check_repairs(pdf.get_warnings())
        count = _check_pages(pdf, dpi, max_pages)
        _check_streams(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            if _content_size(page) > MAX_CONTENT_BYTES:
                raise UnreadablePDF(
                    f"page {number} draws with more than {MAX_CONTENT_BYTES // (1024 * 1024)} MB of instructions"
                )
        if _nested(pdf.get_warnings()):  # one met while reading the streams
            raise UnreadablePDF(_TOO_DEEP)
    with reading():
        _open_with_pdfium(data)
    return count


def _open_with_pdfium(data: bytes) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    document.close()


def _reason(exc: BaseException) -> str:
    if isinstance(exc.__cause__ or exc.__context__, RecursionError):
        return _TOO_DEEP
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    text = re.sub(r"^stream the PDF(?: \((.*?)\))?: ", r"\1: ", text).lstrip(": ")[:160]
    if "password" in text.lower() or "decrypt" in text.lower():
        return _ENCRYPTED
    return f"it is damaged or not a PDF the readers accept ({type(exc).__name__}: {text})"


@contextmanager
def reading(broad: bool = True) -> Iterator[None]:
    """Turn what pikepdf (qpdf) and pdfium raise on a hostile file into :class:`UnreadablePDF`.

    ``broad`` also takes the plain errors a reader may let out on malformed input (a missing key, a
    value of the wrong type): right while only the readers run, too wide around checks of our own.
    """
    import pikepdf
    import pypdfium2 as pdfium

    try:
        yield
    except UnreadablePDF:
        raise
    except RecursionError:
        raise UnreadablePDF(_TOO_DEEP) from None
    except MemoryError:
        raise UnreadablePDF("it needs more memory to be read than a flyer ever does") from None
    except (pikepdf.PikepdfError, pdfium.PdfiumError) as exc:
        raise UnreadablePDF(_reason(exc)) from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, zlib.error) as exc:
        # A reader on malformed input: a broken dictionary, a missing key, a bad number.
        if not broad:
            raise
        raise UnreadablePDF(_reason(exc)) from None
