"""The flow drawn (mutation survivors of ``flyer.layout.flow``): spreading, the title band, fold panels.

As in ``test_flow``, expected values come from the design's numbers and the blocks' own heights.
"""

from __future__ import annotations

import itertools

import pytest

from flyer.geometry import mm
from flyer.layout.flow import Config, Flow, _draw_slot, _spread, draw
from flyer.layout.furniture import about, footer

from .generated import content
from .test_flow import ROWS, _ctx, _planned


def test_a_fold_panel_the_resources_do_not_reach_carries_the_about_block() -> None:
    flow = _planned(content("{size: A4, fold: half}", 1, 1), 2, ROWS)
    pages, bare = draw(flow)
    assert bare == ()
    texts = [getattr(i, "text", "") for i in pages[1].items]
    assert any("Saint-Aubin" in t for t in texts)


def test_the_title_band_grows_by_a_share_of_page_1_s_spare_room_up_to_a_tenth_of_the_page() -> None:
    for count in (1, 4):
        flow = _planned(content("{size: A4, max_pages: 1}", count, 1), 1, ROWS)
        band = flow.skeleton.band
        assert band is not None
        spare = min(s.rect.h - f * s.rect.h for s, f in zip(flow.slots, flow.fills, strict=True))
        grow = min(spare * 0.35, flow.ctx.height * 0.10)
        pages, _ = draw(flow)
        drawn = band.draw(grow)
        assert [i.rect for i in pages[0].items[: len(drawn)]] == [i.rect for i in drawn], count


def test_spare_room_goes_to_section_gaps_then_row_gaps_then_taller_cards() -> None:
    ctx = _ctx(content("{size: A4, max_pages: 1}", 1, 1))
    u = ctx.s.unit
    # A little room: shared between the two section gaps, nothing else moves.
    assert _spread(ctx, u, 2, 3, 100.0, False, 10.0) == pytest.approx((u / 2, 0.0, 0.0))
    # More: each section gap takes 2.5 units at most, each row gap 0.8, the foot keeps the band,
    # then the cards grow (up to twice their height again).
    spare = 2 * 2.5 * u + 3 * 0.8 * u + 10.0 + 50.0
    assert _spread(ctx, spare, 2, 3, 100.0, False, 10.0) == pytest.approx((2.5 * u, 0.8 * u, 0.5))
    # Without heads or rows, nothing is given to them; without cards, nothing grows.
    assert _spread(ctx, 2 * u, 0, 0, 100.0, True, 0.0) == pytest.approx((0.0, 0.0, 2 * u / 100))
    assert _spread(ctx, 2 * u, 1, 0, 0.0, True, u) == pytest.approx((2 * u, 0.0, 0.0))
    # Past twice their height the sections move further apart (up to a band each), then the rows —
    # but not in the last frame, which may end early.
    band = 2.5 * u + 30.0  # a section gap may grow to the band: 30 more
    huge = 2 * 2.5 * u + 3 * 0.8 * u + band + 200.0 + 80.0
    head, row, stretch = _spread(ctx, huge, 2, 3, 100.0, False, band)
    assert stretch == pytest.approx(2.0)
    assert head == pytest.approx(2.5 * u + 30.0)  # 60 of the 80 left
    assert row == pytest.approx(0.8 * u + 20.0 / 3)  # the 20 after them
    assert _spread(ctx, huge, 2, 3, 100.0, True, band) == pytest.approx((2.5 * u, 0.8 * u, 2.0))


def test_with_no_room_left_the_section_gap_is_not_touched() -> None:
    ctx = _ctx(content("{size: A4, max_pages: 1}", 1, 1))
    u = ctx.s.unit
    # Exactly the room for one gap, a foot already at the band's limit: the gap stays 2.5 units.
    assert _spread(ctx, 2.5 * u, 1, 0, 0.0, False, 0.0) == pytest.approx((2.5 * u, 0.0, 0.0))


def test_spread_gives_even_a_fraction_of_a_point_left_over() -> None:
    ctx = _ctx(content("{size: A4, max_pages: 1}", 1, 1))
    u = ctx.s.unit
    # Half a point beyond the full section gap and the foot's band, no cards to grow: it goes to the
    # section (whose gap may grow up to the band)…
    band = 2.5 * u + 1.0
    assert _spread(ctx, 2.5 * u + band + 0.5, 1, 0, 0.0, False, band)[0] == pytest.approx(2.5 * u + 0.5)
    # …or, without sections, to the rows.
    assert _spread(ctx, 0.8 * u + 1.5, 0, 1, 0.0, False, 1.0)[1] == pytest.approx(0.8 * u + 0.5)
    # A fraction of a point left for the cards makes them a fraction taller.
    assert _spread(ctx, 0.5, 0, 0, 100.0, True, 0.0) == pytest.approx((0.0, 0.0, 0.005))
    # Without cards to grow, what is left is never divided by their height.
    assert _spread(ctx, 10 * u, 1, 0, 0.0, True, 0.0) == pytest.approx((2.5 * u, 0.0, 0.0))


def _expected_slot(flow: Flow, k: int, shift: float) -> list[object]:
    """Slot k drawn by the rules of ``_spread``: gaps before heads, between rows, taller cards."""
    ctx, slot = flow.ctx, flow.slots[k]
    bounds = [*flow.cuts, len(flow.blocks)]
    blocks = flow.blocks[bounds[k] : bounds[k + 1]]
    spare = max(0.0, slot.rect.h - shift - flow.fills[k] * slot.rect.h)
    heads = sum(1 for b in blocks[1:] if b.kind == "head")
    rows = sum(1 for a, b in itertools.pairwise(blocks) if b.kind == "cards" and a.kind != "head")
    last = slot.frame == len(flow.skeleton.frames) - 1
    band = max(0.0, ctx.height * 0.15 * 0.9 - (ctx.height - slot.rect.bottom))  # under a blank band
    cards_h = sum(b.height for b in blocks if b.kind == "cards")
    head_gap, row_gap, stretch = _spread(ctx, spare, heads, rows, cards_h, last, band)
    y = slot.rect.y + shift
    items: list[object] = []
    if flow.continued[k] is not None:
        items += flow.continued[k].draw(slot.rect.x, y, slot.rect.w, 0.0)
        y += flow.continued[k].height + 0.5 * ctx.s.unit
    for m, b in enumerate(blocks):
        if m:
            y += b.gap + (head_gap if b.kind == "head" else row_gap if blocks[m - 1].kind != "head" else 0.0)
        grown = b.height * stretch if b.kind == "cards" else 0.0
        items += b.draw(slot.rect.x, y, slot.rect.w, grown)
        y += b.height + grown
    return items


@pytest.mark.parametrize(
    ("page", "count", "sections", "pages", "config"),
    [
        ("{size: A4, max_pages: 1}", 2, 2, 1, ROWS),
        ("{size: A5, max_pages: 2}", 7, 3, 2, ROWS),
        ("{size: A4, max_pages: 2}", 9, 3, 2, ROWS),
        # Two small cards on a page: they grow their most, and the last frame keeps what is left.
        ("{size: A4, max_pages: 1}", 2, 1, 1, Config("rows", 1, "compact")),
    ],
)
def test_each_slot_is_drawn_by_the_spreading_rules(
    page: str, count: int, sections: int, pages: int, config: Config
) -> None:
    flow = _planned(content(page, count, sections), pages, config)
    bounds = [*flow.cuts, len(flow.blocks)]
    for k in range(len(flow.slots)):
        for shift in (0.0, 7.5):
            drawn = _draw_slot(flow, k, bounds[k], bounds[k + 1], shift)
            expected = _expected_slot(flow, k, shift)
            assert [getattr(i, "rect", None) for i in drawn] == [getattr(i, "rect", None) for i in expected]


def test_a_fold_panel_s_flow_starts_at_its_top_and_the_about_panel_is_inset() -> None:
    flow = _planned(content("{size: A4, fold: half}", 1, 1), 2, ROWS)
    pages, _ = draw(flow)
    bounds = [*flow.cuts, len(flow.blocks)]
    k = next(k for k in range(len(flow.slots)) if bounds[k] < bounds[k + 1])
    slot = flow.slots[k]
    head = flow.blocks[bounds[k]].draw(slot.rect.x, slot.rect.y, slot.rect.w, 0.0)
    rects = [getattr(i, "rect", None) for i in pages[1].items]
    assert head[0].rect in rects  # no title band on a fold: nothing shifts the flow down
    empty = next(f for n, f in enumerate(flow.skeleton.frames) if n != flow.slots[k].frame)
    inside = [i for i in pages[1].items if hasattr(i, "text") and i.rect.x >= empty.rect.x - 1]
    inside = [i for i in inside if i.rect.right <= empty.rect.right + 1]
    assert inside and min(i.rect.x for i in inside) >= empty.rect.x + 2 * flow.ctx.s.pad - 0.01


def _rects(items: list[object]) -> list[object]:
    return [getattr(i, "rect", None) for i in items]


def test_a_page_holds_its_slots_intro_note_footer_and_about_block_where_they_belong() -> None:
    from flyer.layout.blocks import intro
    from flyer.layout.furniture import note

    flow = _planned(content("{size: A5, max_pages: 2}", 7, 3), 2, ROWS)
    assert flow.with_about
    ctx, frames, u = flow.ctx, flow.skeleton.frames, flow.ctx.s.unit
    pages, bare = draw(flow)
    assert bare == ()
    spare = min(s.rect.h - f * s.rect.h for s, f in zip(flow.slots, flow.fills, strict=True) if s.frame == 0)
    grow = min(spare * 0.35, ctx.height * 0.10)  # page 1's content moves down with the band
    bounds = [*flow.cuts, len(flow.blocks)]
    drawn = [_rects(list(p.items)) for p in pages]
    for k, slot in enumerate(flow.slots):
        page = frames[slot.frame].page
        shift = grow if page == 0 else 0.0
        for rect in _rects(_draw_slot(flow, k, bounds[k], bounds[k + 1], shift)):
            assert rect in drawn[page]
    first, last = frames[0], frames[-1]
    measured = intro(ctx, first.rect.w)
    assert all(r in drawn[0] for r in _rects(measured[1](first.rect.x, first.rect.y + grow)))
    assert all(r in drawn[0] for r in _rects(note(ctx, first.rect)))
    footer_h, footer_draw = footer(ctx, last.rect.w)
    assert all(r in drawn[1] for r in _rects(footer_draw(last.rect.x, last.rect.bottom - footer_h)))
    # The about block sits two units above the footer (one for the footer's gap, one of its own).
    about_h, about_draw = about(ctx, min(last.rect.w, mm(130)), compact=True)
    top = last.rect.bottom - footer_h - 2 * u - about_h
    assert about_h > 0 and all(r in drawn[1] for r in _rects(about_draw(last.rect.x, top)))


def test_a_fold_panel_with_only_the_intro_makes_the_intro_its_panel() -> None:
    from flyer.layout.blocks import intro
    from flyer.layout.furniture import tinted_panel

    # Every section pinned to the inside (page 2): the flap (page 1) keeps only the intro.
    text = content("{size: A4, fold: trifold}", 2, 2).replace("    items:", "    page: 2\n    items:")
    flow = _planned(text, 2, ROWS)
    bounds = [*flow.cuts, len(flow.blocks)]
    flap = flow.skeleton.frames[0]
    assert flap.intro and bounds[0] == bounds[1]  # nothing of the flow on the flap
    pad = 2 * flow.ctx.s.pad
    measured = intro(flow.ctx, flap.rect.w - 2 * pad)
    panel = tinted_panel(flow.ctx, flap.rect, measured[0], measured[1], pad)
    pages, _ = draw(flow)
    assert all(r in _rects(list(pages[flap.page].items)) for r in _rects(panel))


def test_the_about_block_at_a_verso_s_foot_is_130_mm_wide_at_most() -> None:
    from flyer.text.typography import BOLD

    base = content("{size: A4, max_pages: 2}", 10)
    ctx = _ctx(base)  # the tightest level, where the flow below is planned
    start = "Association des habitants et des commerçants du quartier de la gare et des bords du"

    def lines(name: str, measure: float) -> list[str]:
        return ctx.lines(name, BOLD, ctx.s.card_title, mm(measure), hyphenate=False)

    # A name whose lines at 130 mm are not its lines at 131 mm: the test can tell the measures apart.
    name = next(
        f"{start} {w}"
        for w in ("lac", "parc", "pont", "port", "bois", "mont", "val", "clos", "tous", "sud", "nord")
        if lines(f"{start} {w}", 130) != lines(f"{start} {w}", 131)
    )
    text = base.replace("organisation: {name: Ville de Saint-Aubin,", f"organisation: {{name: {name},")
    flow = _planned(text, 2, ROWS)
    assert flow.with_about and flow.skeleton.frames[-1].rect.w > mm(130)
    pages, _ = draw(flow)
    texts = [getattr(i, "text", "") for i in pages[1].items]
    assert all(line in texts for line in lines(name, 130))


def test_a_trifold_s_flap_flow_starts_at_its_top() -> None:
    flow = _planned(content("{size: A4, fold: trifold}", 2, 2), 2, ROWS)
    bounds = [*flow.cuts, len(flow.blocks)]
    assert bounds[0] < bounds[1]  # the flap (page 1, where a flat flyer has its title band) has a section
    slot = flow.slots[0]
    head = flow.blocks[0].draw(slot.rect.x, slot.rect.y, slot.rect.w, 0.0)
    pages, _ = draw(flow)
    assert head[0].rect in _rects(list(pages[0].items))


def test_only_one_spare_fold_panel_repeats_the_about_block_and_within_its_padding() -> None:
    long_name = "Association des habitants et des commerçants du quartier de la gare et des bords du canal"
    text = content("{size: A4, fold: trifold}", 1, 1).replace(
        "organisation: {name: Ville de Saint-Aubin,", f"organisation: {{name: {long_name},"
    )
    flow = _planned(text, 2, ROWS)
    pages, bare = draw(flow)
    bounds = [*flow.cuts, len(flow.blocks)]
    frames = flow.skeleton.frames
    spare = [f for n, f in enumerate(frames) if bounds[n] == bounds[n + 1] and not f.intro]
    assert len(spare) == 3 and bare == tuple(f.name for f in spare[1:])  # the first carries it
    pad = 2 * flow.ctx.s.pad
    panel = spare[0].rect
    inside = [
        i
        for i in pages[1].items
        if hasattr(i, "text") and panel.x - 1 <= i.rect.x and i.rect.right <= panel.right + 1
    ]
    assert inside and all(i.rect.right <= panel.right - pad + 0.01 for i in inside)
    from flyer.document import ARTIFACT

    assert all(i.tag == ARTIFACT for i in inside)  # a copy: decoration, not read twice
    assert max(i.rect.right for i in inside) > panel.right - pad - mm(15)  # it does use the measure
    # Set at exactly the panel's width less its padding on both sides: the same lines.
    _, set_at_measure = about(flow.ctx, panel.w - 2 * pad, repeated=True)
    expected = [i.text for i in set_at_measure(0.0, 0.0) if hasattr(i, "text")]
    assert [i.text for i in inside] == expected
