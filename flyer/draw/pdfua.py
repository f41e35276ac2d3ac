"""Tag the file reportlab writes, and finish the screen rendition as PDF/UA-1 (ISO 14289-1).

reportlab wrote the marked content (see ``tagging``); this adds, as reportlab objects before the file
is formatted, what reportlab has no call for: the structure tree with its ParentTree,
``/StructParents`` on pages and ``/StructParent`` on link annotations (each held by its ``Link``
element through an ``OBJR``), ``/Tabs /S``, ``MarkInfo`` and the XMP packet with ``pdfuaid:part`` 1.
``add_structure`` also tags the print rendition (PDF/X-4 allows it). ``save`` writes the file in one
pass: no second PDF library parses and rewrites it. Deterministic: same input, same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
    PDFZCompress,
)

from flyer.document import Meta
from flyer.draw.tagging import Structure
from flyer.draw.xmp import packet, xmp_date

__all__ = [
    "add_structure",
    "catalog_entry",
    "content_digest",
    "date",
    "finish_screen",
    "info",
    "metadata",
    "pages",
    "save",
]

_CREATOR = "flyer"
_BFCHAR = re.compile(r"\d+\s+beginbfchar(.*?)endbfchar", re.S)
_ENTRY = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


class _Info(PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """The Info dictionary with the entries given: reportlab's has a fixed set (no ``/GTS_PDFXVersion``)."""

    def __init__(self, entries: dict[str, Any]) -> None:
        self.entries = entries

    def digest(self, md5: Any) -> None:  # reportlab's file id: ``save`` writes its own
        pass

    def format(self, document: PDFDocument) -> bytes:
        result: bytes = PDFDictionary(self.entries).format(document)
        return result


def date(doc: PDFDocument) -> str:
    """The file's date as Info writes it: reportlab's (``SOURCE_DATE_EPOCH``, else a fixed one)."""
    ts = doc._timeStamp
    year, month, day, hour, minute, second = ts.YMDhms
    return f"D:{year:04d}{month:02d}{day:02d}{hour:02d}{minute:02d}{second:02d}{ts.dhh:+03d}'{ts.dmm:02d}'"


def info(doc: PDFDocument, meta: Meta, **extra: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The Info entries of ``meta`` (plus ``extra``), and the XMP properties that must agree with them."""
    keywords = ", ".join(meta.keywords)
    created = date(doc)
    entries: dict[str, Any] = {
        "Title": PDFString(meta.title),
        "Author": PDFString(meta.author),
        "Subject": PDFString(meta.subject),
        "Keywords": PDFString(keywords),
        "Creator": PDFString(_CREATOR),
        "Producer": PDFString(_CREATOR),
        "CreationDate": PDFString(created),
        "ModDate": PDFString(created),
        "Trapped": PDFName("False"),
        **extra,
    }
    properties = {
        "xmp:CreateDate": xmp_date(created),
        "xmp:ModifyDate": xmp_date(created),
        "xmp:CreatorTool": _CREATOR,
        "pdf:Producer": _CREATOR,
        "pdf:Keywords": keywords,
    }
    return entries, properties


def pages(doc: PDFDocument) -> list[PDFPage]:
    """The document's pages once shown, in order (reportlab names them ``Page1``, ``Page2``…)."""
    found: list[PDFPage] = []
    while (page := doc.idToObject.get(f"Page{len(found) + 1}")) is not None:
        found.append(page)
    return found


def content_digest(doc: PDFDocument, meta: Meta, rendition: str, *extra: bytes) -> bytes:
    """32 bytes from what the file holds: its pages' content and links, its fonts, its facts and
    ``extra`` (the print rendition's output intent). The file's ids.

    A brand font is registered under a name carrying its file's digest; images are named by theirs
    in the pages' content (reportlab), and vector logos are drawn there."""
    fonts = sorted(str(font.fontName) for font in doc.delayedFonts)
    digest = hashlib.sha256(f"{rendition}\0{meta!r}\0{fonts!r}".encode("utf-8", "surrogatepass"))
    for part in extra:
        digest.update(len(part).to_bytes(8, "big") + part)
    for page in pages(doc):
        digest.update(page.stream.encode("utf-8", "surrogatepass"))
        # Links are annotations, not content: where each goes and what it says.
        links = [_plain(doc.idToObject[ref.name]) for ref in page.Annots or []]
        digest.update(repr(links).encode("utf-8", "surrogatepass"))
    return digest.digest()


def _plain(value: Any) -> Any:
    """A reportlab object as plain values (dictionaries, lists, strings), for a digest."""
    if isinstance(value, PDFDictionary):
        return sorted((key, _plain(item)) for key, item in value.dict.items())
    if isinstance(value, PDFArray):
        return [_plain(item) for item in value.sequence]
    if isinstance(value, PDFString):
        return ("string", value.s)
    if isinstance(value, PDFObjectReference):
        return ("ref", value.name)
    return value


def catalog_entry(doc: PDFDocument, key: str, value: Any) -> None:
    """Set a catalog entry reportlab's catalog does not list (``/OutputIntents``)."""
    catalog = doc.Catalog
    if key not in catalog.__NoDefault__:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, key]
    setattr(catalog, key, value)


def metadata(doc: PDFDocument, meta: Meta, properties: dict[str, str]) -> None:
    """The XMP packet as the catalog's uncompressed ``/Metadata`` stream (preflights read it as is)."""
    stream = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        content=packet(meta, properties),
    )
    doc.Catalog.Metadata = doc.Reference(stream)


def finish_screen(canvas: Any, buffer: io.BytesIO, structure: Structure, meta: Meta) -> bytes:
    """Tagged PDF/UA-1, from the canvas every page was drawn on and the structure the marker recorded."""
    doc: PDFDocument = canvas._doc
    add_structure(doc, structure)
    entries, properties = info(doc, meta)
    metadata(doc, meta, {"pdfuaid:part": "1", **properties})
    return save(canvas, buffer, entries, content_digest(doc, meta, "screen"))


def add_structure(doc: PDFDocument, structure: Structure) -> None:
    """Make ``doc`` a Tagged PDF: structure tree, ParentTree, OBJRs, ``/Tabs``, MarkInfo."""
    shown = pages(doc)
    if len(shown) != len(structure.mcids):  # pragma: no cover - one marked page per page shown
        raise ValueError(f"{len(shown)} pages shown, {len(structure.mcids)} marked")
    page_refs = [PDFObjectReference(f"Page{n + 1}") for n in range(len(shown))]
    elements = {
        key: PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(e.role)})
        for key, e in structure.elements.items()
    }
    refs = {key: doc.Reference(element) for key, element in elements.items()}
    nums: list[Any] = []
    for number, page in enumerate(shown):
        _page_entries(page, StructParents=number)
        nums += [number, doc.Reference(PDFArray([refs[key] for key in structure.mcids[number]]))]
    next_key = len(shown)
    for number, page in enumerate(shown):
        annots: list[PDFObjectReference] = list(page.Annots or [])
        if annots:
            # Tab through links in the order of the structure tree (PDF/UA-1 7.18.3).
            _page_entries(page, Tabs=PDFName("S"))
        if len(annots) != len(structure.annots[number]):  # pragma: no cover - one marker per link
            raise ValueError(
                f"page {number + 1}: {len(annots)} annotations, {len(structure.annots[number])} marked"
            )
        for annot, key in zip(annots, structure.annots[number], strict=True):
            doc.idToObject[annot.name]["StructParent"] = next_key
            nums += [next_key, refs[key]]
            next_key += 1
    for key, element in structure.elements.items():
        entry = elements[key]
        if element.parent is not None:
            entry["P"] = refs[element.parent]
        kids: list[Any] = []
        first_page: int | None = None
        for kind, where, index in element.kids:
            if kind == "element":
                kids.append(refs[str(where)])
                continue
            page_number = int(where)
            if first_page is None:
                first_page = page_number
                entry["Pg"] = page_refs[page_number]
            if kind == "mcid":
                kids.append(
                    index
                    if page_number == first_page
                    else PDFDictionary({"Type": PDFName("MCR"), "Pg": page_refs[page_number], "MCID": index})
                )
            else:
                annot = shown[page_number].Annots[index]
                kids.append(
                    PDFDictionary({"Type": PDFName("OBJR"), "Obj": annot, "Pg": page_refs[page_number]})
                )
        entry["K"] = PDFArray(kids)
        if element.alt:
            entry["Alt"] = PDFString(element.alt)
        if element.bbox is not None:
            entry["A"] = PDFDictionary(
                {"O": PDFName("Layout"), "BBox": PDFArray([round(v, 3) for v in element.bbox])}
            )
    tree = PDFDictionary(
        {
            "Type": PDFName("StructTreeRoot"),
            "K": refs[""],
            "ParentTree": doc.Reference(PDFDictionary({"Nums": PDFArray(nums)})),
            "ParentTreeNextKey": next_key,
        }
    )
    elements[""]["P"] = doc.Reference(tree)
    doc.Catalog.StructTreeRoot = tree
    doc.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})


def _page_entries(page: PDFPage, **entries: Any) -> None:
    """Set page entries reportlab's page does not list (``/StructParents``, ``/Tabs``)."""
    listed = page.__NoDefault__
    page.__NoDefault__ = [*listed, *(key for key in entries if key not in listed)]
    for key, value in entries.items():
        setattr(page, key, value)


def save(canvas: Any, buffer: io.BytesIO, entries: dict[str, Any], digest: bytes) -> bytes:
    """Write the file into ``buffer``: Info ``entries``, ToUnicode maps without U+0000, ``/ID`` from
    ``digest``."""
    doc: PDFDocument = canvas._doc
    doc.info = _Info(entries)
    doc._ID = b"[<%s><%s>]" % (digest[:16].hex().encode(), digest[16:32].hex().encode())
    write = doc.format

    def format_() -> bytes:
        # The fonts are added to the file when it is saved: their ToUnicode maps exist only now.
        _no_null_unicode(doc)
        _shared_flate(doc)
        result: bytes = write()
        return result

    doc.format = format_
    canvas.save()
    return buffer.getvalue()


class _Flate:
    """reportlab's Flate filter (zlib's default level, the same bytes), remembering what it compressed:
    both renditions, and every save of --watch, embed the same font subsets and character maps."""

    pdfname = "FlateDecode"

    def encode(self, data: str | bytes) -> bytes:
        return _deflate(data.encode("utf-8") if isinstance(data, str) else data)


@lru_cache(maxsize=32)
def _deflate(data: bytes) -> bytes:
    return zlib.compress(data)


_FLATE = _Flate()


def _shared_flate(doc: PDFDocument) -> None:
    """Font streams and character maps compressed by ``_Flate`` (page streams are made later)."""
    for obj in doc.idToObject.values():
        if isinstance(obj, PDFStream) and obj.filters and list(obj.filters) == [PDFZCompress]:
            obj.filters = [_FLATE]


def _no_null_unicode(doc: PDFDocument) -> None:
    """Drop ToUnicode entries that map a code to U+0000 (reportlab's unused code 0): PDF/UA-1 7.21.7."""
    for name, obj in doc.idToObject.items():
        if name.startswith("toUnicodeCMap:") and isinstance(obj, PDFStream):
            obj.content = _BFCHAR.sub(_bfchar, obj.content)


def _bfchar(block: re.Match[str]) -> str:
    """A ``bfchar`` block without its U+0000 entries, in runs of at most 100 (ISO 32000-1 §9.10.3)."""
    entries = [m.group(0) for m in _ENTRY.finditer(block.group(1)) if int(m.group(2), 16) != 0]
    runs = [entries[i : i + 100] for i in range(0, len(entries), 100)]
    return "\n".join(f"{len(run)} beginbfchar\n" + "\n".join(run) + "\nendbfchar" for run in runs)
