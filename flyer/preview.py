"""PDF bytes → one PNG per page, rendered by pdfium as a viewer would."""

from __future__ import annotations

import io

__all__ = ["png_pages"]


def png_pages(pdf: bytes, dpi: float = 80, fast: bool = False) -> list[bytes]:
    """Render every page at ``dpi`` and return the PNG bytes of each; ``fast`` compresses less."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in document:
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            buffer = io.BytesIO()
            if fast:  # 5 % larger, 6 times quicker: for rebuilds on every save
                image.save(buffer, format="PNG", compress_level=1)
            else:
                image.save(buffer, format="PNG", optimize=True)
            out.append(buffer.getvalue())
            page.close()
        return out
    finally:
        document.close()
