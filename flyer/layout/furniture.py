"""The fixed parts of a flyer: title band (or cover), footer, the organisation block, the back panel.

Each is a function of the context and the rectangle it goes in, returning its height and a draw
function, so the flow can measure before it places.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flyer.content.theme import WHITE
from flyer.content.tracking import tracked
from flyer.content.urls import href, short_address
from flyer.document import ARTIFACT, Box, Image, Link, Paint, PlacedItem, Rule, Tag
from flyer.geometry import BLEED_MM, Rect, mm
from flyer.layout.context import Ctx, union
from flyer.layout.scale import DETAILS_GAP, EYEBROW_GAP, SUBTITLE_GAP
from flyer.text.labels import event_details, event_line
from flyer.text.labels import text as label_text
from flyer.text.typography import BOLD, REGULAR, SEMIBOLD, typeset, width

__all__ = ["Band", "about", "back_panel", "band", "footer", "note", "note_height", "tinted_panel"]

# The top-level structure elements of the tagged PDF that these parts fill.
_BAND, _FOOTER, _ABOUT = ("Sect:band",), ("Sect:footer",), ("Sect:about",)

#: A title never shrinks below this to make its longest word fit; past it, the word is hyphenated.
TITLE_FLOOR_PT = 13.0
#: The logo's white tile: a margin around the mark so it reads on any band colour.
LOGO_TILE_MM = 3.0
#: The logo in the band: this tall beside a title of ``LOGO_BAND_TITLE_PT`` (it follows the title),
#: this tall on a fold's cover, never wider than ``LOGO_MAX_W_MM``, this far from the title.
LOGO_BAND_MM = 16.0
LOGO_BAND_TITLE_PT = 30.0
LOGO_COVER_MM = 18.0
LOGO_MAX_W_MM = 45.0
LOGO_TEXT_GAP_MM = 3.0
#: The logo in the about block: large on a back panel, small beside the text at a verso's foot.
ABOUT_LOGO_MM = 22.0
ABOUT_LOGO_COMPACT_MM = 14.0
ABOUT_LOGO_MAX_W_MM = 40.0
#: The eyebrow (event line) is set in capitals, tracked out this much (pt between letters).
EYEBROW_TRACKING = 0.6
#: The band's padding never goes under this (the text keeps clear of the trim's safety margin).
BAND_PAD_MIN_MM = 7.0
#: The footer's rule: a hairline that separates without weighing.
FOOTER_RULE_PT = 0.6


@dataclass(frozen=True)
class Band:
    """The title band: its natural height, and how to draw it grown by ``extra`` points."""

    height: float
    draw: Callable[[float], list[PlacedItem]]


def _eyebrow(ctx: Ctx) -> str:
    event, org = ctx.flyer.event, ctx.flyer.organisation
    return event_line(event, ctx.lang) if event else (org.name if org else "")


def _title_size(ctx: Ctx, text_w: float) -> float:
    """The level's title size, shrunk until the longest word fits the line (no word is cut)."""
    size = ctx.s.title
    words = typeset(ctx.flyer.title, ctx.lang).replace("\u00a0", " ").replace("\u202f", " ").split(" ")
    longest = max((width(w, BOLD, 1.0) for w in words), default=0.0)
    if longest * size > text_w:
        size = max(TITLE_FLOOR_PT, int(text_w / longest * 10) / 10)
    return size


def band(ctx: Ctx, area: Rect | None = None) -> Band:
    """The title band across the top of page 1, or filling ``area`` (a folded flyer's cover).

    Its background runs into the bleed wherever it touches the trim; the logo sits on a white tile,
    top right of the band or at the foot of a cover.
    """
    f, s, c = ctx.flyer, ctx.s, ctx.colours
    cover = area is not None
    panel = area or Rect(0, 0, ctx.width, ctx.height)
    inset = ctx.panel_margin if cover else ctx.margin
    x = panel.x + inset
    logo = f.organisation.logo if f.organisation else None
    picture = ctx.pictures.get(logo) if logo else None
    logo_h = mm(LOGO_BAND_MM) * (s.title / LOGO_BAND_TITLE_PT) if not cover else mm(LOGO_COVER_MM)
    logo_w = min(logo_h * picture.width / picture.height, mm(LOGO_MAX_W_MM)) if picture else 0.0
    beside = picture is not None and not cover
    text_w = panel.w - 2 * inset - (logo_w + mm(2 * LOGO_TILE_MM + LOGO_TEXT_GAP_MM) if beside else 0)
    eyebrow = _eyebrow(ctx)
    eyebrow_lines = (
        ctx.lines(eyebrow.upper(), SEMIBOLD, s.eyebrow, text_w, hyphenate=False) if eyebrow else []
    )
    title_size = _title_size(ctx, text_w)
    title = ctx.lines(f.title, BOLD, title_size, text_w, balance=True, hyphenate=title_size <= TITLE_FLOOR_PT)
    sub = (
        ctx.lines(f.subtitle, REGULAR, s.subtitle, text_w, balance=True, hyphenate=False)
        if f.subtitle
        else []
    )
    details_text = event_details(f.event, ctx.lang) if f.event else ""
    details = ctx.lines(details_text, SEMIBOLD, s.body, text_w, hyphenate=False) if details_text else []
    text_h = (
        (ctx.text_height(len(eyebrow_lines), s.eyebrow) + s.unit * EYEBROW_GAP if eyebrow_lines else 0.0)
        + ctx.text_height(len(title), title_size)
        + (s.unit * SUBTITLE_GAP + ctx.text_height(len(sub), s.subtitle) if sub else 0.0)
        + (s.unit * DETAILS_GAP + ctx.text_height(len(details), s.body) if details else 0.0)
    )
    # A dense flyer's band is tighter, a sparse one's grander: its padding follows the unit.
    pad_top = inset if cover else min(inset, max(mm(BAND_PAD_MIN_MM), s.unit * 2))
    pad_bottom = inset * 0.9 if cover else max(mm(BAND_PAD_MIN_MM - 1), s.unit * 1.6)
    top = panel.y + pad_top + mm(1)
    tile_h = logo_h + mm(2 * LOGO_TILE_MM)
    natural = max(text_h, tile_h - mm(1) if beside else 0.0) + pad_top + pad_bottom + mm(1)
    org = f.organisation
    logo_tag = Tag("Figure", "band.logo", _BAND, alt=org.name if org else "")

    def draw(extra: float) -> list[PlacedItem]:
        bottom = panel.bottom if cover else panel.y + natural + extra
        # On a cover the text sits a third of the way down; in a band it is centred in the growth.
        y = top + (extra / 2 if not cover else max(0.0, (panel.h - text_h) / 3 - inset))
        items: list[PlacedItem] = []
        if eyebrow_lines:
            items += ctx.draw_lines(
                eyebrow_lines,
                SEMIBOLD,
                s.eyebrow,
                c.band_soft,
                x,
                y,
                EYEBROW_TRACKING,
                Tag("P", "band.eyebrow", _BAND),
            )
            y += ctx.text_height(len(eyebrow_lines), s.eyebrow) + s.unit * EYEBROW_GAP
        items += ctx.draw_lines(title, BOLD, title_size, WHITE, x, y, tag=Tag("H1", "band.title", _BAND))
        y += ctx.text_height(len(title), title_size)
        if sub:
            y += s.unit * SUBTITLE_GAP
            items += ctx.draw_lines(
                sub, REGULAR, s.subtitle, WHITE, x, y, tag=Tag("P", "band.subtitle", _BAND)
            )
            y += ctx.text_height(len(sub), s.subtitle)
        if details:
            y += s.unit * DETAILS_GAP
            items += ctx.draw_lines(
                details, SEMIBOLD, s.body, c.band_soft, x, y, tag=Tag("P", "band.event", _BAND)
            )
        if picture and beside:
            tile = Rect(panel.right - inset - logo_w - mm(LOGO_TILE_MM), top - mm(1), logo_w + mm(6), tile_h)
            items.append(Box(tile, WHITE, radius=mm(1.5)))
            items.append(Image(Rect(tile.x + mm(3), tile.y + mm(3), logo_w, logo_h), picture, logo_tag))
        if cover:
            foot = panel.bottom - inset
            if org:
                # A cover ends with who publishes the flyer: logo tile, name and address.
                size = s.subtitle
                if org.url:
                    url_size = s.caption + 1
                    foot -= ctx.text_height(1, url_size)
                    items += ctx.draw_lines(
                        [short_address(org.url)], SEMIBOLD, url_size, c.band_soft, x, foot
                    )
                    foot -= s.unit * 0.3
                foot -= ctx.text_height(1, size)
                items += ctx.draw_lines(
                    [org.name], BOLD, size, WHITE, x, foot, tag=Tag("P", "band.org", _BAND)
                )
                foot -= s.unit
            if picture:
                tile = Rect(x, foot - tile_h, logo_w + mm(2 * LOGO_TILE_MM), tile_h)
                items.append(Box(tile, WHITE, radius=mm(1.5)))
                items.append(Image(Rect(tile.x + mm(3), tile.y + mm(3), logo_w, logo_h), picture, logo_tag))
        bleed = mm(BLEED_MM)
        left = panel.x - (bleed if panel.x <= 0 else 0)
        right = panel.right + (bleed if panel.right >= ctx.width else 0)
        background = Box(
            Rect(left, -bleed, right - left, bottom + bleed * (2 if cover else 1)), c.primary, background=True
        )
        return [background, *items]

    return Band(panel.h if cover else natural, draw)


def footer(ctx: Ctx, area_w: float) -> tuple[float, Callable[[float, float], list[PlacedItem]]]:
    """Organisation, its web and mail addresses (each its own link), then the legal mentions.

    Nothing at all (not even the rule) when there is neither an organisation nor a footer text.
    """
    f, s, c = ctx.flyer, ctx.s, ctx.colours
    org = f.organisation
    size = s.caption + 0.5
    segments: list[tuple[str, str, Link | None]] = []  # text, font, link (rect filled in at draw)
    if org:
        site = None
        if org.url:
            url = tracked(org.url, f.tracking, "pdf")
            site = Link(Rect(0, 0, 0, 0), url, f"{org.name} – {short_address(org.url)}")
        segments.append((org.name, SEMIBOLD, site))
        if org.url:
            segments.append((short_address(org.url), REGULAR, site))
        if org.email:
            mail = Link(Rect(0, 0, 0, 0), href(org.email), f"{org.name} – {short_address(org.email)}")
            segments.append((short_address(org.email), REGULAR, mail))
    legal = ctx.lines(f.footer, REGULAR, s.caption, area_w) if f.footer else []
    if not segments and not legal:
        return 0.0, lambda x, top: []
    separator = " · "
    one_line = sum(width(t, font, size) for t, font, _ in segments) + width(separator, REGULAR, size) * max(
        0, len(segments) - 1
    )
    # On a narrow panel each part takes a line of its own.
    contact_lines = (1 if one_line <= area_w else len(segments)) if segments else 0
    rule_gap = s.unit * 0.5
    height = FOOTER_RULE_PT + rule_gap + ctx.text_height(contact_lines, size)
    if legal:
        height += (s.unit * 0.25 if segments else 0) + ctx.text_height(len(legal), s.caption)

    def draw(x: float, top: float) -> list[PlacedItem]:
        items: list[PlacedItem] = [Rule(x, top, x + area_w, top, c.muted, FOOTER_RULE_PT)]
        y = top + FOOTER_RULE_PT + rule_gap
        cursor = x
        for n, (text, font, link) in enumerate(segments):
            if n and contact_lines == 1:
                items += ctx.draw_lines([separator], REGULAR, size, c.muted, cursor, y, tag=ARTIFACT)
                cursor += width(separator, REGULAR, size)
            elif n:
                cursor, y = x, y + ctx.leading(size)
            tag = Tag("Link" if link else "P", f"footer.{n}", _FOOTER)
            drawn = ctx.draw_lines([text], font, size, c.text, cursor, y, tag=tag)
            items += drawn
            if link is not None:
                items.append(Link(union([d.rect for d in drawn]), link.url, link.description, tag))
            cursor += width(text, font, size)
        if segments:
            y += ctx.text_height(1, size) + s.unit * 0.25
        items += ctx.draw_lines(
            legal, REGULAR, s.caption, c.muted, x, y, tag=Tag("P", "footer.legal", _FOOTER)
        )
        return items

    return height, draw


def about(
    ctx: Ctx, width_limit: float, compact: bool = False, repeated: bool = False
) -> tuple[float, Callable[[float, float], list[PlacedItem]]]:
    """Who publishes the flyer and the event: logo, name, addresses, dates, place, stand.

    ``compact`` puts a small logo beside the text (a verso's foot) instead of a large one above.
    ``repeated`` marks a second copy (a fold's spare panel) as decoration for a reader.
    """
    f, s, c = ctx.flyer, ctx.s, ctx.colours
    blocks: list[tuple[list[str], str, float, Paint, float]] = []
    org = f.organisation
    picture = ctx.pictures.get(org.logo) if org and org.logo else None
    logo_h = mm(ABOUT_LOGO_COMPACT_MM if compact else ABOUT_LOGO_MM) if picture else 0.0
    logo_w = min(logo_h * picture.width / picture.height, mm(ABOUT_LOGO_MAX_W_MM)) if picture else 0.0
    if compact and picture:
        width_limit -= logo_w + ctx.gutter
    name_size = s.card_title if compact else s.section
    if org:
        name = ctx.lines(org.name, BOLD, name_size, width_limit, hyphenate=False)
        blocks.append((name, BOLD, name_size, c.primary, 0.3))
        contact = [short_address(u) for u in (org.url, org.email) if u]
        if contact:
            blocks.append((contact, SEMIBOLD, s.caption + 1, c.muted, 1.2))
    if f.event:
        details = event_details(f.event, ctx.lang)
        line = event_line(f.event, ctx.lang)
        blocks.append((ctx.lines(line, BOLD, s.body, width_limit), BOLD, s.body, c.text, 0.2))
        if details:
            blocks.append((ctx.lines(details, REGULAR, s.body, width_limit), REGULAR, s.body, c.text, 0))
    text_h = sum(ctx.text_height(len(lines), size) for lines, _, size, _, _ in blocks) + sum(
        gap * s.unit for *_, gap in blocks[:-1]
    )
    height = max(logo_h, text_h) if compact else logo_h + (s.unit if picture else 0) + text_h

    def draw(x: float, top: float) -> list[PlacedItem]:
        items: list[PlacedItem] = []
        y, tx = top, x
        if picture:
            alt = org.name if org else ""
            logo = ARTIFACT if repeated else Tag("Figure", "about.logo", _ABOUT, alt)
            items.append(Image(Rect(x, y, logo_w, logo_h), picture, logo))
            if compact:
                tx = x + logo_w + ctx.gutter
            else:
                y += logo_h + s.unit
        for n, (lines, font, size, colour, gap) in enumerate(blocks):
            tag = ARTIFACT if repeated else Tag("P", f"about.{n}", _ABOUT)
            items += ctx.draw_lines(lines, font, size, colour, tx, y, tag=tag)
            y += ctx.text_height(len(lines), size) + gap * s.unit
        return items

    return (height if blocks else 0.0), draw


def tinted_panel(
    ctx: Ctx, area: Rect, height: float, draw: Callable[[float, float], list[PlacedItem]], pad: float
) -> list[PlacedItem]:
    """A light card filling ``area`` with ``draw``'s content (``height`` tall) centred in it.

    How a panel with little to say is composed: a designed field, not a blank band.
    """
    box = Box(area, ctx.colours.tint, radius=mm(1.2))
    return [box, *draw(area.x + pad, area.y + max(pad, (area.h - height) / 2))]


def back_panel(ctx: Ctx, panel: Rect) -> list[PlacedItem]:
    """A folded flyer's back panel: who publishes it and the event on a light card, the legal mentions."""
    area = panel.inset(ctx.panel_margin)
    pad = ctx.s.pad * 2
    height, draw = about(ctx, area.w - 2 * pad)
    footer_h, footer_draw = footer(ctx, area.w)
    items = footer_draw(area.x, area.bottom - footer_h)
    if height:
        card = Rect(area.x, area.y, area.w, area.h - footer_h - (ctx.s.unit * 2 if footer_h else 0.0))
        items = tinted_panel(ctx, card, height, draw, pad) + items
    return items


def note_height(ctx: Ctx) -> float:
    return ctx.text_height(1, ctx.s.caption + 0.5) + ctx.s.unit


def note(ctx: Ctx, frame: Rect) -> list[PlacedItem]:
    """« Suite au verso → » at the foot of a page that continues on the next."""
    text = label_text("continued", ctx.lang)
    size = ctx.s.caption + 0.5
    w = width(text, SEMIBOLD, size)
    top = frame.bottom - ctx.text_height(1, size)
    return ctx.draw_lines([text], SEMIBOLD, size, ctx.colours.accent, frame.right - w, top, tag=ARTIFACT)
