"""QR codes as geometry: payload → module matrix → merged dark runs (one filled path).

Following segno: the matrix comes from ``qrcode`` with an explicit border of 0 and error correction
Q (25 % recoverable: a flyer gets folded, smudged and photographed at an angle); dark modules of a
row are merged into runs so the renderer draws one path without hairline seams.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import qrcode
import qrcode.constants

__all__ = ["MIN_MODULE_MM", "MIN_SIZE_MM", "QUIET_ZONE", "Symbol", "encode", "max_modules"]

#: ISO/IEC 18004 quiet zone, in modules, on each side.
QUIET_ZONE = 4
#: A symbol (without quiet zone) narrower than this does not scan reliably from a handout.
MIN_SIZE_MM = 20.0
#: Smallest module a phone resolves at reading distance after offset printing (≈ 0.4 mm).
MIN_MODULE_MM = 0.4


@dataclass(frozen=True)
class Symbol:
    """A QR symbol: its size in modules and the dark runs ``(row, first column, length)``."""

    payload: str
    modules: int
    version: int
    runs: tuple[tuple[int, int, int], ...]

    def dark(self, row: int, col: int) -> bool:
        """Whether module (row, col) is dark; for tests and verification."""
        return any(r == row and c <= col < c + n for r, c, n in self.runs)


@lru_cache(maxsize=4096)
def encode(payload: str) -> Symbol:
    """Encode ``payload`` (ASCII, already percent-encoded) at error correction Q."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0, box_size=1)
    code.add_data(payload, optimize=0)
    code.make(fit=True)
    matrix = code.get_matrix()
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    assert code.version is not None
    return Symbol(payload, len(matrix), int(code.version), tuple(runs))


def max_modules(size_mm: float) -> int:
    """The most modules a symbol of ``size_mm`` may have while keeping modules ≥ 0.4 mm."""
    return int(size_mm / MIN_MODULE_MM)
