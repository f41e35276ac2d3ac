"""One QR version's fixed layout: function patterns, format and version cells, where data bits go,
and the eight masks over the data cells.

Every symbol of a version shares it, so it is made once per version (40 at most, whatever a batch
encodes). Matrices are integers of n × n bits, row by row (row 0 in the highest bits), or column
by column; data bits are placed by picking functions that run in C.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from flyer.qr.masks import pattern_rows, transposer

__all__ = ["Grid", "grid", "info_modules"]

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


@dataclass(frozen=True, eq=False)
class Grid:
    """What every symbol of one version shares."""

    n: int
    #: The function patterns' dark modules (format and version information light), by rows and columns.
    function: tuple[int, int]
    #: How many cells hold data bits (remainder bits included).
    cells: int
    #: Data bits in placement order, then a "0", → the matrix's characters by rows, by columns.
    place: tuple[Callable[[str], tuple[str, ...]], Callable[[str], tuple[str, ...]]]
    #: Per mask, the data cells it turns over, by rows and by columns.
    masks: tuple[tuple[int, int], ...]


def _blank(version: int) -> Modules:
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
    return m


def _info_cells(version: int, n: int) -> list[tuple[int, tuple[int, int]]]:
    """(bit, cell) of the format information (15 bits, twice), then of the version information."""
    cells = []
    for i in range(15):
        cells.append((i, (i if i < 6 else i + 1 if i < 8 else n - 15 + i, 8)))  # down the left
        cells.append((i, (8, n - i - 1 if i < 8 else 15 - i if i < 9 else 14 - i)))  # along the top
    if version >= 7:
        for i in range(18):
            cells += [(15 + i, (i // 3, i % 3 + n - 11)), (15 + i, (i % 3 + n - 11, i // 3))]
    return cells


def _placement(m: Modules) -> list[tuple[int, int]]:
    """The cells data bits go to, in ``qrcode``'s order (upwards and downwards in column pairs)."""
    n = len(m)
    out, row, step = [], n - 1, -1
    for col in range(n - 1, 0, -2):
        if col <= 6:
            col -= 1  # the vertical timing pattern
        while True:
            out += [(row, c) for c in (col, col - 1) if m[row][c] is None]
            row += step
            if row < 0 or row >= n:
                row -= step
                step = -step
                break
    return out


#: A module of the blank matrix as a character: of the function patterns, of the data cells.
_FUNCTION = {True: "1", False: "0", None: "0"}
_DATA = {True: "0", False: "0", None: "1"}


@cache
def grid(version: int) -> Grid:
    """The layout every symbol of ``version`` shares."""
    m = _blank(version)
    n = len(m)
    for _, (r, c) in _info_cells(version, n):
        m[r][c] = False
    m[n - 8][8] = False  # the dark module, set with the format information
    cells = _placement(m)
    light = len(cells)  # the "0" after the data bits
    where = [light] * (n * n)
    for k, (r, c) in enumerate(cells):
        where[r * n + c] = k
    transpose = transposer(n)
    flat = list(itertools.chain.from_iterable(m))
    function = "".join(map(_FUNCTION.__getitem__, flat))
    data_cells = int("".join(map(_DATA.__getitem__, flat)), 2)
    masks = []
    for mask in range(8):
        flips = f"{int(pattern_rows(mask, n), 2) & data_cells:0{n * n}b}"
        masks.append((int(flips, 2), int("".join(transpose(flips)), 2)))
    return Grid(
        n,
        (int(function, 2), int("".join(transpose(function)), 2)),
        len(cells),
        (operator.itemgetter(*where), operator.itemgetter(*transpose(where))),
        tuple(masks),
    )


def _bch(data: int, generator: int, shift: int) -> int:
    d = data << shift
    while d.bit_length() >= generator.bit_length():
        d ^= generator << (d.bit_length() - generator.bit_length())
    return (data << shift) | d


@cache
def info_modules(version: int, level: str, mask: int) -> int:
    """The dark modules of the format information (and version information, from version 7) and
    the dark module, row by row: what a symbol adds once its mask is chosen."""
    n = 4 * version + 17
    bits = _bch((_EC_BITS[level] << 3) | mask, _G15, 10) ^ _G15_MASK
    if version >= 7:
        bits |= _bch(version, _G18, 12) << 15
    dark = 1 << (n * n - 1 - ((n - 8) * n + 8))
    for bit, (r, c) in _info_cells(version, n):
        if (bits >> bit) & 1:
            dark |= 1 << (n * n - 1 - (r * n + c))
    return dark
