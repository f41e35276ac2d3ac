"""Simple SVG logos drawn without svglib: the same PDF bytes as svglib's drawing, or svglib's job."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flyer.content.images import svg_drawing
from flyer.content.svgsimple import parse
from flyer.document import Box, Document, Image, Meta, Paint, Picture, PlacedPage, Text
from flyer.draw import pdf as render_module
from flyer.draw import pictures
from flyer.draw.pdf import Profile, render
from flyer.geometry import Rect, mm
from flyer.text.typography import BOLD

from .conftest import ROOT, SAMPLE_DIR

GREY = Paint((0.2, 0.2, 0.2), (0.0, 0.0, 0.0, 0.8))


def page_with(svg: bytes, w: float = 40.0, h: float = 30.0) -> Document:
    """A page with the logo twice (two sizes), then a box and bold text: the canvas state after it counts."""
    simple = parse(svg)
    assert simple is not None
    picture = Picture("svg", svg, *simple.points, "logo.svg")
    items = (
        Image(Rect(mm(20), mm(20), w, h), picture),
        Image(Rect(mm(80), mm(20), w / 2, h / 2), picture),
        Box(Rect(mm(20), mm(60), mm(30), mm(10)), GREY),
        Text(mm(20), mm(90), "Après le logo", BOLD, 11.0, GREY, 80.0, 8.0, 3.0),
    )
    return Document(mm(148), mm(210), mm(3), (PlacedPage(items),), Meta("t", "a", "", (), "fr"))


def both_ways(document: Document, profile: Profile, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    """The rendition with the fast path, and with svglib forced."""
    pictures.simple_svg.cache_clear()
    fast = render(document, profile)
    with monkeypatch.context() as m:
        m.setattr(render_module, "simple_svg", lambda data: None)
        slow = render(document, profile)
    return fast, slow


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    pictures.scaled_svg.cache_clear()
    yield
    pictures.simple_svg.cache_clear()


@pytest.mark.parametrize("profile", ["screen", "print"])
def test_the_project_logo_gives_svglibs_bytes(profile: Profile, monkeypatch: pytest.MonkeyPatch) -> None:
    svg = (ROOT / "assets" / "logo.svg").read_bytes()
    fast, slow = both_ways(page_with(svg), profile, monkeypatch)
    assert fast == slow


shape = st.one_of(
    st.tuples(st.just("circle"), st.integers(-10, 130), st.integers(-10, 130), st.integers(1, 60)),
    st.tuples(
        st.just("rect"), st.integers(-10, 130), st.integers(-10, 130), st.integers(1, 90), st.integers(1, 90)
    ),
)


def svg_of(w: int, h: int, shapes: list[tuple[object, ...]], colours: list[str], sized: bool) -> bytes:
    body = []
    for (kind, *v), colour in zip(shapes, colours, strict=False):
        if kind == "circle":
            body.append(f'<circle cx="{v[0]}" cy="{v[1]}" r="{v[2]}" fill="{colour}"/>')
        else:
            body.append(f'<rect x="{v[0]}" y="{v[1]}" width="{v[2]}" height="{v[3]}" fill="{colour}"/>')
    size = f' width="{w}" height="{h}"' if sized else ""
    head = f'<svg xmlns="http://www.w3.org/2000/svg"{size} viewBox="0 0 {w} {h}">'
    return (head + "<!-- a comment -->" + "\n  ".join(body) + "</svg>").encode()


@settings(max_examples=40, deadline=None)
@given(
    st.integers(8, 400),
    st.integers(8, 400),
    st.lists(shape, min_size=1, max_size=6),
    st.lists(st.from_regex(r"#[0-9a-f]{6}|#[0-9A-F]{3}", fullmatch=True), min_size=6, max_size=6),
    st.booleans(),
    st.sampled_from(["screen", "print"]),
)
def test_random_flat_logos_give_svglibs_bytes(
    w: int, h: int, shapes: list[tuple[object, ...]], colours: list[str], sized: bool, profile: Profile
) -> None:
    svg = svg_of(w, h, shapes, colours, sized)
    simple = parse(svg)
    assert simple is not None
    drawing = svg_drawing(svg)
    assert simple.points == (drawing.width, drawing.height)
    with pytest.MonkeyPatch.context() as monkeypatch:
        pictures.scaled_svg.cache_clear()
        fast, slow = both_ways(page_with(svg, 30.0 + w % 17, 20.0 + h % 13), profile, monkeypatch)
    assert fast == slow


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="3" fill="#000"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" width="20" viewBox="0 0 10 10"><circle r="3" fill="#000"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="3" fill="red"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="3" fill="#000" stroke="#fff"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g><circle r="3" fill="#000"/></g></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0h5v5z" fill="#000"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="0" height="3" fill="#000"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>a</text></svg>',
        b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"/>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>',
        b"not xml at all",
    ],
)
def test_anything_else_is_left_to_svglib(svg: bytes) -> None:
    assert parse(svg) is None


def test_a_build_with_a_flat_logo_loads_neither_svglib_nor_reportlab_graphics() -> None:
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from flyer.app.build import compile_flyer\n"
        f"root = Path({str(SAMPLE_DIR)!r})\n"
        "compile_flyer((root / 'content.yaml').read_bytes(), 'content.yaml', root, ['screen', 'print'])\n"
        "print(sorted(m for m in ('svglib', 'lxml', 'reportlab.graphics', 'reportlab.platypus') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_shared_svglib_parse_is_never_changed_by_a_rendition() -> None:
    """The print rendition turns the logo's colours to CMYK on its own copy: a screen rendition made
    after it is the same as one made first (regression: a shallow copy shared the shapes)."""
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
        b'<g><circle cx="10" cy="10" r="8" fill="#b4441c"/></g><text x="2" y="25">Logo</text></svg>'
    )
    assert parse(svg) is None  # a group and text: svglib's job
    drawing = svg_drawing(svg)
    picture = Picture("svg", svg, float(drawing.width), float(drawing.height), "logo.svg")
    items = (Image(Rect(mm(20), mm(20), 60.0, 45.0), picture),)
    document = Document(mm(148), mm(210), mm(3), (PlacedPage(items),), Meta("t", "a", "", (), "fr"))
    pictures.scaled_svg.cache_clear()
    pictures._svg_parsed.cache_clear()
    first = render(document, "screen")
    pictures.scaled_svg.cache_clear()
    pictures._svg_parsed.cache_clear()
    render(document, "print")
    pictures.scaled_svg.cache_clear()
    pictures._svg_parsed.cache_clear()
    assert render(document, "screen") == first
