"""The flowing parts: the introduction, section heads and rows of resource cards."""

from __future__ import annotations

from collections.abc import Callable

from ..content import Item, Section
from ..document import ARTIFACT, QR, Box, Image, Link, Rule, Tag
from ..document import Item as DocItem
from ..geometry import Rect, mm
from ..labels import kind_label
from ..labels import text as label_text
from ..qr import encode
from ..tracking import tracked
from ..typography import BOLD, NBSP, REGULAR, SEMIBOLD, wrap
from ..urls import short_address
from .base import Base, Block, union

__all__ = ["Blocks"]

_INTRO = ("Sect:intro",)


class Blocks(Base):
    """Intro, section heads, cards and rows, measured for the current frame."""

    def intro(self) -> Block | None:
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
            items += self.draw_lines(
                lines, REGULAR, s.intro, c.text, x, text_top, tag=Tag("P", "intro.text", _INTRO)
            )
            cta_top = text_top + self.text_height(len(lines), s.intro) + gap
            cta_tag = Tag("P", "intro.cta", _INTRO)
            return items + self.draw_lines(cta, BOLD, s.intro, c.accent, x, cta_top, tag=cta_tag)

        return Block(height, draw, "intro", s.unit * 1.3)

    def section_head(self, section: Section, index: int, continued: bool = False) -> Block:
        """The section's title over a rule; « (suite) » when it resumes at the top of a page or panel."""
        s, c = self.s, self.colours
        title = section.title + (f" {label_text('continued_head', self.lang)}" if continued else "")
        lines = self.lines(title, BOLD, s.section, self.content.w, balance=True, hyphenate=False)
        rule_gap = s.unit * 0.45
        height = self.text_height(len(lines), s.section) + rule_gap + 1.2
        x = self.content.x

        def draw(top: float) -> list[DocItem]:
            # A resumed head repeats the section's: decoration for a reader, who is still in that section.
            head = (
                ARTIFACT if continued else Tag("H2", f"sections[{index}].title", (f"Sect:sections[{index}]",))
            )
            items = self.draw_lines(lines, BOLD, s.section, c.primary, x, top, tag=head)
            y = top + self.text_height(len(lines), s.section) + rule_gap
            items.append(Rule(x, y, x + self.content.w, y, c.primary, 1.2))
            return items

        return Block(
            height, draw, f"sections[{index}].title", s.unit * 1.5, keep_with_next=True, section_start=True
        )

    def card(
        self, item: Item, card_w: float, path: str = "card"
    ) -> tuple[float, Callable[[float, float, float], list[DocItem]]]:
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
        # A card is one list item of its section's list (``path``: sections[s].items[i]).
        section = path.split(".items")[0]
        within = (f"Sect:{section}", f"L:{section}.items", f"LI:{path}", f"LBody:{path}.body")

        def draw(x: float, top: float, height: float) -> list[DocItem]:
            items: list[DocItem] = [Box(Rect(x, top, card_w, height), c.tint, radius=mm(1.2))]
            tx = x + pad + (tile + pad if tile else 0)
            y = top + pad
            label_tag = Tag("P", f"{path}.kind", within)
            items += self.draw_lines([label], BOLD, s.label, c.accent, tx, y, char_space=0.5, tag=label_tag)
            y += self.text_height(1, s.label) + gap
            title_tag = Tag("Link", f"{path}.title", within)
            title_items = self.draw_lines(title, BOLD, s.card_title, c.primary, tx, y, tag=title_tag)
            items += title_items
            items.append(
                Link(union([t.rect for t in title_items]), link, f"{kind} – {item.title}", title_tag)
            )
            y += self.text_height(len(title), s.card_title)
            if desc:
                y += gap
                items += self.draw_lines(
                    desc, REGULAR, s.body, c.text, tx, y, tag=Tag("P", f"{path}.description", within)
                )
                y += self.text_height(len(desc), s.body)
            y += gap * 1.2
            addr_tag = Tag("Link", f"{path}.address", within)
            addr_items = self.draw_lines(addr, SEMIBOLD, s.caption, c.muted, tx, y, tag=addr_tag)
            items += addr_items
            items.append(Link(union([t.rect for t in addr_items]), link, f"{kind} – {address}", addr_tag))
            if tile:  # after the text: a reader meets the code last, as a way to the same address
                symbol = encode(code)
                q = Rect(x + pad + self.quiet, top + pad + self.quiet, s.qr, s.qr)
                qr_link = Tag("Link", f"{path}.qr", within)
                alt = f"{label_text('qr_alt', self.lang)} {kind} – {item.title}"
                qr_tag = Tag("Figure", f"{path}.qr.figure", (*within, f"Link:{path}.qr"), alt)
                items.append(QR(q, symbol, self.quiet, code, qr_tag))
                items.append(
                    Link(
                        Rect(x + pad, top + pad, tile, tile),
                        link,
                        f"QR code{NBSP}: {kind} – {item.title}",
                        qr_link,
                    )
                )
            return items

        return natural, draw

    def rows(self, section: Section, index: int, start: int = 0) -> list[Block]:
        blocks: list[Block] = []
        items = section.items
        for r in range(start, len(items), self.columns):
            chunk = items[r : r + self.columns]
            # A row that is not full shares the width: no hole in the grid.
            card_w = (self.content.w - (len(chunk) - 1) * self.gutter) / len(chunk)
            row = [
                self.card(item, card_w, path=f"sections[{index}].items[{r + j}]")
                for j, item in enumerate(chunk)
            ]
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
            blocks.append(Block(height, draw, f"sections[{index}].items[{r}]", gap, count=len(chunk)))
        return blocks
