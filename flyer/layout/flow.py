"""Pagination: frames (pages or panels) filled in reading order, balanced, then drawn."""

from __future__ import annotations

from ..document import ARTIFACT, Page
from ..document import Item as DocItem
from ..geometry import Rect, mm
from ..labels import text as label_text
from ..typography import SEMIBOLD, width
from .base import Block, Frame
from .blocks import Blocks
from .furniture import Furniture

__all__ = ["Engine"]


class Engine(Furniture, Blocks):
    """Lays out one flyer at one density level."""

    def frames(
        self, pages: int
    ) -> tuple[list[Frame], dict[int, list[DocItem]], tuple[tuple[int, float], ...]]:
        """The frames to fill in reading order, the fixed items of each page, and the fold lines."""
        fold = self.flyer.page.fold
        if fold == "none":
            band_bottom, band_items = self.band()
            top = band_bottom + self.s.unit * 1.3
            frames = [
                Frame(
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
        frames = [Frame(page, panel.inset(self.panel_margin)) for page, panel in order]
        return frames, {0: [*self.back(back), *cover_items]}, folds

    def place(
        self, frames: list[Frame], footer_h: float, fraction: float = 1.0
    ) -> tuple[list[list[Block]], str | None]:
        """Fill the frames in order; return the blocks of each and the path of what did not fit."""
        sections = self.flyer.sections
        plan: list[list[Block]] = []
        intro_done = False
        s_index, start = 0, 0
        note_h = self.text_height(1, self.s.caption) + self.s.unit
        for frame in frames:
            self.set_frame(frame.rect)
            room = (
                frame.rect.h - (footer_h + self.s.unit if frame.footer else note_h if frame.note else 0.0)
            ) * fraction
            blocks: list[Block] = []
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

    def evenness(self, frames: list[Frame], plan: list[list[Block]], footer_h: float) -> float:
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
            # Spread what is left over the gaps: between sections first (up to 2.5 units each),
            # then between rows (up to half a unit each); the rest stays above the footer.
            heads = [k for k, b in enumerate(blocks) if k and b.section_start]
            rows = [
                k
                for k, b in enumerate(blocks)
                if k and not b.section_start and not blocks[k - 1].keep_with_next
            ]
            head_extra = min(spare / len(heads), self.s.unit * 2.5) if heads else 0.0
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
                    tag=ARTIFACT,
                )
        return [Page(tuple(pages[n])) for n in sorted(pages)]
