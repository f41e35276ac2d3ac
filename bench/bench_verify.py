"""Time of `flyer verify` per page, for both renditions of the default flyer (goal: under 0.5 s).

Prints a table; no assertion. Run: python bench/bench_verify.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(runs: int = 5) -> None:
    from flyer.app.build import compile_flyer
    from flyer.verify.checks import DPI, verify

    built = compile_flyer((ROOT / "content.yaml").read_bytes(), "content.yaml", ROOT, ["screen", "print"])
    print(
        f"{'rendition':<10} {'pages':>5} {'checks':>6} {'passed':>6} {'s/file':>8} {'s/page':>8}  (median of {runs}, {DPI} dpi)"
    )
    for profile, pdf in built.pdfs.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            report = verify(pdf, built.flyer, profile)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(
            f"{profile:<10} {report.pages:>5} {len(report.checks):>6} {report.passed!s:>6}"
            f" {median:>8.3f} {median / report.pages:>8.3f}"
        )


if __name__ == "__main__":
    main()
