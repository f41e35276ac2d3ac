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
    if flyer.page.orientation == "landscape":
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

        qr = max(mm(MAX_QR_MM) + (mm(MIN_SIZE_MM) - mm(MAX_QR_MM)) * t, qr_floor)
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
        min_card = mm(84.0)
        self.columns = max(1, min(3, int((self.content.w + self.gutter) // (min_card + self.gutter))))
        self.col_w = (self.content.w - (self.columns - 1) * self.gutter) / self.columns
        self.pad = mm(3.0)
        modules = [encode(href(i.url)).modules for i in _items(flyer) if i.qr]
        # One tile size for every code: the quiet zone of the least dense code fits in all of them.
        self.quiet = QUIET_ZONE * scale.qr / min(modules) if modules else 0.0
        self.tile = scale.qr + 2 * self.quiet if modules else 0.0

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
        typeset_text: bool = True,
    ) -> list[str]:
        text = typeset(raw, self.lang) if typeset_text else raw
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

    def band(self) -> tuple[float, list[DocItem]]:
        """The title band at the top of page 1, running into the bleed."""
        f, s, c = self.flyer, self.s, self.colours
        x = self.margin
        top = self.margin + mm(1)
        logo = f.organisation.logo if f.organisation else None
        picture = self.pictures.get(logo) if logo else None
        logo_h = mm(16) * (s.title / 30)
        logo_w = min(logo_h * picture.width / picture.height, mm(45)) if picture else 0.0
        text_w = self.content.w - (logo_w + mm(6) if picture else 0)
        items: list[DocItem] = []
        y = top
        eyebrow = self.eyebrow_text()
        if eyebrow:
            lines = self.lines(eyebrow.upper(), SEMIBOLD, s.eyebrow, text_w, hyphenate=False)
            items += self.draw_lines(lines, SEMIBOLD, s.eyebrow, c.band_soft, x, y, char_space=0.6)
            y += self.text_height(len(lines), s.eyebrow) + s.unit * 0.9
        title = self.lines(f.title, BOLD, s.title, text_w, balance=True, hyphenate=False)
        items += self.draw_lines(title, BOLD, s.title, WHITE, x, y)
        y += self.text_height(len(title), s.title)
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
            tile = Rect(
                self.width - self.margin - logo_w - mm(3), top - mm(1), logo_w + mm(6), logo_h + mm(6)
            )
            tile = Rect(tile.x, tile.y, tile.w, tile.h)
            items.append(Box(tile, WHITE, radius=mm(1.5)))
            items.append(Image(Rect(tile.x + mm(3), tile.y + mm(3), logo_w, logo_h), picture))
            y = max(y, tile.bottom)
        bottom = y + self.margin * 0.9
        bleed = mm(BLEED_MM)
        background = Box(
            Rect(-bleed, -bleed, self.width + 2 * bleed, bottom + bleed), c.primary, background=True
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
        f, s, c = self.flyer, self.s, self.colours
        limit = min(self.content.w, mm(150) if self.columns > 1 else self.content.w)
        lines = self.lines(f.intro, REGULAR, s.intro, limit) if f.intro else []
        cta = self.lines(label_text("call_to_action", self.lang), BOLD, s.intro, limit)
        gap = s.unit * 0.35 if lines else 0.0
        height = self.text_height(len(lines), s.intro) + gap + self.text_height(len(cta), s.intro)
        x = self.content.x

        def draw(top: float) -> list[DocItem]:
            items = self.draw_lines(lines, REGULAR, s.intro, c.text, x, top)
            cta_top = top + self.text_height(len(lines), s.intro) + gap
            return items + self.draw_lines(cta, BOLD, s.intro, c.accent, x, cta_top)

        return _Block(height, draw, "intro", s.unit * 1.3)

    def section_head(self, section: Section, index: int) -> _Block:
        s, c = self.s, self.colours
        lines = self.lines(section.title, BOLD, s.section, self.content.w, balance=True, hyphenate=False)
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
        link = href(item.url)
        kind = kind_label(item.kind, self.lang)

        def draw(x: float, top: float, height: float) -> list[DocItem]:
            items: list[DocItem] = [Box(Rect(x, top, card_w, height), c.tint, radius=mm(1.2))]
            tx = x + pad + (tile + pad if tile else 0)
            if tile:
                symbol = encode(link)
                q = Rect(x + pad + self.quiet, top + pad + self.quiet, s.qr, s.qr)
                items.append(QR(q, symbol, self.quiet, link))
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

    def rows(self, section: Section, index: int) -> list[_Block]:
        blocks: list[_Block] = []
        items = section.items
        for r in range(0, len(items), self.columns):
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
            blocks.append(_Block(height, draw, f"sections[{index}].items[{r}]", gap))
        return blocks

    def footer(self) -> tuple[float, Callable[[float], list[DocItem]]]:
        f, s, c = self.flyer, self.s, self.colours
        org = f.organisation
        lines_left: list[tuple[str, str, float, Colour]] = []
        if org:
            contact = " · ".join(short_address(u) for u in (org.url, org.email) if u)
            lines_left.append(
                (org.name + (f" · {contact}" if contact else ""), SEMIBOLD, s.caption + 0.5, c.text)
            )
        legal = self.lines(f.footer, REGULAR, s.caption, self.content.w) if f.footer else []
        rule_gap = s.unit * 0.5
        height = 0.6 + rule_gap + self.text_height(len(lines_left), s.caption + 0.5)
        if legal:
            height += (s.unit * 0.25 if lines_left else 0) + self.text_height(len(legal), s.caption)

        def draw(top: float) -> list[DocItem]:
            x = self.content.x
            items: list[DocItem] = [Rule(x, top, x + self.content.w, top, c.muted, 0.6)]
            y = top + 0.6 + rule_gap
            for text, font, size, colour in lines_left:
                drawn = self.draw_lines([text], font, size, colour, x, y)
                items += drawn
                if org and org.url:
                    items.append(Link(drawn[0].rect, href(org.url), f"{org.name} – {short_address(org.url)}"))
                y += self.text_height(1, size) + s.unit * 0.25
            items += self.draw_lines(legal, REGULAR, s.caption, c.muted, x, y)
            return items

        return height, draw

    # --- pagination -----------------------------------------------------------------------------

    def flow(self) -> list[_Block]:
        blocks: list[_Block] = []
        intro = self.intro()
        if intro:
            blocks.append(intro)
        for index, section in enumerate(self.flyer.sections):
            blocks.append(self.section_head(section, index))
            blocks += self.rows(section, index)
        return blocks

    def paginate(self, band_bottom: float, footer_h: float) -> list[list[_Block]] | None:
        """Greedy page filling; ``None`` when a single block is taller than a page."""
        blocks = self.flow()
        pages: list[list[_Block]] = [[]]
        tops = [band_bottom]
        bottom_limit = self.height - self.margin
        note_h = self.text_height(1, self.s.caption) + self.s.unit
        i = 0
        used = 0.0
        while i < len(blocks):
            block = blocks[i]
            group = [block]
            j = i + 1
            while group[-1].keep_with_next and j < len(blocks):
                group.append(blocks[j])
                j += 1
            first_page = len(pages) == 1
            need = sum(
                (b.gap_before if (k or pages[-1] or first_page) else 0) + b.height
                for k, b in enumerate(group)
            )
            last = j >= len(blocks)
            room = bottom_limit - tops[-1] - (footer_h + self.s.unit if last else note_h)
            if used + need <= room:
                pages[-1] += group
                used += need
                i = j
                continue
            if not pages[-1]:
                return None
            pages.append([])
            tops.append(self.margin)
            used = 0.0
        # The footer goes on the last page: if it does not fit there, the last block moves on.
        return pages

    def pages(self) -> list[Page] | None:
        band_bottom, band_items = self.band()
        footer_h, footer_draw = self.footer()
        plan = self.paginate(band_bottom, footer_h)
        if plan is None:
            return None
        out: list[Page] = []
        for n, blocks in enumerate(plan):
            last = n == len(plan) - 1
            items: list[DocItem] = list(band_items) if n == 0 else []
            top = band_bottom if n == 0 else self.margin
            bottom = (
                self.height
                - self.margin
                - (footer_h + self.s.unit if last else self.text_height(1, self.s.caption) + self.s.unit)
            )
            used = sum((b.gap_before if k else 0) + b.height for k, b in enumerate(blocks))
            spare = max(0.0, bottom - top - used)
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
            row_extra = min(spare / len(rows), self.s.unit) if rows else 0.0
            y = top
            for k, block in enumerate(blocks):
                if k:
                    y += block.gap_before + (head_extra if k in heads else row_extra if k in rows else 0.0)
                elif n == 0:
                    y += block.gap_before
                items += block.draw(y)
                y += block.height
            if last:
                items += footer_draw(self.height - self.margin - footer_h)
            else:
                note = label_text("continued", self.lang)
                size = self.s.caption + 0.5
                w = width(note, SEMIBOLD, size)
                items += self.draw_lines(
                    [note],
                    SEMIBOLD,
                    size,
                    self.colours.accent,
                    self.width - self.margin - w,
                    self.height - self.margin - self.text_height(1, size),
                )
            out.append(Page(tuple(items)))
        return out


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
    w, h = trim_size(flyer)
    return (
        {"A4": 1.0, "letter": 1.0, "A5": 0.86, "DL": 0.8, "A6": 0.72}[flyer.page.size] if min(w, h) else 1.0
    )


def _qr_floor(flyer: Flyer) -> float:
    """The code size at which the densest code keeps modules ≥ MIN_MODULE_MM (and ≥ 20 mm)."""
    modules = [encode(href(i.url)).modules for i in _items(flyer) if i.qr]
    return mm(max([MIN_SIZE_MM] + [m * MIN_MODULE_MM for m in modules]))


def _url_problems(flyer: Flyer) -> list[Problem]:
    """Addresses too dense to print (errors) or dense enough to deserve a short link (warnings)."""
    problems = []
    for s, section in enumerate(flyer.sections):
        for i, item in enumerate(section.items):
            if not item.qr:
                continue
            link = href(item.url)
            modules = encode(link).modules
            path = f"sections[{s}].items[{i}].url"
            if modules * MIN_MODULE_MM > DENSE_QR_MM:
                problems.append(
                    Problem(
                        f"this address is {len(link)} characters long: its QR code ({modules} modules) would be too dense to scan",
                        path,
                        hint=f"use a short link: at most {_max_length()} characters fit, or set qr: false",
                    )
                )
            elif len(link) > LONG_URL:
                problems.append(
                    Problem(
                        f"this address is {len(link)} characters long and makes a dense QR code ({modules} modules)",
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


def _overflow(flyer: Flyer, pictures: Mapping[str, Picture], smallest: Scale) -> Problem:
    """Name what does not fit, laid out at the tightest level."""
    engine = _Engine(flyer, pictures, smallest)
    band_bottom, _ = engine.band()
    footer_h, _ = engine.footer()
    plan = engine.paginate(band_bottom, footer_h)
    pages = f"{flyer.page.max_pages} {flyer.page.size} page{'s' if flyer.page.max_pages > 1 else ''}"
    hint = "shorten the text, remove items, allow page.max_pages: 2, or choose a larger page.size"
    if plan is None:
        return Problem(
            f"a block is taller than a whole {flyer.page.size} page, even with {smallest.body:g} pt text",
            "sections",
            hint=hint,
        )
    block = plan[flyer.page.max_pages][0]
    section = int(block.path.split("]")[0].split("[")[1]) if block.path.startswith("sections[") else 0
    path = block.path.removesuffix(".title")
    return Problem(
        f"the content does not fit on {pages}, even with {smallest.body:g} pt text and {smallest.qr / mm(1):.0f} mm codes: "
        f"from « {flyer.sections[section].title} » ({path}) on, it would need page {flyer.page.max_pages + 1}",
        path,
        hint=hint,
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

    def attempt(level: int) -> tuple[list[Page], _Engine] | None:
        engine = _Engine(flyer, pictures, Scale.at(level / (_LEVELS - 1), factor, floor))
        pages = engine.pages()
        return (pages, engine) if pages is not None and len(pages) <= flyer.page.max_pages else None

    # The tightest level gives the fewest pages; then the roomiest level that keeps that count
    # (pages only grow as the level gets roomier, so a binary search finds it).
    best: tuple[int, list[Page], _Engine] | None = None
    tight = attempt(_LEVELS - 1)
    if tight is not None:
        fewest = len(tight[0])
        best = (fewest, *tight)
        low, high = 0, _LEVELS - 1
        while low < high:
            mid = (low + high) // 2
            found = attempt(mid)
            if found is not None and len(found[0]) == fewest:
                best = (fewest, *found)
                high = mid
            else:
                low = mid + 1
    if best is None:
        raise ContentError([_overflow(flyer, pictures, Scale.at(1.0, factor, floor))])
    _, pages, engine = best
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
    return Document(engine.width, engine.height, mm(BLEED_MM), tuple(pages), meta, tuple(problems))
