"""Capacity and balance per format: how many resources fit, and how full each page or panel is.

    python bench/bench_capacity.py            # the table (a few minutes on 2 cores)

For each format, the most resources (a kind, a title, a one-line description, a short address)
that lay out, whatever the split into sections (1, 2, 3 and 5 sections: odd and even counts), with
codes ≥ 20 mm and body text ≥ 8 pt (the engine's floors), against the target of issue #10; then
the fill of the emptiest page or panel for a sparse (2), a typical (8) and a dense (at capacity)
flyer.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flyer.content import load
from flyer.errors import ContentError
from flyer.layout import layout
from tests.generated import FORMATS, content

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


def emptiest(page: str, count: int) -> str:
    try:
        doc = layout(load(content(page, max(1, count), 3)))
    except ContentError:
        return "—"
    fit = min(doc.fit, key=lambda f: f.fill)
    return f"{fit.fill:.0%} ({fit.name})"


def main() -> None:
    print("| format | capacity | target | ok | emptiest, 2 | emptiest, 8 | emptiest, full | seconds |")
    print("|---|---:|---:|---|---|---|---|---:|")
    for name, page in FORMATS.items():
        start = time.perf_counter()
        cap = capacity(page)
        target = TARGETS[name]
        row = [emptiest(page, 2), emptiest(page, 8), emptiest(page, cap)]
        took = time.perf_counter() - start
        print(
            f"| {name} | {cap} | {target} | {'yes' if cap >= target else 'NO'} | {' | '.join(row)} | {took:.1f} |"
        )


if __name__ == "__main__":
    main()
