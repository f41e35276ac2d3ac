"""The flow's promises (mutation survivors of ``flyer.layout.flow``): pure, content in, slots and items out.

Expected values come from the design's numbers as DESIGN and the module's docstrings state them
(gaps in units of the level, the about block's measure, the title band's growth) and from the
blocks' own heights, never from the flow's output.
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from flyer.content.model import load
from flyer.content.theme import palette
from flyer.geometry import mm
from flyer.layout.cards import min_card_width, section_codes
from flyer.layout.compose import compose
from flyer.layout.context import Ctx
from flyer.layout.flow import Config, Flow, _blocks, _draw_slot, plan
from flyer.layout.frames import skeleton
from flyer.layout.furniture import about, footer, note_height
from flyer.layout.scale import LEVELS, Scale, page_factor, trim_size
from flyer.text.typography import line_box, register_fonts

from .generated import content


def _ctx(text: str, level: int = LEVELS - 1) -> Ctx:
    register_fonts()
    flyer = load(text)
    w, h = trim_size(flyer)
    return Ctx(flyer, {}, palette(flyer.theme), Scale.at(level, page_factor(flyer)), w, h, *line_box())


def _chosen(text: str) -> Flow:
    choice = compose(_ctx(text))
    assert not isinstance(choice, tuple), choice
    return choice.flow


def _planned(text: str, pages: int, config: Config, level: int = LEVELS - 1) -> Flow:
    ctx = _ctx(text, level)
    flow = plan(ctx, skeleton(ctx, pages), config, balance=True)
    assert isinstance(flow, Flow), flow
    return flow


ROWS = Config("rows", 1, "beside")


def test_a_candidate_is_a_value_nothing_rewrites() -> None:
    flow = _chosen(content("{size: A5, max_pages: 2}", 4))
    for value, field in [(flow, "cuts"), (flow.config, "columns"), (flow.slots[0], "first")]:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, field, None)


# --- the room each slot gets -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "count"), [("{size: A5, max_pages: 2}", 6), ("{size: A4, max_pages: 2}", 10)]
)
def test_each_slot_is_its_frame_less_the_intro_footer_note_and_about_block(page: str, count: int) -> None:
    flow = _planned(content(page, count, 2), 2, ROWS)
    _check_slots(flow)


def test_a_flyer_without_footer_or_organisation_keeps_no_room_for_them() -> None:
    text = content("{size: A5, max_pages: 2}", 6, 2, org=False)
    text = text.replace("footer: Imprimé par nos soins. Ne pas jeter sur la voie publique.\n", "")
    flow = _planned(text, 2, ROWS)
    assert footer(flow.ctx, flow.skeleton.frames[-1].rect.w)[0] == 0.0
    _check_slots(flow)


def _check_slots(flow: Flow) -> None:
    ctx, frames = flow.ctx, flow.skeleton.frames
    unit = ctx.s.unit
    assert flow.intro_h > 0
    for slot in flow.slots:
        frame = frames[slot.frame]
        # 1.3 units between the intro and the first section; nothing above the flow elsewhere.
        top = flow.intro_h + 1.3 * unit if frame.intro else 0.0
        assert slot.rect.y == pytest.approx(frame.rect.y + top)
        if frame.footer:
            footer_h = footer(ctx, frame.rect.w)[0]
            foot = footer_h + 1.0 * unit if footer_h else 0.0  # one unit above a footer, if any
            if flow.with_about:  # the about block (at most 130 mm wide) and 3 units around it
                foot += about(ctx, min(frame.rect.w, mm(130)), compact=True)[0] + 3.0 * unit
        else:
            foot = note_height(ctx) if frame.note else 0.0
        assert slot.rect.bottom == pytest.approx(frame.rect.bottom - foot)


def test_without_an_intro_the_flow_starts_at_the_frame_top() -> None:
    text = content("{size: A5, max_pages: 2}", 6, intro=False) + "call_to_action: false\n"
    flow = _planned(text, 2, ROWS)
    assert flow.intro_h == 0.0
    frame = flow.skeleton.frames[0]
    assert flow.slots[0].rect.y == frame.rect.y


def test_the_about_block_goes_at_a_verso_s_foot_only() -> None:
    recto = _planned(content("{size: A4, max_pages: 1}", 2), 1, ROWS)
    assert not recto.with_about  # one page: the organisation is in the footer, no about block
    verso = _planned(content("{size: A4, max_pages: 2}", 10), 2, ROWS)
    assert verso.with_about
    fold = _planned(content("{size: A4, fold: half}", 2), 2, ROWS)
    assert not fold.with_about  # a fold has its own back panel


def test_a_verso_too_full_for_the_about_block_drops_it_rather_than_fail() -> None:
    # Find the fullest A5 recto-verso that still fits at the tightest level: there, the about block
    # cannot keep its room, and the flyer is set without it.
    columns = Config("columns", 2, "compact")
    flows = []
    for n in range(4, 30):
        ctx = _ctx(content("{size: A5, max_pages: 2}", n, 2))
        found = plan(ctx, skeleton(ctx, 2), columns, balance=False)
        if not isinstance(found, Flow):
            break
        flows.append(found)
    assert flows and flows[0].with_about
    assert not flows[-1].with_about


# --- which cards go together ----------------------------------------------------------------------


def test_rows_of_more_columns_than_any_section_has_resources_are_not_tried() -> None:
    ctx = _ctx(content("{size: A4, orientation: landscape, max_pages: 2}", 2, 2))  # 1 + 1
    sk = skeleton(ctx, 1)
    assert plan(ctx, sk, Config("rows", 2, "tile"), balance=False) is None
    assert isinstance(plan(ctx, sk, Config("rows", 1, "tile"), balance=False), Flow)
    assert isinstance(plan(ctx, sk, Config("columns", 2, "tile"), balance=False), Flow)


def test_newspaper_columns_hold_one_card_a_block() -> None:
    flow = _planned(content("{size: A4, max_pages: 2}", 6, 2), 1, Config("columns", 2, "compact"))
    cards = [b for b in flow.blocks if b.kind == "cards"]
    assert cards and all(b.count == 1 for b in cards)


def test_a_card_exactly_at_its_minimum_width_fits_and_half_a_point_less_does_not() -> None:
    ctx = _ctx(content("{size: A4, max_pages: 1}", 1, 1))
    section = ctx.flyer.sections[0]
    least = min_card_width(ctx, "beside", section_codes(ctx, section.items))
    assert _blocks(ctx, ROWS, least) is not None
    assert _blocks(ctx, ROWS, least - 0.01) is not None  # rounding is forgiven…
    assert _blocks(ctx, ROWS, least - 0.5) is None  # …a narrower card is not
    # Two across: two minimum cards and one gutter between them.
    ctx = _ctx(content("{size: A4, max_pages: 1}", 2, 1))
    pair = Config("rows", 2, "beside")
    least = min_card_width(ctx, "beside", section_codes(ctx, ctx.flyer.sections[0].items))
    assert _blocks(ctx, pair, 2 * least + mm(5)) is not None
    assert _blocks(ctx, pair, 2 * least + mm(5) - 1.0) is None


# --- cutting and balancing -------------------------------------------------------------------------


def _expected_fill(flow: Flow, k: int) -> float:
    """Slot k's content: its blocks and the gaps between them, and a repeated title when it resumes."""
    bounds = [*flow.cuts, len(flow.blocks)]
    blocks = flow.blocks[bounds[k] : bounds[k + 1]]
    h = sum(b.height for b in blocks) + sum(b.gap for b in blocks[1:])
    if flow.continued[k] is not None:
        h += flow.continued[k].height + 0.5 * flow.ctx.s.unit  # half a unit below the repeated title
    return h


def test_a_resumed_section_repeats_its_title_half_a_unit_above_its_cards() -> None:
    flow = _planned(content("{size: A5, max_pages: 2}", 7, 1), 2, ROWS)
    bounds = [*flow.cuts, len(flow.blocks)]
    resumed = [k for k, c in enumerate(flow.continued) if c is not None]
    assert resumed  # one section over two pages
    for k, slot in enumerate(flow.slots):
        first = flow.blocks[bounds[k]] if bounds[k] < bounds[k + 1] else None
        assert (k in resumed) == (first is not None and first.kind == "cards" and slot.first)
        assert flow.fills[k] * slot.rect.h == pytest.approx(_expected_fill(flow, k))
    k = resumed[0]
    slot, title = flow.slots[k], flow.continued[k]
    assert title is not None
    items = _draw_slot(flow, k, bounds[k], bounds[k + 1], 0.0)
    below = len(title.draw(slot.rect.x, slot.rect.y, slot.rect.w, 0.0))
    card = flow.blocks[bounds[k]].draw(
        slot.rect.x, slot.rect.y + title.height + 0.5 * flow.ctx.s.unit, slot.rect.w, 0.0
    )
    assert items[below].rect.y == pytest.approx(card[0].rect.y)


def test_the_greedy_cut_starts_with_the_first_section() -> None:
    ctx = _ctx(content("{size: A5, max_pages: 2}", 6, 2))
    flow = plan(ctx, skeleton(ctx, 2), ROWS, balance=False)
    assert isinstance(flow, Flow)
    assert flow.cuts[0] == 0
    assert [flow.fills[k] * s.rect.h for k, s in enumerate(flow.slots)] == pytest.approx(
        [_expected_fill(flow, k) for k in range(len(flow.slots))]
    )


@pytest.mark.parametrize("sections", [2, 3])
def test_balancing_leaves_the_fewest_slots_empty_and_an_empty_slot_is_empty(sections: int) -> None:
    # One-resource sections on a trifold's four frames: each gets a panel, though they would share.
    flow = _planned(content("{size: A4, fold: trifold}", sections, sections), 2, ROWS)
    bounds = [*flow.cuts, len(flow.blocks)]
    filled = [k for k in range(len(flow.slots)) if bounds[k] < bounds[k + 1]]
    assert len(filled) == sections
    assert all(flow.fills[k] == 0.0 for k in range(len(flow.slots)) if k not in filled)
    assert flow.balance == 0.0


def test_an_arrangement_says_what_it_is() -> None:
    assert str(Config("rows", 1, "beside")) == "beside cards, 1 column"
    assert str(Config("rows", 2, "tile")) == "tile cards, 2 columns"
    assert str(Config("columns", 2, "compact")) == "compact cards, 2 columns (newspaper)"
    assert str(Config("columns", 1, "compact")) == "compact cards, 1 column"


def test_rows_of_two_end_with_the_odd_card_and_two_columns_are_tried_for_pairs() -> None:
    ctx = _ctx(content("{size: A4, orientation: landscape, max_pages: 2}", 4, 2))  # 2 + 2
    assert isinstance(plan(ctx, skeleton(ctx, 1), Config("rows", 2, "tile"), balance=False), Flow)
    flow = _planned(content("{size: A4, max_pages: 2}", 6, 2), 1, Config("rows", 2, "compact"))  # 3 + 3
    assert [b.count for b in flow.blocks if b.kind == "cards"] == [2, 1, 2, 1]


def test_a_section_pinned_to_page_2_starts_on_the_verso_and_the_others_do_not_wait() -> None:
    text = content("{size: A5, max_pages: 2}", 4, 2).replace(
        "  - title: Étape 2 du parcours\n", "  - title: Étape 2 du parcours\n    page: 2\n"
    )
    flow = _planned(text, 2, ROWS)
    bounds = [*flow.cuts, len(flow.blocks)]
    page_of = {}
    for k, slot in enumerate(flow.slots):
        for b in flow.blocks[bounds[k] : bounds[k + 1]]:
            page_of.setdefault(b.section, flow.skeleton.frames[slot.frame].page)
    assert page_of == {0: 0, 1: 1}


def test_what_does_not_fit_is_named_by_its_section_or_its_first_resource_left_out() -> None:
    ctx = _ctx(content("{size: A5, max_pages: 1}", 5, 1))
    assert plan(ctx, skeleton(ctx, 1), ROWS, balance=False) == "sections[0].items[3]"
    ctx = _ctx(content("{size: A5, max_pages: 1}", 4, 3))  # 2 + 1 + 1: the third title has no room
    assert plan(ctx, skeleton(ctx, 1), ROWS, balance=False) == "sections[2]"


def test_balancing_makes_the_emptiest_slot_fuller_than_the_greedy_cut() -> None:
    ctx = _ctx(content("{size: A5, max_pages: 2}", 5, 2))
    sk = skeleton(ctx, 2)
    greedy = plan(ctx, sk, ROWS, balance=False)
    balanced = plan(ctx, sk, ROWS, balance=True)
    assert isinstance(greedy, Flow) and isinstance(balanced, Flow)
    assert balanced.balance > greedy.balance
    assert balanced.cuts != greedy.cuts


@pytest.mark.parametrize("config", [ROWS, Config("columns", 2, "compact"), Config("columns", 3, "compact")])
def test_a_frame_s_columns_are_equal_and_a_gutter_apart(config: Config) -> None:
    flow = _planned(content("{size: A4, max_pages: 2}", 6, 2), 2, config)
    for n, frame in enumerate(flow.skeleton.frames):
        columns = [s.rect for s in flow.slots if s.frame == n]
        assert len(columns) == (config.columns if config.mode == "columns" else 1)
        assert columns[0].x == pytest.approx(frame.rect.x)
        assert columns[-1].right == pytest.approx(frame.rect.right)
        assert all(c.w == pytest.approx(columns[0].w) for c in columns)
        for a, b in itertools.pairwise(columns):
            assert b.x - a.right == pytest.approx(mm(5))  # one gutter (DESIGN: 5 mm)
        assert [s.first for s in flow.slots if s.frame == n] == [True] + [False] * (len(columns) - 1)


@pytest.mark.parametrize("balance", [False, True])
def test_slots_exactly_as_tall_as_their_content_take_it(balance: bool) -> None:
    from flyer.geometry import Rect
    from flyer.layout.flow import Slot, _cut

    ctx = _ctx(content("{size: A5, max_pages: 2}", 4, 2))  # 2 + 2: head, row, row, head, row, row
    sk = skeleton(ctx, 2)
    blocks = _blocks(ctx, ROWS, sk.frames[1].rect.w)
    assert blocks is not None
    j = next(k for k, b in enumerate(blocks) if k and b.kind == "head")  # the second section's head
    # Heights summed as the flow sums them: blocks, and the gaps between them (not above a slot's first).
    prefix = [0.0]
    for k, b in enumerate(blocks):
        prefix.append(prefix[-1] + b.height + (b.gap if k else 0.0))
    first_h = prefix[j]
    second_h = prefix[-1] - prefix[j] - blocks[j].gap
    frame = sk.frames[1]  # the verso: no section is pinned, no page forbids anything
    slots = [
        Slot(1, Rect(frame.rect.x, frame.rect.y, frame.rect.w, first_h), True),
        Slot(1, Rect(frame.rect.x, frame.rect.y, frame.rect.w, second_h), False),
    ]
    cut = _cut(ctx, sk, slots, blocks, balance)
    assert not isinstance(cut, str)
    cuts, fills, _ = cut
    assert cuts == (0, j) and fills == pytest.approx((1.0, 1.0))
    if balance:
        # A first slot that could hold everything: balancing still fills the second one exactly.
        tall = Slot(1, Rect(frame.rect.x, frame.rect.y, frame.rect.w, prefix[-1]), True)
        cut = _cut(ctx, sk, [tall, slots[1]], blocks, balance)
        assert not isinstance(cut, str) and cut[0] == (0, j)
