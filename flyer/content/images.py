"""Image files (logo): found inside the project, checked, measured; never fetched, never expanded.

PNG and JPEG are read by Pillow with a pixel budget (decompression bombs); SVG is parsed by lxml
with entities and network off, its external references dropped, then drawn by svglib.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from flyer.content.files import not_regular
from flyer.content.svgsafe import check_limits, sanitize_tree
from flyer.document import Picture
from flyer.errors import ContentError, Problem

__all__ = ["MAX_BYTES", "MAX_PIXELS", "load_picture", "svg_drawing"]

#: 40 megapixels: a logo never needs more; Pillow's own guard is twice as lax.
MAX_PIXELS = 40_000_000
MAX_BYTES = 20 * 1024 * 1024
_XLINK = "{http://www.w3.org/1999/xlink}href"
#: Largest width or height of an SVG, in its own units (a logo is a few hundred).
_MAX_SVG_SIZE = 100_000.0


def _fail(message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(message, hint=hint)])


def load_picture(reference: str, base: Path, project: Path | None = None) -> Picture:
    """Read the image ``reference`` (relative to ``base``), which must stay inside ``project``."""
    project = (project or base).resolve()
    path = (base / reference).resolve()
    if not path.is_relative_to(project):
        raise _fail(
            f"'{reference}' is outside the project folder {project}",
            "put the image in the project's assets/ folder and write assets/NAME",
        )
    if path.is_dir():
        raise _fail(f"'{reference}' is a folder, not an image", "write the path of the logo file itself")
    kind = not_regular(path)
    if kind:
        raise _fail(f"'{reference}' is {kind}, not an image", "write the path of an image file saved on disk")
    if not path.is_file():
        raise _fail(f"'{reference}' does not exist (looked for {path})", "check the file name and its folder")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _fail(
            f"'{reference}' is {size // 1_000_000} MB; at most {MAX_BYTES // 1_000_000} MB are accepted"
        )
    data = path.read_bytes()
    if path.suffix.lower() == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg ", b"<svg>"):
        from flyer.content.svgsimple import parse

        if (simple := parse(data)) is not None:  # flat shapes: no svglib needed (flyer.content.svgsimple)
            return Picture("svg", data, *simple.points, reference)
        drawing = svg_drawing(data, reference)
        return Picture("svg", data, float(drawing.width), float(drawing.height), reference)
    return _raster(data, reference)


def _raster(data: bytes, reference: str) -> Picture:
    from PIL import Image, UnidentifiedImageError

    smaller = "export the logo at a smaller size (2000 pixels wide is plenty)"
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise _fail(
                        f"'{reference}' is {image.width}×{image.height} pixels; at most {MAX_PIXELS // 1_000_000} megapixels are accepted",
                        smaller,
                    )
                kind = (image.format or "").lower()
                if kind not in ("png", "jpeg"):
                    raise _fail(f"'{reference}' is a {image.format or 'unknown'} image; use PNG, JPEG or SVG")
                image.load()
                return Picture(
                    "png" if kind == "png" else "jpeg",
                    data,
                    float(image.width),
                    float(image.height),
                    reference,
                )
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            claimed = re.search(r"\((\d+) pixels\)", str(exc))
            size = f"{int(claimed.group(1)) // 1_000_000} megapixels" if claimed else "too many pixels"
            raise _fail(
                f"'{reference}' claims {size} (a decompression bomb?); at most {MAX_PIXELS // 1_000_000} megapixels are accepted",
                smaller,
            ) from None
        except UnidentifiedImageError:
            kind = "an empty file" if not data else "not a PNG, JPEG or SVG image"
            raise _fail(f"'{reference}' is {kind}", "export the logo as PNG, JPEG or SVG") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise _fail(f"'{reference}' is corrupt or truncated ({exc})", "export the image again") from None


@lru_cache(maxsize=8)
def svg_drawing(data: bytes, reference: str = "logo.svg") -> Any:
    """Parse SVG safely and return a reportlab Drawing: parsed once, shared (copy it to change it)."""
    from lxml import etree
    from svglib.svglib import SvgRenderer

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _fail(f"'{reference}' is not valid SVG ({exc})") from None
    doctype = root.getroottree().docinfo.internalDTD
    if doctype is not None and any(True for _ in doctype.iterentities()):
        raise _fail(
            f"'{reference}' declares XML entities; they are refused", "export the SVG again without a DOCTYPE"
        )
    if not str(root.tag).endswith("svg"):
        raise _fail(f"'{reference}' is not an SVG image")
    check_limits(root, len(data), reference)  # the HTML's sanitized copy has the same
    sanitize_tree(root)  # and the same content: drawing only
    for element in list(root.iter()):
        link = element.get(_XLINK) or element.get("href")
        if link is not None and not link.startswith(("#", "data:")):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            drawing = SvgRenderer(reference).render(root)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _fail(
                f"'{reference}' embeds an image that claims too many pixels (a decompression bomb?)",
                "export the SVG again, or use a PNG",
            ) from None
        except Exception as exc:  # svglib on untrusted input (embedded data: images, odd values)
            raise _fail(
                f"'{reference}' cannot be drawn ({type(exc).__name__}: {str(exc)[:120]})",
                "export the SVG again, or use a PNG",
            ) from None
    if drawing is None or not drawing.width or not drawing.height:
        raise _fail(f"'{reference}' has no size (width and height, or a viewBox)")
    w, h = float(drawing.width), float(drawing.height)
    if not (math.isfinite(w) and math.isfinite(h) and 0 < w <= _MAX_SVG_SIZE and 0 < h <= _MAX_SVG_SIZE):
        # NaN squeezes the title band to a letter a line; 1e300 overflows the PDF's numbers.
        raise _fail(
            f"'{reference}' has no usable size ({w:g} × {h:g})",
            'write a size such as width="120" height="40", or a viewBox of finite numbers',
        )
    return drawing
