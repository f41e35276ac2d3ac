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

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

__all__ = [
    "MIN_MODULE_MM",
    "MIN_SIZE_MM",
    "QUIET_ZONE",
    "Symbol",
    "encode",
    "lost_point",
    "max_modules",
    "symbol",
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
_ASCII01 = bytes.maketrans(b"\x00\x01", b"01")


def lost_point(modules: list[list[bool]]) -> int:
    """The ISO/IEC 18004 mask penalty of a matrix, as ``qrcode.util.lost_point`` gives it."""
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


class DataOverflowError(ValueError):
    """The payload does not fit in a version-40 symbol at the error correction asked for."""


#: ISO/IEC 18004 Table 9, error correction Q, version 1 to 40: (blocks, total, data codewords)…
_RS_BLOCKS_Q = (
    (1, 26, 13), (1, 44, 22), (2, 35, 17), (2, 50, 24), (2, 33, 15, 2, 34, 16), (4, 43, 19),
    (2, 32, 14, 4, 33, 15), (4, 40, 18, 2, 41, 19), (4, 36, 16, 4, 37, 17), (6, 43, 19, 2, 44, 20),
    (4, 50, 22, 4, 51, 23), (4, 46, 20, 6, 47, 21), (8, 44, 20, 4, 45, 21), (11, 36, 16, 5, 37, 17),
    (5, 54, 24, 7, 55, 25), (15, 43, 19, 2, 44, 20), (1, 50, 22, 15, 51, 23), (17, 50, 22, 1, 51, 23),
    (17, 47, 21, 4, 48, 22), (15, 54, 24, 5, 55, 25), (17, 50, 22, 6, 51, 23), (7, 54, 24, 16, 55, 25),
    (11, 54, 24, 14, 55, 25), (11, 54, 24, 16, 55, 25), (7, 54, 24, 22, 55, 25), (28, 50, 22, 6, 51, 23),
    (8, 53, 23, 26, 54, 24), (4, 54, 24, 31, 55, 25), (1, 53, 23, 37, 54, 24), (15, 54, 24, 25, 55, 25),
    (42, 54, 24, 1, 55, 25), (10, 54, 24, 35, 55, 25), (29, 54, 24, 19, 55, 25), (44, 54, 24, 7, 55, 25),
    (39, 54, 24, 14, 55, 25), (46, 54, 24, 10, 55, 25), (49, 54, 24, 10, 55, 25), (48, 54, 24, 14, 55, 25),
    (43, 54, 24, 22, 55, 25), (34, 54, 24, 34, 55, 25),
)  # fmt: skip
#: The same table at error correction M.
_RS_BLOCKS_M = (
    (1, 26, 16), (1, 44, 28), (1, 70, 44), (2, 50, 32), (2, 67, 43), (4, 43, 27), (4, 49, 31),
    (2, 60, 38, 2, 61, 39), (3, 58, 36, 2, 59, 37), (4, 69, 43, 1, 70, 44), (1, 80, 50, 4, 81, 51),
    (6, 58, 36, 2, 59, 37), (8, 59, 37, 1, 60, 38), (4, 64, 40, 5, 65, 41), (5, 65, 41, 5, 66, 42),
    (7, 73, 45, 3, 74, 46), (10, 74, 46, 1, 75, 47), (9, 69, 43, 4, 70, 44), (3, 70, 44, 11, 71, 45),
    (3, 67, 41, 13, 68, 42), (17, 68, 42), (17, 74, 46), (4, 75, 47, 14, 76, 48), (6, 73, 45, 14, 74, 46),
    (8, 75, 47, 13, 76, 48), (19, 74, 46, 4, 75, 47), (22, 73, 45, 3, 74, 46), (3, 73, 45, 23, 74, 46),
    (21, 73, 45, 7, 74, 46), (19, 75, 47, 10, 76, 48), (2, 74, 46, 29, 75, 47), (10, 74, 46, 23, 75, 47),
    (14, 74, 46, 21, 75, 47), (14, 74, 46, 23, 75, 47), (12, 75, 47, 26, 76, 48), (6, 75, 47, 34, 76, 48),
    (29, 74, 46, 14, 75, 47), (13, 74, 46, 32, 75, 47), (40, 75, 47, 7, 76, 48), (18, 75, 47, 31, 76, 48),
)  # fmt: skip

_RS_BLOCKS = {"Q": _RS_BLOCKS_Q, "M": _RS_BLOCKS_M}
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
# GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
_EXP = [1] * 256
for _i in range(1, 256):
    _EXP[_i] = (_EXP[_i - 1] << 1) ^ (0x11D if _EXP[_i - 1] & 0x80 else 0)
_LOG = [0] * 256
for _i in range(255):
    _LOG[_EXP[_i]] = _i


def _blocks(version: int, level: str = "Q") -> list[tuple[int, int]]:
    """(total, data) codewords of each Reed-Solomon block of ``version`` at ``level``."""
    row = _RS_BLOCKS[level][version - 1]
    return [(row[k + 1], row[k + 2]) for k in range(0, len(row), 3) for _ in range(row[k])]


@cache
def _capacity(version: int, level: str = "Q") -> int:
    """Data bits of ``version`` at ``level``."""
    return 8 * sum(data for _, data in _blocks(version, level))


_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_NUMERIC_MODE, _ALPHANUMERIC_MODE, _BYTE_MODE = 0b0001, 0b0010, 0b0100
#: Bits of the character count, by mode, for versions 1–9, 10–26 and 27–40 (ISO/IEC 18004 Table 3).
_COUNT_BITS = {_NUMERIC_MODE: (10, 12, 14), _ALPHANUMERIC_MODE: (9, 11, 13), _BYTE_MODE: (8, 16, 16)}


def _mode(payload: bytes) -> int:
    """The densest single mode for the whole payload (``qrcode``'s choice without optimisation)."""
    if payload.isdigit():
        return _NUMERIC_MODE
    if all(chr(b) in _ALPHANUMERIC for b in payload):
        return _ALPHANUMERIC_MODE
    return _BYTE_MODE


def _count_bits(mode: int, version: int) -> int:
    return _COUNT_BITS[mode][0 if version < 10 else 1 if version < 27 else 2]


def _segment(mode: int, payload: bytes, version: int) -> _Bits:
    """Mode indicator, character count and the payload's bits in that mode."""
    bits = _Bits()
    bits.put(mode, 4)
    bits.put(len(payload), _count_bits(mode, version))
    if mode == _NUMERIC_MODE:
        for i in range(0, len(payload), 3):
            chunk = payload[i : i + 3]
            bits.put(int(chunk), (4, 7, 10)[len(chunk) - 1])
    elif mode == _ALPHANUMERIC_MODE:
        for i in range(0, len(payload), 2):
            pair = [_ALPHANUMERIC.index(chr(b)) for b in payload[i : i + 2]]
            bits.put(pair[0] * 45 + pair[1], 11) if len(pair) == 2 else bits.put(pair[0], 6)
    else:
        bits.put(int.from_bytes(payload, "big"), 8 * len(payload))
    return bits


def _fit(payload: bytes, level: str = "Q") -> int:
    """The smallest version holding ``payload`` at ``level``."""
    mode = _mode(payload)
    for version in range(1, 41):
        if len(_segment(mode, payload, version)) <= _capacity(version, level):
            return version
    raise DataOverflowError(f"{len(payload)} bytes do not fit in a QR code at error correction {level}")


@cache
def _mask_bits(mask: int, cells: tuple[tuple[int, int], ...]) -> int:
    """The mask over ``cells`` as an integer, first cell in the highest bit."""
    flip = _MASKS[mask]
    return int("".join("1" if flip(r, c) else "0" for r, c in cells), 2)


@cache
def _mask_columns(version: int, n: int, mask: int) -> tuple[int, ...]:
    """``_mask_rows(version, n, 0, mask)`` by columns."""
    return tuple(_transpose(_mask_rows(version, n, 0, mask), n))


@cache
def _mask_rows(version: int, n: int, one: int, other: int) -> tuple[int, ...]:
    """Per row, the data cells where masks ``one`` and ``other`` differ (column 0 in the highest bit)."""
    a, b = _MASKS[one], _MASKS[other]
    rows = [0] * n
    for r, c in _PLACEMENTS[version]:
        if bool(a(r, c)) != bool(b(r, c)):
            rows[r] |= 1 << (n - 1 - c)
    return tuple(rows)


class _Bits:
    """A bit buffer on one integer: ``put`` appends the low ``length`` bits of ``num``."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = (self.value << length) | (num & ((1 << length) - 1))
        self.length += length

    def __len__(self) -> int:
        return self.length

    def codewords(self) -> list[int]:
        pad = -self.length % 8
        return list((self.value << pad).to_bytes((self.length + pad) // 8, "big"))


def _create_data(version: int, payload: bytes, level: str = "Q") -> list[int]:
    """The codewords of ``payload``: data, then Reed-Solomon, interleaved by block."""
    buffer = _segment(_mode(payload), payload, version)
    blocks = _blocks(version, level)
    limit = _capacity(version, level)
    if len(buffer) > limit:
        raise DataOverflowError(f"Code length overflow ({len(buffer)} > {limit} bits)")
    buffer.put(0, min(limit - len(buffer), 4))  # terminator
    buffer.put(0, -len(buffer) % 8)
    for i in range((limit - len(buffer)) // 8):
        buffer.put(0x11 if i % 2 else 0xEC, 8)  # the two pad codewords, in turn
    words = buffer.codewords()
    data_blocks, ec_blocks, offset = [], [], 0
    for total, data_count in blocks:
        data = words[offset : offset + data_count]
        offset += data_count
        data_blocks.append(data)
        ec_blocks.append(_remainder(data, total - data_count))
    out = [b[i] for i in range(max(map(len, data_blocks))) for b in data_blocks if i < len(b)]
    return out + [b[i] for i in range(max(map(len, ec_blocks))) for b in ec_blocks if i < len(b)]


@cache
def _generator(count: int) -> tuple[int, ...]:
    """Log of each coefficient after the first of the Reed-Solomon generator of ``count`` codewords:
    the product of (x + α^i) for i below ``count``."""
    poly = [1]
    for i in range(count):
        factor = _EXP[i]
        poly = [
            (poly[k] if k < len(poly) else 0)
            ^ (_EXP[(_LOG[poly[k - 1]] + _LOG[factor]) % 255] if k and poly[k - 1] else 0)
            for k in range(len(poly) + 1)
        ]
    assert poly[0] == 1 and all(poly)
    return tuple(_LOG[c] for c in poly[1:])


def _remainder(data: list[int], count: int) -> list[int]:
    """The ``count`` error correction codewords of ``data`` (polynomial division in GF(256))."""
    generator = _generator(count)
    rest = [0] * count
    for byte in data:
        factor = byte ^ rest[0]
        rest = [*rest[1:], 0]
        if factor:
            log = _LOG[factor]
            rest = [r ^ _EXP[(log + g) % 255] for r, g in zip(rest, generator, strict=True)]
    return rest


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
    cells = _placement(version, m)
    count = len(cells)
    value = int.from_bytes(bytes(data), "big")
    value = value << max(0, count - 8 * len(data)) >> max(0, 8 * len(data) - count)
    masked = f"{value ^ _mask_bits(mask, cells):0{count}b}"
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
    first = [int(bytes(row).translate(_ASCII01), 2) for row in test]  # type: ignore[arg-type]
    first_columns = _transpose(first, n)
    scores = []
    for mask in range(8):
        flips = _mask_rows(version, n, 0, mask)
        flip_columns = _mask_columns(version, n, mask)
        rows = [row ^ flip for row, flip in zip(first, flips, strict=True)]
        columns = [c ^ flip for c, flip in zip(first_columns, flip_columns, strict=True)]
        scores.append(_penalty(rows, columns, n))
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
    version = _fit(raw, level)
    data = _create_data(version, raw, level)
    matrix = _matrix(version, data, _best_mask(version, data), False, level)
    runs = [
        (r, run.start(), run.end() - run.start())
        for r, row in enumerate(matrix)
        for run in _DARK.finditer(bytes(row))  # type: ignore[arg-type]
    ]
    return Symbol(payload, len(matrix), version, tuple(runs), level)


@lru_cache(maxsize=512)
def symbol(payload: str) -> Symbol:
    """The symbol a flyer prints for ``payload``: Q, or M when Q would force a much larger code."""
    q = encode(payload, "Q")
    if q.version < M_FROM_VERSION:
        return q
    m = encode(payload, "M")
    return m if q.version - m.version >= M_SAVES_VERSIONS else q


def max_modules(size_mm: float) -> int:
    """The most modules a symbol of ``size_mm`` may have while keeping modules ≥ 0.4 mm."""
    return int(size_mm / MIN_MODULE_MM)
