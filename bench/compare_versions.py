"""Two installed versions of flyer and the Typst peer, in turn: the before/after table of a round.

Prints a table; no assertion. Each version is a ``flyer`` executable of its own virtual environment
(an installed wheel, see RESULTS.md), the peer runs with this interpreter when typst and segno are
installed:

    git worktree add /tmp/old OLD_COMMIT && python3 -m venv /tmp/before && /tmp/before/bin/pip install /tmp/old
    .bench-venv/bin/python bench/compare_versions.py /tmp/before/bin/flyer .bench-venv/bin/flyer [--runs 9]

Every command runs once per round (A B peer A B peer …, after one untimed round), on the default
``content.yaml``; figures are medians, ratios are to the peer's median in the same rounds.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from abtime import interleave  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("before", help="the older version's flyer executable")
    parser.add_argument("after", help="the newer version's flyer executable")
    parser.add_argument("--runs", type=int, default=9, help="timed rounds (default 9)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(ROOT / "content.yaml", folder / "content.yaml")
        shutil.copytree(ROOT / "assets", folder / "assets")
        content = str(folder / "content.yaml")
        commands: dict[str, list[str]] = {}
        for tag, flyer in (("before", args.before), ("after", args.after)):
            build = [flyer, "build", content, "--out", str(folder / f"out-{tag}")]
            commands[f"{tag}: flyer build --no-verify"] = [*build, "--no-verify"]
            commands[f"{tag}: flyer build"] = build
            commands[f"{tag}: flyer --help"] = [flyer, "--help"]
        peer = all(importlib.util.find_spec(m) is not None for m in ("typst", "segno"))
        if peer:
            commands["peer"] = [sys.executable, str(HERE / "peer_typst.py"), content, str(folder / "peer.pdf")]
        timings = interleave(commands, args.runs)
    print("| command | wall ms | CPU ms | ratio to peer (wall / CPU) |")
    print("|---|---:|---:|---:|")
    for name, t in timings.items():
        ratio = f"{t.wall / timings['peer'].wall:.2f} / {t.cpu / timings['peer'].cpu:.2f}" if peer else "–"
        print(f"| {name} | {t.wall * 1000:.0f} | {t.cpu * 1000:.0f} | {ratio} |")


if __name__ == "__main__":
    main()
