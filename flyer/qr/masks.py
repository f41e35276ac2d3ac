"""QR masks and their penalty (ISO/IEC 18004 §7.8.3), on integers: one bit per module, a row or column per int."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import cache

__all__ = [
    "ASCII01",
    "lost_point",
    "mask_bits",
    "mask_columns",
    "mask_rows",
    "penalty",
    "placement",
    "transpose",
]

ASCII01 = bytes.maketrans(b"\x00\x01", b"01")


def lost_point(modules: list[list[bool]]) -> int:
    """The ISO/IEC 18004 mask penalty of a matrix, as ``qrcode.util.lost_point`` gives it."""
    rows = [int(bytes(row).translate(ASCII01), 2) for row in modules]
    return penalty(rows, transpose(rows, len(rows)), len(rows))


def transpose(rows: list[int] | tuple[int, ...], n: int) -> list[int]:
    """The columns of a matrix given as row integers, as integers (row 0 in the highest bit)."""
    text = [f"{row:0{n}b}" for row in rows]
    return [int("".join(column), 2) for column in zip(*text, strict=True)]


def penalty(rows: list[int], columns: list[int], n: int) -> int:
    """The mask penalty of a matrix given as row and column integers.

    N1, runs of 5 or more alike (length - 2 each), on integers: a run of L holds L - 4 windows of
    five alike, plus 2 for the run itself (one window block). N2 uniform 2×2 blocks (3 each), on
    integers too. N3 finder-like 1:1:3:1:1 patterns with 4 light modules (40 each) on strings, so
    the scan runs in C. N4 10 per 5 % of dark modules away from half.
    """
    pairs, windows = (1 << (n - 1)) - 1, (1 << (n - 4)) - 1
    points = 0
    for line in itertools.chain(rows, columns):
        alike = ~(line ^ (line >> 1)) & pairs  # bit i: modules i and i + 1 alike
        five = alike & (alike >> 1) & (alike >> 2) & (alike >> 3) & windows
        points += five.bit_count() + 2 * (five & ~(five >> 1)).bit_count()
    every = " ".join([f"{line:0{n}b}" for line in itertools.chain(rows, columns)])
    # Neither pattern overlaps itself, so non-overlapping counts are all the occurrences.
    points += 40 * (every.count("10111010000") + every.count("00001011101"))
    full = (1 << n) - 1
    for a, b in itertools.pairwise(rows):
        same = ~(a ^ b) & full
        points += 3 * (same & (same >> 1) & ~(a ^ (a >> 1)) & (full >> 1)).bit_count()
    dark = sum(row.bit_count() for row in rows)
    return points + 10 * int(abs(dark / n**2 * 100 - 50) / 5)


_PLACEMENTS: dict[int, tuple[tuple[int, int], ...]] = {}


def placement(version: int, modules: list[list[bool | None]]) -> tuple[tuple[int, int], ...]:
    """The cells data bits go to, in ``qrcode``'s order (upwards and downwards in column pairs).

    The empty cells depend on the version only (function patterns, format and version information
    are drawn first), so the walk is done once per version.
    """
    if version in _PLACEMENTS:
        return _PLACEMENTS[version]
    n = len(modules)
    out, row, step = [], n - 1, -1
    for col in range(n - 1, 0, -2):
        if col <= 6:
            col -= 1  # the vertical timing pattern
        while True:
            out += [(row, c) for c in (col, col - 1) if modules[row][c] is None]
            row += step
            if row < 0 or row >= n:
                row -= step
                step = -step
                break
    _PLACEMENTS[version] = tuple(out)
    return _PLACEMENTS[version]


#: ISO/IEC 18004 Table 10: which modules each data mask turns over (row i, column j).
_MASKS: tuple[Callable[[int, int], bool], ...] = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i * j) % 3 + (i + j) % 2) % 2 == 0,
)


#: Every mask repeats every 12 rows and every 12 columns (the periods 2, 3, 4 and 6 all divide 12).
_PERIOD = 12


@cache
def _tile(mask: int) -> tuple[str, ...]:
    """Mask ``mask`` over its 12 × 12 period, a row per string of 0 and 1."""
    flip = _MASKS[mask]
    return tuple("".join("1" if flip(r, c) else "0" for c in range(_PERIOD)) for r in range(_PERIOD))


@cache
def _pattern_rows(mask: int, n: int) -> tuple[int, ...]:
    """Mask ``mask`` over a whole ``n`` × ``n`` matrix, a row per int (column 0 in the highest bit).

    Built from one 12 × 12 tile, so a version's masks cost a few string repetitions instead of a
    call of the mask's formula for each of its thousands of cells.
    """
    tile = _tile(mask)
    repeat = -(-n // _PERIOD)
    return tuple(int((tile[r % _PERIOD] * repeat)[:n], 2) for r in range(n))


@cache
def _data_rows(version: int, n: int) -> tuple[int, ...]:
    """Per row, the cells that hold data bits (column 0 in the highest bit)."""
    rows = [0] * n
    for r, c in _PLACEMENTS[version]:
        rows[r] |= 1 << (n - 1 - c)
    return tuple(rows)


@cache
def mask_bits(version: int, n: int, mask: int) -> int:
    """Mask ``mask`` over the data cells of ``version``, in placement order, first cell highest."""
    rows = [f"{row:0{n}b}" for row in _pattern_rows(mask, n)]
    return int("".join([rows[r][c] for r, c in _PLACEMENTS[version]]), 2)


@cache
def mask_columns(version: int, n: int, mask: int) -> tuple[int, ...]:
    """``mask_rows(version, n, 0, mask)`` by columns."""
    return tuple(transpose(mask_rows(version, n, 0, mask), n))


@cache
def mask_rows(version: int, n: int, one: int, other: int) -> tuple[int, ...]:
    """Per row, the data cells where masks ``one`` and ``other`` differ (column 0 in the highest bit)."""
    data = _data_rows(version, n)
    a, b = _pattern_rows(one, n), _pattern_rows(other, n)
    return tuple((x ^ y) & d for x, y, d in zip(a, b, data, strict=True))
