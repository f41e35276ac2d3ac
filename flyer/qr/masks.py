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


@cache
def mask_bits(mask: int, cells: tuple[tuple[int, int], ...]) -> int:
    """The mask over ``cells`` as an integer, first cell in the highest bit."""
    flip = _MASKS[mask]
    return int("".join("1" if flip(r, c) else "0" for r, c in cells), 2)


@cache
def mask_columns(version: int, n: int, mask: int) -> tuple[int, ...]:
    """``mask_rows(version, n, 0, mask)`` by columns."""
    return tuple(transpose(mask_rows(version, n, 0, mask), n))


@cache
def mask_rows(version: int, n: int, one: int, other: int) -> tuple[int, ...]:
    """Per row, the data cells where masks ``one`` and ``other`` differ (column 0 in the highest bit)."""
    a, b = _MASKS[one], _MASKS[other]
    rows = [0] * n
    for r, c in _PLACEMENTS[version]:
        if bool(a(r, c)) != bool(b(r, c)):
            rows[r] |= 1 << (n - 1 - c)
    return tuple(rows)
