"""The layout engine's promises, on generated content: capacity, balance, code sizes, growth."""

from __future__ import annotations

import math
import re

import pytest

from flyer.content.model import load
from flyer.document import QR, Document, Text
from flyer.errors import ContentError
from flyer.geometry import mm, to_mm
from flyer.layout import layout

from .generated import FORMATS, content
from .layoutcheck import blank_bands
from .test_layout import check_invariants

#: Issue #10: resources that must fit each format, whatever the split into sections.
CAPACITY = {
    "A4 recto": 12,
    "A4 recto-verso": 30,
    "A4 landscape recto-verso": 24,
    "A5 recto": 6,
    "A5 recto-verso": 14,
    "A6 recto-verso": 6,
    "DL recto-verso": 10,
    "letter recto-verso": 30,
    "trifold": 18,
    "half fold": 12,
}


def codes(document: Document) -> list[QR]:
    return [i for p in document.pages for i in p.items if isinstance(i, QR)]


@pytest.mark.parametrize("name", sorted(CAPACITY))
@pytest.mark.parametrize("sections", [2, 3, 5])
def test_capacity_whatever_the_split(name: str, sections: int) -> None:
    flyer = load(content(FORMATS[name], CAPACITY[name], sections))
    document = layout(flyer)
    check_invariants(flyer, document)
    body = [
        i.size for p in document.pages for i in p.items if isinstance(i, Text) and i.font.endswith("Regular")
    ]
    assert min(body) >= 6.5
    assert all(code.rect.w >= mm(20) for code in codes(document))


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("count", [1, 2, 4, 7, 12, 20, 30])
def test_no_page_or_panel_keeps_a_blank_band(name: str, count: int) -> None:
    """No blank band over 15 % of the page height, but at the foot of the last page or panel."""
    try:
        document = layout(load(content(FORMATS[name], count, 3)))
    except ContentError as caught:
        (problem,) = caught.problems
        assert "of the" in problem.hint and "fit here" in problem.hint
        assert count > CAPACITY.get(name, 14)  # A5 landscape: at least A5's 14
        return
    bare = [w for w in document.warnings if w.path == "page.fold"]
    for page, panel, band, _ in blank_bands(document):
        assert band <= 0.15 or bare, (page, panel, f"{band:.0%}")
    if bare:
        assert count <= 2 and "blank" in bare[0].message


@pytest.mark.parametrize("name", ["A4 recto-verso", "A5 recto-verso", "A6 recto-verso", "DL recto-verso"])
@pytest.mark.parametrize("count", [3, 6, 9])
def test_a_recto_always_carries_resources(name: str, count: int) -> None:
    try:
        document = layout(load(content(FORMATS[name], count, 2)))
    except ContentError:
        return
    assert any(isinstance(i, QR) for i in document.pages[0].items)


@pytest.mark.parametrize("name", ["A4 recto-verso", "A5 recto-verso", "DL recto-verso", "trifold"])
def test_code_size_follows_the_module_count(name: str) -> None:
    """At least 0.5 mm per module (phone photo), never under 20 mm; one size per section."""
    flyer = load(content(FORMATS[name], 6, 2, long_urls=True))
    document = layout(flyer)
    found = codes(document)
    assert found
    for code in found:
        assert to_mm(code.rect.w) / code.symbol.modules >= 0.5
        assert code.rect.w >= mm(20)
    by_section: dict[str, set[float]] = {}
    for code in found:
        section = next(s.title for s in flyer.sections for i in s.items if i.url in code.url)
        by_section.setdefault(section, set()).add(round(code.rect.w, 2))
    assert all(len(sizes) == 1 for sizes in by_section.values()), by_section


def test_a_version_10_code_is_at_least_30_mm() -> None:
    long = (
        "https://co-constructionterritoriale.example.org/"
        + "retrouver-les-grandes-etapes-de-la-recherche-x" * 2
    )
    text = content(FORMATS["A4 recto-verso"], 2, 1).replace("https://www.saint-aubin.fr/r/0", long)
    document = layout(load(text))
    (dense,) = [c for c in codes(document) if c.url == long]
    if dense.symbol.level == "Q":
        assert dense.symbol.version >= 10 and to_mm(dense.rect.w) >= 30
    assert to_mm(dense.rect.w) >= math.ceil(dense.symbol.modules * 0.5)


def test_long_address_chooses_error_correction_m_when_q_is_much_larger() -> None:
    from flyer.qr import encode, symbol

    long = "https://example.org/" + "a-long-path-segment/" * 7
    q, chosen = encode(long, "Q"), symbol(long)
    assert chosen.level == "M" and q.version - chosen.version >= 2
    assert symbol("https://example.org/short").level == "Q"


def test_a_near_empty_page_grows_its_code_and_type() -> None:
    sparse = layout(load(content(FORMATS["A4 recto"], 1, 1)))
    dense = layout(load(content(FORMATS["A4 recto"], 12, 3)))
    assert to_mm(codes(sparse)[0].rect.w) >= 40
    assert to_mm(codes(dense)[0].rect.w) < 30
    title = lambda d: max(i.size for p in d.pages for i in p.items if isinstance(i, Text))  # noqa: E731
    assert title(sparse) > title(dense)


def test_dense_flyers_choose_narrower_card_shapes() -> None:
    shapes = {layout(load(content(FORMATS["A5 recto-verso"], n, 3))).fit[0].arrangement for n in (2, 14)}
    assert len(shapes) == 2


def test_too_much_content_says_how_many_fit_and_where_all_would() -> None:
    with pytest.raises(ContentError) as caught:
        layout(load(content(FORMATS["A6 recto-verso"], 14, 3)))
    (problem,) = caught.value.problems
    assert "does not fit on 2 A6 pages" in problem.message
    fit = int(problem.hint.split(" of the ")[0])
    assert 6 <= fit < 14
    assert "which holds them all" in problem.hint and "max_pages: 2" not in problem.hint.split("choose")[0]
    # The suggested format does hold them.
    suggested = problem.hint.split("choose ")[1].split(", which")[0].removeprefix("page: ")
    layout(load(content(suggested, 14, 3)))
    # It points at the first resource that does not fit: the one after the ones that do.
    flyer = load(content(FORMATS["A6 recto-verso"], 14, 3))
    s, i = (int(n) for n in re.findall(r"\d+", problem.path))
    assert sum(len(x.items) for x in flyer.sections[:s]) + i == fit
    assert problem.path == f"sections[{s}].items[{i}]"
    assert f"« {flyer.sections[s].items[i].title} » ({problem.path}) and what follows" in problem.message


def test_fit_report_names_every_page_and_panel() -> None:
    flat = layout(load(content(FORMATS["A5 recto-verso"], 10, 3)))
    assert [f.name for f in flat.fit] == ["recto", "verso"]
    fold = layout(load(content(FORMATS["trifold"], 10, 3)))
    assert [f.name for f in fold.fit] == ["flap", "inside 1", "inside 2", "inside 3"]
    for fit in (*flat.fit, *fold.fit):
        assert 0 < fit.fill <= 1.0001 and fit.codes_mm[0] >= 20 and fit.smallest_pt >= 6.5


def test_layout_is_deterministic() -> None:
    text = content(FORMATS["half fold"], 9, 2)
    assert layout(load(text)) == layout(load(text))


def test_when_no_resource_fits_none_is_blamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the title band, the introduction and the footer alone overflow, no resource is to blame."""
    import importlib

    overflow = importlib.import_module("flyer.layout.overflow")  # the module, not its function
    monkeypatch.setattr(overflow, "_fits", lambda flyer, pictures: False)  # nothing fits, even no resource
    with pytest.raises(ContentError) as caught:
        layout(load(content(FORMATS["A6 recto-verso"], 14, 3)))
    (problem,) = caught.value.problems
    assert problem.hint.startswith("0 of the 14 resources fit here") and "choose" not in problem.hint
    # Not the first resource: it is not what makes the flyer overflow; what the layout left over is.
    assert problem.path != "sections[0].items[0]" and "Ressource numéro 1 »" not in problem.message
