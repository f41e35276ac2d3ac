"""``flyer build --watch``: rebuild the screen PDF and its preview whenever the content or a logo changes.

A change is size or modification time, looked at every 0.2 s and at once when the file system says
a watched folder changed (``flyer.app.wake``: events through watchfiles where the platform has them), so
a save is seen within milliseconds and polling still works everywhere, network drives included.
Previews are not synced to disk (they are remade on the next save); a page laid out as in the last
build is not rendered again, and only the pages whose picture changed are encoded again.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from flyer.errors import ContentError, format_problem

if TYPE_CHECKING:
    from flyer.document import PlacedPage

__all__ = ["WATCH_LOOK_S", "Watcher", "watch"]

#: Seconds between two looks at the watched files.
WATCH_LOOK_S = 0.2
#: Resolution of the preview images, in dots per inch.
PREVIEW_DPI = 80

Stamp = tuple[int, int] | None


def _stamp(path: Path) -> Stamp:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _stdout(message: str) -> None:
    print(message, flush=True)


class Watcher:
    """Build the screen rendition of one content file into a folder, and tell what changed."""

    def __init__(
        self,
        content: Path,
        out: Path,
        say: Callable[[str], None] = _stdout,
        warn: Callable[[str], None] = _stderr,
    ) -> None:
        self.content = content
        self.out = out
        self.say = say
        self.warn = warn
        self.assets: list[Path] = []
        self.stamps: dict[Path, Stamp] = {}
        self.previews: dict[bytes, bytes] = {}  # page bitmap digest → its PNG, from the last build
        # The last build's pages as laid out, their frame and PNGs: a page laid out the same is
        # drawn the same, so it is not rendered again (a change on the recto leaves the verso).
        self.laid_out: tuple[PlacedPage, ...] = ()
        self.frame: tuple[float, float] = (0.0, 0.0)
        self.pngs: list[bytes] = []

    @property
    def pages(self) -> int:
        """How many pages the last good build has (and previews in the output folder)."""
        return len(self.pngs)

    def watched(self) -> list[Path]:
        """The content file and the assets its last valid version names."""
        return [self.content, *self.assets]

    def changed(self) -> bool:
        """Whether a watched file changed (size or modification time) since the last look."""
        now = {path: _stamp(path) for path in self.watched()}
        if now == self.stamps:
            return False
        self.stamps = now
        return True

    def build(self) -> bool:
        """Rebuild the screen PDF, the HTML companion and the PNG previews; report; return success."""
        from flyer.app.build import OUTPUT_NAMES, compile_flyer
        from flyer.app.disk import read_content, write_atomically
        from flyer.draw.html import OUTPUT_NAME, html, logo_of
        from flyer.draw.png import png_pages

        started = time.perf_counter()
        try:
            raw = read_content(self.content)
            built = compile_flyer(raw, str(self.content), self.content.resolve().parent, ["screen"])
        except ContentError as exc:
            for problem in exc.problems:
                self.warn(format_problem(problem))
            self.warn(f"not rebuilt: fix the problem{'s' if len(exc.problems) > 1 else ''} above and save")
            return False
        from flyer.app.assets import assets_of

        self.assets = assets_of(built.flyer, self.content.parent)
        for path in self.assets:  # a newly named logo, illustration or font: watched from its current state
            self.stamps.setdefault(path, _stamp(path))
        pdf = built.pdfs["screen"]
        files = {
            self.out / OUTPUT_NAMES["screen"]: pdf,
            self.out / OUTPUT_NAME: html(
                built.flyer, logo_of(built.document, built.flyer), built.document.fonts
            ).encode(),
        }
        pages, frame = built.document.pages, (built.document.width, built.document.height)
        unchanged = {
            n: self.pngs[n]
            for n, page in enumerate(pages[: len(self.laid_out)])
            if frame == self.frame and self.laid_out[n] == page
        }
        pngs = png_pages(pdf, PREVIEW_DPI, fast=True, cache=self.previews, unchanged=unchanged)
        files |= {self.out / f"flyer-{n}.png": png for n, png in enumerate(pngs, start=1)}
        try:
            write_atomically(files, sync=False)  # a preview is remade on the next save: no fsync wait
            for n in range(len(pngs) + 1, self.pages + 1):  # the verso went away
                (self.out / f"flyer-{n}.png").unlink(missing_ok=True)
        except OSError as exc:
            self.warn(f"cannot write to '{self.out}': {exc.strerror or exc}")
            return False
        self.laid_out, self.frame, self.pngs = pages, frame, pngs
        for problem in built.warnings:
            self.warn(format_problem(problem))
        elapsed = (time.perf_counter() - started) * 1000
        self.say(f"rebuilt in {elapsed:.0f} ms: {', '.join(p.name for p in files)} in {self.out}")
        return True


def watch(
    content: Path,
    out: Path,
    *,
    interval: float = WATCH_LOOK_S,
    stop: Callable[[], bool] = lambda: False,
    max_polls: int | None = None,
    sleep: Callable[[float], None] | None = None,
    say: Callable[[str], None] = _stdout,
    warn: Callable[[str], None] = _stderr,
) -> int:
    """Build once, then rebuild on every change until ``stop()``, ``max_polls`` looks or Ctrl-C; return 0.

    ``sleep`` waits between two looks; by default a ``Wake`` that returns early on file-system events.
    """
    from flyer.app.wake import Wake

    watcher = Watcher(content, out, say, warn)
    wake = Wake() if sleep is None else None
    try:
        watcher.changed()
        watcher.build()
        # Modules, fonts and caches of the first build live as long as the loop: out of the
        # collector's sight, so a rebuild's collections only walk what the rebuild made.
        gc.freeze()
        say(f"watching {', '.join(str(p) for p in watcher.watched())} (Ctrl-C to stop)")
        polls = 0
        while not stop() and (max_polls is None or polls < max_polls):
            if wake is not None:
                wake.watch(path.parent for path in watcher.watched())
                wake(interval)
            else:
                if sleep is None:  # the caller gives one of the two
                    raise ValueError("watch needs a wake or a sleep")
                sleep(interval)
            polls += 1
            if watcher.changed():
                watcher.build()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        if wake is not None:
            wake.close()
    return 0
