"""Fonts, text measuring, French typography and line breaking with hyphenation.

The line breaker is ours, not reportlab's: reportlab breaks lines at U+202F, which would put a
« ! » or « : » at the start of a line. Here only U+0020, hard hyphens, hyphenation points and (in
addresses) « / » and « . » are break opportunities, and addresses are never hyphenated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics

from flyer.content.vocabulary import Lang
from flyer.fontset import BOLD, NBSP, NNBSP, REGULAR, SEMIBOLD, FontSet, default_fonts, font_path
from flyer.text.hyphenation import Hyphenator

__all__ = [
    "BOLD",
    "NBSP",
    "NNBSP",
    "REGULAR",
    "SEMIBOLD",
    "SOFT_HYPHEN",
    "font_path",
    "is_address",
    "line_box",
    "measuring",
    "register_fonts",
    "typeset",
    "width",
    "wrap",
]

#: The hyphen hyphenation adds at a line end: drawn as a hyphen, read back as U+00AD so that text
#: extraction and screen readers join the word again (ISO 32000-1 §14.8.2.2.3).
SOFT_HYPHEN = "\u00ad"
_ADDRESS = re.compile(
    r"(?:https?://|mailto:|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:fr|org|com|net|eu|gouv\.fr|asso\.fr)(?:/\S*)?",
    re.UNICODE,
)


#: The fonts measured with, for the layout running in this context (see :func:`measuring`).
_ACTIVE: ContextVar[FontSet | None] = ContextVar("flyer_fonts", default=None)


@contextmanager
def measuring(fonts: FontSet) -> Iterator[None]:
    """Measure and break lines with ``fonts`` inside the block: layout names roles, this says which files.

    A context rather than an argument so that the layout engine, which names fonts by role
    (``REGULAR``, ``BOLD``), needs no change to set a flyer in the brand's fonts.
    """
    fonts.register()
    token = _ACTIVE.set(fonts)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


@cache
def register_fonts() -> None:
    """Register the default fonts with reportlab (subset on output, never a base-14 font)."""
    default_fonts().register()


def _actual(text: str, font: str) -> tuple[str, str]:
    """The text as it will be drawn (U+202F → U+00A0 where a font lacks it) and the reportlab name."""
    fonts = _ACTIVE.get()
    if fonts is None:
        return text, font
    if fonts.nnbsp != NNBSP:
        text = text.replace(NNBSP, fonts.nnbsp)
    return text, fonts.names.get(font, font)


#: The line box of Source Sans Pro above and below the baseline, as a share of the size (rounded up).
ASCENT = 0.80
DESCENT = 0.22


def line_box() -> tuple[float, float]:
    """Ascent and descent (shares of the size) of the fonts measured with: brand fonts bring their own."""
    fonts = _ACTIVE.get()
    if fonts is None or not fonts.brand:
        return ASCENT, DESCENT
    ascent = max(face.ascent for face in fonts.faces)
    descent = max(face.descent for face in fonts.faces)
    return math.ceil(ascent * 100) / 100, math.ceil(descent * 100) / 100


def width(text: str, font: str, size: float) -> float:
    """Advance width of ``text`` in points."""
    return _width(*_actual(text, font), size)


@lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    return float(_advance(font)(text, size))


@lru_cache(maxsize=256)  # one per face registered: a name is registered once (``fontset``)
def _advance(font: str) -> Callable[[str, float], float]:
    """``pdfmetrics.stringWidth`` for one font, without finding the font at every measure."""
    register_fonts()
    measure: Callable[[str, float], float] = pdfmetrics.getFont(font).stringWidth
    return measure


@lru_cache(maxsize=65536)
def is_address(word: str) -> bool:
    """Whether ``word`` is (or contains) a web or e-mail address: never hyphenated or retouched."""
    return bool(_ADDRESS.search(word))


# --- French typography --------------------------------------------------------------------------

_SPACES = "[ \u00a0\u202f\u2009]*"
_GLUED_AFTER = "!?:;»%…\u00a0\u202f"
_GLUED_BEFORE = "«\u00a0\u202f"


def _french(chunk: str) -> str:
    chunk = chunk.replace("...", "…")
    chunk = re.sub(r"(?<=\w)'(?=\w)", "’", chunk)
    chunk = chunk.replace("'", "’")
    # Straight double quotes become guillemets, pairwise.
    parts = chunk.split('"')
    if len(parts) % 2 == 1:
        chunk = "".join(p + ("«" if i % 2 == 0 else "»") for i, p in enumerate(parts[:-1])) + parts[-1]
    chunk = re.sub("«" + _SPACES, "«" + NNBSP, chunk)
    chunk = re.sub(_SPACES + "»", NNBSP + "»", chunk)
    chunk = re.sub(r"(?<=[^\s\u00a0\u202f!?;:])" + _SPACES + r"([!?;]+)", NNBSP + r"\1", chunk)
    chunk = re.sub(r"(?<=[^\s\u00a0\u202f\d!?;:])" + _SPACES + r":(?!\d)", NBSP + ":", chunk)
    chunk = re.sub(r"(?<=\d)" + _SPACES + r":(?!\d)", NBSP + ":", chunk)
    # A number and its unit or per cent sign stay together: « 92 % ».
    chunk = re.sub(r"(?<=\d) ?%", NNBSP + "%", chunk)
    # A date stays on one line: « samedi 14 mars », « 1er avril 2027 ».
    chunk = _FR_DAY.sub(lambda m: m.group(1) + NBSP + m.group(2), chunk)
    chunk = _FR_DATE.sub(lambda m: m.group(1) + NBSP + m.group(2), chunk)
    return chunk


_FR_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_FR_DAY = re.compile(
    r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (\d{1,2}(?:er)?)\b", re.IGNORECASE
)
_FR_DATE = re.compile(rf"\b(\d{{1,2}}(?:er)?) ({_FR_MONTHS})\b", re.IGNORECASE)


def _english(chunk: str) -> str:
    chunk = chunk.replace("...", "…")
    chunk = chunk.replace("'", "’")
    parts = chunk.split('"')
    if len(parts) % 2 == 1:
        chunk = "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]
    return chunk


@lru_cache(maxsize=16384)
def typeset(text: str, lang: Lang) -> str:
    """Apply the language's typographic rules to running text, leaving addresses untouched."""
    rule = _french if lang == "fr" else _english
    # Addresses are swapped for private-use placeholders so the rules see the text around them.
    found: list[str] = []

    def hide(match: re.Match[str]) -> str:
        found.append(match.group(0))
        return f"\ue000{len(found) - 1}\ue001"

    out = rule(_ADDRESS.sub(hide, text))
    return re.sub("\ue000(\\d+)\ue001", lambda m: found[int(m.group(1))], out)


# --- line breaking ------------------------------------------------------------------------------


@cache
def _dictionary(lang: Lang) -> Hyphenator:
    return Hyphenator(lang, left=2, right=3)  # pyphen's fr_FR / en_GB patterns, parsed once per machine


def _hyphen_points(word: str, lang: Lang, address: bool, soft: bool = True) -> list[int]:
    """Offsets where ``word`` may be split (a hyphen is added there, or kept after a hard one).

    Without ``soft``, only after a hard hyphen (« co-|construction »): titles are never hyphenated.
    """
    return list(_points(word, lang, address, soft))


# The same words come back at every size and measure layout tries: their points are found once.
@lru_cache(maxsize=16384)
def _points(word: str, lang: Lang, address: bool, soft: bool) -> tuple[int, ...]:
    if address:
        # Never leave a stub of under 4 characters (« fr. ») on either line.
        return tuple(i + 1 for i, c in enumerate(word) if c in "/.?&=-_" and 4 <= i + 1 <= len(word) - 4)
    points: set[int] = set()
    letters = _LETTERS.finditer(word) if soft else iter(())
    for match in letters:
        if not match.group(0)[1:].islower():
            continue  # acronyms (IMPACT) and names in camel case (OpinionWay) are never hyphenated
        start = match.start()
        points.update(start + p for p in _dictionary(lang).positions(match.group(0)))
    for match in _HARD_HYPHEN.finditer(word):
        points.add(match.end())
    return tuple(sorted(points))


_LETTERS = re.compile(r"[^\W\d_]{6,}")
_HARD_HYPHEN = re.compile(r"(?<=[^\W\d_]{2})-(?=[^\W\d_]{3})")


def _split(word: str, at: int, address: bool) -> tuple[str, str]:
    head, tail = word[:at], word[at:]
    if address or head.endswith("-"):
        return head, tail
    return head + SOFT_HYPHEN, tail


def _break_word(
    word: str, room: float, font: str, size: float, lang: Lang, address: bool, soft: bool
) -> tuple[str, str] | None:
    """The longest head of ``word`` (hyphenated) that fits in ``room``, and the rest."""
    for at in reversed(_points(word, lang, address, soft)):
        head, tail = _split(word, at, address)
        if _width(head, font, size) <= room:
            return head, tail
    return None


def _greedy(
    words: list[str], font: str, size: float, limit: float, lang: Lang, hyphenate: bool, address: bool = False
) -> list[str]:
    space = _width(" ", font, size)
    lines: list[str] = []
    current = ""
    current_w = 0.0
    # Each word keeps whether it is an address: the tail of a broken address is one too. A stack:
    # the next word last.
    queue = [(w, address or is_address(w)) for w in reversed(words)]
    while queue:
        word, is_addr = queue.pop()
        word_w = _width(word, font, size)
        needed = word_w + (space if current else 0)
        if current_w + needed <= limit:
            current = f"{current} {word}" if current else word
            current_w += needed
            continue
        room = limit - current_w - (space if current else 0)
        # Without hyphenation a word is split only when it cannot fit a line of its own (it starts
        # the line and still does not fit), and then only after a hard hyphen (« co-|construction »).
        piece = (
            _break_word(word, room, font, size, lang, is_addr, soft=hyphenate)
            if hyphenate or is_addr or not current
            else None
        )
        if piece:
            head, tail = piece
            lines.append(f"{current} {head}" if current else head)
            current, current_w = "", 0.0
            queue.append((tail, is_addr))
            continue
        if current:
            lines.append(current)
            current, current_w = "", 0.0
            queue.append((word, is_addr))
            continue
        # A single word wider than the line: cut it where it must, with a hyphen (never a silent cut).
        mark = "" if is_addr else SOFT_HYPHEN
        cut = len(word)  # the whole word does not fit: the first step takes a letter off
        while cut > 1 and _width(word[:cut] + mark, font, size) > limit:
            cut -= 1
        # Never part « ! » from its word, nor a no-break space from either neighbour.
        while cut > 1 and (word[cut] in _GLUED_AFTER or word[cut - 1] in _GLUED_BEFORE):
            cut -= 1
        if cut <= 1:
            lines.append(word)  # overflow rather than a lonely punctuation mark
            continue
        lines.append(word[:cut] + mark)
        queue.append((word[cut:], is_addr))
    if current:
        lines.append(current)
    return lines


def _filled(words: list[str], widths: list[float], space: float, limit: float) -> list[str]:
    """``_greedy`` without hyphenation for words that are no address and each fit ``limit``: the
    same lines, from the same sums in the same order, without its general machinery."""
    lines: list[str] = []
    current: list[str] = []
    current_w = 0.0
    for word, width in zip(words, widths, strict=True):
        needed = width + (space if current else 0)
        if current_w + needed <= limit:
            current.append(word)
            current_w += needed
            continue
        lines.append(" ".join(current))
        current, current_w = [word], 0.0 + width
    if current:
        lines.append(" ".join(current))
    return lines


def _whole_words(lines: list[str], words: list[str]) -> bool:
    """Whether ``lines`` break only between words or after a hard hyphen: no word was cut."""
    return " ".join(lines).replace("- ", "-") == " ".join(words).replace("- ", "-")


@lru_cache(maxsize=16384)  # layout asks for the same paragraphs at every density level it tries
def _wrap(
    text: str, font: str, size: float, limit: float, lang: Lang, hyphenate: bool, balance: bool, address: bool
) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``limit`` points.

    ``balance`` evens out line lengths (titles: no lonely last word); otherwise a last line of one
    short word is avoided by breaking the paragraph a little narrower when that costs no line.
    ``address`` marks the whole text as a web address: broken after « / » or « . », never hyphenated.
    """
    words = [w for w in text.split(" ") if w]
    if not words:
        return ()
    lines = _greedy(words, font, size, limit, lang, hyphenate, address)
    if len(lines) < 2 or address:
        return tuple(lines)
    if balance:
        low, high = limit * 0.4, limit
        best = lines
        # Plain words (no address) are only ever moved whole to the next line by the greedy
        # breaker without hyphenation, as long as each fits a line: ``_filled`` does just that.
        widths = [_width(w, font, size) for w in words]
        plain = not any(is_address(w) for w in words)
        widest, space = max(widths), _width(" ", font, size)
        for _ in range(12):
            mid = (low + high) / 2
            if plain and widest <= mid:
                # Whole words by construction, each line's width the sum ``_filled`` kept under
                # ``mid`` (the same advances, added in another order: a hair from it, never 0.01).
                trial = _filled(words, widths, space, mid)
                fits = whole = True
            else:
                trial = _greedy(words, font, size, mid, lang, hyphenate=False)
                fits = not any(_width(t, font, size) > mid + 0.01 for t in trial)
                whole = fits and _whole_words(trial, words)
            if len(trial) <= len(lines) and fits and whole:
                best, high = trial, mid
            else:
                low = mid
        return tuple(best)
    if " " not in lines[-1] and len(lines[-1]) < 12:
        for shrink in (0.97, 0.94, 0.91, 0.88, 0.85):
            trial = _greedy(words, font, size, limit * shrink, lang, hyphenate)
            if len(trial) == len(lines) and " " in trial[-1]:
                return tuple(trial)
    return tuple(lines)


def wrap(
    text: str,
    font: str,
    size: float,
    limit: float,
    lang: Lang,
    *,
    hyphenate: bool = True,
    balance: bool = False,
    address: bool = False,
) -> list[str]:
    """Break ``text`` into lines no wider than ``limit`` points (memoised: layout asks many times)."""
    text, font = _actual(text, font)
    return list(_wrap(text, font, size, limit, lang, hyphenate, balance, address))
