"""QR symbols: the merged runs are exactly the matrix, and they decode."""

from __future__ import annotations

import pytest
import qrcode
import qrcode.util
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from flyer.qr import encode, lost_point


def draw(symbol_runs: tuple[tuple[int, int, int], ...], modules: int, scale: int = 8) -> Image.Image:
    size = (modules + 8) * scale
    image = Image.new("L", (size, size), 255)
    for row, col, length in symbol_runs:
        for c in range(col, col + length):
            x, y = (c + 4) * scale, (row + 4) * scale
            image.paste(0, (x, y, x + scale, y + scale))
    return image


@settings(max_examples=40, deadline=None)
@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._~/?=&%", min_size=0, max_size=200).map(
        lambda path: "https://example.org/" + path
    )
)
def test_the_fast_encoder_gives_qrcodes_own_matrix(url: str) -> None:
    """flyer.qr speeds up the mask choice; the symbol must stay the one ``qrcode`` would make."""
    check_matches_reference(url)


def test_a_run_of_twenty_digits_gives_qrcodes_own_matrix() -> None:
    """Found by hypothesis: the reference segmented « /000… » apart, the encoder keeps one segment."""
    check_matches_reference("https://example.org/00000000000000000000")
    check_matches_reference("https://example.org/0000000000000000000")


def test_runs_cover_the_matrix_exactly() -> None:
    check_matches_reference("https://www.lerameau.fr/le-programme-impact/")


def check_matches_reference(url: str, level: str = "Q") -> None:
    symbol = encode(url, level)
    assert symbol.level == level
    correction = {"Q": qrcode.constants.ERROR_CORRECT_Q, "M": qrcode.constants.ERROR_CORRECT_M}[level]
    reference = qrcode.QRCode(error_correction=correction, border=0)
    # One byte-mode segment, as flyer.qr encodes (qrcode's default would split off runs of 20 digits).
    reference.add_data(url, optimize=0)
    reference.make(fit=True)
    matrix = reference.get_matrix()
    assert symbol.modules == len(matrix)
    ours = [[False] * symbol.modules for _ in range(symbol.modules)]
    for row, col, length in symbol.runs:
        ours[row][col : col + length] = [True] * length
    assert ours == [[bool(dark) for dark in row] for row in matrix]
    assert symbol.dark(0, 0) and not symbol.dark(7, 7)  # the finder's corner, its separator


def test_runs_decode_with_error_correction_q() -> None:
    url = "https://example.org/a/b?c=d"
    symbol = encode(url)
    found = zxingcpp.read_barcodes(draw(symbol.runs, symbol.modules))
    assert [r.text for r in found] == [url]
    assert found[0].ec_level == "Q"


@settings(max_examples=60, deadline=None)
@given(st.integers(21, 61), st.integers(0, 2**32 - 1), st.integers(1, 9))
def test_the_mask_penalty_is_qrcodes_own(n: int, seed: int, stripe: int) -> None:
    import random

    chance = random.Random(seed)
    # Random modules, and stripes (long runs, finder-like patterns) where the scoring rules bite.
    matrix = [
        [chance.random() < 0.5 if (r * c) % 3 else (r // stripe + c) % 2 == 0 for c in range(n)]
        for r in range(n)
    ]
    assert lost_point(matrix) == qrcode.util.lost_point(matrix)


def _longest(alphabet: str, version: int, level: str = "Q") -> str:
    """The longest payload of ``alphabet`` characters that still fits ``version`` at ``level``."""
    from flyer.qr import DataOverflowError, smallest_version

    def payload(length: int) -> str:
        return "".join(alphabet[(i * 7) % len(alphabet)] for i in range(length))

    low, high = 1, 4400
    while low < high:  # the largest length whose version is at most ``version``
        mid = (low + high + 1) // 2
        try:
            fits = smallest_version(payload(mid).encode(), level) <= version
        except DataOverflowError:
            fits = False
        low, high = (mid, high) if fits else (low, mid - 1)
    return payload(low)


@pytest.mark.parametrize("version", range(1, 41))
def test_every_version_is_qrcodes_own_at_its_largest_payload(version: int) -> None:
    """Byte mode (every address), at the boundary of each version: the same version and matrix."""
    payload = _longest("abcdefghijklmnopqrstuvwxyz0123456789/-._~?=&%", version)
    assert encode(payload).version == version
    check_matches_reference(payload)


# Where the character count grows (9/10, 26/27), and the largest.
@pytest.mark.parametrize("version", [1, 9, 10, 26, 27, 40])
@pytest.mark.parametrize("alphabet", ["0123456789", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"])
def test_numeric_and_alphanumeric_payloads_are_qrcodes_own(version: int, alphabet: str) -> None:
    payload = _longest(alphabet, version)
    assert encode(payload).version == version
    check_matches_reference(payload)


@pytest.mark.parametrize("version", range(1, 41))
def test_every_version_at_error_correction_m_is_qrcodes_own(version: int) -> None:
    """Level M (long addresses): the same version and matrix as qrcode's, at each version's boundary."""
    payload = _longest("abcdefghijklmnopqrstuvwxyz0123456789/-._~?=&%", version, "M")
    assert encode(payload, "M").version == version
    check_matches_reference(payload, "M")


def test_runs_decode_with_error_correction_m() -> None:
    url = "https://example.org/" + "a-long-path-segment/" * 7
    symbol = encode(url, "M")
    found = zxingcpp.read_barcodes(draw(symbol.runs, symbol.modules))
    assert [r.text for r in found] == [url]
    assert found[0].ec_level == "M"


def test_a_payload_too_long_for_version_40_is_refused() -> None:
    from flyer.qr import DataOverflowError

    with pytest.raises(DataOverflowError):
        encode("a" * 1664)
    assert encode("a" * 1663).version == 40


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-/._~%", min_size=1, max_size=400))
def test_the_version_and_the_level_chosen_without_encoding_are_the_encoded_ones(tail: str) -> None:
    from flyer.qr import M_FROM_VERSION, M_SAVES_VERSIONS, encode, modules_of, symbol, version_of

    payload = "https://example.fr/" + tail
    q, m = encode(payload, "Q"), encode(payload, "M")
    assert (version_of(payload, "Q"), version_of(payload, "M")) == (q.version, m.version)
    assert modules_of(q.version) == q.modules and modules_of(m.version) == m.modules
    # The rule as the docs state it: M only for a dense code that M makes 2 versions smaller.
    expected = m if q.version >= M_FROM_VERSION and q.version - m.version >= M_SAVES_VERSIONS else q
    assert symbol(payload) == expected


def test_a_symbol_is_encoded_once_however_its_level_is_written() -> None:
    # The layout asks encode(p, "Q") and the HTML encode(p): one encoding, kept once.
    payload = "https://example.org/a-symbol-asked-twice"
    assert encode(payload) is encode(payload, "Q") is encode(payload, level="Q")
