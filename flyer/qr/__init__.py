"""QR codes as geometry: payload → module matrix → merged dark runs (one filled path).

Following segno: error correction Q (25 % recoverable: a flyer gets folded, smudged and
photographed at an angle), no quiet zone in the matrix (the layout draws it); dark modules of a row
are merged into runs so the renderer draws one path without hairline seams.

The matrix is the one ``qrcode`` makes (single-mode data, its mask choice): the tests compare
version, mode and every module with it, on every version. It is computed here, without importing
``qrcode`` (and the Pillow it loads), about twice as fast: the mask penalty on integers, the eight
candidate masks by XOR on the first, data placement once per version, Reed–Solomon with log tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from flyer.qr.codewords import DataOverflowError, data_codewords, smallest_version
from flyer.qr.masks import (
    ASCII01,
    lost_point,
    mask_bits,
    mask_columns,
    mask_rows,
    penalty,
    placement,
    transpose,
)

__all__ = [
    "MIN_MODULE_MM",
    "MIN_SIZE_MM",
    "QUIET_ZONE",
    "DataOverflowError",
    "Symbol",
    "encode",
    "lost_point",
    "max_modules",
    "modules_of",
    "symbol",
    "version_of",
]

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
    #: Error correction level: Q (25 % recoverable) by default, M (15 %) for a long address.
    level: str = "Q"

    def dark(self, row: int, col: int) -> bool:
        """Whether module (row, col) is dark; for tests and verification."""
        return any(r == row and c <= col < c + n for r, c, n in self.runs)


_DARK = re.compile(b"\x01+")
#: ISO/IEC 18004 Annex E: row and column centres of the alignment patterns, version 1 to 40.
_ALIGNMENT = (
    (), (6, 18), (6, 22), (6, 26), (6, 30), (6, 34), (6, 22, 38), (6, 24, 42), (6, 26, 46), (6, 28, 50),
    (6, 30, 54), (6, 32, 58), (6, 34, 62), (6, 26, 46, 66), (6, 26, 48, 70), (6, 26, 50, 74),
    (6, 30, 54, 78), (6, 30, 56, 82), (6, 30, 58, 86), (6, 34, 62, 90), (6, 28, 50, 72, 94),
    (6, 26, 50, 74, 98), (6, 30, 54, 78, 102), (6, 28, 54, 80, 106), (6, 32, 58, 84, 110),
    (6, 30, 58, 86, 114), (6, 34, 62, 90, 118), (6, 26, 50, 74, 98, 122), (6, 30, 54, 78, 102, 126),
    (6, 26, 52, 78, 104, 130), (6, 30, 56, 82, 108, 134), (6, 34, 60, 86, 112, 138),
    (6, 30, 58, 86, 114, 142), (6, 34, 62, 90, 118, 146), (6, 30, 54, 78, 102, 126, 150),
    (6, 24, 50, 76, 102, 128, 154), (6, 28, 54, 80, 106, 132, 158), (6, 32, 58, 84, 110, 136, 162),
    (6, 26, 54, 82, 110, 138, 166), (6, 30, 58, 86, 114, 142, 170),
)  # fmt: skip
#: Each level's two bits in the format information (L 01, M 00, Q 11, H 10).
_EC_BITS = {"Q": 0b11, "M": 0b00}
_G15, _G15_MASK, _G18 = 0b10100110111, 0b101010000010010, 0b1111100100101


Modules = list[list[bool | None]]


@cache
def _blank(version: int) -> tuple[tuple[bool | None, ...], ...]:
    """Finder patterns with their separators, alignment patterns and timing patterns of ``version``."""
    n = 4 * version + 17
    m: Modules = [[None] * n for _ in range(n)]
    for row, col in ((0, 0), (n - 7, 0), (0, n - 7)):
        for r in range(-1, 8):
            for c in range(-1, 8):
                if 0 <= row + r < n and 0 <= col + c < n:
                    ring = (0 <= r <= 6 and c in (0, 6)) or (0 <= c <= 6 and r in (0, 6))
                    m[row + r][col + c] = ring or (2 <= r <= 4 and 2 <= c <= 4)
    centres = _ALIGNMENT[version - 1]
    for row in centres:
        for col in centres:
            if m[row][col] is None:
                for r in range(-2, 3):
                    for c in range(-2, 3):
                        m[row + r][col + c] = r in (-2, 2) or c in (-2, 2) or r == c == 0
    for i in range(8, n - 8):
        if m[i][6] is None:
            m[i][6] = i % 2 == 0
        if m[6][i] is None:
            m[6][i] = i % 2 == 0
    return tuple(tuple(row) for row in m)


def _bch(data: int, generator: int, shift: int) -> int:
    d = data << shift
    while d.bit_length() >= generator.bit_length():
        d ^= generator << (d.bit_length() - generator.bit_length())
    return (data << shift) | d


def _matrix(version: int, data: list[int], mask: int, test: bool, level: str = "Q") -> Modules:
    """The symbol's modules: function patterns, format (and version) information, masked data.

    ``test`` leaves the format and version information light, as while the mask is chosen.
    """
    m: Modules = [list(row) for row in _blank(version)]
    n = len(m)
    bits = _bch((_EC_BITS[level] << 3) | mask, _G15, 10) ^ _G15_MASK
    for i in range(15):
        on = not test and (bits >> i) & 1 == 1
        m[i if i < 6 else i + 1 if i < 8 else n - 15 + i][8] = on  # down the left
        m[8][n - i - 1 if i < 8 else 15 - i if i < 9 else 14 - i] = on  # along the top
    m[n - 8][8] = not test  # the dark module
    if version >= 7:
        bits = _bch(version, _G18, 12)
        for i in range(18):
            on = not test and (bits >> i) & 1 == 1
            m[i // 3][i % 3 + n - 11] = on
            m[i % 3 + n - 11][i // 3] = on
    cells = placement(version, m)
    count = len(cells)
    value = int.from_bytes(bytes(data), "big")
    value = value << max(0, count - 8 * len(data)) >> max(0, 8 * len(data) - count)
    masked = f"{value ^ mask_bits(version, len(m), mask):0{count}b}"
    for (r, c), bit in zip(cells, masked, strict=True):
        m[r][c] = bit == "1"
    return m


def _best_mask(version: int, data: list[int]) -> int:
    """The mask with the lowest penalty (the first of equals), as ``qrcode`` chooses it.

    While choosing, format information is all light whatever the mask, so the eight candidates
    differ only on data cells: each is the first one with its mask difference XOR-ed in.
    """
    test = _matrix(version, data, 0, True)
    n = len(test)
    first = [int(bytes(row).translate(ASCII01), 2) for row in test]  # type: ignore[arg-type]
    first_columns = transpose(first, n)
    scores = []
    for mask in range(8):
        flips = mask_rows(version, n, 0, mask)
        flip_columns = mask_columns(version, n, mask)
        rows = [row ^ flip for row, flip in zip(first, flips, strict=True)]
        columns = [c ^ flip for c, flip in zip(first_columns, flip_columns, strict=True)]
        scores.append(penalty(rows, columns, n))
    return scores.index(min(scores))


#: M is chosen over Q only when it saves this many versions (4 modules each): smaller by a third.
M_SAVES_VERSIONS = 2
#: ... and only for codes this dense: short addresses keep Q's margin against smudges and folds.
M_FROM_VERSION = 7


# A symbol is ~70 KB of runs: 512 of them cover any flyer's codes and keep variant batches flat.
@lru_cache(maxsize=512)
def encode(payload: str, level: str = "Q") -> Symbol:
    """Encode ``payload`` (ASCII, already percent-encoded) at error correction ``level`` (Q or M)."""
    raw = payload.encode("utf-8")
    version = smallest_version(raw, level)
    data = data_codewords(version, raw, level)
    matrix = _matrix(version, data, _best_mask(version, data), False, level)
    runs = [
        (r, run.start(), run.end() - run.start())
        for r, row in enumerate(matrix)
        for run in _DARK.finditer(bytes(row))  # type: ignore[arg-type]
    ]
    return Symbol(payload, len(matrix), version, tuple(runs), level)


def modules_of(version: int) -> int:
    """Modules on a side of a symbol of ``version`` (ISO/IEC 18004: 21 for version 1, 4 more each)."""
    return 17 + 4 * version


@lru_cache(maxsize=4096)
def version_of(payload: str, level: str = "Q") -> int:
    """The version ``encode(payload, level)`` would have, without building the symbol."""
    return smallest_version(payload.encode("utf-8"), level)


@lru_cache(maxsize=512)
def symbol(payload: str) -> Symbol:
    """The symbol a flyer prints for ``payload``: Q, or M when Q would force a much larger code.

    The choice needs only the two versions; the one symbol printed is the one encoded.
    """
    q = version_of(payload, "Q")
    if q < M_FROM_VERSION or q - version_of(payload, "M") < M_SAVES_VERSIONS:
        return encode(payload, "Q")
    return encode(payload, "M")


def max_modules(size_mm: float) -> int:
    """The most modules a symbol of ``size_mm`` may have while keeping modules ≥ 0.4 mm."""
    return int(size_mm / MIN_MODULE_MM)
