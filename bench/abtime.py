"""Time commands in turn (A B A B …): wall and CPU time of each child process, medians and ratios.

Interleaving puts every command under the same load on a busy machine; CPU time (user + system of
the child, from ``os.wait4``) is what the command itself costs, whatever else runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Timing", "interleave", "run_once"]


@dataclass(frozen=True)
class Timing:
    """Medians over the runs of one command, in seconds; peak RSS in MB."""

    wall: float
    cpu: float
    peak_mb: float
    runs: int


def run_once(
    argv: Sequence[str], cwd: Path | None = None, ok: Sequence[int] = (0,)
) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one run of ``argv``."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in ok:
        raise RuntimeError(f"{argv} exited {child.returncode}: {err.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def interleave(
    commands: Mapping[str, Sequence[str]], runs: int = 7, cwd: Path | None = None, warmup: int = 1
) -> dict[str, Timing]:
    """Run every command once per round, ``runs`` rounds (after ``warmup`` untimed ones)."""
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for round_ in range(warmup + runs):
        for name, argv in commands.items():
            sample = run_once(argv, cwd)
            if round_ >= warmup:
                samples[name].append(sample)
    return {
        name: Timing(
            statistics.median(s[0] for s in got),
            statistics.median(s[1] for s in got),
            max(s[2] for s in got),
            len(got),
        )
        for name, got in samples.items()
    }
