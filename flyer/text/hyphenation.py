"""Hyphenation points from pyphen's dictionaries (LibreOffice's), without importing pyphen.

Liang's algorithm over the same ``hyph_*.dic`` pattern files pyphen ships, giving the same points
as ``pyphen.Pyphen(lang, left, right).positions`` (a test compares them). Importing pyphen lists
every dictionary it has and parsing a pattern file takes ~15 ms at each cold start; here the parsed
patterns are kept in the machine cache (:mod:`flyer.cache`), keyed by the pattern file's bytes.
"""

from __future__ import annotations

import importlib.util
import marshal
import re
from functools import cache
from pathlib import Path

from flyer import cache as machine_cache

__all__ = ["Hyphenator", "dictionary_file"]

_FORMAT = 2  # bump when the cached shape changes
#: The file pyphen picks for each language flyer speaks (``fr_FR`` falls back to ``fr``).
_FILES = {"fr": "hyph_fr.dic", "en": "hyph_en_GB.dic"}
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_HEX = re.compile(r"\^{2}([0-9a-f]{2})")
_PAIRS = re.compile(r"(\d?)(\D?)")

Patterns = dict[str, tuple[int, tuple[int, ...]]]


def dictionary_file(lang: str) -> Path:
    """pyphen's pattern file for ``lang``, found without running pyphen's import."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyphen")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / _FILES[lang]


def _parse(path: Path) -> Patterns:
    """The patterns of a ``hyph_*.dic``: letters → (offset of the first non-zero value, values)."""
    with path.open("rb") as handle:
        encoding = handle.readline().decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    patterns: Patterns = {}
    for line in path.read_text(encoding).split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith(_IGNORED):
            continue
        line = _HEX.sub(lambda m: chr(int(m.group(1), 16)), line)
        if "/" in line and "=" in line:
            raise ValueError(f"{path.name}: non-standard hyphenation is not supported")
        pairs = _PAIRS.findall(line)
        letters = "".join(letter for _, letter in pairs)
        values = [int(digit or "0") for digit, _ in pairs]
        if max(values) == 0:
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        patterns[letters] = (start, tuple(values[start:end]))
    return patterns


def _load(path: Path) -> Patterns:
    """Parsed patterns of ``path``: from the machine cache when it holds this file's, else parsed.

    Keyed by the file's bytes (a 100 KB read and digest) and this module's code, so every
    environment with the same pyphen shares one entry, and a new pyphen or an edited file is
    parsed again.
    """
    key = machine_cache.digest(path.read_bytes(), machine_cache.code(__file__))
    name = f"hyph-{_FORMAT}-{path.stem}-{key}.marshal"
    stored = machine_cache.load(name)
    if stored is not None:
        try:
            loaded = marshal.loads(stored)
            if isinstance(loaded, dict):
                return loaded
        except (EOFError, ValueError, TypeError):
            pass
    patterns = _parse(path)
    machine_cache.store(name, marshal.dumps(patterns))
    return patterns


class Hyphenator:
    """Where a word may be hyphenated, keeping ``left`` and ``right`` letters at least on each side."""

    def __init__(self, lang: str, left: int = 2, right: int = 2) -> None:
        self.patterns = _load(dictionary_file(lang))
        self.maxlen = max(map(len, self.patterns))
        self.left, self.right = left, right

    @cache  # noqa: B019 (one instance per language, kept for the process's life)
    def _points(self, word: str) -> tuple[int, ...]:
        dotted = f".{word}."
        scores = [0] * (len(dotted) + 1)
        for i in range(len(dotted) - 1):
            for j in range(i + 1, min(i + self.maxlen, len(dotted)) + 1):
                found = self.patterns.get(dotted[i:j])
                if found:
                    offset, values = found
                    for k, value in enumerate(values, start=i + offset):
                        if value > scores[k]:
                            scores[k] = value
        return tuple(i - 1 for i, score in enumerate(scores) if score % 2)

    def positions(self, word: str) -> list[int]:
        """Offsets in ``word`` where a hyphen may go (as ``pyphen.Pyphen.positions``)."""
        right = len(word) - self.right
        return [i for i in self._points(word.lower()) if self.left <= i <= right]
