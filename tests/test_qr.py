"""QR symbols: the merged runs are exactly the matrix, and they decode."""

from __future__ import annotations

import qrcode
import zxingcpp
from PIL import Image

from flyer.qr import encode


def draw(symbol_runs: tuple[tuple[int, int, int], ...], modules: int, scale: int = 8) -> Image.Image:
    size = (modules + 8) * scale
    image = Image.new("L", (size, size), 255)
    for row, col, length in symbol_runs:
        for c in range(col, col + length):
            x, y = (c + 4) * scale, (row + 4) * scale
            image.paste(0, (x, y, x + scale, y + scale))
    return image


def test_runs_cover_the_matrix_exactly() -> None:
    url = "https://www.lerameau.fr/le-programme-impact/"
    symbol = encode(url)
    reference = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0)
    reference.add_data(url)
    reference.make(fit=True)
    matrix = reference.get_matrix()
    assert symbol.modules == len(matrix)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            assert symbol.dark(r, c) == dark


def test_runs_decode_with_error_correction_q() -> None:
    url = "https://example.org/a/b?c=d"
    symbol = encode(url)
    found = zxingcpp.read_barcodes(draw(symbol.runs, symbol.modules))
    assert [r.text for r in found] == [url]
    assert found[0].ec_level == "Q"
