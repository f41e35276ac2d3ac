"""Layout invariants, checked on the document without writing a PDF."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flyer.app.build import Build
from flyer.content.model import Flyer, load
from flyer.document import QR, Box, Document, Image, Link, Rule, Text
from flyer.errors import ContentError
from flyer.geometry import Rect, mm
from flyer.layout import MIN_BODY_PT, MIN_CAPTION_PT, layout


def check_invariants(flyer: Flyer, document: Document) -> None:
    safe = Rect(0, 0, document.width, document.height).inset(mm(5))
    page_rect = Rect(0, 0, document.width, document.height)
    qr_count = sum(1 for s in flyer.sections for i in s.items if i.qr)
    assert sum(1 for p in document.pages for i in p.items if isinstance(i, QR)) == qr_count
    assert len(document.pages) <= flyer.page.max_pages
    for page in document.pages:
        texts = [i for i in page.items if isinstance(i, Text)]
        codes = [i for i in page.items if isinstance(i, QR)]
        links = [i for i in page.items if isinstance(i, Link)]
        for item in page.items:
            if isinstance(item, (Text, QR, Image)):
                rect = item.tile if isinstance(item, QR) else item.rect
                assert safe.contains(rect), item
            if isinstance(item, Link):
                assert page_rect.contains(item.rect)
            if isinstance(item, Text):
                assert item.size >= MIN_CAPTION_PT
        for a, b in itertools.combinations(texts, 2):
            assert not a.rect.overlaps(b.rect), (a.text, b.text)
        for code in codes:
            assert code.rect.w >= mm(20) - 1e-6
            assert code.rect.w == pytest.approx(code.rect.h)
            assert code.quiet >= 4 * code.module - 1e-6
            assert any(link.url == code.url and link.rect.contains(code.rect) for link in links)
            for other in page.items:
                if isinstance(other, (Text, Image, Rule)) or (isinstance(other, QR) and other is not code):
                    rect = other.tile if isinstance(other, QR) else other.rect
                    assert not rect.overlaps(code.tile), other
    # Codes of one section share a size (DESIGN: the same size in a row or section).
    section_of = {i.url: n for n, s in enumerate(flyer.sections) for i in s.items}
    sizes: dict[int, set[float]] = {}
    for page in document.pages:
        for code in (i for i in page.items if isinstance(i, QR)):
            section = next(n for url, n in section_of.items() if code.url.startswith(url.split("?")[0]))
            sizes.setdefault(section, set()).add(round(code.rect.w, 3))
    assert all(len(found) == 1 for found in sizes.values()), sizes


def test_default_flyer_invariants(showcase_build: Build) -> None:
    check_invariants(showcase_build.flyer, showcase_build.document)


def test_default_flyer_body_text_is_readable(showcase_build: Build) -> None:
    sizes = {i.size for p in showcase_build.document.pages for i in p.items if isinstance(i, Text)}
    assert min(sizes) >= MIN_CAPTION_PT
    assert max(sizes) >= 26


def test_default_flyer_leaves_no_empty_band(showcase_build: Build) -> None:
    """No empty third: the largest vertical gap between items stays under a sixth of the page."""
    doc = showcase_build.document
    for page in doc.pages:
        spans = sorted(
            (r.y, r.bottom)
            for i in page.items
            if not isinstance(i, Link) and not (isinstance(i, Box) and i.background)
            for r in [i.tile if isinstance(i, QR) else i.rect]
        )
        reach = mm(10)
        largest = 0.0
        for top, bottom in spans:
            largest = max(largest, top - reach)
            reach = max(reach, bottom)
        largest = max(largest, doc.height - mm(10) - reach)
        assert largest < doc.height / 6, largest


def test_title_band_contrast(sample_build: Build) -> None:
    from flyer.content.theme import WHITE, contrast, palette

    colours = palette(sample_build.flyer.theme)
    assert contrast(WHITE, colours.primary) >= 4.5
    assert contrast(colours.accent, colours.tint) >= 4.5
    assert contrast(colours.text, WHITE) >= 4.5


def make_content(sections: list[list[tuple[str, str]]], intro: str, size: str) -> str:
    lines = [f"title: {intro[:40] or 'Titre'!r}", f"intro: {intro!r}", f"page: {{size: {size}}}", "sections:"]
    for s, items in enumerate(sections):
        lines.append(f"  - title: 'Section {s}'\n    items:")
        for t, (title, desc) in enumerate(items):
            lines.append(
                f"      - title: {title or 'x'!r}\n        description: {desc!r}\n        url: https://example.org/{s}/{t}"
            )
    return "\n".join(lines) + "\n"


text = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs", "P"]), max_size=120).map(
    lambda t: t.replace("'", "’")
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.tuples(text, text), min_size=1, max_size=5), min_size=1, max_size=4),
    text,
    st.sampled_from(["A4", "A5"]),
)
def test_generated_content_lays_out_or_fails_cleanly(
    sections: list[list[tuple[str, str]]], intro: str, size: str
) -> None:
    try:
        flyer = load(make_content(sections, intro, size))
        document = layout(flyer)
    except ContentError as exc:
        assert exc.problems
        return
    check_invariants(flyer, document)
    body = [
        i.size for p in document.pages for i in p.items if isinstance(i, Text) and i.font.endswith("Regular")
    ]
    assert all(s >= MIN_CAPTION_PT for s in body)
    assert MIN_BODY_PT >= 8


def test_beyond_max_pages_names_what_does_not_fit() -> None:
    from .conftest import SAMPLE

    text = SAMPLE.read_text(encoding="utf-8").replace("max_pages: 2", "max_pages: 1")
    with pytest.raises(ContentError) as caught:
        layout(load(text))
    (problem,) = caught.value.problems
    assert problem.path.startswith("sections[")
    assert "does not fit on 1 A4 page" in problem.message and "page 2" in problem.message


def test_density_levels_fill_a_short_flyer_with_bigger_codes() -> None:
    short = load(make_content([[("Une ressource", "Une phrase.")]], "Court.", "A4"))
    long_text = make_content(
        [[("Une ressource", "Une phrase.")] * 5, [("Une autre", "Une phrase.")] * 4], "Court.", "A4"
    )
    long = load(long_text.replace("page: {size: A4}", "page: {size: A4, max_pages: 1}"))
    size = lambda d: next(i.rect.w for p in d.pages for i in p.items if isinstance(i, QR))  # noqa: E731
    assert size(layout(short)) > size(layout(long))


def test_a_verso_with_room_says_who_and_where(sample_build: Build) -> None:
    last = sample_build.document.pages[-1]
    texts = [i.text for i in last.items if isinstance(i, Text)]
    assert any(t.startswith("Forum des associations") for t in texts)
    assert any(isinstance(i, Image) for i in last.items)


def test_a_section_resumed_on_the_verso_repeats_its_title() -> None:
    flyer = load(make_content([[("Une ressource", "Une phrase.")] * 16], "Court.", "A5"))
    document = layout(flyer)
    assert len(document.pages) == 2
    first_text = next(i for i in document.pages[1].items if isinstance(i, Text))
    assert first_text.text == "Section 0 (suite)"


def test_a_footer_without_the_printer_is_a_warning() -> None:
    base = make_content([[("Une ressource", "Une phrase.")]], "Court.", "A4")
    warned = [w for w in layout(load(base)).warnings if "printed" in w.message]
    assert warned and warned[0].severity == "warning"
    fine = layout(load(base + "footer: Imprimé par nos soins.\n")).warnings
    assert not [w for w in fine if "printed" in w.message]
