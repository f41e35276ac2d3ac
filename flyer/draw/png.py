"""PDF bytes → one PNG per page, rendered by pdfium as a viewer would."""

from __future__ import annotations

import io

__all__ = ["png_pages"]


def png_pages(
    pdf: bytes, dpi: float = 80, fast: bool = False, cache: dict[bytes, bytes] | None = None
) -> list[bytes]:
    """Render every page at ``dpi`` and return the PNG bytes of each; ``fast`` compresses less.

    ``cache`` (page bitmap digest → PNG) skips encoding a page drawn the same as last time; it is
    left holding this call's pages only.
    """
    import hashlib

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    seen: dict[bytes, bytes] = {}
    try:
        out = []
        for page in document:
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            digest = hashlib.blake2b(image.tobytes(), digest_size=16).digest() + bytes([fast])
            if cache is not None and digest in cache:
                out.append(seen.setdefault(digest, cache[digest]))
                page.close()
                continue
            buffer = io.BytesIO()
            if fast:  # 5 % larger, 6 times quicker: for rebuilds on every save
                image.save(buffer, format="PNG", compress_level=1)
            else:
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
