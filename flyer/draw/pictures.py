"""Pictures as reportlab draws them: a raster logo separated for print, an SVG logo parsed once and
scaled, its colours and its gradients' stops separated through the printer's profile.

Each parse is kept (``lru_cache``) and copied before a rendition changes it: both renditions, and
every draw of the same logo, share one parse.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeGuard

from reportlab.lib.colors import CMYKColor, Color

from flyer.content import svgsimple
from flyer.document import Picture
from flyer.fontset import BOLD, REGULAR

__all__ = ["raster", "scaled_svg", "separate_gradients", "simple_svg"]


def separate_gradients(canvas: Any, separated: Callable[[float, float, float], Color]) -> None:
    """Gradients' stops separated like every other colour (``separated``: RGB → CMYK): reportlab's
    CMYK enforcement does not reach ``linearGradient`` and ``radialGradient``, through which svglib
    paints an SVG's gradients."""
    linear, radial = canvas.linearGradient, canvas.radialGradient

    def stops(colours: list[Any]) -> list[Any]:
        return [separated(*colour.rgb()) if _is_rgb(colour) else colour for colour in colours]

    def linear_cmyk(x0: float, y0: float, x1: float, y1: float, colours: list[Any], *rest: Any) -> None:
        linear(x0, y0, x1, y1, stops(colours), *rest)

    def radial_cmyk(x: float, y: float, radius: float, colours: list[Any], *rest: Any) -> None:
        radial(x, y, radius, stops(colours), *rest)

    canvas.linearGradient, canvas.radialGradient = linear_cmyk, radial_cmyk


def _is_rgb(colour: object) -> TypeGuard[Color]:
    return isinstance(colour, Color) and not isinstance(colour, CMYKColor)


def raster(picture: Picture, icc: bytes) -> object:
    """Pillow image for reportlab; for print (``icc``: the printer's profile) separated to CMYK."""
    from PIL import Image as PILImage
    from reportlab.lib.utils import ImageReader

    image: PILImage.Image = PILImage.open(io.BytesIO(picture.data))
    if icc:
        if image.mode in ("RGBA", "LA", "P"):
            rgba = image.convert("RGBA")
            flat = PILImage.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            image = flat
        from flyer.draw.separation import separate

        image = separate(image, icc)
    return ImageReader(image)


@lru_cache(maxsize=8)
def simple_svg(data: bytes) -> svgsimple.SimpleSVG | None:
    """The logo as flat shapes, drawn without svglib; None when it needs svglib."""
    return svgsimple.parse(data)


@lru_cache(maxsize=8)
def _svg_parsed(data: bytes, name: str, icc: bytes, regular: str, bold: str) -> Any:
    """The SVG logo as a drawing at its own size (separated through ``icc`` for print): parsed once
    per rendition."""
    from flyer.content.images import svg_drawing

    drawing = copy.deepcopy(svg_drawing(data, name))  # the one parse is shared: change a copy
    _embeddable_fonts(drawing, regular, bold)
    if icc:
        _to_cmyk(drawing, icc)
    return drawing


@lru_cache(maxsize=16)
def scaled_svg(
    data: bytes, name: str, icc: bytes, w: float, h: float, regular: str = REGULAR, bold: str = BOLD
) -> Any:
    """The SVG logo as a drawing scaled to ``w`` × ``h``: a copy of the one parse, drawn many times."""
    drawing = _svg_parsed(data, name, icc, regular, bold).copy()
    sx, sy = w / drawing.width, h / drawing.height
    drawing.scale(sx, sy)
    drawing.width, drawing.height = w, h
    return drawing


def _embeddable_fonts(drawing: object, regular: str, bold: str) -> None:
    """Text in an SVG gets the flyer's fonts: svglib would fall back to Helvetica, never embedded."""
    from reportlab.graphics.shapes import Group, String

    def walk(node: object) -> None:
        if isinstance(node, String):
            node.fontName = bold if "bold" in str(node.fontName).lower() else regular
        if isinstance(node, Group):
            for child in node.contents:
                walk(child)

    walk(drawing)


def _to_cmyk(drawing: object, icc: bytes) -> None:
    """Separate an svglib drawing's RGB colours through the printer's profile, in place."""
    from reportlab.graphics.shapes import Group

    from flyer.draw.separation import separate_colour

    def convert(colour: object) -> object:
        if _is_rgb(colour):
            c, m, y, k = separate_colour((colour.red, colour.green, colour.blue), icc)
            return CMYKColor(c, m, y, k, alpha=colour.alpha)
        return colour

    def walk(node: object) -> None:
        for attr in ("fillColor", "strokeColor"):
            if hasattr(node, attr):
                setattr(node, attr, convert(getattr(node, attr)))
        if isinstance(node, Group):
            for child in node.contents:
                walk(child)

    walk(drawing)
