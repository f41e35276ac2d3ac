"""The phone test: a code too small for its module count fails it, a well-sized one passes."""

from __future__ import annotations

import pytest
from PIL import Image

from flyer.document import QR, Document, Meta, PlacedPage
from flyer.draw.pdf import render
from flyer.geometry import Rect, mm
from flyer.qr import encode
from flyer.verify.checks import verify
from flyer.verify.phone import BRIGHTNESS, photograph

#: 140 characters: a version-10 symbol (57 modules) at error correction Q.
LONG = "https://example.org/" + "a" * 120
OTHER_QR_CHECKS = ("qr-urls", "qr-size", "qr-quiet-zone", "qr-contrast")


def one_code(size_mm: float, url: str = LONG) -> bytes:
    """A screen PDF of one A5 page holding one code of ``size_mm``, on white, with its quiet zone."""
    symbol = encode(url)
    size = mm(size_mm)
    qr = QR(Rect(mm(30), mm(40), size, size), symbol, 4 * size / symbol.modules, url)
    document = Document(mm(148), mm(210), mm(3), (PlacedPage((qr,)),), Meta("t", "a", "", (), "fr"))
    return render(document, "screen")


def test_a_version_10_code_at_21_mm_fails_only_the_phone_test() -> None:
    assert encode(LONG).version == 10
    checks = verify(one_code(21), None, "screen").by_name()  # just over the 20 mm minimum
    assert all(checks[name].passed for name in OTHER_QR_CHECKS)  # decodes, 20 mm, clear, contrasted
    phone = checks["qr-phone"]
    assert not phone.passed
    assert phone.figure.startswith("0/1 photographed")
    assert phone.details == (f"page 1: {LONG} lost (0.37 mm a module)",)


@pytest.mark.parametrize("size_mm", [30, 40])
def test_the_same_code_at_half_a_millimetre_a_module_passes(size_mm: float) -> None:
    checks = verify(one_code(size_mm), None, "screen").by_name()
    assert checks["qr-phone"].passed, checks["qr-phone"].details
    assert checks["qr-phone"].figure.startswith("1/1 photographed")


def test_a_short_address_passes_at_20_mm() -> None:
    assert verify(one_code(20, "https://example.org/a"), None, "screen").by_name()["qr-phone"].passed


def test_the_photograph_is_tilted_dim_and_deterministic() -> None:
    zone = Image.new("L", (300, 300), 255)
    zone.paste(0, (100, 100, 200, 200))
    photo = photograph(zone, 300)
    assert photo.tobytes() == photograph(zone, 300).tobytes()
    # 300 dpi → 200 dpi, framed with paper around, then the tilt widens the sensor's bounding box.
    assert photo.width > 200 * 1.2 and photo.height > 200 * 1.2
    dark, light = photo.getextrema()
    assert light <= round(255 * BRIGHTNESS) + 8  # JPEG ringing only
    assert dark < 40
    # Perspective: the black square's top and bottom edges differ in length.
    pixels = photo.tobytes()
    lines = [pixels[y * photo.width : (y + 1) * photo.width] for y in range(photo.height)]
    widths = [sum(v < 60 for v in line) for line in lines if min(line) < 60]
    widths = [widths[3], widths[-4]]
    assert abs(widths[0] - widths[1]) >= 3
