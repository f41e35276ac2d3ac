"""Finish the screen rendition as a tagged PDF/UA-1 file (ISO 14289-1), with pikepdf.

reportlab wrote the marked content (see ``tagging``); this adds what it cannot: the structure tree
with its ParentTree, ``/StructParents`` on pages and ``/StructParent`` on link annotations (each
held by its ``Link`` element through an ``OBJR``), ``/Tabs /S``, ``MarkInfo`` and the XMP packet
with ``pdfuaid:part`` 1. ``add_structure`` also tags the print rendition (PDF/X-4 allows it).
Deterministic: same input, same bytes.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from flyer.document import Meta
from flyer.draw.tagging import Structure
from flyer.draw.xmp import packet, xmp_date

__all__ = ["add_structure", "finish_screen", "save"]

_BFCHAR = re.compile(rb"\d+\s+beginbfchar(.*?)endbfchar", re.S)
_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def save(pdf: pikepdf.Pdf, version: str) -> bytes:
    """Write ``pdf`` deterministically (the /ID from the content, not from a clock)."""
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        compress_streams=True,
        min_version=version,
        force_version=version,
        fix_metadata_version=False,  # keep the XMP packet as written
    )
    return out.getvalue()


def finish_screen(data: bytes, structure: Structure, meta: Meta) -> bytes:
    """Tagged PDF/UA-1 from reportlab's bytes and the structure the marker recorded."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        add_structure(pdf, structure, meta)
        info = pdf.trailer.Info
        dates = {
            "xmp:CreateDate": xmp_date(str(info.CreationDate)),
            "xmp:ModifyDate": xmp_date(str(info.ModDate)),
            "xmp:CreatorTool": str(info.Creator),
            "pdf:Producer": str(info.Producer),
            "pdf:Keywords": str(info.get("/Keywords", "")),
        }
        xmp = packet(meta, {"pdfuaid:part": "1", **dates})
        pdf.Root.Metadata = pdf.make_stream(xmp, Type=Name.Metadata, Subtype=Name.XML)
        return save(pdf, "1.7")


def add_structure(pdf: pikepdf.Pdf, structure: Structure, meta: Meta) -> None:
    """Make ``pdf`` a Tagged PDF: structure tree, ParentTree, OBJRs, ``/Tabs``, MarkInfo, ``/Lang``."""
    pages = list(pdf.pages)
    refs = _elements(pdf, structure, pages)
    nums: list[Any] = []
    for number, page in enumerate(pages):
        page.obj.StructParents = number
        nums += [number, pdf.make_indirect(Array([refs[key] for key in structure.mcids[number]]))]
    next_key = len(pages)
    for number, page in enumerate(pages):
        annots = list(page.obj.get("/Annots", Array()))
        if annots:
            # Tab through links in the order of the structure tree (PDF/UA-1 7.18.3).
            page.obj.Tabs = Name.S
        for index, annot in enumerate(annots):
            element = refs[structure.annots[number][index]]
            annot.StructParent = next_key
            nums += [next_key, element]
            next_key += 1
            kids = element.K
            for i, kid in enumerate(kids):
                if (
                    isinstance(kid, Dictionary)
                    and kid.get("/Type") == Name.OBJR
                    and kid.get("/Idx") == index
                    and kid.get("/PageIdx") == number
                ):
                    kids[i] = Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj)
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        Dictionary(
            Type=Name.StructTreeRoot,
            K=refs[""],
            ParentTree=pdf.make_indirect(Dictionary(Nums=Array(nums))),
            ParentTreeNextKey=next_key,
        )
    )
    refs[""].P = pdf.Root.StructTreeRoot
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String(meta.lang)
    _no_null_unicode(pdf)


def _elements(pdf: pikepdf.Pdf, structure: Structure, pages: list[pikepdf.Page]) -> dict[str, Any]:
    """One indirect StructElem per element; OBJR placeholders carry the annotation's index (``/Idx``)."""
    refs: dict[str, Any] = {
        key: pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + e.role)))
        for key, e in structure.elements.items()
    }
    for key, element in structure.elements.items():
        ref = refs[key]
        if element.parent is not None:
            ref.P = refs[element.parent]
        kids = Array()
        first_page: int | None = None
        for kid in element.kids:
            if kid[0] == "element":
                kids.append(refs[str(kid[1])])
                continue
            page = int(kid[1])
            if first_page is None:
                first_page = page
                ref.Pg = pages[page].obj
            if kid[0] == "mcid":
                mcid = int(kid[2])
                kids.append(
                    mcid if page == first_page else Dictionary(Type=Name.MCR, Pg=pages[page].obj, MCID=mcid)
                )
            else:
                kids.append(Dictionary(Type=Name.OBJR, Idx=int(kid[2]), PageIdx=page))
        ref.K = kids
        if element.alt:
            ref.Alt = String(element.alt)
        if element.bbox is not None:
            ref.A = Dictionary(O=Name.Layout, BBox=Array([round(v, 3) for v in element.bbox]))
    return refs


def _no_null_unicode(pdf: pikepdf.Pdf) -> None:
    """Drop ToUnicode entries that map a code to U+0000 (reportlab's unused code 0): PDF/UA-1 7.21.7."""
    for obj in pdf.objects:
        if isinstance(obj, Dictionary) and "/ToUnicode" in obj:
            stream = obj.ToUnicode
            text = stream.read_bytes()
            fixed = _BFCHAR.sub(_bfchar, text)
            if fixed != text:
                stream.write(fixed)


def _bfchar(block: re.Match[bytes]) -> bytes:
    """A ``bfchar`` block without its U+0000 entries, in runs of at most 100 (ISO 32000-1 §9.10.3)."""
    entries = [m.group(0) for m in _ENTRY.finditer(block.group(1)) if int(m.group(2), 16) != 0]
    runs = [entries[i : i + 100] for i in range(0, len(entries), 100)]
    return b"\n".join(b"%d beginbfchar\n%s\nendbfchar" % (len(run), b"\n".join(run)) for run in runs)
