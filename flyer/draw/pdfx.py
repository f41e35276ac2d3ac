"""Finish the print rendition as a PDF/X-4 file (ISO 15930-7), with pikepdf.

reportlab wrote CMYK content, boxes and marks; this adds what a print shop's preflight reads: PDF 1.6,
one ``/GTS_PDFX`` output intent embedding the printer profile, the XMP packet (``GTS_PDFXVersion``,
``Trapped``, dates equal to the Info ones, document and version ids, rendition class), Info
``/Trapped`` and the registration colour space the crop and fold marks are drawn in. The file is
tagged too (same structure as the screen one, without links): PDF/X-4 allows it.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from flyer import cache
from flyer.document import Meta
from flyer.draw.pdfua import add_structure, save
from flyer.draw.separation import bundled_profile
from flyer.draw.tagging import Structure
from flyer.draw.xmp import packet, xmp_date

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
    name = f"icc-{cache.digest(profile, zlib.ZLIB_RUNTIME_VERSION)}.zz"  # zlib decides the bytes
    deflated = cache.load(name)
    if deflated is None:
        deflated = zlib.compress(profile, 9)
        cache.store(name, deflated)
    return deflated


def finish_print(data: bytes, structure: Structure, meta: Meta, intent: OutputIntent) -> bytes:
    """PDF/X-4 (tagged, like the screen rendition) from reportlab's bytes."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        add_structure(pdf, structure, meta)
        icc = pdf.make_stream(_deflated(intent.profile), Filter=Name.FlateDecode, N=4)
        pdf.Root.OutputIntents = Array(
            [
                Dictionary(
                    Type=Name.OutputIntent,
                    S=Name.GTS_PDFX,
                    OutputConditionIdentifier=String(intent.identifier),
                    OutputCondition=String(intent.condition),
                    RegistryName=String(intent.registry),
                    Info=String(intent.condition),
                    DestOutputProfile=icc,
                )
            ]
        )
        registration = pdf.make_indirect(
            Array(
                [
                    Name.Separation,
                    Name.All,
                    Name.DeviceCMYK,
                    Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1),
                ]
            )
        )
        for page in pdf.pages:
            resources = page.obj.Resources
            if "/ColorSpace" not in resources:
                resources.ColorSpace = Dictionary()
            resources.ColorSpace[f"/{REGISTRATION}"] = registration
        info = pdf.trailer.Info
        info.Trapped = Name("/False")
        info.Title = String(meta.title)
        # X-4 reads the XMP; older preflights still look here, and both must agree.
        info.GTS_PDFXVersion = String("PDF/X-4")
        # Ids from the content: the same flyer gets the same ids, a changed one new ones.
        digest = hashlib.sha256(data).digest()
        document_id = uuid.UUID(bytes=digest[:16], version=4)
        version_id = uuid.UUID(bytes=digest[16:32], version=4)
        xmp = packet(
            meta,
            {
                "pdfxid:GTS_PDFXVersion": "PDF/X-4",
                "pdf:Trapped": "False",
                "pdf:Producer": str(info.Producer),
                "pdf:Keywords": str(info.get("/Keywords", "")),
                "xmp:CreateDate": xmp_date(str(info.CreationDate)),
                "xmp:ModifyDate": xmp_date(str(info.ModDate)),
                "xmp:MetadataDate": xmp_date(str(info.ModDate)),
                "xmp:CreatorTool": str(info.Creator),
                "xmpMM:DocumentID": f"uuid:{document_id}",
                "xmpMM:VersionID": "1",
                "xmpMM:RenditionClass": "default",
                "xmpMM:InstanceID": f"uuid:{version_id}",
            },
        )
        pdf.Root.Metadata = pdf.make_stream(xmp, Type=Name.Metadata, Subtype=Name.XML)
        return save(pdf, "1.6")
