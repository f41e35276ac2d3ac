"""flyer against the Typst peer: cold builds, variants, watch latency, the 1 000-variant batch.

Prints one table; no assertion. Measure an installed wheel, not the editable install (these
machines set PYTHONDONTWRITEBYTECODE=1, so an editable install recompiles the package at every run):

    python3 -m venv .bench-venv && .bench-venv/bin/pip install '.[bench]'
    .bench-venv/bin/python bench/bench_build.py [--runs 7] [--variants 1000] [--jobs N]

Every pair of commands runs in turn (A B A B …, after one untimed round), so both see the same load
on a shared machine; CPU time is the child's user + system time (``os.wait4``), wall the elapsed
time. Ratios are flyer ÷ peer, on medians. The peer (bench/peer_typst.py) is left out, and so are
its rows, when ``typst`` or ``segno`` is not installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from abtime import Timing, interleave, run_once  # noqa: E402

GOALS = {"cold": 1.0, "verify": 2.5, "variant": 0.25}


def flyer_command() -> list[str]:
    """The installed ``flyer`` next to this interpreter (a wheel install), else ``python -m flyer``."""
    script = Path(sys.executable).with_name("flyer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "flyer"]


def installed_as_wheel() -> bool:
    spec = importlib.util.find_spec("flyer")
    origin = spec.origin if spec else None
    return bool(origin) and "site-packages" in str(origin)


def has_peer() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("typst", "segno"))


def short_addresses(text: str) -> str:
    """Item addresses over 60 characters shortened (the same rule as the tests' ``phone_safe``)."""

    def shorten(match: re.Match[str]) -> str:
        url = match.group(2)
        if len(url) <= 60:
            return match.group(0)
        parts = urlsplit(url)
        return f"{match.group(1)}{parts.scheme}://{parts.netloc}/{len(url)}"

    return re.sub(r"(\burl: )(https?://\S+)", shorten, text)


def project(folder: Path) -> tuple[Path, str]:
    """The default flyer copied into ``folder``; shortened addresses if it fails verification."""
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    for asset in (ROOT / "assets").iterdir():
        (folder / "assets" / asset.name).write_bytes(asset.read_bytes())
    content = folder / "content.yaml"
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    content.write_text(text, encoding="utf-8")
    probe = subprocess.run(
        [*flyer_command(), "build", str(content), "--out", str(folder / "probe")], capture_output=True
    )
    if probe.returncode == 0:
        return content, "content.yaml"
    content.write_text(short_addresses(text), encoding="utf-8")
    return content, "content.yaml, addresses over 60 characters shortened (the default fails verify)"


def variants_table(folder: Path, count: int) -> Path:
    table = folder / f"variants-{count}.csv"
    rows = ["id;event.stand;tracking.utm_source;tracking.utm_campaign"]
    rows += [f"v{n:04d};Stand {n};salon;campagne-{n:04d}" for n in range(count)]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return table


def watch_latency(content: Path, out: Path, saves: int = 9) -> list[float]:
    """Seconds from a save of ``content`` to the new ``flyer-1.png`` (a new file: it is renamed in)."""
    child = subprocess.Popen(
        [*flyer_command(), "build", str(content), "--watch", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    try:
        for line in child.stdout:
            if line.startswith("watching"):
                break
        preview = out / "flyer-1.png"
        text = content.read_text(encoding="utf-8")
        latencies = []
        for n in range(saves + 1):
            before = preview.stat().st_ino
            time.sleep(0.3)  # let the watcher settle, like a person between two saves
            start = time.perf_counter()
            content.write_text(text.replace("title: ", f"title: V{n} ", 1), encoding="utf-8")
            deadline = start + 10
            while preview.stat().st_ino == before:
                if time.perf_counter() > deadline:
                    raise RuntimeError("no new preview within 10 s")
                time.sleep(0.001)
            if n:  # the first save warms the process up
                latencies.append(time.perf_counter() - start)
        return latencies
    finally:
        child.terminate()
        child.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7, help="timed rounds of each A/B pair (default 7)")
    parser.add_argument("--variants", type=int, default=1000, help="rows in the big batch (default 1000)")
    parser.add_argument("--jobs", type=int, help="--jobs for the batches (default: flyer's own)")
    args = parser.parse_args()
    if not installed_as_wheel():
        print(
            "warning: flyer is not installed as a wheel here; the figures include recompiling it",
            file=sys.stderr,
        )
    flyer = flyer_command()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        content, described = project(folder / "project")
        build = [*flyer, "build", str(content), "--out", str(folder / "out")]
        commands: dict[str, list[str]] = {
            "no-verify": [*build, "--no-verify"],
            "verify": build,
            "variants": [*build, "--variants", str(variants_table(folder, 200)), *jobs],
        }
        if has_peer():
            commands["peer"] = [
                sys.executable,
                str(HERE / "peer_typst.py"),
                str(content),
                str(folder / "peer.pdf"),
            ]
        variant_runs = max(3, args.runs // 2)
        cold = interleave({k: v for k, v in commands.items() if k != "variants"}, args.runs)
        batch200 = interleave({"variants": commands["variants"]}, variant_runs, warmup=0)["variants"]
        latencies = watch_latency(content, folder / "watch")
        big = run_once([*build, "--variants", str(variants_table(folder, args.variants)), *jobs])

    peer: Timing | None = cold.get("peer")
    per_variant = Timing(batch200.wall / 200, batch200.cpu / 200, batch200.peak_mb, batch200.runs)

    workers = args.jobs or len(os.sched_getaffinity(0))

    def row(name: str, t: Timing, goal: str | None = None, spread: int = 1) -> str:
        """Ratios of wall and CPU time to the peer's; the goal is judged on CPU time (÷ the workers
        for the batch: the wall time of an idle machine), which other engineers' load leaves alone."""
        ratio = f"{t.wall / peer.wall:.2f} / {t.cpu / peer.cpu:.2f}" if peer else "–"
        goal_text = ""
        if goal and peer:
            judged = t.cpu / spread / peer.cpu
            goal_text = f"≤ {GOALS[goal]:g}: {judged:.2f}, {'met' if judged <= GOALS[goal] else 'NOT met'}"
        return f"| {name} | {t.wall * 1000:.0f} | {t.cpu * 1000:.0f} | {ratio} | {goal_text} |"

    print(f"{os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), Python {sys.version.split()[0]}")
    print(f"content: {described}; medians of {args.runs} A/B rounds (variants: {variant_runs})")
    print()
    print("| measure | wall ms | CPU ms | ratio to peer (wall / CPU) | goal (on CPU time) |")
    print("|---|---:|---:|---:|---|")
    print(row("`flyer build --no-verify` (screen + print + HTML)", cold["no-verify"], "cold"))
    print(row("`flyer build` (with verification)", cold["verify"], "verify"))
    print(
        row(
            f"one variant of 200, own campaign, verify on (batch ÷ 200; {workers} workers)",
            per_variant,
            "variant",
            workers,
        )
    )
    if peer:
        print(row("Typst peer (segno + typst.compile, one PDF)", peer))
    watch_ms = statistics.median(latencies) * 1000
    print(
        f"| watch: save → new preview PNG (median of {len(latencies)}) | {watch_ms:.0f} | – | – | ≤ 100 ms: {'met' if watch_ms <= 100 else 'NOT met'} |"
    )
    wall, cpu, peak = big
    print(f"| {args.variants} variants, verify on | {wall * 1000:.0f} | {cpu * 1000:.0f} | – | – |")
    print(
        f"| {args.variants} variants: peak RSS of the largest process | {peak:.0f} MB | – | – | < 250 MB: {'met' if peak < 250 else 'NOT met'} |"
    )


if __name__ == "__main__":
    main()
