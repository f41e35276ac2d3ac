"""The XMP metadata packet both renditions carry: document facts in the RDF/XML that PDF/UA and PDF/X read."""

from __future__ import annotations

import re
from html import escape as _html_escape

from flyer.document import Meta

__all__ = ["NAMESPACES", "packet", "xmp_date"]

NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
}
_INFO_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([Zz+-])(?:(\d\d)'?(\d\d)'?)?)?")


def escape(text: str) -> str:
    """XML character data: ``&``, ``<`` and ``>`` escaped (``xml.sax.saxutils`` imports urllib)."""
    return _html_escape(text, quote=False)


def xmp_date(info: str) -> str:
    """An Info dictionary date (``D:20000101000000+00'00'``) as the same instant in XMP form."""
    m = _INFO_DATE.match(info)
    if m is None:
        raise ValueError(f"not a PDF date: {info!r}")
    year, month, day, hour, minute, second, sign, tzh, tzm = m.groups()
    zone = "Z" if sign in (None, "Z", "z") else f"{sign}{tzh or '00'}:{tzm or '00'}"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}{zone}"


def packet(meta: Meta, simple: dict[str, str]) -> bytes:
    """The packet: title, author, subject and language from ``meta``; ``simple`` adds ``prefix:name``
    properties with plain text values (``{"pdfuaid:part": "1"}``), written in sorted order."""
    props: dict[str, list[str]] = {prefix: [] for prefix in NAMESPACES}
    props["dc"] += [
        "<dc:format>application/pdf</dc:format>",
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>',
        f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>",
        f"<dc:language><rdf:Bag><rdf:li>{escape(meta.lang)}</rdf:li></rdf:Bag></dc:language>",
    ]
    if meta.subject:
        props["dc"].append(
            "<dc:description><rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li>'
            "</rdf:Alt></dc:description>"
        )
    for name, value in sorted(simple.items()):
        prefix = name.split(":")[0]
        props[prefix].append(f"<{name}>{escape(value)}</{name}>")
    descriptions = "".join(
        f'  <rdf:Description rdf:about="" xmlns:{prefix}="{NAMESPACES[prefix]}">\n'
        + "".join(f"   {p}\n" for p in lines)
        + "  </rdf:Description>\n"
        for prefix, lines in props.items()
        if lines
    )
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f"{descriptions}"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return text.encode("utf-8")
