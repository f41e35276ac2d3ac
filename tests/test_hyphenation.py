"""flyer.text.hyphenation gives pyphen's points, from a cache that follows the pattern file."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flyer.cache import folder as cache_folder
from flyer.text.hyphenation import Hyphenator, dictionary_file

WORDS = {
    "fr": "co-construction territoriale dynamiques d'engagement collectivités partenariats "
    "pédagogique témoignages associations anticonstitutionnellement œuvres Élus",
    "en": "hyphenation territorial engagement partnerships educational testimonies associations",
}
PYPHEN = {"fr": "fr_FR", "en": "en_GB"}


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("FLYER_NO_CACHE", raising=False)
    return tmp_path / "flyer"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_same_file_and_points_as_pyphen(lang: str) -> None:
    assert dictionary_file(lang) == pyphen.LANGUAGES[pyphen.language_fallback(PYPHEN[lang])]
    ours, theirs = Hyphenator(lang, 2, 3), pyphen.Pyphen(lang=PYPHEN[lang], left=2, right=3)
    for word in WORDS[lang].split():
        assert ours.positions(word) == theirs.positions(word), word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeéèêfghijklmnoôpqrstuùvwxyzçœ'-", min_size=1, max_size=30))
def test_random_words_hyphenate_as_pyphen_does(word: str) -> None:
    ours, theirs = Hyphenator("fr", 2, 3), pyphen.Pyphen(lang="fr_FR", left=2, right=3)
    assert ours.positions(word) == theirs.positions(word)


def test_the_cache_is_written_used_and_follows_the_file(own_cache: Path, tmp_path: Path) -> None:
    assert cache_folder() == own_cache
    first = Hyphenator("fr")
    cached = list(own_cache.iterdir())
    assert len(cached) == 1 and cached[0].suffix == ".marshal"
    assert Hyphenator("fr").patterns == first.patterns  # read back from the cache
    from flyer.text import hyphenation

    # The same file elsewhere (another environment with the same pyphen) shares the entry.
    copy = tmp_path / "hyph_fr.dic"
    copy.write_bytes(dictionary_file("fr").read_bytes())
    assert hyphenation._load(copy) == first.patterns
    assert len(list(own_cache.iterdir())) == 1
    # A changed pattern file (a new pyphen) has another key: parsed again, a second entry.
    copy.write_bytes(dictionary_file("fr").read_bytes() + b"\n1x1y1\n")
    assert hyphenation._load(copy) == {**first.patterns, "xy": (0, (1, 1, 1))}
    assert len(list(own_cache.iterdir())) == 2


def test_a_corrupt_cache_entry_is_parsed_again(own_cache: Path) -> None:
    patterns = Hyphenator("fr").patterns
    (entry,) = own_cache.iterdir()
    entry.write_bytes(b"not marshal data")
    assert Hyphenator("fr").patterns == patterns


def test_no_cache_when_turned_off(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYER_NO_CACHE", "1")
    Hyphenator("en")
    assert not own_cache.exists()
