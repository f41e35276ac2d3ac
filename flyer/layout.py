"""The layout engine: a validated ``Flyer`` → a ``Document`` of positioned items. Pure.

The page is a grid (margin, columns, one gutter); sections are rows of cards of equal height; every
card holds its QR code at the same place and size. The engine tries density levels from roomy to
tight and keeps the roomiest one that fits on the fewest pages, then spreads the space that is left
over the gaps between sections so that no page ends on an empty third.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .content import Flyer, Item, Section
from .document import QR, Box, Colour, Document, Image, Link, Meta, Page, Picture, Rule, Text
from .document import Item as DocItem
from .errors import ContentError, Problem
from .geometry import BLEED_MM, PAPER_SIZES_MM, Rect, mm
from .labels import format_dates, kind_label
from .labels import text as label_text
from .qr import MIN_MODULE_MM, MIN_SIZE_MM, QUIET_ZONE, encode
from .theme import WHITE, Palette, palette
from .tracking import tracked
from .typography import BOLD, NBSP, REGULAR, SEMIBOLD, register_fonts, typeset, width, wrap
from .urls import href, short_address

__all__ = [
    "DENSE_QR_MM",
    "LONG_URL",
    "MAX_QR_MM",
    "MIN_BODY_PT",
    "MIN_CAPTION_PT",
    "Scale",
    "layout",
    "trim_size",
]

MIN_BODY_PT = 8.0
MIN_CAPTION_PT = 6.5
#: Codes never shrink below this: 1 mm above the 20 mm rule, so that a measure at print resolution
#: (verify, a print shop's preflight) never finds one a hair under it.
MIN_QR_MM = MIN_SIZE_MM + 1.0
#: Codes grow up to this when there is room: bigger only takes space from the text.
MAX_QR_MM = 26.0
#: A denser code than fits at this size with 0.4 mm modules is refused.
DENSE_QR_MM = 30.0
#: Above this length an address makes a dense code: warn, and suggest a short link.
LONG_URL = 60
_ASCENT = 0.80
_DESCENT = 0.22
_LEVELS = 13


def trim_size(flyer: Flyer) -> tuple[float, float]:
    """Trimmed page width and height in points."""
    w, h = PAPER_SIZES_MM[flyer.page.size]
    if flyer.page.orientation == "landscape" or flyer.page.fold != "none":
        w, h = h, w
    return mm(w), mm(h)


@dataclass(frozen=True)
class Scale:
    """Type sizes (pt) and spacing (pt) at one density level."""

    title: float
    subtitle: float
    eyebrow: float
    intro: float
    section: float
    card_title: float
    body: float
    label: float
    caption: float
    qr: float
    unit: float

    @staticmethod
    def at(t: float, page_factor: float, qr_floor: float) -> Scale:
        """Level ``t`` (0 roomy … 1 tight) on a page ``page_factor`` times A4's type scale."""

        def size(roomy: float, tight: float, floor: float = 0.0) -> float:
            return round(max(floor, (roomy + (tight - roomy) * t) * page_factor), 2)

        qr = max(mm(MAX_QR_MM) + (mm(MIN_QR_MM) - mm(MAX_QR_MM)) * t, qr_floor)
        return Scale(
            title=size(32, 26, 18),
            subtitle=size(15, 13, 10),
            eyebrow=size(9.5, 8.5, MIN_CAPTION_PT),
            intro=size(11.5, 9.5, MIN_BODY_PT + 0.5),
            section=size(15, 13, 10),
            card_title=size(11.5, 10, MIN_BODY_PT + 1),
            body=size(9.5, 8.0, MIN_BODY_PT),
            label=size(7.5, 6.5, MIN_CAPTION_PT),
            caption=size(7.5, 6.5, MIN_CAPTION_PT),
            qr=math.ceil(qr * 100) / 100,
            unit=round(mm(5.0 - 1.6 * t) * (0.5 + page_factor / 2), 2),
        )


@dataclass
class _Block:
    """A slice of the flow: its height and how to draw it at a given top."""

    height: float
    draw: Callable[[float], list[DocItem]]
    path: str
    gap_before: float
    keep_with_next: bool = False
    section_start: bool = False
    count: int = 0  # cards in a row


@dataclass(frozen=True)
class _Frame:
    """A rectangle the flow fills: a page's content area, or one panel of a folded flyer."""

    page: int
    rect: Rect
    footer: bool = False
    note: bool = False


class _Engine:
    """Lays out one flyer at one density level."""

    def __init__(self, flyer: Flyer, pictures: Mapping[str, Picture], scale: Scale) -> None:
        self.flyer = flyer
        self.pictures = pictures
        self.s = scale
        self.lang = flyer.lang
        self.colours: Palette = palette(flyer.theme)
        self.width, self.height = trim_size(flyer)
        short = min(self.width, self.height)
        self.margin = mm(12.0) if short >= mm(180) else mm(10.0)
        self.content = Rect(
            self.margin, self.margin, self.width - 2 * self.margin, self.height - 2 * self.margin
        )
        self.gutter = mm(5.0)
        self.panel_margin = mm(9.0)
        self.folds: tuple[tuple[int, float], ...] = ()
        self.leftover: str | None = None
        self.columns = 1
        self.col_w = self.content.w
        self.set_frame(self.content)
        self.pad = mm(3.0)
        modules = [encode(tracked(i.url, flyer.tracking, "qr")).modules for i in _items(flyer) if i.qr]
        # One tile size for every code: the quiet zone of the least dense code fits in all of them.
        self.quiet = QUIET_ZONE * scale.qr / min(modules) if modules else 0.0
        self.tile = scale.qr + 2 * self.quiet if modules else 0.0

    def set_frame(self, rect: Rect) -> None:
        """Make ``rect`` the area blocks are measured for and drawn in (its columns follow)."""
        self.content = rect
        min_card = mm(84.0)
        self.columns = max(1, min(3, int((rect.w + self.gutter) // (min_card + self.gutter))))
        self.col_w = (rect.w - (self.columns - 1) * self.gutter) / self.columns

    # --- text helpers ---------------------------------------------------------------------------

    def leading(self, size: float) -> float:
        return size * 1.25

    def lines(
        self,
        raw: str,
        font: str,
        size: float,
        limit: float,
        *,
        balance: bool = False,
        hyphenate: bool = True,
    ) -> list[str]:
        text = typeset(raw, self.lang)
        return wrap(text, font, size, limit, self.lang, balance=balance, hyphenate=hyphenate)

    def text_height(self, count: int, size: float) -> float:
        if count == 0:
            return 0.0
        return (count - 1) * self.leading(size) + (_ASCENT + _DESCENT) * size

    def draw_lines(
        self,
        lines: list[str],
        font: str,
        size: float,
        colour: Colour,
        x: float,
        top: float,
        char_space: float = 0.0,
    ) -> list[DocItem]:
        items: list[DocItem] = []
        for i, line in enumerate(lines):
            w = width(line, font, size) + char_space * max(0, len(line) - 1)
            items.append(
                Text(
                    x,
                    round(top + _ASCENT * size + i * self.leading(size), 3),
                    line,
                    font,
                    size,
                    colour,
                    w,
                    _ASCENT * size,
                    _DESCENT * size,
                    char_space,
                )
            )
        return items

    # --- blocks ---------------------------------------------------------------------------------

    def band(self, area: Rect | None = None) -> tuple[float, list[DocItem]]:
        """The title band: across the top of page 1, or filling ``area`` (a folded flyer's cover).

        Its background runs into the bleed wherever it touches the trim.
        """
        f, s, c = self.flyer, self.s, self.colours
        panel = area or Rect(0, 0, self.width, self.height)
        inset = self.margin if area is None else self.panel_margin
        x = panel.x + inset
        top = panel.y + inset + mm(1)
        logo = f.organisation.logo if f.organisation else None
        # On a cover the title takes the whole width; the logo goes on the back panel.
        picture = self.pictures.get(logo) if logo and area is None else None
        logo_h = mm(16) * (s.title / 30)
        logo_w = min(logo_h * picture.width / picture.height, mm(45)) if picture else 0.0
        text_w = panel.w - 2 * inset - (logo_w + mm(6) if picture else 0)
        items: list[DocItem] = []
        y = top
        eyebrow = self.eyebrow_text()
        if eyebrow:
            lines = self.lines(eyebrow.upper(), SEMIBOLD, s.eyebrow, text_w, hyphenate=False)
            items += self.draw_lines(lines, SEMIBOLD, s.eyebrow, c.band_soft, x, y, char_space=0.6)
            y += self.text_height(len(lines), s.eyebrow) + s.unit * 0.9
        # The title shrinks (never under 18 pt) until its longest word fits: no word is cut.
        title_size = s.title
        longest = max((width(w, BOLD, 1.0) for w in typeset(f.title, self.lang).split(" ")), default=0.0)
        if longest * title_size > text_w:
            title_size = max(18.0, round(text_w / longest, 1))
        title = self.lines(f.title, BOLD, title_size, text_w, balance=True, hyphenate=False)
        items += self.draw_lines(title, BOLD, title_size, WHITE, x, y)
        y += self.text_height(len(title), title_size)
        if f.subtitle:
            y += s.unit * 0.7
            sub = self.lines(f.subtitle, REGULAR, s.subtitle, text_w, balance=True, hyphenate=False)
            items += self.draw_lines(sub, REGULAR, s.subtitle, WHITE, x, y)
            y += self.text_height(len(sub), s.subtitle)
        details = self.event_details()
        if details:
            y += s.unit * 0.8
            lines = self.lines(details, SEMIBOLD, s.body, text_w, hyphenate=False)
            items += self.draw_lines(lines, SEMIBOLD, s.body, c.band_soft, x, y)
            y += self.text_height(len(lines), s.body)
        if picture:
            tile = Rect(panel.right - inset - logo_w - mm(3), top - mm(1), logo_w + mm(6), logo_h + mm(6))
            items.append(Box(tile, WHITE, radius=mm(1.5)))
            items.append(Image(Rect(tile.x + mm(3), tile.y + mm(3), logo_w, logo_h), picture))
            y = max(y, tile.bottom)
        if area is not None and f.organisation:
            # A cover ends with who publishes the flyer, at the foot of the panel.
            org = f.organisation
            size = s.subtitle
            foot = panel.bottom - inset - self.text_height(1, size)
            if org.url:
                url_size = s.caption + 1
                foot -= self.text_height(1, url_size) + s.unit * 0.3
                items += self.draw_lines(
                    [short_address(org.url)],
                    SEMIBOLD,
                    url_size,
                    c.band_soft,
                    x,
                    foot + self.text_height(1, size) + s.unit * 0.3,
                )
            items += self.draw_lines([org.name], BOLD, size, WHITE, x, foot)
        bottom = y + inset * 0.9 if area is None else panel.bottom
        bleed = mm(BLEED_MM)
        left = panel.x - (bleed if panel.x <= 0 else 0)
        right = panel.right + (bleed if panel.right >= self.width else 0)
        background = Box(
            Rect(left, -bleed, right - left, bottom + bleed * (1 if area is None else 2)),
            c.primary,
            background=True,
        )
        return bottom, [background, *items]

    def eyebrow_text(self) -> str:
        event = self.flyer.event
        if not event:
            return self.flyer.organisation.name if self.flyer.organisation else ""
        parts = [event.name]
        if event.date is not None:
            parts.append(self.dates())
        return " · ".join(parts)

    def dates(self) -> str:
        event = self.flyer.event
        assert event is not None and event.date is not None
        start, end = event.date, event.end_date
        if isinstance(start, str):
            return start
        return format_dates(start, end if not isinstance(end, str) else None, self.lang)

    def event_details(self) -> str:
        event = self.flyer.event
        if not event:
            return ""
        parts = [p for p in (event.place,) if p]
        if event.stand:
            parts.append(f"{label_text('stand', self.lang)}{NBSP}{event.stand}")
        return " · ".join(parts)

    def intro(self) -> _Block | None:
        """The introduction and the call to action, with the illustration beside (or above) them."""
        f, s, c = self.flyer, self.s, self.colours
        picture = self.pictures.get(f.illustration) if f.illustration else None
        limit = min(self.content.w, mm(150) if self.columns > 1 else self.content.w)
        pic_w = pic_h = 0.0
        beside = picture is not None and self.content.w >= mm(120)
        if picture is not None:
            ratio = picture.height / picture.width
            pic_w = min(mm(55), self.content.w * 0.32) if beside else self.content.w
            pic_h = min(pic_w * ratio, mm(60) if beside else min(mm(45), self.height * 0.18))
            pic_w = pic_h / ratio
            if beside:
                limit = self.content.w - pic_w - self.gutter
        lines = self.lines(f.intro, REGULAR, s.intro, limit) if f.intro else []
        cta = self.lines(label_text("call_to_action", self.lang), BOLD, s.intro, limit)
        gap = s.unit * 0.35 if lines else 0.0
        text_h = self.text_height(len(lines), s.intro) + gap + self.text_height(len(cta), s.intro)
        above = pic_h + s.unit * 0.6 if picture is not None and not beside else 0.0
        height = max(text_h, pic_h) if beside else above + text_h
        x = self.content.x
        right = self.content.right

        def draw(top: float) -> list[DocItem]:
            items: list[DocItem] = []
            if picture is not None:
                items.append(Image(Rect(right - pic_w if beside else x, top, pic_w, pic_h), picture))
            text_top = top + above
            items += self.draw_lines(lines, REGULAR, s.intro, c.text, x, text_top)
            cta_top = text_top + self.text_height(len(lines), s.intro) + gap
            return items + self.draw_lines(cta, BOLD, s.intro, c.accent, x, cta_top)

        return _Block(height, draw, "intro", s.unit * 1.3)

    def section_head(self, section: Section, index: int, continued: bool = False) -> _Block:
        """The section's title over a rule; « (suite) » when it resumes at the top of a page or panel."""
        s, c = self.s, self.colours
        title = section.title + (f" {label_text('continued_head', self.lang)}" if continued else "")
        lines = self.lines(title, BOLD, s.section, self.content.w, balance=True, hyphenate=False)
        rule_gap = s.unit * 0.45
        height = self.text_height(len(lines), s.section) + rule_gap + 1.2
        x = self.content.x

        def draw(top: float) -> list[DocItem]:
            items = self.draw_lines(lines, BOLD, s.section, c.primary, x, top)
            y = top + self.text_height(len(lines), s.section) + rule_gap
            items.append(Rule(x, y, x + self.content.w, y, c.primary, 1.2))
            return items

        return _Block(
            height, draw, f"sections[{index}].title", s.unit * 1.5, keep_with_next=True, section_start=True
        )

    def card(self, item: Item, card_w: float) -> tuple[float, Callable[[float, float, float], list[DocItem]]]:
        """Measure one card at ``card_w``; return its natural height and how to draw it."""
        s, c, pad = self.s, self.colours, self.pad
        tile = self.tile if item.qr else 0.0
        text_w = min(card_w - 2 * pad - (tile + pad if tile else 0), mm(120))
        label = kind_label(item.kind, self.lang).upper()
        title = self.lines(item.title, BOLD, s.card_title, text_w, balance=True)
        desc = self.lines(item.description, REGULAR, s.body, text_w) if item.description else []
        address = short_address(item.url)
        addr = wrap(address, SEMIBOLD, s.caption, text_w, self.lang, hyphenate=False, address=True)
        gap = s.unit * 0.3
        text_h = (
            self.text_height(1, s.label)
            + gap
            + self.text_height(len(title), s.card_title)
            + (gap + self.text_height(len(desc), s.body) if desc else 0)
            + gap * 1.2
            + self.text_height(len(addr), s.caption)
        )
        natural = max(tile, text_h) + 2 * pad
        link = tracked(item.url, self.flyer.tracking, "pdf")
        code = tracked(item.url, self.flyer.tracking, "qr")
        kind = kind_label(item.kind, self.lang)

        def draw(x: float, top: float, height: float) -> list[DocItem]:
            items: list[DocItem] = [Box(Rect(x, top, card_w, height), c.tint, radius=mm(1.2))]
            tx = x + pad + (tile + pad if tile else 0)
            if tile:
                symbol = encode(code)
                q = Rect(x + pad + self.quiet, top + pad + self.quiet, s.qr, s.qr)
                items.append(QR(q, symbol, self.quiet, code))
                items.append(
                    Link(Rect(x + pad, top + pad, tile, tile), link, f"QR code{NBSP}: {kind} – {item.title}")
                )
            y = top + pad
            items += self.draw_lines([label], BOLD, s.label, c.accent, tx, y, char_space=0.5)
            y += self.text_height(1, s.label) + gap
            title_items = self.draw_lines(title, BOLD, s.card_title, c.primary, tx, y)
            items += title_items
            items.append(Link(_union([t.rect for t in title_items]), link, f"{kind} – {item.title}"))
            y += self.text_height(len(title), s.card_title)
            if desc:
                y += gap
                items += self.draw_lines(desc, REGULAR, s.body, c.text, tx, y)
                y += self.text_height(len(desc), s.body)
            y += gap * 1.2
            addr_items = self.draw_lines(addr, SEMIBOLD, s.caption, c.muted, tx, y)
            items += addr_items
            items.append(Link(_union([t.rect for t in addr_items]), link, f"{kind} – {address}"))
            return items

        return natural, draw

    def rows(self, section: Section, index: int, start: int = 0) -> list[_Block]:
        blocks: list[_Block] = []
        items = section.items
        for r in range(start, len(items), self.columns):
            chunk = items[r : r + self.columns]
            # A row that is not full shares the width: no hole in the grid.
            card_w = (self.content.w - (len(chunk) - 1) * self.gutter) / len(chunk)
            row = [self.card(item, card_w) for item in chunk]
            height = max(h for h, _ in row)

            def draw(
                top: float,
                row: list[tuple[float, Callable[[float, float, float], list[DocItem]]]] = row,
                height: float = height,
                card_w: float = card_w,
            ) -> list[DocItem]:
                out: list[DocItem] = []
                for col, (_, card_draw) in enumerate(row):
                    out += card_draw(self.content.x + col * (card_w + self.gutter), top, height)
                return out

            gap = self.s.unit * 0.5 if r == 0 else self.gutter
            blocks.append(_Block(height, draw, f"sections[{index}].items[{r}]", gap, count=len(chunk)))
        return blocks

    def footer(self) -> tuple[float, Callable[[float], list[DocItem]]]:
        """Organisation, its web and mail addresses (each its own link), then the legal mentions."""
        f, s, c = self.flyer, self.s, self.colours
        org = f.organisation
        size = s.caption + 0.5
        segments: list[tuple[str, str, Link | None]] = []  # text, font, link (rect filled in at draw)
        if org:
            site = None
            if org.url:
                web = org.url.startswith(("http://", "https://"))
                url = tracked(org.url, f.tracking, "pdf") if web else href(org.url)
                site = Link(Rect(0, 0, 0, 0), url, f"{org.name} – {short_address(org.url)}")
            segments.append((org.name, SEMIBOLD, site))
            if org.url:
                segments.append((short_address(org.url), REGULAR, site))
            if org.email:
                mail = Link(Rect(0, 0, 0, 0), href(org.email), f"{org.name} – {short_address(org.email)}")
                segments.append((short_address(org.email), REGULAR, mail))
        separator = " · "
        one_line = sum(width(t, font, size) for t, font, _ in segments) + width(
            separator, REGULAR, size
        ) * max(0, len(segments) - 1)
        # On a narrow panel each part takes a line of its own.
        contact_lines = (1 if one_line <= self.content.w else len(segments)) if segments else 0
        legal = self.lines(f.footer, REGULAR, s.caption, self.content.w) if f.footer else []
        rule_gap = s.unit * 0.5
        height = 0.6 + rule_gap + self.text_height(contact_lines, size)
        if legal:
            height += (s.unit * 0.25 if segments else 0) + self.text_height(len(legal), s.caption)

        def draw(top: float) -> list[DocItem]:
            x = self.content.x
            items: list[DocItem] = [Rule(x, top, x + self.content.w, top, c.muted, 0.6)]
            y = top + 0.6 + rule_gap
            cursor = x
            for n, (text, font, link) in enumerate(segments):
                if n and contact_lines == 1:
                    items += self.draw_lines([separator], REGULAR, size, c.muted, cursor, y)
                    cursor += width(separator, REGULAR, size)
                elif n:
                    cursor, y = x, y + self.leading(size)
                drawn = self.draw_lines([text], font, size, c.text, cursor, y)
                items += drawn
                if link is not None:
                    items.append(Link(_union([d.rect for d in drawn]), link.url, link.description))
                cursor += width(text, font, size)
            if segments:
                y += self.text_height(1, size) + s.unit * 0.25
            items += self.draw_lines(legal, REGULAR, s.caption, c.muted, x, y)
            return items

        return height, draw

    # --- pagination -----------------------------------------------------------------------------

    def frames(
        self, pages: int
    ) -> tuple[list[_Frame], dict[int, list[DocItem]], tuple[tuple[int, float], ...]]:
        """The frames to fill in reading order, the fixed items of each page, and the fold lines."""
        fold = self.flyer.page.fold
        if fold == "none":
            band_bottom, band_items = self.band()
            top = band_bottom + self.s.unit * 1.3
            frames = [
                _Frame(
                    n,
                    Rect(
                        self.margin,
                        top if n == 0 else self.margin,
                        (self.width - 2 * self.margin),
                        self.height - self.margin - (top if n == 0 else self.margin),
                    ),
                    footer=n == pages - 1,
                    note=n < pages - 1,
                )
                for n in range(pages)
            ]
            return frames, {0: band_items}, ()
        # Folded: the outside (page 0) carries the back and the cover; the inside (page 1) the rest.
        if fold == "trifold":
            # The inner flap folds in, so it is 2 mm narrower than the others (97.7 + 2 × 99.7 = 297).
            panel = (self.width + mm(2)) / 3
            flap_w = panel - mm(2)
            outside = (0.0, flap_w, flap_w + panel, self.width)
            inside = (0.0, panel, 2 * panel, self.width)
            flap, back, cover = (
                Rect(outside[i], 0, outside[i + 1] - outside[i], self.height) for i in range(3)
            )
            panels_in = [Rect(inside[i], 0, inside[i + 1] - inside[i], self.height) for i in range(3)]
            order = [(0, flap), *[(1, p) for p in panels_in]]
            folds: tuple[tuple[int, float], ...] = (
                (0, outside[1]),
                (0, outside[2]),
                (1, inside[1]),
                (1, inside[2]),
            )
        else:
            half = self.width / 2
            back, cover = Rect(0, 0, half, self.height), Rect(half, 0, half, self.height)
            order = [(1, Rect(0, 0, half, self.height)), (1, Rect(half, 0, half, self.height))]
            folds = ((0, half), (1, half))
        _, cover_items = self.band(cover)
        frames = [_Frame(page, panel.inset(self.panel_margin)) for page, panel in order]
        return frames, {0: [*self.back(back), *cover_items]}, folds

    def about(
        self, width_limit: float, compact: bool = False
    ) -> tuple[float, Callable[[float, float], list[DocItem]]]:
        """Who publishes the flyer and the event: logo, name, addresses, dates, place, stand.

        ``compact`` puts a small logo beside the text (a verso's foot) instead of a large one above.
        """
        f, s, c = self.flyer, self.s, self.colours
        blocks: list[tuple[list[str], str, float, Colour, float]] = []
        org = f.organisation
        picture = self.pictures.get(org.logo) if org and org.logo else None
        logo_h = (mm(14) if compact else mm(22)) if picture else 0.0
        logo_w = min(logo_h * picture.width / picture.height, mm(40)) if picture else 0.0
        if compact and picture:
            width_limit -= logo_w + self.gutter
        name_size = s.card_title if compact else s.section
        if org:
            name = self.lines(org.name, BOLD, name_size, width_limit, hyphenate=False)
            blocks.append((name, BOLD, name_size, c.primary, 0.3))
            contact = [short_address(u) for u in (org.url, org.email) if u]
            if contact:
                blocks.append((contact, SEMIBOLD, s.caption + 1, c.muted, 1.2))
        if f.event:
            event = [f.event.name] + ([self.dates()] if f.event.date is not None else [])
            details = self.event_details()
            blocks.append(
                (self.lines(" · ".join(event), BOLD, s.body, width_limit), BOLD, s.body, c.text, 0.2)
            )
            if details:
                blocks.append((self.lines(details, REGULAR, s.body, width_limit), REGULAR, s.body, c.text, 0))
        text_h = sum(self.text_height(len(lines), size) for lines, _, size, _, _ in blocks) + sum(
            gap * s.unit for *_, gap in blocks[:-1]
        )
        height = max(logo_h, text_h) if compact else logo_h + (s.unit if picture else 0) + text_h

        def draw(x: float, top: float) -> list[DocItem]:
            items: list[DocItem] = []
            y, tx = top, x
            if picture:
                items.append(Image(Rect(x, y, logo_w, logo_h), picture))
                if compact:
                    tx = x + logo_w + self.gutter
                else:
                    y += logo_h + s.unit
            for lines, font, size, colour, gap in blocks:
                items += self.draw_lines(lines, font, size, colour, tx, y)
                y += self.text_height(len(lines), size) + gap * s.unit
            return items

        return (height if blocks else 0.0), draw

    def back(self, panel: Rect) -> list[DocItem]:
        """A folded flyer's back panel: who publishes it, the event, and the legal mentions."""
        area = panel.inset(self.panel_margin)
        self.set_frame(area)
        height, draw = self.about(area.w)
        footer_h, footer_draw = self.footer()
        # The block sits a third of the way down what the footer leaves free.
        items = draw(area.x, area.y + max(0.0, (area.h - footer_h - height) / 3))
        return items + footer_draw(area.bottom - footer_h)

    def place(
        self, frames: list[_Frame], footer_h: float, fraction: float = 1.0
    ) -> tuple[list[list[_Block]], str | None]:
        """Fill the frames in order; return the blocks of each and the path of what did not fit."""
        sections = self.flyer.sections
        plan: list[list[_Block]] = []
        intro_done = False
        s_index, start = 0, 0
        note_h = self.text_height(1, self.s.caption) + self.s.unit
        for frame in frames:
            self.set_frame(frame.rect)
            room = (
                frame.rect.h - (footer_h + self.s.unit if frame.footer else note_h if frame.note else 0.0)
            ) * fraction
            blocks: list[_Block] = []
            used = 0.0
            while not intro_done or s_index < len(sections):
                if not intro_done:
                    intro = self.intro()
                    group = [intro] if intro else []
                else:
                    section = sections[s_index]
                    if start == 0 and section.page is not None and section.page > frame.page + 1:
                        break  # pinned to a later page
                    rows = self.rows(section, s_index, start)[:1]
                    head = start == 0 or not blocks
                    group = (
                        [self.section_head(section, s_index, continued=start > 0)] if head else []
                    ) + rows
                need = sum((b.gap_before if (blocks or k) else 0.0) + b.height for k, b in enumerate(group))
                if used + need > room + 0.01:
                    break
                blocks += group
                used += need
                if not intro_done:
                    intro_done = True
                else:
                    start += group[-1].count
                    if start >= len(sections[s_index].items):
                        s_index, start = s_index + 1, 0
            plan.append(blocks)
        if not intro_done:
            return plan, "intro"
        if s_index < len(sections):
            return plan, f"sections[{s_index}]" + (f".items[{start}]" if start else "")
        return plan, None

    def evenness(self, frames: list[_Frame], plan: list[list[_Block]], footer_h: float) -> float:
        """How full the emptiest frame is (0–1): what balancing maximises."""
        note_h = self.text_height(1, self.s.caption) + self.s.unit
        fills = []
        for frame, blocks in zip(frames, plan, strict=True):
            room = frame.rect.h - (footer_h + self.s.unit if frame.footer else note_h if frame.note else 0.0)
            used = sum((b.gap_before if k else 0) + b.height for k, b in enumerate(blocks))
            fills.append(used / room if room > 0 else 1.0)
        return min(fills)

    def pages(self, count: int) -> list[Page] | None:
        """Lay the flow out on ``count`` pages (a folded flyer always has 2); ``None`` if it overflows."""
        frames, fixed, folds = self.frames(count)
        self.folds = folds
        footer_frame = next((f for f in frames if f.footer), frames[-1])
        self.set_frame(footer_frame.rect)
        footer_h, footer_draw = self.footer()
        plan, leftover = self.place(frames, footer_h)
        self.leftover = leftover
        if leftover is not None:
            return None
        # Balance the frames: fill each one only up to a share of its height, and keep the share
        # whose fullest-to-emptiest spread is the most even (the verso is not left half empty).
        best = self.evenness(frames, plan, footer_h)
        for step in range(1, 10):
            trial, rest = self.place(frames, footer_h, 1.0 - step * 0.05)
            if rest is None and (score := self.evenness(frames, trial, footer_h)) > best + 0.01:
                plan, best = trial, score
        pages: dict[int, list[DocItem]] = {n: list(items) for n, items in fixed.items()}
        for frame, blocks in zip(frames, plan, strict=True):
            self.set_frame(frame.rect)
            items = pages.setdefault(frame.page, [])
            top = frame.rect.y
            bottom = frame.rect.bottom - (
                footer_h + self.s.unit
                if frame.footer
                else self.text_height(1, self.s.caption) + self.s.unit
                if frame.note
                else 0.0
            )
            used = sum((b.gap_before if k else 0) + b.height for k, b in enumerate(blocks))
            spare = max(0.0, bottom - top - used)
            if frame.footer and self.flyer.page.fold == "none" and frame.page > 0:
                # Room left on the verso: say who publishes the flyer and where it is handed out.
                about_h, about_draw = self.about(min(self.content.w, mm(130)), compact=True)
                if about_h and spare >= about_h + self.s.unit * 3:
                    items += about_draw(frame.rect.x, bottom - about_h - self.s.unit)
                    spare -= about_h + self.s.unit * 2
            # Spread what is left over the gaps: between sections first (up to 4 units each),
            # then between rows (up to 1 unit each); the rest stays above the footer.
            heads = [k for k, b in enumerate(blocks) if k and b.section_start]
            rows = [
                k
                for k, b in enumerate(blocks)
                if k and not b.section_start and not blocks[k - 1].keep_with_next
            ]
            head_extra = min(spare / len(heads), self.s.unit * 4) if heads else 0.0
            spare -= head_extra * len(heads)
            row_extra = min(spare / len(rows), self.s.unit * 0.5) if rows else 0.0
            y = top
            for k, block in enumerate(blocks):
                if k:
                    y += block.gap_before + (head_extra if k in heads else row_extra if k in rows else 0.0)
                items += block.draw(y)
                y += block.height
            if frame.footer:
                items += footer_draw(frame.rect.bottom - footer_h)
            elif frame.note:
                note = label_text("continued", self.lang)
                size = self.s.caption + 0.5
                w = width(note, SEMIBOLD, size)
                items += self.draw_lines(
                    [note],
                    SEMIBOLD,
                    size,
                    self.colours.accent,
                    frame.rect.right - w,
                    frame.rect.bottom - self.text_height(1, size),
                )
        return [Page(tuple(pages[n])) for n in sorted(pages)]


def _items(flyer: Flyer) -> list[Item]:
    return [item for section in flyer.sections for item in section.items]


def _union(rects: list[Rect]) -> Rect:
    x = min(r.x for r in rects)
    y = min(r.y for r in rects)
    return Rect(x, y, max(r.right for r in rects) - x, max(r.bottom for r in rects) - y)


def _rect(item: DocItem) -> Rect:
    if isinstance(item, (Text, Rule)):
        return item.rect
    if isinstance(item, QR):
        return item.tile
    return item.rect


def _page_factor(flyer: Flyer) -> float:
    if flyer.page.fold != "none":
        return 0.84  # a panel is about a DL page
    return {"A4": 1.0, "letter": 1.0, "A5": 0.86, "DL": 0.8, "A6": 0.72}[flyer.page.size]


def _qr_floor(flyer: Flyer) -> float:
    """The code size at which the densest code keeps modules ≥ MIN_MODULE_MM (and ≥ 20 mm)."""
    modules = [encode(tracked(i.url, flyer.tracking, "qr")).modules for i in _items(flyer) if i.qr]
    return mm(max([MIN_QR_MM] + [m * MIN_MODULE_MM for m in modules]))


def _url_problems(flyer: Flyer) -> list[Problem]:
    """Addresses too dense to print (errors) or dense enough to deserve a short link (warnings)."""
    problems = []
    for s, section in enumerate(flyer.sections):
        for i, item in enumerate(section.items):
            if not item.qr:
                continue
            link = tracked(item.url, flyer.tracking, "qr")
            modules = encode(link).modules
            path = f"sections[{s}].items[{i}].url"
            what = "this address with its tracking parameters" if flyer.tracking else "this address"
            if modules * MIN_MODULE_MM > DENSE_QR_MM:
                problems.append(
                    Problem(
                        f"{what} is {len(link)} characters long: its QR code ({modules} modules) would be too dense to scan",
                        path,
                        hint=f"use a short link: at most {_max_length()} characters fit, or set qr: false",
                    )
                )
            elif len(link) > LONG_URL:
                problems.append(
                    Problem(
                        f"{what} is {len(link)} characters long and makes a dense QR code ({modules} modules)",
                        path,
                        hint=f"a short link of under {LONG_URL} characters scans faster",
                        severity="warning",
                    )
                )
    return problems


def _max_length() -> int:
    """The longest https address whose code stays printable at ``DENSE_QR_MM``."""
    low, high = 10, 1000
    while low < high:
        mid = (low + high + 1) // 2
        if encode("https://" + "a" * (mid - 8)).modules * MIN_MODULE_MM <= DENSE_QR_MM:
            low = mid
        else:
            high = mid - 1
    return low


def _resolution_warnings(flyer: Flyer, pages: list[Page]) -> list[Problem]:
    """A raster image printed under 300 dpi looks soft on paper: say so (print shops ask for 300)."""
    problems = []
    for page in pages:
        for item in page.items:
            if isinstance(item, Image) and item.picture.kind != "svg":
                dpi = item.picture.width / (item.rect.w / 72)
                if dpi < 300:
                    problems.append(
                        Problem(
                            f"'{item.picture.name}' prints at {dpi:.0f} dpi; print shops ask for 300",
                            "illustration"
                            if item.picture.name == flyer.illustration
                            else "organisation.logo",
                            hint=f"use an image at least {item.rect.w / 72 * 300:.0f} pixels wide, or an SVG",
                            severity="warning",
                        )
                    )
    return problems


def _overflow(flyer: Flyer, engine: _Engine) -> Problem:
    """Name what does not fit, laid out at the tightest level on the most pages allowed."""
    smallest = engine.s
    pages = 2 if flyer.page.fold != "none" else flyer.page.max_pages
    where = f"{pages} {flyer.page.size} page{'s' if pages > 1 else ''}"
    if flyer.page.fold != "none":
        where = f"the panels of a {flyer.page.fold} fold"
    path = engine.leftover or "sections"
    what = "the introduction"
    if path.startswith("sections["):
        section = int(path.split("]")[0].split("[")[1])
        what = f"« {flyer.sections[section].title} » ({path}) and what follows"
    return Problem(
        f"the content does not fit on {where}, even with {smallest.body:g} pt text and "
        f"{smallest.qr / mm(1):.0f} mm codes: {what} "
        + ("would not fit" if flyer.page.fold != "none" else f"would need page {pages + 1}"),
        path,
        hint="shorten the text, remove items"
        + (", or fold in three (fold: trifold)" if flyer.page.fold == "half" else "")
        + (", allow page.max_pages: 2, or choose a larger page.size" if flyer.page.fold == "none" else ""),
    )


def layout(flyer: Flyer, pictures: Mapping[str, Picture] | None = None) -> Document:
    """Position every item of the flyer; raise ``ContentError`` when it cannot fit."""
    register_fonts()
    pictures = pictures or {}
    problems = _url_problems(flyer)
    if any(p.severity == "error" for p in problems):
        raise ContentError([p for p in problems if p.severity == "error"])
    factor = _page_factor(flyer)
    floor = _qr_floor(flyer)

    def attempt(level: int, count: int) -> tuple[list[Page], _Engine]:
        engine = _Engine(flyer, pictures, Scale.at(level / (_LEVELS - 1), factor, floor))
        return engine.pages(count) or [], engine

    # The fewest pages that hold the content at the tightest level; then the roomiest level that
    # still fits on them (content only grows as the level gets roomier: a binary search finds it).
    counts = [2] if flyer.page.fold != "none" else list(range(1, flyer.page.max_pages + 1))
    best: tuple[list[Page], _Engine] | None = None
    for count in counts:
        pages, engine = attempt(_LEVELS - 1, count)
        if not pages:
            continue
        best = (pages, engine)
        low, high = 0, _LEVELS - 1
        while low < high:
            mid = (low + high) // 2
            found, roomier = attempt(mid, count)
            if found:
                best = (found, roomier)
                high = mid
            else:
                low = mid + 1
        break
    if best is None:
        raise ContentError([_overflow(flyer, attempt(_LEVELS - 1, counts[-1])[1])])
    pages, engine = best
    problems += _resolution_warnings(flyer, pages)
    f = flyer
    keywords = tuple(dict.fromkeys([s.title for s in f.sections] + ([f.event.name] if f.event else [])))
    subject = f.subtitle or (f.intro.split(". ")[0] if f.intro else f.title)
    meta = Meta(
        title=f.title,
        author=f.organisation.name if f.organisation else "",
        subject=subject,
        keywords=keywords,
        lang=f.lang,
    )
    return Document(
        engine.width, engine.height, mm(BLEED_MM), tuple(pages), meta, tuple(problems), folds=engine.folds
    )
