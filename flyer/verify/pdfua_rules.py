"""PDF/UA-1 checks of a screen rendition (ISO 14289-1), read back with pikepdf: what ``flyer verify`` reports.

The machine rules veraPDF and page-validation apply, as far as this flyer's files need them: every
painting operator inside marked content, balanced marks, a structure tree whose MCIDs and link
annotations all resolve, figures with alternative text, links in ``Link`` elements, ``/Tabs /S``,
``MarkInfo``, ``/Lang``, ``DisplayDocTitle`` and the XMP ``pdfuaid:part``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from flyer.verify.pdfopen import structure

__all__ = ["PAINTING", "UA_CHECKS", "marked_content", "ua_problems", "ua_report"]

#: The PDF/UA-1 checks, in the order ``flyer verify`` prints them.
UA_CHECKS = ("ua-document", "ua-structure", "ua-marked-content", "ua-links-tagged", "ua-figures-alt")

#: Operators that put marks on the page (ISO 32000-1 tables 59, 107, 87): each must be tagged or an artifact.
PAINTING = frozenset(
    ["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "Tj", "TJ", "'", '"', "BI", "INLINE IMAGE"]
)


#: What the scan reads of a content stream: the marks and the painting operators, nothing else (qpdf
#: still tokenizes it all; only these become Python objects). An inline image is asked as ``BI ID EI``.
_SCANNED = " ".join(sorted({"BDC", "BMC", "EMC", *PAINTING} - {"BI", "INLINE IMAGE"})) + " BI ID EI"


def marked_content(content: Any) -> Iterator[str]:
    """Problems of one content stream: painting outside marked content, unbalanced BDC/BMC and EMC."""
    yield from _scan(pikepdf.parse_content_stream(content, _SCANNED))[0]


def _scan(instructions: Any) -> tuple[list[str], int, list[int]]:
    """The problems of parsed content (see :func:`marked_content`), its marked-content sequences and
    the MCIDs they carry, in order."""
    problems: list[str] = []
    mcids: list[int] = []
    depth, outside, marks = 0, 0, 0
    for instruction in instructions:
        op = str(instruction.operator)
        if op in ("BDC", "BMC"):
            depth += 1
            marks += 1
            operands = list(instruction.operands) if op == "BDC" else []
            if len(operands) == 2 and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
                mcids.append(int(operands[1].MCID))
        elif op == "EMC":
            depth -= 1
            if depth < 0:
                problems.append("EMC without BDC")
                depth = 0
        elif op in PAINTING and depth == 0:
            outside += 1
    if depth:
        problems.append(f"{depth} marked-content sequence(s) not closed")
    if outside:
        problems.append(f"{outside} painting operator(s) outside marked content")
    return problems, marks, mcids


def ua_problems(pdf_bytes: bytes) -> dict[str, list[str]]:
    """Each PDF/UA check's problems (empty: passed), by check name."""
    return ua_report(pdf_bytes)[0]


def ua_report(pdf_bytes: bytes | pikepdf.Pdf) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Each PDF/UA check's problems (empty: passed) and a figure to read at a glance, by check name.

    ``pdf_bytes``: the file, or a pikepdf handle on it that the caller keeps open (and closes).
    """
    out: dict[str, list[str]] = {name: [] for name in UA_CHECKS}
    figures: dict[str, str] = {}
    with structure(pdf_bytes) as pdf:
        root = pdf.Root
        doc = out["ua-document"]
        if not root.get("/MarkInfo", Dictionary()).get("/Marked"):
            doc.append("no MarkInfo /Marked true")
        if not str(root.get("/Lang", "")):
            doc.append("no /Lang")
        if not root.get("/ViewerPreferences", Dictionary()).get("/DisplayDocTitle"):
            doc.append("no DisplayDocTitle")
        xmp = root.Metadata.read_bytes().decode("utf-8", "replace") if "/Metadata" in root else ""
        if not re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
            doc.append("no XMP pdfuaid:part 1")
        if "<dc:title>" not in xmp:
            doc.append("no XMP dc:title")
        figures["ua-document"] = f"MarkInfo, /Lang {root.get('/Lang', '?')}, XMP pdfuaid:part 1"
        marks, mcids = 0, []
        for number, page in enumerate(pdf.pages, start=1):
            problems, count, found = _scan(pikepdf.parse_content_stream(page, _SCANNED))
            out["ua-marked-content"] += [f"page {number}: {p}" for p in problems]
            marks += count
            mcids.append(set(found))
        figures["ua-marked-content"] = f"{marks} marked-content sequences, every painting operator inside"
        tree = root.get("/StructTreeRoot")
        if tree is None:
            out["ua-structure"].append("no structure tree")
        figures.update(_structure(pdf, tree, mcids, out))
    return out, figures


def _structure(
    pdf: pikepdf.Pdf, tree: Any, page_mcids: list[set[int]], out: dict[str, list[str]]
) -> dict[str, str]:
    """Elements, links and each page's MCIDs against the tree (``None``: no tree, every link and mark
    unresolved); returns the figures of the checks it fills."""
    parents = _number_tree(tree.get("/ParentTree")) if tree is not None else {}
    held: set[tuple[int, int]] = set()  # annotations held by an OBJR of a Link element
    elements, figures, links_total = 0, 0, 0
    for element in _walk(tree.get("/K") if tree is not None else None):
        role = str(element.get("/S", ""))
        elements += 1
        figures += role == "/Figure"
        if role == "/Figure" and not str(element.get("/Alt", "")).strip():
            out["ua-figures-alt"].append("a Figure without /Alt")
        for kid in _kids(element.get("/K")):
            if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                if role != "/Link":
                    out["ua-links-tagged"].append(f"an annotation held by {role}, not by a Link")
                if isinstance(kid.get("/Obj"), Dictionary):
                    held.add(kid.Obj.objgen)
                else:
                    out["ua-structure"].append(f"an OBJR of {role} without the annotation it holds")
    for number, page in enumerate(pdf.pages, start=1):
        annots = list(page.obj.get("/Annots", []))
        if annots and page.obj.get("/Tabs") != Name.S:
            out["ua-links-tagged"].append(f"page {number}: links but no /Tabs /S")
        links = [a for a in annots if a.get("/Subtype") == Name.Link]
        links_total += len(links)
        if loose := sum(a.objgen not in held or "/StructParent" not in a for a in links):
            out["ua-links-tagged"].append(f"page {number}: {loose} link(s) not in a Link element")
        if bare := sum(not str(a.get("/Contents", "")).strip() for a in links):
            out["ua-links-tagged"].append(f"page {number}: {bare} link(s) without /Contents")
        mcids = page_mcids[number - 1]
        key = page.obj.get("/StructParents")
        entries = parents.get(int(key)) if key is not None else None
        if mcids and entries is None and tree is not None:
            out["ua-structure"].append(f"page {number}: marked content but no ParentTree entry")
        elif (
            entries is not None
            and mcids
            and (max(mcids) >= len(entries) or any(entries[m] is None for m in mcids))
        ):
            out["ua-structure"].append(f"page {number}: an MCID without its structure element")
    return {
        "ua-structure": f"{elements} structure elements, ParentTree resolves every MCID",
        "ua-figures-alt": f"{figures} figures with /Alt",
        "ua-links-tagged": f"{links_total} links in Link elements, /Tabs /S",
    }


def _kids(node: Any) -> list[Any]:
    """An element's ``/K`` as a list: one kid may be written alone (an MCID, a dictionary)."""
    if node is None:
        return []
    return list(node) if isinstance(node, pikepdf.Array) else [node]


def _walk(node: Any) -> Iterator[Any]:
    """Every structure element under ``node`` (an element, or an array of them)."""
    if isinstance(node, pikepdf.Array):
        for kid in node:
            yield from _walk(kid)
    elif isinstance(node, Dictionary) and "/S" in node:
        yield node
        yield from _walk(node.get("/K", pikepdf.Array()))


def _number_tree(node: Any) -> dict[int, Any]:
    """A number tree (ParentTree) as a dict; leaves are arrays or single elements."""
    out: dict[int, Any] = {}
    if node is None:
        return out
    nums = list(node.get("/Nums", []))
    for i in range(0, len(nums) - 1, 2):
        out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        out.update(_number_tree(kid))
    return out
