"""QR data codewords: the mode and version a payload needs, its bit stream, Reed–Solomon error correction (ISO/IEC 18004)."""

from __future__ import annotations

from functools import cache

__all__ = ["DataOverflowError", "data_codewords", "smallest_version"]


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
# GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
_EXP = [1] * 256
for _i in range(1, 256):
    _EXP[_i] = (_EXP[_i - 1] << 1) ^ (0x11D if _EXP[_i - 1] & 0x80 else 0)
_LOG = [0] * 256
for _i in range(255):
    _LOG[_EXP[_i]] = _i
_EXP_TWICE = bytes(_EXP[:255] * 2)


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


def smallest_version(payload: bytes, level: str = "Q") -> int:
    """The smallest version holding ``payload`` at ``level``."""
    mode = _mode(payload)
    for version in range(1, 41):
        if len(_segment(mode, payload, version)) <= _capacity(version, level):
            return version
    raise DataOverflowError(f"{len(payload)} bytes do not fit in a QR code at error correction {level}")


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


def data_codewords(version: int, payload: bytes, level: str = "Q") -> list[int]:
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
    if poly[0] != 1 or not all(poly):  # a generator polynomial is monic, no zero coefficient
        raise ArithmeticError(f"bad Reed–Solomon generator for {count} codewords")
    return tuple(_LOG[c] for c in poly[1:])


@cache
def _products(count: int) -> tuple[int, ...]:
    """For each byte ``f``, the generator of ``count`` codewords times ``f``, packed in one int."""
    # α^(log f + g) for each of the generator's logs g: picked from α's powers over two periods.
    generator = _generator(count)
    return (0, *(int.from_bytes(bytes(map(_EXP_TWICE[log:].__getitem__, generator))) for log in _LOG[1:256]))


def _remainder(data: list[int], count: int) -> list[int]:
    """The ``count`` error correction codewords of ``data`` (polynomial division in GF(256)).

    The remainder is kept as one int of ``count`` bytes: adding in GF(256) is XOR, so each data
    byte is a shift and an XOR with the generator's multiple, looked up.
    """
    products = _products(count)
    top, full = 8 * (count - 1), (1 << (8 * count)) - 1
    rest = 0
    for byte in data:
        rest = ((rest << 8) & full) ^ products[byte ^ (rest >> top)]
    return list(rest.to_bytes(count, "big"))
