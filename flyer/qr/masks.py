"""QR masks and their penalty (ISO/IEC 18004 §7.8.3), on integers: a whole matrix in one int.

A matrix of n × n modules is one integer of n² bits, row by row (row 0 in the highest bits); its
columns are another, column by column. Each scoring rule is then a few shifts, XORs and ANDs over
every line at once, with per-line masks that keep a run or a pattern from spanning two lines.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any

__all__ = ["lost_point", "pattern_rows", "penalty", "transposer"]

_ASCII01 = bytes.maketrans(b"\x00\x01", b"01")
#: The finder-like pattern (1:1:3:1:1 with 4 light modules) of rule N3, and the same reversed.
#: Neither overlaps itself, so counting every position counts what ``str.count`` would.
_FINDER = "10111010000"
_FINDERS = (_FINDER, _FINDER[::-1])


def lost_point(modules: list[list[bool]]) -> int:
    """The ISO/IEC 18004 mask penalty of a matrix, as ``qrcode.util.lost_point`` gives it."""
    n = len(modules)
    text = b"".join(bytes(row) for row in modules).translate(_ASCII01).decode()  # type: ignore[arg-type]
    return penalty(int(text, 2), int("".join(transposer(n)(text)), 2), n)


@lru_cache(maxsize=64)  # a symbol has one of 40 sizes; ``lost_point`` takes any
def transposer(n: int) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """Picks the cells of an n × n matrix written row by row (a string, a list) in column order, in C."""
    return operator.itemgetter(*[r * n + c for c in range(n) for r in range(n)])


@lru_cache(maxsize=64)
def _line_masks(n: int) -> tuple[int, int, int, int]:
    """Bits of every line where a pair (N1), a window of five (N1) or of eleven (N3) starts, and
    where a pair starts on every line but the first (N2: a line and the one above it)."""

    def every(line: int, lines: int = n) -> int:
        return int(f"{line:0{n}b}" * lines, 2)

    pairs = (1 << (n - 1)) - 1
    return every(pairs), every((1 << (n - 4)) - 1), every((1 << (n - 10)) - 1), every(pairs, n - 1)


def _runs(lines: int, pairs: int, windows: int) -> int:
    """N1, runs of 5 or more alike (length - 2 each): a run of L holds L - 4 windows of five alike,
    plus 2 for the run itself (one window block)."""
    alike = ~(lines ^ (lines >> 1)) & pairs  # bit i: modules i and i + 1 alike
    five = alike & (alike >> 1) & (alike >> 2) & (alike >> 3) & windows
    return five.bit_count() + 2 * (five & ~(five >> 1)).bit_count()


def _finders(lines: int, starts: int) -> int:
    """N3, the finder-like patterns inside a line (the pattern's last module at the bit counted)."""
    count = 0
    light = ~lines
    for pattern in _FINDERS:
        found = starts
        for k, module in enumerate(pattern):
            found &= (lines if module == "1" else light) >> (10 - k)
        count += found.bit_count()
    return count


def penalty(rows: int, columns: int, n: int) -> int:
    """The mask penalty of a matrix given row by row and column by column.

    N1 runs of 5 or more alike and N3 finder-like patterns on rows and columns, N2 uniform 2×2
    blocks (3 each) on rows, N4 10 per 5 % of dark modules away from half.
    """
    pairs, windows, starts, below = _line_masks(n)
    points = _runs(rows, pairs, windows) + _runs(columns, pairs, windows)
    points += 40 * (_finders(rows, starts) + _finders(columns, starts))
    same = ~(rows ^ (rows >> n))  # bit i: a module and the one above it alike
    points += 3 * (same & (same >> 1) & ~(rows ^ (rows >> 1)) & below).bit_count()
    dark = rows.bit_count()
    return points + 10 * int(abs(dark / n**2 * 100 - 50) / 5)


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


def pattern_rows(mask: int, n: int) -> str:
    """Mask ``mask`` over a whole ``n`` × ``n`` matrix, row by row, as a string of 0 and 1.

    Built from one 12 × 12 tile, so a version's masks cost a few string repetitions instead of a
    call of the mask's formula for each of its thousands of cells.
    """
    tile = _tile(mask)
    repeat = -(-n // _PERIOD)
    return "".join([(tile[r % _PERIOD] * repeat)[:n] for r in range(n)])
