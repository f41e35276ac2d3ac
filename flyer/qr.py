"""QR codes as geometry: payload → module matrix → merged dark runs (one filled path).

Following segno: the matrix comes from ``qrcode`` with an explicit border of 0 and error correction
Q (25 % recoverable: a flyer gets folded, smudged and photographed at an angle); dark modules of a
row are merged into runs so the renderer draws one path without hairline seams.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import qrcode
import qrcode.constants
import qrcode.exceptions
import qrcode.util

__all__ = ["MIN_MODULE_MM", "MIN_SIZE_MM", "QUIET_ZONE", "Symbol", "encode", "lost_point", "max_modules"]

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


_DARK = re.compile(b"\x01+")
_ASCII01 = bytes.maketrans(b"\x00\x01", b"01")


def lost_point(modules: list[list[bool]]) -> int:
    """``qrcode.util.lost_point`` (the ISO/IEC 18004 mask penalty), same result, a dozen times faster."""
    rows = [int(bytes(row).translate(_ASCII01), 2) for row in modules]
    return _penalty(rows, _transpose(rows, len(rows)), len(rows))


def _transpose(rows: list[int] | tuple[int, ...], n: int) -> list[int]:
    """The columns of a matrix given as row integers, as integers (row 0 in the highest bit)."""
    text = [f"{row:0{n}b}" for row in rows]
    return [int("".join(column), 2) for column in zip(*text, strict=True)]


def _penalty(rows: list[int], columns: list[int], n: int) -> int:
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


def _placement(version: int, modules: list[list[bool | None]]) -> tuple[tuple[int, int], ...]:
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


@cache
def _mask_bits(mask: int, cells: tuple[tuple[int, int], ...]) -> int:
    """The mask over ``cells`` as an integer, first cell in the highest bit."""
    flip = qrcode.util.mask_func(mask)
    return int("".join("1" if flip(r, c) else "0" for r, c in cells), 2)


@cache
def _mask_columns(version: int, n: int, mask: int) -> tuple[int, ...]:
    """``_mask_rows(version, n, 0, mask)`` by columns."""
    return tuple(_transpose(_mask_rows(version, n, 0, mask), n))


@cache
def _mask_rows(version: int, n: int, one: int, other: int) -> tuple[int, ...]:
    """Per row, the data cells where masks ``one`` and ``other`` differ (column 0 in the highest bit)."""
    a, b = qrcode.util.mask_func(one), qrcode.util.mask_func(other)
    rows = [0] * n
    for r, c in _PLACEMENTS[version]:
        if bool(a(r, c)) != bool(b(r, c)):
            rows[r] |= 1 << (n - 1 - c)
    return tuple(rows)


class _Bits:
    """``qrcode.util.BitBuffer`` on one integer: ``put`` appends the low ``length`` bits of ``num``."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = (self.value << length) | (num & ((1 << length) - 1))
        self.length += length

    def put_bit(self, bit: bool) -> None:
        self.put(int(bool(bit)), 1)

    def __len__(self) -> int:
        return self.length

    def codewords(self) -> list[int]:
        pad = -self.length % 8
        return list((self.value << pad).to_bytes((self.length + pad) // 8, "big"))


def _create_data(version: int, error_correction: int, data_list: list[Any]) -> list[int]:
    """``qrcode.util.create_data``: the same codewords (data, then Reed-Solomon), computed faster."""
    from qrcode import base

    buffer = _Bits()
    for data in data_list:
        buffer.put(data.mode, 4)
        buffer.put(len(data), qrcode.util.length_in_bits(data.mode, version))
        data.write(buffer)
    blocks = base.rs_blocks(version, error_correction)
    limit = sum(block.data_count * 8 for block in blocks)
    if len(buffer) > limit:
        raise qrcode.exceptions.DataOverflowError(f"Code length overflow ({len(buffer)} > {limit} bits)")
    buffer.put(0, min(limit - len(buffer), 4))  # terminator
    buffer.put(0, -len(buffer) % 8)
    for i in range((limit - len(buffer)) // 8):
        buffer.put(qrcode.util.PAD1 if i % 2 else qrcode.util.PAD0, 8)
    words = buffer.codewords()
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        data = words[offset : offset + block.data_count]
        offset += block.data_count
        data_blocks.append(data)
        ec_blocks.append(_remainder(data, block.total_count - block.data_count))
    out = [b[i] for i in range(max(map(len, data_blocks))) for b in data_blocks if i < len(b)]
    return out + [b[i] for i in range(max(map(len, ec_blocks))) for b in ec_blocks if i < len(b)]


@cache
def _generator(count: int) -> tuple[int, ...]:
    """Log of each coefficient after the first of the Reed-Solomon generator of ``count`` codewords."""
    from qrcode import LUT, base

    if count in LUT.rsPoly_LUT:
        poly = LUT.rsPoly_LUT[count]
    else:
        product = base.Polynomial([1], 0)
        for i in range(count):
            product = product * base.Polynomial([1, base.gexp(i)], 0)
        poly = [product[i] for i in range(len(product))]
    assert poly[0] == 1 and all(poly)
    return tuple(base.glog(c) for c in poly[1:])


def _remainder(data: list[int], count: int) -> list[int]:
    """The ``count`` error correction codewords of ``data`` (polynomial division in GF(256))."""
    from qrcode.base import EXP_TABLE, LOG_TABLE

    generator = _generator(count)
    rest = [0] * count
    for byte in data:
        factor = byte ^ rest[0]
        rest = [*rest[1:], 0]
        if factor:
            log = LOG_TABLE[factor]
            rest = [r ^ EXP_TABLE[(log + g) % 255] for r, g in zip(rest, generator, strict=True)]
    return rest


class _QRCode(qrcode.QRCode):  # type: ignore[misc]
    def best_fit(self, start: int | None = None) -> int:
        """``qrcode``'s smallest version that holds the data, with bits counted on one integer."""
        start = start or 1
        sizes = qrcode.util.mode_sizes_for_version(start)
        buffer = _Bits()
        for data in self.data_list:
            buffer.put(data.mode, 4)
            buffer.put(len(data), sizes[data.mode])
            data.write(buffer)
        self.version = bisect.bisect_left(
            qrcode.util.BIT_LIMIT_TABLE[self.error_correction], len(buffer), start
        )
        if self.version == 41:
            raise qrcode.exceptions.DataOverflowError()
        if sizes is not qrcode.util.mode_sizes_for_version(self.version):
            self.best_fit(start=self.version)
        return int(self.version)

    def makeImpl(self, test: bool, mask_pattern: int) -> None:
        if self.data_cache is None:  # type: ignore[has-type]
            self.data_cache = _create_data(self.version, self.error_correction, self.data_list)
        super().makeImpl(test, mask_pattern)

    def map_data(self, data: list[int], mask_pattern: int) -> None:
        """``qrcode``'s ``map_data`` (same cells, same bits), with the placement computed once per version."""
        cells = _placement(self.version, self.modules)
        n = len(cells)
        bits = int.from_bytes(bytes(data), "big") << max(0, n - 8 * len(data)) >> max(0, 8 * len(data) - n)
        masked = f"{bits ^ _mask_bits(mask_pattern, cells):0{n}b}"
        modules = self.modules
        for (r, c), bit in zip(cells, masked, strict=True):
            modules[r][c] = bit == "1"

    def best_mask_pattern(self) -> int:
        """The mask ``qrcode`` would choose (the first with the lowest penalty), scored faster.

        While choosing, format information is all light whatever the mask, so the eight candidates
        differ only on data cells: each is the first one with its mask difference XOR-ed in.
        """
        self.makeImpl(True, 0)
        n = len(self.modules)
        first = [int(bytes(row).translate(_ASCII01), 2) for row in self.modules]
        first_columns = _transpose(first, n)
        scores = []
        for mask in range(8):
            flips = _mask_rows(self.version, n, 0, mask)
            flip_columns = _mask_columns(self.version, n, mask)
            rows = [row ^ flip for row, flip in zip(first, flips, strict=True)]
            columns = [c ^ flip for c, flip in zip(first_columns, flip_columns, strict=True)]
            scores.append(_penalty(rows, columns, n))
        return scores.index(min(scores))


# A symbol is ~70 KB of runs: 512 of them cover any flyer's codes and keep variant batches flat.
@lru_cache(maxsize=512)
def encode(payload: str) -> Symbol:
    """Encode ``payload`` (ASCII, already percent-encoded) at error correction Q."""
    code = _QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0, box_size=1)
    code.add_data(payload, optimize=0)
    code.make(fit=True)
    matrix = code.get_matrix()
    runs = [
        (r, run.start(), run.end() - run.start())
        for r, row in enumerate(matrix)
        for run in _DARK.finditer(bytes(row))
    ]
    assert code.version is not None
    return Symbol(payload, len(matrix), int(code.version), tuple(runs))


def max_modules(size_mm: float) -> int:
    """The most modules a symbol of ``size_mm`` may have while keeping modules ≥ 0.4 mm."""
    return int(size_mm / MIN_MODULE_MM)
