"""Build timings of the default flyer: cold (a new process) and warm (inside one process).

Prints a table; no assertion. Run: python bench/bench_build.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cold(runs: int = 7) -> float:
    """Median wall time of `flyer build` (both renditions) in a new process."""
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "flyer", "build", str(ROOT / "content.yaml"), "--out", out],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm(runs: int = 20) -> tuple[float, float, float]:
    """Median seconds per flyer inside one process: layout, screen render, print render."""
    from flyer.build import prepare
    from flyer.layout import layout
    from flyer.render import render

    raw = (ROOT / "content.yaml").read_bytes()
    _, flyer, pictures = prepare(raw, "content.yaml", ROOT)
    layout(flyer, pictures)  # first call loads fonts and dictionaries
    lay, screen, printed = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        document = layout(flyer, pictures)
        t1 = time.perf_counter()
        render(document, "screen")
        t2 = time.perf_counter()
        render(document, "print")
        t3 = time.perf_counter()
        lay.append(t1 - t0)
        screen.append(t2 - t1)
        printed.append(t3 - t2)
    return statistics.median(lay), statistics.median(screen), statistics.median(printed)


def main() -> None:
    lay, screen, printed = warm()
    rows = [
        ("cold `flyer build` (both renditions, median of 7)", cold()),
        ("warm layout per flyer", lay),
        ("warm screen render per flyer", screen),
        ("warm print render per flyer", printed),
        ("warm total per flyer (both renditions)", lay + screen + printed),
    ]
    print(f"{'measure':<52} {'ms':>8}")
    for name, seconds in rows:
        print(f"{name:<52} {seconds * 1000:>8.1f}")


if __name__ == "__main__":
    main()
