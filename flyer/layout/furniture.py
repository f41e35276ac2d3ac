"""The fixed parts of a flyer: title band (or cover), footer, the organisation block and the back panel."""

from __future__ import annotations

from collections.abc import Callable

from ..document import ARTIFACT, Box, Colour, Image, Link, Rule, Tag
from ..document import Item as DocItem
from ..geometry import BLEED_MM, Rect, mm
from ..labels import event_details, event_line
from ..theme import WHITE
from ..tracking import tracked
from ..typography import BOLD, REGULAR, SEMIBOLD, typeset, width
from ..urls import href, short_address
from .base import Base, union

__all__ = ["Furniture"]

# The top-level structure elements of the tagged PDF that these parts fill.
_BAND, _FOOTER, _ABOUT = ("Sect:band",), ("Sect:footer",), ("Sect:about",)


class Furniture(Base):
    """Band, footer, about block and back panel."""

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
            items += self.draw_lines(
                lines,
                SEMIBOLD,
                s.eyebrow,
                c.band_soft,
                x,
                y,
                char_space=0.6,
                tag=Tag("P", "band.eyebrow", _BAND),
            )
            y += self.text_height(len(lines), s.eyebrow) + s.unit * 0.9
        # The title shrinks (never under 18 pt) until its longest word fits: no word is cut.
        title_size = s.title
        longest = max((width(w, BOLD, 1.0) for w in typeset(f.title, self.lang).split(" ")), default=0.0)
        if longest * title_size > text_w:
            title_size = max(18.0, round(text_w / longest, 1))
        title = self.lines(f.title, BOLD, title_size, text_w, balance=True, hyphenate=False)
        items += self.draw_lines(title, BOLD, title_size, WHITE, x, y, tag=Tag("H1", "band.title", _BAND))
        y += self.text_height(len(title), title_size)
        if f.subtitle:
            y += s.unit * 0.7
            sub = self.lines(f.subtitle, REGULAR, s.subtitle, text_w, balance=True, hyphenate=False)
            items += self.draw_lines(
                sub, REGULAR, s.subtitle, WHITE, x, y, tag=Tag("P", "band.subtitle", _BAND)
            )
            y += self.text_height(len(sub), s.subtitle)
        details = event_details(self.flyer.event, self.lang) if self.flyer.event else ""
        if details:
            y += s.unit * 0.8
            lines = self.lines(details, SEMIBOLD, s.body, text_w, hyphenate=False)
            items += self.draw_lines(
                lines, SEMIBOLD, s.body, c.band_soft, x, y, tag=Tag("P", "band.event", _BAND)
            )
            y += self.text_height(len(lines), s.body)
        if picture:
            tile = Rect(panel.right - inset - logo_w - mm(3), top - mm(1), logo_w + mm(6), logo_h + mm(6))
            items.append(Box(tile, WHITE, radius=mm(1.5)))
            logo_tag = Tag("Figure", "band.logo", _BAND, alt=f.organisation.name if f.organisation else "")
            items.append(Image(Rect(tile.x + mm(3), tile.y + mm(3), logo_w, logo_h), picture, logo_tag))
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
                    tag=Tag("P", "band.org_url", _BAND),
                )
            items += self.draw_lines([org.name], BOLD, size, WHITE, x, foot, tag=Tag("P", "band.org", _BAND))
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
        event, org = self.flyer.event, self.flyer.organisation
        return event_line(event, self.lang) if event else (org.name if org else "")

    def footer(self) -> tuple[float, Callable[[float], list[DocItem]]]:
        """Organisation, its web and mail addresses (each its own link), then the legal mentions."""
        f, s, c = self.flyer, self.s, self.colours
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
                    items += self.draw_lines([separator], REGULAR, size, c.muted, cursor, y, tag=ARTIFACT)
                    cursor += width(separator, REGULAR, size)
                elif n:
                    cursor, y = x, y + self.leading(size)
                tag = Tag("Link" if link else "P", f"footer.{n}", _FOOTER)
                drawn = self.draw_lines([text], font, size, c.text, cursor, y, tag=tag)
                items += drawn
                if link is not None:
                    items.append(Link(union([d.rect for d in drawn]), link.url, link.description, tag))
                cursor += width(text, font, size)
            if segments:
                y += self.text_height(1, size) + s.unit * 0.25
            items += self.draw_lines(
                legal, REGULAR, s.caption, c.muted, x, y, tag=Tag("P", "footer.legal", _FOOTER)
            )
            return items

        return height, draw

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
            details = event_details(f.event, self.lang)
            line = event_line(f.event, self.lang)
            blocks.append((self.lines(line, BOLD, s.body, width_limit), BOLD, s.body, c.text, 0.2))
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
                alt = org.name if org else ""
                items.append(
                    Image(Rect(x, y, logo_w, logo_h), picture, Tag("Figure", "about.logo", _ABOUT, alt))
                )
                if compact:
                    tx = x + logo_w + self.gutter
                else:
                    y += logo_h + s.unit
            for n, (lines, font, size, colour, gap) in enumerate(blocks):
                items += self.draw_lines(lines, font, size, colour, tx, y, tag=Tag("P", f"about.{n}", _ABOUT))
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
