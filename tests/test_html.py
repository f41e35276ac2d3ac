"""The HTML companion: same addresses as the PDFs, valid and accessible markup, self-contained."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import zxingcpp
from PIL import Image

from flyer.app.build import Build
from flyer.app.cli import main
from flyer.content.model import Flyer, load
from flyer.content.urls import href
from flyer.draw.html import html
from flyer.text.labels import kind_label

from .conftest import build_sample, sample_project
from .pdfread import decode_pages, reader

VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}
SVG_VOID = {"path", "rect"}  # written self-closed inside <svg>


class Page(HTMLParser):
    """Record tags, attributes, text per element and whether tags are balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.starts: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[str, list[str]] = {}
        self.svgs: list[dict[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.starts.append((tag, values))
        if tag == "svg":
            self.svgs.append({"attrs": values, "title": "", "paths": []})
        if tag == "path" and self.svgs:
            self.svgs[-1]["paths"].append(values.get("d", ""))  # type: ignore[attr-defined]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.texts.setdefault(self.stack[-1], []).append(data)
            if self.stack[-1] == "title" and "svg" in self.stack:
                self.svgs[-1]["title"] = str(self.svgs[-1]["title"]) + data

    def attrs(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.starts if t == tag]


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def untracked(url: str, flyer: Flyer) -> str:
    """The address without the content's tracking parameters (they name the medium, which differs)."""
    tracking = getattr(flyer, "tracking", None) or {}
    if not tracking:
        return url
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in tracking]
    kept = [(k, v) for k, v in kept if k != "utm_medium"]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def item_addresses(flyer: Flyer, qr_only: bool = False) -> set[str]:
    return {href(i.url) for s in flyer.sections for i in s.items if i.qr or not qr_only}


def pdf_uris(pdf: bytes) -> set[str]:
    out = set()
    for page in reader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                out.add(str(action["/URI"]))
    return out


def svg_payload(path: str, size: int) -> str:
    """Paint the SVG path's runs on white (4-module quiet zone) and decode it like a phone."""
    scale, q = 8, 4
    image = Image.new("L", ((size + 2 * q) * scale,) * 2, 255)
    for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path):
        left, top = (int(x) + q) * scale, (int(y) + q) * scale
        image.paste(0, (left, top, left + int(n) * scale, top + scale))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return found[0].text if found else ""


@pytest.fixture(scope="module")
def page_text(sample_build: Build) -> str:
    return html(sample_build.flyer)


def test_pdfs_and_html_carry_the_same_item_addresses(
    sample_build: Build, screen_pdf: bytes, print_pdf: bytes, page_text: str
) -> None:
    flyer = sample_build.flyer
    items = item_addresses(flyer)
    page = parse(page_text)
    in_html = {untracked(a["href"], flyer) for a in page.attrs("a")}
    in_screen = {untracked(u, flyer) for u in pdf_uris(screen_pdf)}
    in_print = {untracked(u, flyer) for p in decode_pages(print_pdf) for u in p}
    in_svg = set()
    for svg in page.svgs:
        size = int(str(svg["attrs"]["viewbox"]).split()[2]) - 8  # type: ignore[index]
        in_svg.add(untracked(svg_payload(svg["paths"][0], size), flyer))  # type: ignore[index]
    assert items and items <= in_html and items <= in_screen
    assert in_html & in_screen == in_html  # the footer links too
    assert in_print == in_svg == item_addresses(flyer, qr_only=True)


def test_the_page_shows_the_code_the_pdf_prints() -> None:
    # A long address is printed at error correction M (a smaller code): the page shows that symbol.
    from flyer.document import QR

    from .conftest import build_sample
    from .generated import content

    built = build_sample(["screen"], content("{size: A5, max_pages: 2}", 3, sections=1, long_urls=True))
    printed = [i.symbol for p in built.document.pages for i in p.items if isinstance(i, QR)]
    assert {s.level for s in printed} == {"M"}  # the test is about M: its addresses must force it
    shown = set()
    for svg in parse(html(built.flyer)).svgs:
        size = int(str(svg["attrs"]["viewbox"]).split()[2]) - 8  # type: ignore[index]
        runs = re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", svg["paths"][0])  # type: ignore[index]
        shown.add((size, tuple(sorted((int(y), int(x), int(n)) for x, y, n in runs))))
    assert shown == {(code.modules, tuple(sorted(code.runs))) for code in printed}
    assert len(shown) == 3


def test_html_is_balanced_and_has_its_landmarks(sample_build: Build, page_text: str) -> None:
    flyer = sample_build.flyer
    assert page_text.startswith("<!DOCTYPE html>\n")
    page = parse(page_text)
    assert not page.errors and not page.stack, (page.errors, page.stack)
    assert page.attrs("html")[0]["lang"] == flyer.lang
    assert "".join(page.texts["title"][:1]) == flyer.title
    assert len(page.attrs("h1")) == 1
    assert len(page.attrs("h2")) == len(flyer.sections)
    assert len(page.attrs("h3")) == sum(len(s.items) for s in flyer.sections)
    assert {"header", "main", "footer"} <= {t for t, _ in page.starts}
    assert page.attrs("meta")[0] == {"charset": "utf-8"}
    assert any(m.get("name") == "viewport" for m in page.attrs("meta"))


def test_every_qr_code_has_an_accessible_name(sample_build: Build, page_text: str) -> None:
    page = parse(page_text)
    qrs = [i for s in sample_build.flyer.sections for i in s.items if i.qr]
    assert len(page.svgs) == len(qrs)
    for svg, item in zip(page.svgs, qrs, strict=True):
        attrs = svg["attrs"]
        assert attrs["role"] == "img"  # type: ignore[index]
        assert item.title in attrs["aria-label"] and item.title in str(svg["title"])  # type: ignore[index]
        assert len(svg["paths"]) == 1  # type: ignore[arg-type]


def test_html_is_self_contained(page_text: str) -> None:
    page = parse(page_text)
    tags = {t for t, _ in page.starts}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert "url(" not in page_text and " src=" not in page_text
    assert "<style>" in page_text


def test_labels_follow_the_language_and_text_is_escaped() -> None:
    flyer = load(
        "title: 'Tools <script>alert(1)</script> & \"more\"'\nlang: en\n"
        "sections:\n  - title: A < B\n    items:\n"
        "      - kind: fiche\n        title: One\n        url: https://example.org/a?x=1&y=2\n"
    )
    text = html(flyer)
    page = parse(text)
    assert not page.errors and not page.stack
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert page.attrs("html")[0]["lang"] == "en"
    assert kind_label("fiche", "en") in text and "Scan a code" in text
    assert "https://example.org/a?x=1&y=2" in {a["href"] for a in page.attrs("a")}


def test_build_writes_the_html_with_the_pdfs(tmp_path: Path) -> None:
    sample_project(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "content.yaml"), "--out", str(out), "--no-verify"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["flyer-print.pdf", "flyer.html", "flyer.pdf"]
    assert (out / "flyer.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (
        main(["build", str(tmp_path / "content.yaml"), "--out", str(tmp_path / "p"), "--profile", "print"])
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["flyer-print.pdf"]


def test_the_logo_is_inline_with_its_alternative_text() -> None:
    from flyer.draw.html import html, logo_of

    built = build_sample([])
    page = html(built.flyer, logo_of(built.document, built.flyer))
    assert '<img class="logo" src="data:image/svg+xml;base64,' in page
    assert 'alt="Ville de Saint-Aubin"' in page
    assert '<span class="nowrap">13–14</span>' in page


def test_the_call_to_action_reads_as_on_paper() -> None:
    base = "title: T\nintro: Tout est ici.\nsections:\n  - title: S\n    items:\n      - title: R\n        url: https://example.org/\n"
    own = html(load(base + "call_to_action: Flashez, c'est gratuit.\n"))
    assert '<p class="cta">Flashez, c’est gratuit.</p>' in own and "Scannez" not in own
    off = html(load(base + "call_to_action: false\n"))
    assert 'class="cta"' not in off and "Scannez" not in off
    assert '<p class="cta">Scannez un code ou cliquez sur un titre.</p>' in html(load(base))
