"""PDF bytes → one PNG per page, rendered by pdfium as a viewer would."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Mapping

__all__ = ["png_pages", "quick_png"]


def png_pages(
    pdf: bytes,
    dpi: float = 80,
    fast: bool = False,
    cache: dict[bytes, bytes] | None = None,
    unchanged: Mapping[int, bytes] | None = None,
) -> list[bytes]:
    """Render every page at ``dpi`` and return the PNG bytes of each; ``fast`` compresses less.

    ``cache`` (page bitmap digest → PNG) skips encoding a page drawn the same as last time; it is
    left holding this call's rendered pages only. ``unchanged`` (page index → its PNG) is not even
    rendered: the caller knows the page is laid out as when that PNG was made.
    """
    import hashlib

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    seen: dict[bytes, bytes] = {}
    try:
        out = []
        for index, page in enumerate(document):
            if unchanged is not None and index in unchanged:
                out.append(unchanged[index])
                page.close()
                continue
            image = page.render(scale=dpi / 72).to_pil()
            if image.mode != "RGB":
                image = image.convert("RGB")
            raw = image.tobytes()  # one copy of the pixels: the digest and the quick PNG read it
            digest = hashlib.blake2b(raw, digest_size=16).digest() + bytes([fast])
            if cache is not None and digest in cache:
                out.append(seen.setdefault(digest, cache[digest]))
                page.close()
                continue
            if fast:  # for rebuilds on every save
                out.append(quick_png(raw, image.width, image.height))
            else:
                buffer = io.BytesIO()
                image.save(buffer, format="PNG", optimize=True)
                out.append(buffer.getvalue())
            seen[digest] = out[-1]
            page.close()
        if cache is not None:
            cache.clear()
            cache.update(seen)
        return out
    finally:
        document.close()


def quick_png(raw: bytes, width: int, height: int) -> bytes:
    """RGB pixels (3 bytes each, row after row) as a PNG made for speed: rows unfiltered, deflated
    at level 1.

    A page of flat colours and text deflates well as it is: PIL's filters (tried on every row)
    took twice as long for a file a sixth larger.
    """
    stride = 3 * width
    rows = b"".join(b"\x00" + raw[i : i + stride] for i in range(0, len(raw), stride))  # filter 0: none

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 1))
        + chunk(b"IEND", b"")
    )
