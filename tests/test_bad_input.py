"""Bad input never hurts: every case of tests/bad exits 1 with located messages and no traceback.

The corpus is ``tests/bad/NN-description.yaml`` (assets they name under ``tests/bad/assets``); what
each one must print is in ``tests/bad/expected.yaml``. Large hostile inputs (a 2 MB introduction,
20 000 levels of nesting) are generated here rather than stored.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flyer.app.build import compile_flyer
from flyer.app.cli import main
from flyer.app.disk import write_atomically
from flyer.content import source as yamlsource
from flyer.content.images import svg_drawing
from flyer.content.model import load
from flyer.content.urls import check_web_url, href
from flyer.document import QR, Link
from flyer.errors import ContentError

from .conftest import MINIMAL, ROOT, SAMPLE, SAMPLE_DIR
from .pdfread import reader

BAD = Path(__file__).resolve().parent / "bad"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))
CASES = sorted(p.name for p in BAD.glob("[0-9][0-9]-*.yaml"))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``flyer ARGV``: exit code, stdout and stderr (how fast it answers: bench/bench_bad_input.py)."""
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": error: " in line]


# --- the corpus -------------------------------------------------------------------------------


def test_the_corpus_is_complete() -> None:
    assert len(CASES) >= 40
    assert set(CASES) == set(EXPECTED), "every file of tests/bad has an expectation, and only those"
    # Byte-level cases stay byte-exact (tests/bad/.gitattributes: -text).
    assert b"\r\n" in (BAD / "50-crlf-unknown-key.yaml").read_bytes()
    assert (BAD / "51-bom-unknown-key.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (BAD / "63-utf-16.yaml").read_bytes().startswith(b"\xff\xfe")
    assert (BAD / "assets" / "bomb.png").stat().st_size < 200, "a bomb that claims 30000×30000 pixels"


@pytest.mark.parametrize("loader", ["libyaml", "python"])
@pytest.mark.parametrize("name", CASES)
def test_check_reports_each_bad_file(
    name: str, loader: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if loader == "python":  # PyYAML without libyaml: same places, same key paths
        monkeypatch.setattr(yamlsource, "_LOADER", yaml.SafeLoader)
    expected = EXPECTED[name]
    file = str(BAD / name)
    code, out, err = run(["check", file], capsys)
    assert code == 1, err
    assert "Traceback" not in err and out == ""
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", err), "control characters are escaped"
    lines = err.splitlines()
    errors = error_lines(err)
    assert errors, err
    # Every problem is located: FILE:LINE:COL: error: ...
    for line in errors:
        assert re.match(rf"{re.escape(file)}:\d+:\d+: error: ", line), line
    path = f"{expected['path']}: " if expected["path"] else ""
    column = str(expected["column"]) if "column" in expected else r"\d+"
    head = re.compile(rf"{re.escape(file)}:{expected['line']}:{column}: error: {re.escape(path)}")
    found = [i for i, line in enumerate(lines) if head.match(line) and expected["message"] in line]
    assert found, f"expected {head.pattern} … {expected['message']!r} in:\n{err}"
    if not expected["path"]:
        # Not under a key: the message follows « error: » directly.
        assert not re.match(r"[\w.\[\]]+: ", lines[found[0]].split(": error: ", 1)[1])
    if "hint" in expected:
        hint = lines[found[0] + 1] if found[0] + 1 < len(lines) else ""
        assert hint.startswith("    hint: ") and expected["hint"] in hint, err
    if expected.get("only"):
        assert len(errors) == 1, err
    for other in expected.get("also", []):
        assert any(f": error: {other}: " in line for line in errors), (other, err)


@pytest.mark.parametrize(
    "name",
    [
        "03-unclosed-quote.yaml",
        "11-unknown-key.yaml",
        "34-url-too-dense.yaml",
        "38-logo-decompression-bomb.yaml",
        "41-python-tag.yaml",
        "65-logo-svg-data-bomb.yaml",
    ],
)
def test_a_failed_build_leaves_earlier_outputs_byte_identical(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = {"flyer.pdf": b"%PDF-1.7 earlier screen build", "flyer-print.pdf": b"%PDF-1.7 earlier print"}
    for file, data in before.items():
        (out / file).write_bytes(data)
    code, _, err = run(["build", str(BAD / name), "--out", str(out)], capsys)
    assert code == 1 and "Traceback" not in err and error_lines(err)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# --- hostile input made here ------------------------------------------------------------------


def test_a_2_mb_introduction_fails_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL + "intro: " + "Bonjour à toutes et à tous. " * 75_000 + "\n", encoding="utf-8")
    assert content.stat().st_size > 2_000_000
    code, _, err = run(["check", str(content)], capsys)
    assert code == 1 and "Traceback" not in err
    assert f"{content}:7:8: error: intro: is " in err and "at most 900 fit in the introduction" in err
    assert len(err) < 1000, "the value itself is never echoed"


@pytest.mark.parametrize("style", ["flow", "block"])
def test_20_000_levels_of_nesting_are_refused(
    style: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    depth = 20_000
    if style == "flow":
        deep = "intro: " + "[" * depth + "]" * depth + "\n"
    else:
        deep = "intro:\n  " + "- " * depth + "x\n"  # compact nested block sequences
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL + deep, encoding="utf-8")
    code, _, err = run(["check", str(content)], capsys)
    assert code == 1 and "Traceback" not in err
    assert re.search(rf"{re.escape(str(content))}:\d+:\d+: error: nested more than 32 levels deep", err)


def test_a_billion_laughs_is_refused() -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[n]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    with pytest.raises(ContentError) as caught:
        load("\n".join(lines) + "\n" + MINIMAL)
    assert "values once aliases (*name) are expanded" in caught.value.problems[0].message


def test_python_tags_are_never_constructed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command) or 0)
    for tag in ("!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!binary aGk="):
        with pytest.raises(ContentError) as caught:
            load(MINIMAL.replace("title: Un titre", f"title: {tag}"))
        assert [(p.path, p.line) for p in caught.value.problems] == [("title", 1)]
        assert "is not allowed" in caught.value.problems[0].message
    assert calls == []


def test_bom_and_crlf_simply_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = SAMPLE.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    content = tmp_path / "content.yaml"
    content.write_bytes(b"\xef\xbb\xbf" + raw)
    shutil.copytree(SAMPLE_DIR / "assets", tmp_path / "assets")
    code, out, err = run(["check", str(content)], capsys)
    assert code == 0, err
    assert "ok" in out
    flyer = load(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8"))
    assert flyer.title == "Un titre" and flyer.sections[0].items[0].url == "https://example.org/"


def test_a_missing_content_file_or_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", str(tmp_path / "nope.yaml")], capsys)
    assert code == 1 and "does not exist" in err and "hint: " in err and "Traceback" not in err
    code, _, err = run(["build", str(tmp_path), "--out", str(tmp_path / "out")], capsys)
    assert code == 1 and "is a folder, not a content file" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_huge_content_file_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content.yaml"
    with content.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)  # sparse: nothing written to disk
    code, _, err = run(["check", str(content)], capsys)
    assert code == 1 and "is larger than 16 MB" in err and "Traceback" not in err


@pytest.mark.parametrize("where", ["file", "under-a-file"])
def test_an_output_folder_that_is_a_file(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    taken = tmp_path / "taken"
    taken.write_bytes(b"not a folder")
    out = taken if where == "file" else taken / "out"
    code, _, err = run(["build", str(content), "--out", str(out), "--profile", "screen"], capsys)
    assert code == 1 and "Traceback" not in err
    assert f"cannot write to '{out}': '{taken}' is a file, not a folder" in err
    assert taken.read_bytes() == b"not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content.yaml", "taken"]


# --- addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "encoded"),
    [
        ("https://bücher.example/été", "https://xn--bcher-kva.example/%C3%A9t%C3%A9"),
        ("https://Bücher.Example/", "https://xn--bcher-kva.example/"),
        ("https://faß.de/straße", "https://xn--fa-hia.de/stra%C3%9Fe"),
        (
            "https://例え.テスト/パス?q=é&r=1#à",
            "https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9?q=%C3%A9&r=1#%C3%A0",
        ),
        ("https://www.ÉCOLE.fr/a%20b?x=%C3%A9", "https://www.xn--cole-9oa.fr/a%20b?x=%C3%A9"),
        ("https://bücher.example:8080/", "https://xn--bcher-kva.example:8080/"),
        ("https://example.org/déjà-vu/", "https://example.org/d%C3%A9j%C3%A0-vu/"),
    ],
)
def test_international_addresses_are_valid_and_encoded(url: str, encoded: str) -> None:
    assert check_web_url(url) is None
    assert href(url) == encoded
    assert href(encoded) == encoded, "encoding twice changes nothing"
    assert encoded.isascii()


def test_a_built_flyer_links_and_encodes_the_ascii_form() -> None:
    url = "https://bücher.example/été/ünïcode?q=déjà"
    encoded = "https://xn--bcher-kva.example/%C3%A9t%C3%A9/%C3%BCn%C3%AFcode?q=d%C3%A9j%C3%A0"
    built = compile_flyer(MINIMAL.replace("https://example.org/", url).encode(), "c.yaml", ROOT, ["screen"])
    items = [item for page in built.document.pages for item in page.items]
    qrs = [item for item in items if isinstance(item, QR)]
    assert [q.symbol.payload for q in qrs] == [encoded] and [q.url for q in qrs] == [encoded]
    links = {item.url for item in items if isinstance(item, Link)}
    assert links == {encoded}
    uris = set()
    for page in reader(built.pdfs["screen"]).pages:
        annotations = page.get("/Annots")
        for annotation in annotations.get_object() if annotations is not None else []:
            action = annotation.get_object().get("/A")
            if action is not None:
                uris.add(str(action.get_object()["/URI"]))
    assert uris == {encoded}


# --- images -----------------------------------------------------------------------------------


def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def _shapes(node: Any) -> list[Any]:
    out = [node]
    for child in getattr(node, "contents", []) or []:
        out += _shapes(child)
    return out


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="100" height="40">{}<rect width="10" height="10"/></svg>'
)


@pytest.mark.parametrize(
    "svg",
    [
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + SVG.format("<text>&xxe;</text>"),
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'
        + SVG.format(""),
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        + SVG.format("<text>&b;</text>"),
    ],
)
def test_svg_entities_are_refused(svg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_network(monkeypatch)
    with pytest.raises(ContentError) as caught:
        svg_drawing(svg.encode(), "logo.svg")
    assert "declares XML entities" in caught.value.problems[0].message


@pytest.mark.parametrize(
    "inner",
    [
        '<image xlink:href="file:///etc/passwd" width="10" height="10"/>',
        '<image href="http://127.0.0.1:9/logo.png" width="10" height="10"/>',
        '<use xlink:href="http://127.0.0.1:9/sprite.svg#logo"/>',
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>',
        "<style>@import url(http://127.0.0.1:9/x.css);</style>",
    ],
)
def test_svg_external_references_are_never_fetched(inner: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_network(monkeypatch)
    svg = '<!DOCTYPE svg SYSTEM "http://127.0.0.1:9/svg11.dtd">' + SVG.format(inner)
    drawing = svg_drawing(svg.encode(), "logo.svg")
    assert drawing.width == pytest.approx(75.0)
    assert not [s for s in _shapes(drawing) if type(s).__name__ == "Image"]
    assert "root:" not in repr(_shapes(drawing))


# --- generated content ------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["Élus", "co-construction", "territoriale", "« Agir »", "l’été", "92 %", "Œuvre", "déjà", "naïve",
     "Québec", "!", "?", ":", "ß", "東京", "Ελλάδα", "🙂", "no", "2021-11-16", "~", "#", "-", "\u00ad"]
)  # fmt: skip
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)
# Mostly plausible text (so that many examples build), sometimes anything at all.
PLAUSIBLE = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)
TEXT = st.integers(0, 9).flatmap(lambda n: PLAUSIBLE if n < 8 else ANY_TEXT)
HOSTS = st.sampled_from(
    ["example.org", "www.lerameau.fr", "bücher.example", "例え.テスト", "faß.de", "ÉCOLE.fr"]
)
PATHS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"]), max_size=60)
GOOD_URLS = st.builds(lambda host, path: f"https://{host}/{path}", HOSTS, PATHS)
BAD_URLS = st.one_of(
    st.builds(
        lambda scheme, host, path: f"{scheme}://{host}/{path}",
        st.sampled_from(["http", "ftp", "javascript", "HTTPS"]),
        st.one_of(HOSTS, st.sampled_from(["localhost", "a..b", "[::1]", "x:99999"])),
        ANY_TEXT,
    ),
    ANY_TEXT,
)
URLS = st.integers(0, 9).flatmap(lambda n: GOOD_URLS if n < 8 else BAD_URLS)
ITEM = st.fixed_dictionaries(
    {"title": TEXT, "url": URLS},
    optional={
        "description": TEXT,
        "kind": st.sampled_from(["fiche", "video", "film", "site"]),
        "qr": st.booleans(),
    },
)
SECTION = st.fixed_dictionaries({"title": TEXT, "items": st.lists(ITEM, min_size=1, max_size=5)})
CONTENT = st.fixed_dictionaries(
    {"title": TEXT, "sections": st.lists(SECTION, min_size=1, max_size=4)},
    optional={
        "intro": TEXT,
        "lang": st.sampled_from(["fr", "en"]),
        "page": st.fixed_dictionaries(
            {
                "size": st.sampled_from(["A4", "A5", "A6", "letter", "DL"]),
                "max_pages": st.sampled_from([1, 2]),
            }
        ),
    },
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CONTENT)
def test_generated_content_builds_or_reports_problems(content: dict[str, Any]) -> None:
    raw = yaml.safe_dump(content, allow_unicode=True, sort_keys=False).encode("utf-8")
    try:
        built = compile_flyer(raw, "generated.yaml", ROOT, ["screen"])
    except ContentError as exc:
        assert exc.problems
        assert all(p.message and p.file == "generated.yaml" and p.line > 0 for p in exc.problems)
    else:
        assert built.pdfs["screen"].startswith(b"%PDF")
        assert built.document.pages


# --- concurrent builds ------------------------------------------------------------------------


def test_two_builds_at_once_never_mix_or_truncate(tmp_path: Path) -> None:
    target = tmp_path / "out" / "flyer.pdf"
    contents = [b"%PDF-A " + bytes(range(256)) * 800, b"%PDF-B " + bytes(reversed(range(256))) * 1200]
    seen: list[bytes] = []
    failures: list[BaseException] = []
    done = threading.Event()

    def build(data: bytes) -> None:
        try:
            for _ in range(40):
                write_atomically({target: data})
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    def read() -> None:
        while not done.is_set():
            if target.exists():
                seen.append(target.read_bytes())

    reader_thread = threading.Thread(target=read)
    reader_thread.start()
    builders = [threading.Thread(target=build, args=(data,)) for data in contents]
    for thread in builders:
        thread.start()
    for thread in builders:
        thread.join()
    done.set()
    reader_thread.join()
    assert not failures
    assert target.read_bytes() in contents
    assert all(data in contents for data in seen), "a reader saw a mixed or truncated file"
    assert sorted(p.name for p in target.parent.iterdir()) == ["flyer.pdf"], "no leftover .tmp"
