"""Independent readers of written PDFs for tests: pypdf for structure, pdfium + zxing for pixels."""

from __future__ import annotations

import io

import pypdf
import pypdfium2 as pdfium
import zxingcpp


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def decode_pages(data: bytes, dpi: int = 300) -> list[list[str]]:
    """Texts of the QR codes zxing finds on each page rendered at ``dpi``."""
    document = pdfium.PdfDocument(data)
    out = []
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        out.append(sorted(r.text for r in found))
    document.close()
    return out


def content_streams(data: bytes) -> list[bytes]:
    """Decoded content of every page and of every form XObject it uses (pypdf decodes filters)."""
    out: list[bytes] = []

    def forms(resources: object) -> None:
        xobjects = (resources or {}).get("/XObject") or {}  # type: ignore[attr-defined]
        for xobject in xobjects.values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                out.append(xobject.get_data())
                forms(xobject.get("/Resources"))

    for page in reader(data).pages:
        contents = page.get_contents()
        if contents is not None:
            out.append(contents.get_data())
        forms(page.get("/Resources"))
    return out


def fonts(data: bytes) -> list[dict[str, object]]:
    """Name and embedding of every font used by any page."""
    out = []
    for page in reader(data).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.append({"name": str(font.get("/BaseFont")), "embedded": embedded})
    return out
