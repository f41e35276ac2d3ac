"""map_forked: the same results as a loop, in order, and a failing job's traceback comes back."""

from __future__ import annotations

import os

import pytest

from flyer.app.forked import map_forked


def test_results_in_order_computed_in_other_processes() -> None:
    results = map_forked(lambda n: (n * n, os.getpid()), [1, 2, 3], force=True)
    assert [r for r, _ in results] == [1, 4, 9]
    assert results[0][1] == os.getpid()
    assert len({pid for _, pid in results}) == 3  # one process per job


def test_a_failing_job_raises_with_its_traceback() -> None:
    def job(n: int) -> int:
        if n == 2:
            raise ValueError("two is refused")
        return n

    with pytest.raises(RuntimeError, match="two is refused"):
        map_forked(job, [1, 2], force=True)
    assert map_forked(job, [3]) == [3]


def test_without_a_spare_core_the_jobs_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    import flyer.app.forked

    monkeypatch.setattr(flyer.app.forked, "_spare_core", lambda: False)
    assert {pid for pid in map_forked(lambda _: os.getpid(), [1, 2])} == {os.getpid()}
