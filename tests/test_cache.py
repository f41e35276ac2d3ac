"""The machine cache gives back exactly what was stored, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from flyer import cache


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("FLYER_NO_CACHE", raising=False)
    return tmp_path / "flyer"


def test_a_value_comes_back_as_stored(own_cache: Path) -> None:
    assert cache.folder() == own_cache
    assert cache.load("entry") is None
    cache.store("entry", b"\x00value\xff" * 1000)
    assert cache.load("entry") == b"\x00value\xff" * 1000
    assert [p.name for p in own_cache.iterdir()] == ["entry"]  # no temporary file left


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-1],  # cut short
        lambda raw: raw[:10],  # shorter than its check
        lambda raw: raw[:40] + bytes([raw[40] ^ 1]) + raw[41:],  # one bit changed
        lambda raw: raw[32:],  # a file of an older format, without its check
        lambda raw: b"",
    ],
)
def test_a_damaged_entry_is_not_used(damage: object, own_cache: Path) -> None:
    cache.store("entry", b"the value" * 10)
    path = own_cache / "entry"
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert cache.load("entry") is None


def test_off_when_asked(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYER_NO_CACHE", "1")
    assert cache.folder() is None
    cache.store("entry", b"value")
    assert cache.load("entry") is None and not own_cache.exists()


def test_set_to_0_it_stays_on(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYER_NO_CACHE", "0")
    cache.store("entry", b"value")
    assert cache.load("entry") == b"value"


def test_an_unwritable_place_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    cache.store("entry", b"value")
    assert cache.load("entry") is None


def test_names_follow_every_input() -> None:
    assert cache.digest("a", b"b") == cache.digest("a", b"b")
    assert (
        len(
            {
                cache.digest("ab", "c"),
                cache.digest("a", "bc"),
                cache.digest("abc"),
                cache.digest("a", "b", "c"),
            }
        )
        == 4
    )


def test_a_packaged_fonts_facts_come_back_as_fonttools_reads_them(own_cache: Path) -> None:
    from fontTools.ttLib import TTFont

    from flyer import fontset

    data = fontset.font_path(fontset.BOLD).read_bytes()
    cold = fontset.font_facts(data)
    assert len(list(own_cache.glob("face-*.marshal"))) == 1
    assert fontset.font_facts(data) == cold  # read back
    with TTFont(fontset.font_path(fontset.BOLD)) as font:
        em = font["head"].unitsPerEm
        expected = (frozenset(font.getBestCmap()), "Source Sans Pro")
        expected_box = (font["hhea"].ascent / em, -font["hhea"].descent / em)
    assert cold[:2] == expected and cold[2:] == expected_box
    assert 0x202F in cold[0] and ord("œ") in cold[0]
