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
    "reading",
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
    """Not a PDF pypdf and pdfium both open, or not within the checks' budgets; the message says why."""


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
    value = value.get_object()
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _check_streams(reader: Any) -> None:
    """Refuse a stream that inflates past the budget, without ever holding it inflated."""
    from pypdf.generic import StreamObject

    objects = sum(len(numbers) for numbers in reader.xref.values()) + len(reader.xref_objStm)
    if objects > MAX_OBJECTS:
        raise UnreadablePDF(
            f"it has {objects} objects; a flyer has a few hundred (at most {MAX_OBJECTS} are read)"
        )
    for generation in reader.xref.values():
        for number in list(generation):
            obj = reader.get_object(number)
            if not isinstance(obj, StreamObject) or "/FlateDecode" not in _filters(obj)[:1]:
                continue
            raw = getattr(obj, "_data", b"")
            if _inflated_size(raw, MAX_STREAM_BYTES) > MAX_STREAM_BYTES:
                raise UnreadablePDF(
                    f"object {number} inflates to more than {MAX_STREAM_BYTES // (1024 * 1024)} MB"
                    " (a decompression bomb?)"
                )


def _content_size(page: Any) -> int:
    """Bytes of a page's content streams once inflated (counted, never held)."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = [c.get_object() for c in contents] if isinstance(contents, list) else [contents]
    size = 0
    for stream in streams:
        raw = getattr(stream, "_data", b"")
        flate = "/FlateDecode" in _filters(stream)[:1]
        size += _inflated_size(raw, MAX_CONTENT_BYTES) if flate else len(raw)
    return size


def _check_pages(reader: Any, dpi: float, max_pages: int) -> int:
    try:
        count = len(reader.pages)
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
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        width, height = float(box.width), float(box.height)
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
    import pypdf

    if b"%PDF-" not in data[:1024]:
        raise UnreadablePDF("not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise UnreadablePDF("it is truncated (it does not end with %%EOF)")
    with reading():
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UnreadablePDF("it is encrypted (password-protected); save it without protection")
        count = _check_pages(reader, dpi, max_pages)
        _check_streams(reader)
        for number, page in enumerate(reader.pages, start=1):
            if _content_size(page) > MAX_CONTENT_BYTES:
                raise UnreadablePDF(
                    f"page {number} draws with more than {MAX_CONTENT_BYTES // (1024 * 1024)} MB of instructions"
                )
        _open_with_pdfium(data)
    return count


def _open_with_pdfium(data: bytes) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    document.close()


def _reason(exc: BaseException) -> str:
    if isinstance(exc.__cause__ or exc.__context__, RecursionError):
        return "it nests objects too deep to be read"
    text = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
    if "password" in text.lower() or "decrypt" in text.lower():
        return "it is encrypted (password-protected); save it without protection"
    return f"it is damaged or not a PDF the readers accept ({type(exc).__name__}: {text})"


@contextmanager
def reading(broad: bool = True) -> Iterator[None]:
    """Turn what pypdf and pdfium raise on a hostile file into :class:`UnreadablePDF`.

    ``broad`` also takes the plain errors pypdf lets out on malformed input (a missing key, a bad
    number): right while only the readers run, too wide around checks of our own.
    """
    import logging  # here: the command line reads this module's limits without a reader to quiet

    import pypdf.errors
    import pypdfium2 as pdfium

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # « EOF marker not found » and the like: the one line says it
    try:
        yield
    except UnreadablePDF:
        raise
    except RecursionError:
        raise UnreadablePDF("it nests objects too deep to be read") from None
    except MemoryError:
        raise UnreadablePDF("it needs more memory to be read than a flyer ever does") from None
    except (pypdf.errors.PyPdfError, pdfium.PdfiumError) as exc:
        raise UnreadablePDF(_reason(exc)) from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, zlib.error) as exc:
        # pypdf on malformed input: a broken dictionary, a missing key, a bad number.
        if not broad:
            raise
        raise UnreadablePDF(_reason(exc)) from None
    finally:
        logger.setLevel(level)
