"""Ctrl-C and SIGTERM: one line ``interrupted``, exit 130, no temporary file, no half variant."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flyer.app.interrupt import EXIT_INTERRUPTED

from .conftest import MINIMAL

# Runs the command line with one stage slowed down, so that the signal lands in the middle.
_SLOWED = """
import sys, time
from pathlib import Path
import flyer.{module} as target
from flyer.app.cli import main
real = target.{function}
def slow(*args, **kwargs):
    result = real(*args, **kwargs)
    Path(sys.argv[1], "reached").touch()
    time.sleep({pause})
    return result
target.{function} = slow
sys.exit(main(sys.argv[2:]))
"""


def _start(
    tmp_path: Path, argv: list[str], module: str, function: str, pause: float
) -> subprocess.Popen[str]:
    script = _SLOWED.format(module=module, function=function, pause=pause)
    return subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )


def _wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    while not path.exists():
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")]


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM])
def test_a_build_stops_on_a_signal(sent: signal.Signals, tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_text(MINIMAL, encoding="utf-8")
    argv = ["build", "content.yaml", "--out", "out", "--no-verify"]
    process = _start(tmp_path, argv, "app.build", "render", 30)
    _wait_for(tmp_path / "reached", process)
    process.send_signal(sent)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED, err
    assert err.strip().splitlines()[-1] == "interrupted" and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not _leftovers(tmp_path / "out")


def test_a_batch_stops_with_every_variant_folder_complete_or_absent(tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_text(MINIMAL + "event:\n  name: Salon\n", encoding="utf-8")
    rows = "".join(f"v{n};Salon {n}\n" for n in range(40))
    (tmp_path / "v.csv").write_text("id;event.name\n" + rows, encoding="utf-8")
    argv = ["build", "content.yaml", "--variants", "v.csv", "--out", "out", "--jobs", "2", "--no-verify"]
    process = _start(tmp_path, argv, "app.batch", "write_variant", 0.3)
    _wait_for(tmp_path / "reached", process)
    os.kill(process.pid, signal.SIGINT)  # the batch's own process, as a terminal's Ctrl-C reaches it
    _out, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED, err
    assert err.strip().splitlines()[-1] == "interrupted" and "Traceback" not in err
    folders = sorted((tmp_path / "out").iterdir())
    assert not _leftovers(tmp_path / "out"), folders
    assert 1 <= len(folders) < 40
    for folder in folders:
        assert sorted(p.name for p in folder.iterdir()) == ["flyer-print.pdf", "flyer.pdf"], folder
        assert all(
            (folder / name).read_bytes().startswith(b"%PDF") for name in ("flyer.pdf", "flyer-print.pdf")
        )


def _interrupted(tmp_path: Path, argv: list[str], delay: float) -> tuple[subprocess.Popen[str], str]:
    """``python -m flyer argv`` on the minimal content, sent Ctrl-C after ``delay``: the process, stderr."""
    (tmp_path / "content.yaml").write_text(MINIMAL, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "flyer", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    return process, err


@pytest.mark.parametrize("delay", [0.05, 0.4, 0.9, 1.6])
def test_ctrl_c_at_any_moment_of_a_real_build(delay: float, tmp_path: Path) -> None:
    """No slowed stage: the signal lands wherever it lands (pdfium, reportlab, zxing, a write)."""
    process, err = _interrupted(tmp_path, ["build", "content.yaml", "--out", "out"], delay)
    complete = {"flyer.pdf", "flyer-print.pdf", "flyer.html"}
    written = {p.name for p in (tmp_path / "out").iterdir()} if (tmp_path / "out").exists() else set()
    assert written in (set(), complete), "every output or none, and no temporary file"
    if _before_flyer_ran(err):  # Python's own start-up took it (a slow machine, the shortest delay)
        assert process.returncode in (1, -signal.SIGINT) and written == set(), err
        return
    assert "Traceback" not in err
    if process.returncode == EXIT_INTERRUPTED:
        assert err.strip().splitlines()[-1] == "interrupted"
    elif process.returncode == 0:  # it had finished; a late signal is ignored
        assert written == complete, err
    else:  # the signal came before Python could take it: nothing had started
        assert process.returncode == -signal.SIGINT and written == set(), err


def _before_flyer_ran(err: str) -> bool:
    """The signal came before flyer's handlers were installed: Python's start-up (``site``) or the
    import of the entry point itself, where Python's default handler is the one that answers."""
    if "Traceback" not in err:
        return False
    ours = re.findall(r'File "[^"]*flyer[/\\]([\w/\\]+\.py)", line \d+, in (\S+)', err)
    if "init_import_site" in err:  # in ``site``: an editable install's finder may be on the stack
        return not ours
    return bool(ours) and all(
        (module, where) in {("__main__.py", "<module>"), ("entry.py", "<module>")} for module, where in ours
    )


# A module whose set-up takes a while, as an extension module's initialisation does.
_SLOW_MODULE = """
import time
from pathlib import Path
Path("importing").touch()
time.sleep(0.6)
Path("imported").touch()
"""
_IMPORTS_SLOWLY = """
import sys, time
from flyer.app.interrupt import handling
try:
    with handling():
        import slowmodule
        time.sleep(30)
except KeyboardInterrupt:
    sys.exit("stopped")
"""


def test_a_signal_during_an_import_waits_for_the_import_to_end(tmp_path: Path) -> None:
    """Raising into an extension module's set-up crashes CPython: the stop is taken after it."""
    (tmp_path / "slowmodule.py").write_text(_SLOW_MODULE, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", _IMPORTS_SLOWLY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])},
    )
    _wait_for(tmp_path / "importing", process)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert (tmp_path / "imported").exists(), "the import was cut short"
    assert process.returncode == 1 and err.strip() == "stopped", err


@pytest.mark.parametrize("delay", [0.1, 0.3])
def test_ctrl_c_while_the_command_line_is_imported(delay: float, tmp_path: Path) -> None:
    process, err = _interrupted(tmp_path, ["check", "content.yaml"], delay)
    assert "Traceback" not in err and process.returncode in (0, EXIT_INTERRUPTED, -signal.SIGINT), err


def test_a_stop_waits_for_imports_only_so_long(monkeypatch: pytest.MonkeyPatch) -> None:
    """An import that never ends (``main`` run from a module's body) does not hold a stop for ever."""
    from flyer import signals

    clock = [100.0]
    monkeypatch.setattr(signals, "_busy", lambda frame: True)
    monkeypatch.setattr(signals.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(signals.signal, "setitimer", lambda *args: None)  # no real alarm
    previous = signal.signal(signal.SIGALRM, signal.SIG_IGN)
    try:
        assert signals.postponed(signal.SIGINT, None)
        clock[0] += signals._PATIENCE_S / 2
        assert signals.postponed(signal.SIGTERM, None)
        assert signals._pending["signals"] == [signal.SIGINT, signal.SIGTERM]  # both are sent again
        clock[0] += signals._PATIENCE_S
        assert not signals.postponed(signal.SIGINT, None)  # waited long enough: taken now
    finally:
        signal.signal(signal.SIGALRM, previous)
        signals._pending.update(signals=[], since=None, alarm=None)


def test_the_alarm_handler_is_given_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from flyer import signals

    def theirs(number: int, frame: object) -> None:  # e.g. a test timeout's own SIGALRM
        pass

    sent: list[int] = []
    monkeypatch.setattr(signals, "_busy", lambda frame: True)
    monkeypatch.setattr(signals.signal, "setitimer", lambda *args: None)
    monkeypatch.setattr(signals.signal, "raise_signal", sent.append)
    previous = signal.signal(signal.SIGALRM, theirs)
    try:
        assert signals.postponed(signal.SIGTERM, None)
        assert signal.getsignal(signal.SIGALRM) is signals._again
        signals._again(signal.SIGALRM, None)
        assert sent == [signal.SIGTERM] and signal.getsignal(signal.SIGALRM) is theirs
    finally:
        signal.signal(signal.SIGALRM, previous)
        signals._pending.update(signals=[], since=None, alarm=None)


def test_a_stop_in_a_finalizer_waits_for_it() -> None:
    """A KeyboardInterrupt raised in a finalizer is printed and swallowed: the build would go on."""
    import weakref

    from flyer import signals

    seen: list[bool] = []

    class Owner:
        def __del__(self) -> None:
            seen.append(signals._busy(sys._getframe()))

    owner, other = Owner(), Owner()
    weakref.finalize(other, lambda: seen.append(signals._busy(sys._getframe())))
    del owner, other
    assert seen == [True, True, True]  # in __del__ (twice: both owners) and in the callback
    assert not signals._busy(sys._getframe())


def test_a_stop_while_flyer_forks_waits_for_the_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork handlers (logging's) run inside ``os.fork`` with no frame of their own: a stop raised
    there is printed and swallowed, so flyer's forks say when they are forking."""
    from flyer import signals
    from flyer.app import forked

    during: list[bool] = []
    real_fork = os.fork

    def fork() -> int:
        during.append(signals._busy(None))
        return real_fork()

    monkeypatch.setattr(forked.os, "fork", fork)
    assert forked.map_forked(abs, [-1, -2], force=True) == [1, 2]
    assert during == [True] and not signals._busy(None)


def test_a_stop_in_python_s_start_up_is_told_from_one_in_flyer() -> None:
    site = (
        "Fatal Python error: init_import_site: Failed to import the site module\n"
        "Traceback (most recent call last):\n"
        '  File "<frozen site>", line 186, in addpackage\n'
        '  File "/venv/lib/python3.11/site-packages/__editable___flyer_0_1_0_finder.py", line 5, in <module>\n'
        "KeyboardInterrupt\n"
    )
    assert _before_flyer_ran(site)
    entry = 'Traceback (most recent call last):\n  File "/venv/flyer/entry.py", line 3, in <module>\nKeyboardInterrupt\n'
    assert _before_flyer_ran(entry)
    ran = 'Traceback (most recent call last):\n  File "/venv/flyer/app/build.py", line 9, in compile\nKeyboardInterrupt\n'
    assert not _before_flyer_ran(ran) and not _before_flyer_ran("")


def test_a_pool_worker_forked_inside_the_block_starts_with_nothing_pending() -> None:
    """A pool's worker never leaves ``forking()``: its set-up says it is not forking any more."""
    from flyer import signals
    from flyer.app.interrupt import worker_signals

    previous = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        signals._pending.update(forking=1, signals=[signal.SIGTERM], since=1.0)
        worker_signals()
        assert signals._pending["forking"] == 0 and signals._pending["signals"] == []
        assert not signals._busy(None)
    finally:
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])
        signals._pending.update(signals=[], since=None, alarm=None, forking=0)
