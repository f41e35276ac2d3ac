"""``flyer serve``: loopback only, fixed routes, and a real headless browser that sees edits and errors."""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from flyer.app.cli import main
from flyer.app.serve import Server, loopback, serve

from .conftest import MINIMAL

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    return content


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    """``serve`` running in a thread on a free port; stopped after the test."""
    started: list[Server] = []
    ready = threading.Event()

    def up(s: Server) -> None:
        started.append(s)
        ready.set()

    thread = threading.Thread(target=serve, args=(project,), kwargs={"ready": up, "say": lambda _: None})
    thread.start()
    assert ready.wait(60), "the server did not start"
    yield started[0]
    started[0].stopping.set()
    thread.join(30)
    assert not thread.is_alive()


def _get(s: Server, path: str, host: str | None = None) -> tuple[int, bytes]:
    address, port = s.server_address[:2]
    connection = http.client.HTTPConnection(str(address), int(port), timeout=10)
    connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_loopback_names(host: str) -> None:
    assert loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org", ""])
def test_it_refuses_to_bind_anywhere_but_loopback(host: str, project: Path) -> None:
    from flyer.app.serve import Preview

    with pytest.raises(ValueError, match="loopback address only"):
        Server(Preview(project), host, 0)


def test_the_command_refuses_a_public_address(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(project), "--bind", "0.0.0.0"]) == 2
    assert "loopback address only" in capsys.readouterr().err


def test_it_serves_only_the_flyer_output(server: Server) -> None:
    assert server.server_address[0] == "127.0.0.1"
    status, body = _get(server, "/")
    assert status == 200 and b"/flyer-print.pdf" in body and b"/flyer.html" in body
    assert _get(server, "/flyer.pdf")[1].startswith(b"%PDF")
    assert _get(server, "/flyer-print.pdf")[1].startswith(b"%PDF")
    assert b"<h1>Un titre</h1>" in _get(server, "/flyer.html")[1]
    assert _get(server, "/page-1.png")[1].startswith(b"\x89PNG")
    for path in ("/content.yaml", "/../content.yaml", "/page-2.png", "/page-0.png", "/%2e%2e/content.yaml"):
        assert _get(server, path)[0] == 404, path


def test_a_foreign_host_header_is_refused(server: Server) -> None:
    """DNS rebinding: a page of evil.example resolving to 127.0.0.1 gets nothing."""
    assert _get(server, "/flyer.pdf", host="evil.example")[0] == 403


def _chromium() -> Path:
    if not CHROMIUM.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return CHROMIUM


_SNAPSHOT = """() => {
  const img = document.querySelector("#pages img");
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  canvas.getContext("2d").drawImage(img, 0, 0);
  return canvas.toDataURL("image/png");
}"""


#: How long the browser may wait for a rebuild: a bound against hanging, not a speed limit (a
#: loaded 2-core CI machine rebuilds in seconds; bench/bench_serve.py measures the latency).
_LIVENESS_MS = 60_000


def _save(path: Path, text: str) -> None:
    """Write and make sure the modification time moves (coarse clocks)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_the_browser_sees_edits_then_errors_then_the_fix(server: Server, project: Path) -> None:
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(server.url)
            # First render: a page image, decoded, and links to the current outputs.
            page.wait_for_function(
                "() => document.querySelector('#pages img')?.naturalWidth > 0", timeout=_LIVENESS_MS
            )
            assert page.locator("a[href='/flyer.html']").count() == 1
            assert page.locator("a[href='/flyer-print.pdf']").count() == 1
            first = page.evaluate(_SNAPSHOT)
            version = int(page.evaluate("() => document.body.dataset.version"))

            # An edit: a new page image, with no reload.
            page.evaluate("() => { window.notReloaded = true; }")
            edited = time.perf_counter()
            _save(project, MINIMAL.replace("Un titre", "Un tout autre titre, bien plus long"))
            # The pages themselves replaced (``#pages``' version): a build that read the file
            # half-written shows its problem and keeps the last pages, under a newer body version.
            page.wait_for_function(
                f"() => Number(document.getElementById('pages').dataset.version) > {version} && "
                "document.querySelector('#pages img')?.naturalWidth > 0",
                timeout=_LIVENESS_MS,
            )
            refresh = time.perf_counter() - edited
            second = page.evaluate(_SNAPSHOT)
            assert (
                hashlib.sha256(base64.b64decode(second.split(",")[1])).digest()
                != hashlib.sha256(base64.b64decode(first.split(",")[1])).digest()
            )
            assert page.evaluate("() => window.notReloaded") is True
            print(f"refreshed {refresh * 1000:.0f} ms after the save")  # bench/bench_serve.py holds the limit

            # A broken save: its located problem in the page, in place of the pages.
            _save(project, MINIMAL.replace("title: Un titre", "titel: Un titre"))
            page.wait_for_selector("#errors:not([hidden])", timeout=_LIVENESS_MS)
            problems = page.locator("#problems").inner_text()
            assert "content.yaml:1:1: error:" in problems and "titel" in problems, problems
            assert page.locator("#pages").is_hidden()

            # The fix: the good page again, the error gone.
            _save(project, MINIMAL)
            page.wait_for_selector("#errors[hidden]", state="attached", timeout=_LIVENESS_MS)
            page.wait_for_function(
                "() => document.querySelector('#pages img')?.naturalWidth > 0", timeout=_LIVENESS_MS
            )
            assert page.locator("#pages").is_visible()
            assert page.evaluate("() => window.notReloaded") is True
        finally:
            browser.close()


def test_a_font_file_is_watched(tmp_path: Path) -> None:
    from flyer.app.assets import assets_of
    from flyer.content.model import load

    flyer = load(MINIMAL + "theme:\n  fonts: {regular: a/R.ttf, bold: a/B.otf}\nillustration: a/p.png\n")
    assert assets_of(flyer, tmp_path) == [tmp_path / "a/p.png", tmp_path / "a/R.ttf", tmp_path / "a/B.otf"]


def test_a_changed_font_file_rebuilds_and_its_problem_replaces_the_pages(tmp_path: Path) -> None:
    from flyer.app.serve import Preview

    from .fonts import copy_into, dejavu

    regular, bold = copy_into(tmp_path, dejavu("DejaVuSans.ttf"), dejavu("DejaVuSans-Bold.ttf"))
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL + f"theme:\n  fonts: {{regular: {regular}, bold: {bold}}}\n", encoding="utf-8")
    preview = Preview(content)
    assert preview.poll() and preview.state.errors == [] and len(preview.state.pages) == 1
    good = preview.state.pages
    assert not preview.poll(), "nothing changed: no rebuild"
    _save(tmp_path / regular, "not a font any more")
    assert preview.poll()
    (problem,) = preview.state.errors
    assert "theme.fonts.regular" in problem and "is not a font file" in problem
    assert preview.state.pages == good, "the last good pages are kept (the page shows the problem instead)"
    assert preview.summary()["errors"] == [problem]


def test_port_is_the_one_asked_for(project: Path) -> None:
    import socket

    from flyer.app.serve import Preview

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Server(Preview(project), "127.0.0.1", port)
    try:
        assert server.server_address[1] == port and server.url == f"http://127.0.0.1:{port}/"
    finally:
        server.server_close()


def test_a_save_made_during_a_build_is_built_next(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flyer.app import build as builds
    from flyer.app.serve import Preview

    preview = Preview(project)
    assert preview.poll()  # the first build
    compile_flyer = builds.compile_flyer

    def saved_meanwhile(*args: object, **kwargs: object) -> object:
        built = compile_flyer(*args, **kwargs)  # type: ignore[arg-type]
        _save(project, MINIMAL.replace("Un titre", "Un titre enregistré pendant la construction"))
        return built

    monkeypatch.setattr(builds, "compile_flyer", saved_meanwhile)
    _save(project, MINIMAL.replace("Un titre", "Un autre titre"))
    assert preview.poll()
    monkeypatch.setattr(builds, "compile_flyer", compile_flyer)
    assert preview.poll(), "the save made while building was taken as built"
    assert b"enregistr" in preview.state.files["flyer.html"]
    assert not preview.poll()  # and nothing more to build
