"""QR codes as geometry: payload → module matrix → merged dark runs (one filled path).

Following segno: error correction Q (25 % recoverable: a flyer gets folded, smudged and
photographed at an angle), no quiet zone in the matrix (the layout draws it); dark modules of a row
are merged into runs so the renderer draws one path without hairline seams.

The matrix is the one ``qrcode`` makes (single-mode data, its mask choice): the tests compare
version, mode and every module with it, on every version. It is computed here, without importing
``qrcode`` (and the Pillow it loads), several times faster: the whole matrix is one integer, the
data placed by one picking function per version (``grid``), the eight candidate masks by XOR and
their penalty by shifts over every line at once (``masks``), Reed–Solomon with log tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from flyer.qr.codewords import DataOverflowError, data_codewords, smallest_version
from flyer.qr.grid import grid as version_grid
from flyer.qr.grid import info_modules
from flyer.qr.masks import lost_point, penalty

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


_DARK = re.compile("1+")


def _modules(version: int, data: list[int], level: str) -> int:
    """The symbol's modules, row by row in one int: the mask chosen as ``qrcode`` chooses it (the
    lowest penalty, the first of equals, scored with format and version information light)."""
    grid = version_grid(version)
    value = int.from_bytes(bytes(data), "big")
    value = value << max(0, grid.cells - 8 * len(data)) >> max(0, 8 * len(data) - grid.cells)
    bits = f"{value:0{grid.cells}b}0"
    by_rows, by_columns = grid.place
    rows = grid.function[0] | int("".join(by_rows(bits)), 2)
    columns = grid.function[1] | int("".join(by_columns(bits)), 2)
    scores = [
        penalty(rows ^ flip_rows, columns ^ flip_columns, grid.n) for flip_rows, flip_columns in grid.masks
    ]
    mask = scores.index(min(scores))
    return (rows ^ grid.masks[mask][0]) | info_modules(version, level, mask)


#: M is chosen over Q only when it saves this many versions (4 modules each): smaller by a third.
M_SAVES_VERSIONS = 2
#: ... and only for codes this dense: short addresses keep Q's margin against smudges and folds.
M_FROM_VERSION = 7


def encode(payload: str, level: str = "Q") -> Symbol:
    """Encode ``payload`` (ASCII, already percent-encoded) at error correction ``level`` (Q or M)."""
    # The level passed on, always by position: ``encode(p)`` and ``encode(p, "Q")`` are one symbol,
    # which the cache would otherwise keep (and compute) twice (the layout's and the HTML's).
    return _encoded(payload, level)


# A symbol is ~70 KB of runs: 512 of them cover any flyer's codes and keep variant batches flat.
@lru_cache(maxsize=512)
def _encoded(payload: str, level: str) -> Symbol:
    raw = payload.encode("utf-8")
    version = smallest_version(raw, level)
    data = data_codewords(version, raw, level)
    n = modules_of(version)
    text = f"{_modules(version, data, level):0{n * n}b}"
    runs = [
        (r, start - r * n, end - start)
        for r in range(n)
        for start, end in map(re.Match.span, _DARK.finditer(text, r * n, (r + 1) * n))
    ]
    return Symbol(payload, n, version, tuple(runs), level)


def modules_of(version: int) -> int:
    """Modules on a side of a symbol of ``version`` (ISO/IEC 18004: 21 for version 1, 4 more each)."""
    return 17 + 4 * version


def version_of(payload: str, level: str = "Q") -> int:
    """The version ``encode(payload, level)`` would have, without building the symbol."""
    return _version(payload, level)  # by position, as ``encode``: one cache entry however it is asked


@lru_cache(maxsize=4096)
def _version(payload: str, level: str) -> int:
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
