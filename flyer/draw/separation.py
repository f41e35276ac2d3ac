"""RGB → CMYK through the printer's ICC profile (Pillow's ImageCms, littleCMS), with the ink limit.

Pillow's ``convert("CMYK")`` never uses black ink (rich RGB black becomes C100 M100 Y100 K0, 300 %
of ink on paper that takes less); here colours are separated like a prepress tool does: relative
colorimetric with black point compensation into the output intent's profile, then any pixel still
over ``MAX_INK`` has its C, M and Y scaled down (black kept).
"""

from __future__ import annotations

import hashlib
import io
import marshal
from functools import lru_cache
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageMath

from flyer import cache

__all__ = [
    "CMYK",
    "DEFAULT_PROFILE",
    "MAX_INK",
    "bundled_profile",
    "profile_digest",
    "separate",
    "separate_colour",
]

#: Total area coverage allowed inside the BleedBox, in percent (ISO 12647-2 coated paper: 300–330 %).
MAX_INK = 300
#: The bundled default: ECI "ISO Coated v2 300 %" (FOGRA39), whose separations stay under 300 %.
DEFAULT_PROFILE = "ISOcoated_v2_300_eci.icc"


@lru_cache(maxsize=2)
def bundled_profile(name: str = DEFAULT_PROFILE) -> bytes:
    """An ICC profile shipped in ``flyer/icc`` (with the ECI licence beside it)."""
    return (Path(__file__).parent.parent / "icc" / name).read_bytes()


@lru_cache(maxsize=4)
def _transform(profile: bytes, mode: str) -> Any:
    from PIL import ImageCms  # ~10 ms, and a vector logo's colours are usually in the machine cache

    srgb = ImageCms.createProfile("sRGB")
    printer = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    return ImageCms.buildTransform(
        srgb,
        printer,
        mode,
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


def separate(image: Image.Image, profile: bytes) -> Image.Image:
    """An RGB image (transparency flattened on white by the caller) as CMYK for ``profile``; a CMYK
    image is taken as already separated, and only held to the ink limit."""
    if image.mode == "CMYK":
        return _limit(image)
    from PIL import ImageCms

    cmyk = ImageCms.applyTransform(image.convert("RGB"), _transform(profile, "RGB"))
    if cmyk is None:  # applyTransform returns None only in place, which is not asked for here
        raise RuntimeError("ImageCms.applyTransform returned no image")
    return _limit(cmyk)


def _limit(image: Image.Image) -> Image.Image:
    """Scale C, M and Y down where C + M + Y + K is over ``MAX_INK``."""
    c, m, y, k = image.split()
    limit = 255 * MAX_INK / 100

    def scaled(channel: Image.Image) -> Image.Image:
        out = ImageMath.lambda_eval(
            lambda a: a["min"](
                a["ch"] * 1.0,
                a["ch"] * (limit - a["k"]) / a["max"](a["c"] + a["m"] + a["y"], 1.0),
            ),
            ch=channel,
            c=c,
            m=m,
            y=y,
            k=k,
        )
        if not isinstance(out, Image.Image):  # a number only when every band is a constant
            raise TypeError(f"ImageMath gave {type(out).__name__}, not an image")
        return out.convert("L")

    return Image.merge("CMYK", [scaled(c), scaled(m), scaled(y), k])


@lru_cache(maxsize=4)
def profile_digest(profile: bytes) -> bytes:
    """SHA-256 of a print profile: 2 MB hashed once a process for every cache entry it names."""
    return hashlib.sha256(profile).digest()


#: Bump when the cached separations change shape.
_FORMAT = "1"
CMYK = tuple[float, float, float, float]


@lru_cache(maxsize=4)
def _separated(profile: bytes) -> tuple[str, dict[tuple[int, int, int], CMYK]]:
    """The machine cache's entry for ``profile`` and the colours it already holds.

    Building the transform and applying it costs ~40 ms a build for a logo's three colours; the
    result depends only on the profile, the ink limit and Pillow's littleCMS, which name the entry.
    """
    name = "cmyk-" + cache.digest(
        _FORMAT, profile_digest(profile), PIL.__version__, str(MAX_INK), cache.code(__file__)
    )
    stored = cache.load(name + ".marshal")
    try:
        known = marshal.loads(stored) if stored is not None else {}
    except (EOFError, ValueError, TypeError):
        known = {}
    return name + ".marshal", known if isinstance(known, dict) else {}


@lru_cache(maxsize=256)
def separate_colour(rgb: tuple[float, float, float], profile: bytes) -> CMYK:
    """One RGB colour (0–1) as CMYK (0–1) for ``profile``: a vector logo's fills and strokes."""
    red, green, blue = (round(v * 255) for v in rgb)
    name, known = _separated(profile)
    if (red, green, blue) in known:
        return known[(red, green, blue)]
    value = separate(Image.new("RGB", (1, 1), (red, green, blue)), profile).getpixel((0, 0))
    if not isinstance(value, tuple):  # a CMYK image's pixel is a tuple of four bands
        raise TypeError(f"a CMYK pixel read as {type(value).__name__}")
    c, m, y, k = (round(v / 255, 3) for v in value)
    known[(red, green, blue)] = (c, m, y, k)
    cache.store(name, marshal.dumps(known))
    return (c, m, y, k)
