"""The HTML companion embeds a sanitized SVG logo; both renditions share the SVG limits."""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path

import pytest
from lxml import etree

from flyer.app.build import compile_flyer
from flyer.content.images import svg_drawing
from flyer.content.svgsafe import MAX_ELEMENTS, sanitized_svg
from flyer.draw.html import html, logo_of
from flyer.errors import ContentError

from .conftest import MINIMAL

HOSTILE = b"""<?xml version="1.0"?>
<?xml-stylesheet href="http://evil.example/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:xi="http://www.w3.org/2001/XInclude" width="120" height="40" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(http://evil.example/a.css); rect { fill: red }</style>
  <xi:include href="file:///etc/passwd" parse="text"/>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
  <a xlink:href="javascript:alert(3)"><rect id="r" width="10" height="10" fill="#1d3f6e" onclick="x()"/></a>
  <image href="file:///etc/passwd" width="5" height="5"/>
  <image xlink:href="http://evil.example/pixel.png" width="5" height="5"/>
  <image href="data:image/svg+xml;base64,PHN2Zy8+" width="5" height="5"/>
  <use xlink:href="http://evil.example/sprite.svg#a"/>
  <use xlink:href="#r" x="20"/>
  <circle cx="30" cy="20" r="5" style="fill: url(http://evil.example/f); stroke: #000"/>
  <path d="M0 0 L10 10" fill="url(#g)" filter="url(http://evil.example/f)"/>
  <!-- a comment -->
</svg>
"""


def test_a_hostile_svg_keeps_only_its_drawing() -> None:
    clean = sanitized_svg(HOSTILE)
    text = clean.decode("utf-8")
    for word in ("script", "alert", "onload", "onclick", "javascript", "@import", "evil.example",
                 "file:", "include", "foreignObject", "comment", "svg+xml", "stylesheet"):  # fmt: skip
        assert word not in text, (word, text)
    root = etree.fromstring(clean)
    tags = [etree.QName(e).localname for e in root.iter()]
    assert tags == ["svg", "style", "rect", "use", "circle", "path"]
    assert root.find("{http://www.w3.org/2000/svg}style").text.strip() == "rect { fill: red }"
    assert root.find("{http://www.w3.org/2000/svg}use").get("{http://www.w3.org/1999/xlink}href") == "#r"
    assert root.find("{http://www.w3.org/2000/svg}circle").get("style") == "stroke:#000"
    assert root.find("{http://www.w3.org/2000/svg}path").get("fill") == "url(#g)"
    svg_drawing(clean)  # still a drawable SVG


def test_the_html_companion_embeds_the_sanitized_copy(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_bytes(HOSTILE)
    content = MINIMAL + "organisation:\n  name: Org\n  logo: logo.svg\n"
    built = compile_flyer(content.encode(), "c.yaml", tmp_path, ["screen"])
    page = html(built.flyer, logo_of(built.document, built.flyer))
    uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert uri is not None
    embedded = base64.b64decode(uri.group(1))
    assert embedded == sanitized_svg(HOSTILE) and b"script" not in embedded
    assert "<script" not in page and "evil.example" not in page


@pytest.mark.parametrize(
    "sheet",
    [
        "rect { fill: url(http://evil.example/p) }",
        "rect { background: u\\72l(http://evil.example/p) }",
        "@font-face { src: local(x) }",
        "rect { behavior: url(#x) } </style><script>",
    ],
)
def test_a_style_sheet_that_reaches_out_is_dropped(sheet: str) -> None:
    svg = _svg(f"<style><![CDATA[{sheet}]]></style><rect width='1' height='1'/>")
    assert b"style" not in sanitized_svg(svg)


def _svg(body: str, size: str = 'width="100" height="40"') -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {size}>{body}</svg>'.encode()


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (_svg('<rect width="1" height="1"/>' * 100_000), f"at most {MAX_ELEMENTS} are drawn"),
        (
            _svg(
                '<g id="a">' + '<rect width="1" height="1"/>' * 10 + "</g>"
                + "".join(f'<g id="u{n}"><use xlink:href="#{"a" if n == 0 else f"u{n - 1}"}"/><use xlink:href="#{"a" if n == 0 else f"u{n - 1}"}"/></g>' for n in range(30))
            ),
            "once its <use> references are expanded",
        ),
        (_svg('<g id="a"><use xlink:href="#a"/></g>'), "refers to itself"),
        (_svg('<rect width="1" height="1"/>', 'width="-100" height="NaN"'), 'width="-100", which is not a positive size'),
        (_svg('<rect width="1" height="1"/>', 'width="100" height="NaN"'), 'height="NaN"'),
    ],
)  # fmt: skip
def test_svg_limits_answer_fast_for_both_renditions(svg: bytes, message: str) -> None:
    for read in (svg_drawing, sanitized_svg):
        started = time.perf_counter()
        with pytest.raises(ContentError) as caught:
            read(svg, "logo.svg")
        assert message in caught.value.problems[0].message
        assert time.perf_counter() - started < 5  # far from the 85 s of an unbounded draw


@pytest.mark.parametrize(
    "size", ['width="1e300" height="1e300"', 'viewBox="0 0 NaN inf"', 'width="100" height="1e9"']
)
def test_an_svg_without_a_usable_size_is_refused(size: str) -> None:
    with pytest.raises(ContentError) as caught:
        svg_drawing(_svg('<rect width="1" height="1"/>', size))
    assert "has no usable size" in caught.value.problems[0].message
