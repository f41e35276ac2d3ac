"""Run independent pieces of work side by side: the first here, each other one in a forked child.

Verifying the screen and the print PDF are two independent jobs of ~150 ms each; on two cores they
take the time of one. pdfium is not thread-safe, so processes, not threads: a child is forked
(sharing every module already loaded), runs its job, sends the pickled result back through a pipe
and leaves. Without ``fork`` or a second core the jobs run one after the other here.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from flyer.signals import forking

__all__ = ["map_forked", "usable_cores"]

T = TypeVar("T")
R = TypeVar("R")


def usable_cores() -> int:
    """The cores this process may use (its CPU affinity), at least one."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _spare_core() -> bool:
    """A second core, and one likely idle: on a busy machine a child only adds its copy-on-write
    page faults (~15 ms a child) to the same wait."""
    if not hasattr(os, "fork") or sys.platform == "win32" or usable_cores() < 2:
        return False
    try:
        return os.getloadavg()[0] <= usable_cores() - 1
    except OSError:  # pragma: no cover - no load average
        return True


def map_forked(job: Callable[[T], R], items: Sequence[T], *, force: bool = False) -> list[R]:
    """``[job(item) for item in items]``, side by side when a core is free (or ``force``); a job's
    exception is raised here."""
    if len(items) < 2 or not (force or _spare_core()) or not hasattr(os, "fork"):
        return [job(item) for item in items]
    children = []
    for item in items[1:]:
        read, write = os.pipe()
        with forking():  # a stop landing in a fork handler (logging's) would be swallowed there
            pid = os.fork()
        if pid == 0:  # the child: run, report, leave without running the parent's cleanup
            os.close(read)
            try:
                payload = pickle.dumps((True, job(item)))
            except BaseException:
                payload = pickle.dumps((False, traceback.format_exc()))
            with os.fdopen(write, "wb") as out:
                out.write(payload)
            os._exit(0)
        os.close(write)
        children.append((pid, read))
    first = job(items[0])
    results: list[R] = [first]
    failure: str | None = None
    for pid, read in children:
        with os.fdopen(read, "rb") as incoming:
            data = incoming.read()
        os.waitpid(pid, 0)
        answer: tuple[bool, Any] = pickle.loads(data) if data else (False, "the child died without a result")
        ok, value = answer
        if ok:
            results.append(value)
        else:
            failure = failure or str(value)
    if failure is not None:
        raise RuntimeError(f"a job run in a forked process failed:\n{failure}")
    return results
