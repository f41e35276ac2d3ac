"""Build timings of the default flyer: cold (a new process), warm (inside one process), a batch of
1 000 variants (`flyer build --variants`), and `flyer verify` per page.

Prints one table; no assertion. Run: python bench/bench_build.py [--variants N] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cold(runs: int = 7, *extra: str) -> float:
    """Median wall time of `flyer build` (both renditions) in a new process."""
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "flyer", "build", str(ROOT / "content.yaml"), "--out", out, *extra],
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


def warm_variants(runs: int = 20) -> float:
    """Median seconds per variant inside one process: each has its own campaign (new QR codes)."""
    from flyer.build import compile_source
    from flyer.overrides import parse_assignment
    from flyer.yamlsource import parse_yaml

    source = parse_yaml((ROOT / "content.yaml").read_bytes(), "content.yaml")
    pictures: dict[str, object] = {}
    times = []
    for n in range(runs):
        overrides = [
            parse_assignment(f"tracking.utm_campaign=warm-{n}"),
            parse_assignment(f"event.stand=S{n}"),
        ]
        start = time.perf_counter()
        compile_source(source, ROOT, ["screen", "print"], overrides, pictures)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batch(count: int, jobs: int | None) -> tuple[float, float, float]:
    """`flyer build --variants` of ``count`` rows: wall seconds, peak RSS (MB) of the largest process
    and of the first process alone, measured by a wrapper process (getrusage of its children)."""
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "variants.csv"
        rows = ["id;event.stand;tracking.utm_source;tracking.utm_campaign"]
        rows += [f"v{n:04d};Stand {n};salon;campagne-{n:04d}" for n in range(count)]
        table.write_text("\n".join(rows) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "flyer", "build", str(ROOT / "content.yaml")]
        command += ["--variants", str(table), "--out", str(Path(folder) / "out")]
        command += ["--jobs", str(jobs)] if jobs else []
        wrapper = (
            "import resource, subprocess, sys, time; t = time.perf_counter(); "
            f"subprocess.run({command!r}, check=True, capture_output=True); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        out = subprocess.run([sys.executable, "-c", wrapper], check=True, capture_output=True, text=True)
        seconds, peak_kb = out.stdout.split()
        written = len(list((Path(folder) / "out").glob("*/flyer-print.pdf")))
        assert written == count, f"{written} variants written"
    return float(seconds), int(peak_kb) / 1024, count / float(seconds)


def verify_per_page(runs: int = 3) -> float:
    """Median seconds of `flyer verify` per page, over both renditions of the default flyer."""
    from flyer.build import compile_flyer
    from flyer.verify import verify

    built = compile_flyer((ROOT / "content.yaml").read_bytes(), "content.yaml", ROOT, ["screen", "print"])
    per_page = []
    for profile, pdf in built.pdfs.items():
        for _ in range(runs):
            start = time.perf_counter()
            report = verify(pdf, built.flyer, profile)
            per_page.append((time.perf_counter() - start) / report.pages)
    return statistics.median(per_page)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return f"{os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {cpu}, Python {sys.version.split()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=1000, help="rows in the batch (default 1000)")
    parser.add_argument("--jobs", type=int, help="--jobs for the batch (default: flyer's own)")
    args = parser.parse_args()
    lay, screen, printed = warm()
    per_variant = warm_variants()
    seconds, peak, rate = batch(args.variants, args.jobs)
    rows = [
        ("cold `flyer build` (both renditions + verify, median of 7)", f"{cold() * 1000:.0f} ms"),
        ("cold `flyer build --no-verify` (median of 7)", f"{cold(7, '--no-verify') * 1000:.0f} ms"),
        ("warm layout per flyer (same flyer)", f"{lay * 1000:.1f} ms"),
        ("warm screen render per flyer", f"{screen * 1000:.1f} ms"),
        ("warm print render per flyer", f"{printed * 1000:.1f} ms"),
        ("warm total per flyer (both renditions)", f"{(lay + screen + printed) * 1000:.1f} ms"),
        ("warm per variant (own campaign: 10 new QR codes)", f"{per_variant * 1000:.1f} ms"),
        (f"{args.variants} variants `--variants` (wall)", f"{seconds:.1f} s"),
        (f"{args.variants} variants throughput", f"{rate:.1f} variants/s"),
        (f"{args.variants} variants peak RSS (largest process)", f"{peak:.0f} MB"),
        ("`flyer verify` per page (300 dpi, median)", f"{verify_per_page() * 1000:.0f} ms"),
    ]
    print(machine())
    print(f"{'measure':<58} {'value':>16}")
    for name, value in rows:
        print(f"{name:<58} {value:>16}")


if __name__ == "__main__":
    main()
