"""Capacity and balance per format: how many resources fit, and how full each page or panel is.

    python bench/bench_capacity.py            # the table (a few minutes on 2 cores)

For each format, the most resources (a kind, a title, a one-line description, a short address)
that lay out, whatever the split into sections (1, 2, 3 and 5 sections: odd and even counts), with
codes ≥ 20 mm and body text ≥ 8 pt (the engine's floors), against the target of issue #10; then
the tallest blank band (share of the page height; 15 % at most, the last page's or panel's foot
excepted) for a sparse (2), a typical (8) and a dense (at capacity) flyer; and the time of one
whole layout search.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flyer.content.model import load
from flyer.errors import ContentError
from flyer.layout import layout
from tests.generated import FORMATS, content
from tests.layoutcheck import blank_bands

TARGETS = {
    "A4 recto": 12,
    "A4 recto-verso": 30,
    "A4 landscape recto-verso": 24,
    "A5 recto": 6,
    "A5 recto-verso": 14,
    "A5 landscape recto-verso": 14,
    "A6 recto-verso": 6,
    "DL recto-verso": 10,
    "letter recto-verso": 30,
    "trifold": 18,
    "half fold": 12,
}
SPLITS = (1, 2, 3, 5)


def fits(page: str, count: int) -> bool:
    for sections in SPLITS:
        try:
            layout(load(content(page, count, sections)))
        except ContentError:
            return False
    return True


def capacity(page: str, limit: int = 40) -> int:
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if fits(page, mid):
            low = mid
        else:
            high = mid - 1
    return low


def largest_band(page: str, count: int) -> str:
    """The tallest blank band on any page or panel (the last one's foot excepted), as a share."""
    try:
        doc = layout(load(content(page, max(1, count), 3)))
    except ContentError:
        return "—"
    page_n, panel, band, _ = max(blank_bands(doc), key=lambda b: b[2])
    where = (
        doc.fit[0].name
        if len(doc.fit) == 1
        else f"page {page_n + 1}" + (f" panel {panel + 1}" if doc.folds else "")
    )
    warned = " (warned)" if any(w.path == "page.fold" for w in doc.warnings) else ""
    return f"{band:.0%} ({where}){warned}"


def search_time(text: str, runs: int = 7) -> tuple[float, float]:
    """Cold (first) and warm (median of ``runs``) time of one whole layout search, in ms."""
    flyer = load(text)
    start = time.perf_counter()
    layout(flyer)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        layout(flyer)
        warm.append(time.perf_counter() - start)
    return cold * 1000, sorted(warm)[runs // 2] * 1000


def main() -> None:
    print("| flyer | cold search (ms) | warm search (ms, median of 7) |")
    print("|---|---:|---:|")
    root = Path(__file__).resolve().parent.parent
    for label, text in (
        ("default content.yaml (A4, 11 resources)", (root / "content.yaml").read_text(encoding="utf-8")),
        ("A5 recto, 2 resources", content(FORMATS["A5 recto"], 2, 1)),
        ("A4 recto-verso, 30 resources", content(FORMATS["A4 recto-verso"], 30, 5)),
        ("trifold, 18 resources", content(FORMATS["trifold"], 18, 4)),
    ):
        cold, warm = search_time(text)
        print(f"| {label} | {cold:.0f} | {warm:.0f} |")
    print()
    print("| format | capacity | target | ok | blank band, 2 | blank band, 8 | blank band, full | seconds |")
    print("|---|---:|---:|---|---|---|---|---:|")
    for name, page in FORMATS.items():
        start = time.perf_counter()
        cap = capacity(page)
        target = TARGETS[name]
        row = [largest_band(page, 2), largest_band(page, 8), largest_band(page, cap)]
        took = time.perf_counter() - start
        print(
            f"| {name} | {cap} | {target} | {'yes' if cap >= target else 'NO'} | {' | '.join(row)} | {took:.1f} |"
        )


if __name__ == "__main__":
    main()
