"""``flyer build --watch``: rebuild on every change, report problems, survive them, stop cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from flyer.app.watch import watch

from .conftest import SAMPLE_DIR

VALID = """\
title: Premier titre
organisation:
  name: Mon association
  logo: assets/logo.svg
sections:
  - title: Découvrir
    items:
      - title: Notre site
        url: https://example.org/
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content.yaml").write_text(VALID, encoding="utf-8")
    shutil.copytree(SAMPLE_DIR / "assets", tmp_path / "assets")
    return tmp_path


def wait_for(check: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def test_watch_rebuilds_on_every_change_and_survives_errors(project: Path) -> None:
    content, out = project / "content.yaml", project / "out"
    said: list[str] = []
    warned: list[str] = []
    done = threading.Event()
    failures: list[BaseException] = []

    def rebuilt() -> int:
        return sum(m.startswith("rebuilt in ") for m in said)

    def edit() -> None:
        try:
            wait_for(lambda: rebuilt() == 1)
            first = (out / "flyer.pdf").read_bytes()
            assert (out / "flyer-1.png").read_bytes().startswith(b"\x89PNG")
            assert not (out / "flyer-print.pdf").exists()

            content.write_text(VALID.replace("https://example.org/", "example.org"), encoding="utf-8")
            wait_for(lambda: any("error:" in m for m in warned))
            assert any("content.yaml:9:14: error:" in m and "https://" in m for m in warned), warned
            assert (out / "flyer.pdf").read_bytes() == first  # a broken save leaves the last good build
            assert rebuilt() == 1

            content.write_text(VALID.replace("Premier titre", "Second titre"), encoding="utf-8")
            wait_for(lambda: rebuilt() == 2)
            assert (out / "flyer.pdf").read_bytes() != first
            assert "Second titre" in (out / "flyer.html").read_text(encoding="utf-8")

            os.utime(project / "assets" / "logo.svg", ns=(1, 1))  # the logo is watched too
            wait_for(lambda: rebuilt() == 3)
        except BaseException as exc:
            failures.append(exc)
        finally:
            done.set()

    editor = threading.Thread(target=edit)
    editor.start()
    code = watch(content, out, stop=done.is_set, max_polls=3000, say=said.append, warn=warned.append)
    editor.join()
    assert not failures, failures
    assert code == 0
    assert any(m.startswith("watching ") and "logo.svg" in m for m in said)
    times = [int(m.split()[2]) for m in said if m.startswith("rebuilt in ")]
    print(f"rebuild times (ms), first cold: {times}")


def test_watch_stops_after_max_polls_and_on_ctrl_c(project: Path) -> None:
    said: list[str] = []
    polls: list[float] = []
    assert (
        watch(project / "content.yaml", project / "o", max_polls=3, sleep=polls.append, say=said.append) == 0
    )
    assert polls == [0.2, 0.2, 0.2] and sum(m.startswith("rebuilt") for m in said) == 1

    def interrupt(_: float) -> None:
        raise KeyboardInterrupt

    assert watch(project / "content.yaml", project / "o", sleep=interrupt, say=said.append) == 0
    assert said[-1] == "stopped"


def test_ctrl_c_exits_0_from_the_command_line(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "flyer", "build", "--watch", "--out", "o"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("watching "):
            break
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "stopped" in rest
    assert (project / "o" / "flyer.pdf").is_file() and (project / "o" / "flyer-1.png").is_file()


def test_wake_returns_when_a_watched_folder_changes(tmp_path: Path) -> None:
    from flyer.app.wake import Wake

    wake = Wake([tmp_path])
    assert wake.notify is not None  # inotify on this platform: events, not polling
    sleeper = threading.Thread(target=wake, args=(600,))
    sleeper.start()
    time.sleep(0.2)  # let it start waiting
    (tmp_path / "content.yaml").write_text("title: x\n", encoding="utf-8")
    sleeper.join(timeout=60)
    assert not sleeper.is_alive(), "a change in the folder did not wake the watcher"
    wake.close()


def test_previews_of_unchanged_pages_are_not_encoded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from flyer.app.build import compile_flyer
    from flyer.draw.png import png_pages

    pdf = compile_flyer(VALID.encode(), "content.yaml", SAMPLE_DIR, ["screen"]).pdfs["screen"]
    cache: dict[bytes, bytes] = {}
    first = png_pages(pdf, 40, fast=True, cache=cache)
    assert len(cache) == len(first)
    encoded: list[object] = []
    from flyer.draw import png

    quick = png.quick_png
    monkeypatch.setattr(png, "quick_png", lambda *pixels: encoded.append(pixels) or quick(*pixels))
    assert png_pages(pdf, 40, fast=True, cache=cache) == first and encoded == []
    other = compile_flyer(VALID.replace("Premier", "Autre").encode(), "content.yaml", SAMPLE_DIR, ["screen"])
    assert png_pages(other.pdfs["screen"], 40, fast=True, cache=cache) != first and len(encoded) == 1


def test_a_page_laid_out_as_before_is_not_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdfium2 as pdfium

    from flyer.app.watch import Watcher

    from .conftest import sample_project

    content = sample_project(tmp_path / "project")
    watcher = Watcher(content, tmp_path / "out", say=lambda _: None, warn=lambda _: None)
    assert watcher.build() and watcher.pages == 2
    verso = (tmp_path / "out" / "flyer-2.png").read_bytes()
    rendered: list[int] = []
    render = pdfium.PdfPage.render
    monkeypatch.setattr(
        pdfium.PdfPage, "render", lambda self, *a, **k: rendered.append(1) or render(self, *a, **k)
    )
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("title: ", "title: Nouveau ", 1), encoding="utf-8")  # the recto's title
    assert watcher.build()
    assert len(rendered) == 1 and (tmp_path / "out" / "flyer-2.png").read_bytes() == verso
    # Laid out otherwise (another paper size): every page is drawn again.
    content.write_text(text.replace("size: A4", "size: letter"), encoding="utf-8")
    assert watcher.build() and len(rendered) == 1 + watcher.pages


def test_a_quick_preview_is_a_lossless_png() -> None:
    import io

    from PIL import Image, ImageDraw

    from flyer.draw.png import quick_png

    image = Image.new("RGB", (37, 11), (250, 240, 230))
    ImageDraw.Draw(image).line((0, 0, 36, 10), fill=(29, 63, 110), width=3)
    data = quick_png(image.tobytes(), *image.size)
    read = Image.open(io.BytesIO(data))
    read.load()  # checks every chunk's CRC and the deflate stream
    assert read.format == "PNG" and read.mode == "RGB" and read.size == (37, 11)
    assert read.tobytes() == image.tobytes()
