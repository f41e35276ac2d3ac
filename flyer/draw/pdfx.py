"""Finish the print rendition as a PDF/X-4 file (ISO 15930-7), as reportlab objects before it is written.

reportlab wrote CMYK content, boxes and marks; this adds what a print shop's preflight reads: PDF 1.6,
one ``/GTS_PDFX`` output intent embedding the printer profile, the XMP packet (``GTS_PDFXVersion``,
``Trapped``, dates equal to the Info ones, document and version ids, rendition class), Info
``/Trapped`` and the registration colour space the crop and fold marks are drawn in. The file is
tagged too (same structure as the screen one, without links): PDF/X-4 allows it.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFDocument, PDFName, PDFStream, PDFString

from flyer import cache
from flyer.document import Meta
from flyer.draw.pdfua import add_structure, catalog_entry, content_digest, info, metadata, pages, save
from flyer.draw.separation import bundled_profile, profile_digest
from flyer.draw.tagging import Structure

__all__ = ["REGISTRATION", "REGISTRATION_STROKE", "OutputIntent", "default_intent", "finish_print"]

#: The registration colour space's resource name: ``/Separation /All`` prints on every plate.
REGISTRATION = "FlyerRegistration"
#: Stroke in registration at full tint (written into the content by ``render``).
REGISTRATION_STROKE = f"/{REGISTRATION} CS 1 SCN"


@dataclass(frozen=True)
class OutputIntent:
    """The printing condition the file is made for, and its ICC profile (CMYK, class ``prtr``)."""

    profile: bytes = field(repr=False)
    identifier: str = "FOGRA39"
    condition: str = "Offset printing, coated paper (ISO 12647-2:2004/Amd 1), 300 % total ink"
    registry: str = "http://www.color.org"


def default_intent() -> OutputIntent:
    """FOGRA39 with the bundled ECI « ISO Coated v2 300 % » profile."""
    return OutputIntent(bundled_profile())


@lru_cache(maxsize=2)
def _deflated(profile: bytes) -> bytes:
    """The profile compressed once per machine: 2 MB deflated at level 9 is ~130 ms of every build.

    Kept in the machine cache (:mod:`flyer.cache`) under the profile's and zlib's digest.
    """
    name = (
        f"icc-{cache.digest(profile_digest(profile), zlib.ZLIB_RUNTIME_VERSION)}.zz"  # zlib decides the bytes
    )
    deflated = cache.load(name)
    if deflated is None:
        deflated = zlib.compress(profile, 9)
        cache.store(name, deflated)
    return deflated


def _uuid(raw: bytes) -> str:
    """16 bytes as a version-4 UUID (RFC 9562 §5.4), as ``str(uuid.UUID(bytes=raw, version=4))``."""
    b = bytearray(raw)
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def finish_print(
    canvas: Any, buffer: io.BytesIO, structure: Structure, meta: Meta, intent: OutputIntent
) -> bytes:
    """PDF/X-4 (tagged, like the screen rendition), from the canvas every page was drawn on."""
    doc: PDFDocument = canvas._doc
    add_structure(doc, structure)
    icc = PDFStream(
        PDFDictionary({"N": 4, "Filter": PDFName("FlateDecode")}),  # already deflated: written as is
        content=_deflated(intent.profile),
    )
    catalog_entry(
        doc,
        "OutputIntents",
        PDFArray(
            [
                PDFDictionary(
                    {
                        "Type": PDFName("OutputIntent"),
                        "S": PDFName("GTS_PDFX"),
                        "OutputConditionIdentifier": PDFString(intent.identifier),
                        "OutputCondition": PDFString(intent.condition),
                        "RegistryName": PDFString(intent.registry),
                        "Info": PDFString(intent.condition),
                        "DestOutputProfile": doc.Reference(icc),
                    }
                )
            ]
        ),
    )
    function = PDFDictionary(
        {
            "FunctionType": 2,
            "Domain": PDFArray([0, 1]),
            "C0": PDFArray([0, 0, 0, 0]),
            "C1": PDFArray([1, 1, 1, 1]),
            "N": 1,
        }
    )
    name = doc.Reference(
        PDFArray([PDFName("Separation"), PDFName("All"), PDFName("DeviceCMYK"), function]),
        "FlyerRegistration",
    ).name
    for page in pages(doc):
        # reportlab lists a page's colour spaces as {object name: resource name}.
        page._colorsUsed = {**page._colorsUsed, name: REGISTRATION}
    # X-4 reads the XMP; older preflights still look in Info, and both must agree.
    entries, properties = info(doc, meta, GTS_PDFXVersion=PDFString("PDF/X-4"))
    # Ids from the content: the same flyer gets the same ids, a changed one new ones.
    digest = content_digest(
        doc,
        meta,
        "print",
        profile_digest(intent.profile),
        intent.identifier.encode(),
        intent.condition.encode(),
    )
    document_id, version_id = _uuid(digest[:16]), _uuid(digest[16:32])
    metadata(
        doc,
        meta,
        {
            **properties,
            "pdfxid:GTS_PDFXVersion": "PDF/X-4",
            "pdf:Trapped": "False",
            "xmp:MetadataDate": properties["xmp:ModifyDate"],
            "xmpMM:DocumentID": f"uuid:{document_id}",
            "xmpMM:VersionID": "1",
            "xmpMM:RenditionClass": "default",
            "xmpMM:InstanceID": f"uuid:{version_id}",
        },
    )
    return save(canvas, buffer, entries, digest)
