"""The phone test: one code framed alone and photographed badly, as a visitor's phone would see it.

``photograph`` turns the image of one code zone (symbol and quiet zone, light paper) into what a
phone camera records: tilted 15° about each axis (a perspective transform of a pinhole camera),
Gaussian blur of 1.5 px at 200 dpi, 70 % brightness, JPEG at quality 40. Pure: image in, image out.
"""

from __future__ import annotations

import io
import math
from typing import Any

# Loaded with the module, not per photo: forked verifications share them (see ``verify.read``).
from PIL import Image, ImageFilter

__all__ = ["BLUR_PX", "BRIGHTNESS", "JPEG_QUALITY", "PHONE_DPI", "TILT_DEG", "photograph"]

PHONE_DPI = 200  # what a phone's camera resolves of a code held at reading distance
TILT_DEG = 15.0  # the hand is never square to the sheet: tilted this much about each axis
BLUR_PX = 1.5  # Gaussian radius at PHONE_DPI: focus and motion
BRIGHTNESS = 0.7  # a stand's lighting, a shadow: white paper reads as 70 % grey
JPEG_QUALITY = 40  # the camera preview is compressed before the decoder sees it
FIELD_OF_VIEW_DEG = 65.0  # a phone's main camera (about 26 mm equivalent) across the frame's width
FRAME_MARGIN = 0.1  # the code framed alone: a tenth of its zone's width of paper on each side
ZONE_IN_VIEW = 2 / 3  # the code and its quiet zone fill two thirds of the picture's width

Matrix = tuple[tuple[float, float, float], ...]
_DIM = [round(v * BRIGHTNESS) for v in range(256)]  # the dim light, as a grey lookup table
Image.preinit()  # the JPEG codec, loaded now rather than at the first photo


def _rotation(about_x: float, about_y: float) -> Matrix:
    cx, sx, cy, sy = math.cos(about_x), math.sin(about_x), math.cos(about_y), math.sin(about_y)
    # R = Ry · Rx: tilt forward, then turn sideways.
    return ((cy, sy * sx, sy * cx), (0.0, cx, -sx), (-sy, cy * sx, cy * cx))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (8 unknowns: no numpy needed)."""
    n = len(b)
    rows = [[*row, v] for row, v in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col:
                f = rows[r][col] / rows[col][col]
                rows[r] = [x - f * y for x, y in zip(rows[r], rows[col], strict=True)]
    return [rows[i][n] / rows[i][i] for i in range(n)]


def _homography(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> tuple[float, ...]:
    """PIL perspective coefficients mapping each ``src`` point to its ``dst`` point."""
    a: list[list[float]] = []
    b: list[float] = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b += [u, v]
    return tuple(_solve(a, b))


def _tilted_corners(w: float, h: float, zone: float) -> list[tuple[float, float]]:
    """Where the corners of a flat ``w`` × ``h`` frame land on the sensor of a tilted camera."""
    r = _rotation(math.radians(TILT_DEG), math.radians(TILT_DEG))
    # Camera distance so the zone spans ZONE_IN_VIEW of the field of view (the closer, the stronger
    # the perspective); focal length = distance keeps the scale at the centre: PHONE_DPI there.
    d = (zone / ZONE_IN_VIEW / 2) / math.tan(math.radians(FIELD_OF_VIEW_DEG) / 2)
    out = []
    for x, y in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        px, py, pz = (r[i][0] * x + r[i][1] * y for i in range(3))
        out.append((d * px / (d + pz), d * py / (d + pz)))
    return out


def photograph(zone: Any, dpi: float) -> Any:
    """The phone's picture of ``zone`` (a PIL "L" image at ``dpi``): framed, tilted, blurred, dim, JPEG."""
    scale = PHONE_DPI / dpi
    zone = zone.resize(
        (max(1, round(zone.width * scale)), max(1, round(zone.height * scale))), Image.Resampling.BOX
    )
    pad = round(FRAME_MARGIN * max(zone.width, zone.height))
    frame = Image.new("L", (zone.width + 2 * pad, zone.height + 2 * pad), 255)
    frame.paste(zone, (pad, pad))
    w, h = frame.size
    corners = _tilted_corners(w, h, max(zone.width, zone.height))
    x0, y0 = min(c[0] for c in corners), min(c[1] for c in corners)
    x1, y1 = max(c[0] for c in corners), max(c[1] for c in corners)
    size = (math.ceil(x1 - x0), math.ceil(y1 - y0))
    sensor = [(x - x0, y - y0) for x, y in corners]
    flat = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    # PIL maps each output pixel back to the input: coefficients from the sensor to the flat frame.
    coefficients = _homography(sensor, flat)
    photo = frame.transform(
        size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=255
    )
    photo = photo.filter(ImageFilter.GaussianBlur(BLUR_PX))
    photo = photo.point(_DIM)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=JPEG_QUALITY)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")
