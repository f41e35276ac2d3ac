"""SVG logos: the limits both renditions share, and the sanitized copy the HTML companion embeds.

The PDF path draws an SVG with svglib, whose time grows faster than its element count (100 000
elements took 85 s): :func:`check_limits` bounds elements once ``<use>`` references are expanded,
the size of path data and the file itself, before anything is drawn, and answers at once.

The HTML companion is sent to others: :func:`sanitized_svg` keeps only drawing elements and
presentation attributes (no script, event handler, ``<foreignObject>``, external reference,
``@import``, XInclude, entity, comment or processing instruction; a ``<style>`` sheet only without
any of them). A reference
may only point inside the file (``#id``); an embedded picture only be a PNG or JPEG ``data:`` URI.
"""

from __future__ import annotations

import math
import re
from typing import Any

from flyer.errors import ContentError, Problem

__all__ = [
    "MAX_ELEMENTS",
    "MAX_PATH_DATA",
    "MAX_SVG_BYTES",
    "check_limits",
    "parse_svg",
    "sanitize_tree",
    "sanitized_svg",
]

#: A logo has tens to a few hundred elements; svglib takes about a second for 5 000.
MAX_ELEMENTS = 5_000
#: Path and polygon coordinates, in characters, over the whole file.
MAX_PATH_DATA = 500_000
#: An SVG logo is a few kilobytes to a few hundred.
MAX_SVG_BYTES = 5 * 1024 * 1024

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "symbol",
        "use",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "title",
        "desc",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "mask",
        "pattern",
        "image",
    ]
)
_ATTRIBUTES = frozenset(
    [
        "id",
        "d",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "width",
        "height",
        "viewBox",
        "preserveAspectRatio",
        "points",
        "transform",
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-opacity",
        "opacity",
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientUnits",
        "gradientTransform",
        "spreadMethod",
        "patternUnits",
        "patternContentUnits",
        "patternTransform",
        "clip-path",
        "clip-rule",
        "clipPathUnits",
        "mask",
        "maskUnits",
        "maskContentUnits",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "dominant-baseline",
        "letter-spacing",
        "word-spacing",
        "visibility",
        "display",
        "color",
        "version",
        "style",
        "dx",
        "dy",
        "rotate",
        "class",
        "font",
        "text-decoration",
    ]
)
_UNWRAPPED = frozenset({"a", "switch"})
_LOCAL_URL = re.compile(r"url\(\s*['\"]?#[\w.:-]+['\"]?\s*\)")
_RASTER = re.compile(r"data:image/(png|jpeg);base64,[A-Za-z0-9+/=\s]*")
_DECLARATION = re.compile(r"^\s*([a-z-]+)\s*:\s*([^;]*)$")


def _fail(reference: str, message: str, hint: str) -> ContentError:
    return ContentError([Problem(f"'{reference}' {message}", hint=hint)])


def parse_svg(data: bytes, reference: str) -> Any:
    """Parse SVG with lxml: entities, DTDs and the network off; comments and PIs dropped."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _fail(reference, f"is not valid SVG ({exc})", "export the SVG again") from None


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _href(element: Any) -> str | None:
    value = element.get(f"{{{_XLINK}}}href")
    if value is None:
        value = element.get("href")
    return None if value is None else str(value)


def check_limits(root: Any, size: int, reference: str) -> None:
    """Refuse an SVG beyond what a logo needs, before it is drawn: one ``ContentError``."""
    simpler = "simplify the logo (fewer shapes), or export it as a PNG"
    if size > MAX_SVG_BYTES:
        raise _fail(
            reference, f"is {size // 1024} KB; an SVG logo may have {MAX_SVG_BYTES // 1024} KB", simpler
        )
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    if len(elements) > MAX_ELEMENTS:
        raise _fail(reference, f"has {len(elements)} elements; at most {MAX_ELEMENTS} are drawn", simpler)
    data = sum(len(e.get("d") or "") + len(e.get("points") or "") for e in elements)
    if data > MAX_PATH_DATA:
        raise _fail(reference, f"has {data} characters of path data; at most {MAX_PATH_DATA}", simpler)
    by_id = {e.get("id"): e for e in elements if e.get("id")}
    sizes: dict[int, int] = {}

    def expanded(element: Any, seen: frozenset[int]) -> int:
        key = id(element)
        if key in seen:
            raise _fail(reference, "has a <use> that refers to itself", "export the SVG again")
        if key in sizes:
            return sizes[key]
        total = 1
        for child in element:
            if isinstance(child.tag, str):
                total += expanded(child, seen | {key})
        link = _href(element) if _local(element.tag) == "use" else None
        if link and link.startswith("#") and link[1:] in by_id:
            total += expanded(by_id[link[1:]], seen | {key})
        if total > MAX_ELEMENTS:
            raise _fail(
                reference,
                f"has more than {MAX_ELEMENTS} elements once its <use> references are expanded",
                simpler,
            )
        sizes[key] = total
        return total

    expanded(root, frozenset())
    _check_size(root, reference)


def _check_size(root: Any, reference: str) -> None:
    """A width or height written must be a positive finite length (``-100``, ``NaN`` refused)."""
    for name in ("width", "height"):
        value = root.get(name)
        if value is None or value.strip().endswith("%"):
            continue
        number = re.match(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)", value)
        if not number or not math.isfinite(float(number.group(1))) or float(number.group(1)) <= 0:
            raise _fail(
                reference,
                f'has {name}="{value[:40]}", which is not a positive size',
                'write a size such as width="120" height="40", or only a viewBox',
            )


def _safe_value(name: str, value: str) -> bool:
    lowered = value.lower()
    if "url(" in lowered and not _LOCAL_URL.fullmatch(value.strip()):
        return False
    return not any(word in lowered for word in ("javascript:", "expression(", "@import", "\\"))


def _safe_style(style: str) -> str:
    kept = []
    for part in style.split(";"):
        match = _DECLARATION.match(part)
        if match and match.group(1) in _ATTRIBUTES and _safe_value(match.group(1), match.group(2)):
            kept.append(f"{match.group(1)}:{match.group(2).strip()}")
    return ";".join(kept)


def sanitize_tree(root: Any) -> None:
    """Remove, in place, everything of a parsed SVG that is not drawing (see the module)."""
    for element in list(root.iter()):
        parent = element.getparent()
        if element is root or parent is None:
            continue
        if isinstance(element.tag, str) and _local(element.tag) in _UNWRAPPED:
            # A link or a switch around shapes: keep the shapes, drop the wrapper.
            index = parent.index(element)
            for offset, child in enumerate(list(element)):
                parent.insert(index + offset, child)
            parent.remove(element)
        elif not isinstance(element.tag, str) or not _keep_element(element):
            parent.remove(element)
    for element in root.iter():
        _clean_attributes(element)


def sanitized_svg(data: bytes, reference: str = "logo.svg") -> bytes:
    """A copy of the SVG with only drawing elements and presentation attributes (see the module).

    Never taken from the machine cache: this is what protects the people who open the HTML page,
    and a cache entry's digest only tells damage, not who wrote it.
    """
    from lxml import etree

    root = parse_svg(data, reference)
    if _local(root.tag) != "svg":
        raise _fail(reference, "is not an SVG image", "export the logo as SVG, PNG or JPEG")
    check_limits(root, len(data), reference)
    sanitize_tree(root)
    clean = etree.Element(f"{{{_SVG}}}svg", nsmap={None: _SVG, "xlink": _XLINK})
    for name, value in root.attrib.items():
        clean.set(name, value)
    for child in list(root):
        clean.append(child)
    etree.cleanup_namespaces(clean)
    return bytes(etree.tostring(clean, encoding="utf-8"))


def _safe_sheet(css: str) -> str | None:
    """A ``<style>`` sheet without ``@import``; None when it still reaches outside or runs code."""
    css = re.sub(r"@import[^;]*;?", "", css, flags=re.I)
    lowered = css.lower()
    outside = [u for u in re.findall(r"url\([^)]*\)", css) if not _LOCAL_URL.fullmatch(u)]
    if outside or any(
        w in lowered for w in ("@", "\\", "expression", "javascript", "binding", "behavior", "<")
    ):
        return None
    return css


def _keep_element(element: Any) -> bool:
    tag = str(element.tag)
    if tag == f"{{{_SVG}}}style":
        sheet = _safe_sheet(element.text or "")
        if sheet is None or len(element):
            return False
        element.text = sheet
        return True
    if not tag.startswith(f"{{{_SVG}}}") or _local(tag) not in _ELEMENTS:
        return False
    link = _href(element)
    if link is None:
        return _local(tag) != "image"
    if _local(tag) == "image":
        return bool(_RASTER.fullmatch(link.strip()))
    return link.startswith("#")


def _clean_attributes(element: Any) -> None:
    for name in list(element.attrib):
        value = element.attrib[name]
        local = _local(name)
        if name in (f"{{{_XLINK}}}href", "href"):
            continue  # checked with its element
        if name == "style":
            style = _safe_style(value)  # declaration by declaration
            if style:
                element.attrib[name] = style
            else:
                del element.attrib[name]
        elif name.startswith("{") or local not in _ATTRIBUTES or not _safe_value(local, value):
            del element.attrib[name]
