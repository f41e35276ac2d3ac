"""How fast `flyer check` answers bad content: every file of tests/bad/ plus generated hostile input.

The issue asks for an answer within 2 s; this prints a table (no assertion: machines are noisy).
Run: python bench/bench_bad_input.py
"""

from __future__ import annotations

import contextlib
import io
import statistics
import tempfile
import time
from pathlib import Path

from flyer.app.cli import main

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = "title: Un titre\nsections:\n  - title: S\n    items:\n      - title: R\n        url: https://example.org/\n"


def seconds(path: Path) -> float:
    """Wall time of one `flyer check PATH`, its messages swallowed."""
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stderr(sink), contextlib.redirect_stdout(sink):
        main(["check", str(path)])
    return time.perf_counter() - start


def hostile(folder: Path) -> dict[str, Path]:
    """Generated cases too big to keep in the repository."""
    cases = {
        "2 MB intro": MINIMAL + "intro: " + "Bonjour à toutes et à tous. " * 75_000 + "\n",
        "20 000 levels of nesting": MINIMAL + "intro: " + "[" * 20_000 + "]" * 20_000 + "\n",
        "billion laughs": "\n".join(
            [f"a0: &a0 [{', '.join(['x'] * 10)}]"]
            + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
        )
        + "\n"
        + MINIMAL,
    }
    paths = {}
    for name, text in cases.items():
        path = folder / (name.replace(" ", "-") + ".yaml")
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def main_bench() -> None:
    seconds(ROOT / "content.yaml")  # warm the imports, as a second command in a shell would not be
    corpus = sorted((ROOT / "tests" / "bad").glob("[0-9][0-9]-*.yaml"))
    times = [seconds(path) for path in corpus]
    print(f"{'case':<40} {'ms':>8}")
    print(f"{f'tests/bad/ ({len(times)} files), median':<40} {statistics.median(times) * 1000:>8.1f}")
    print(f"{'tests/bad/, slowest':<40} {max(times) * 1000:>8.1f}")
    with tempfile.TemporaryDirectory() as folder:
        for name, path in hostile(Path(folder)).items():
            print(f"{name:<40} {seconds(path) * 1000:>8.1f}")


if __name__ == "__main__":
    main_bench()
