"""``flyer serve``: a live preview in the browser, rebuilt on every save, on the loopback address only.

One thread polls the content file and every file it names (logo, illustration, fonts) and rebuilds
in memory; the standard library's threading HTTP server answers a fixed set of routes (the page,
its page images, the PDFs, the HTML companion, a state document and a server-sent event stream) and
never reads a path from a request, so it can serve nothing but this flyer's output. Requests whose
``Host`` is not the loopback address are refused (a web page elsewhere cannot reach it by DNS
rebinding).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from flyer.app.assets import assets_of
from flyer.errors import ContentError, format_problem

__all__ = ["LOOPBACK", "SERVE_DPI", "SERVE_LOOK_S", "Preview", "Server", "serve"]

#: Seconds between two looks at the watched files: a save shows in the browser well within a second.
SERVE_LOOK_S = 0.1
#: Resolution of the page images (a 96 dpi screen shows A4 at about its real size).
SERVE_DPI = 110
LOOPBACK = "127.0.0.1"
_PAGE = Path(__file__).parent.parent / "templates" / "serve.html"  # flyer/templates/, shipped as package data


def loopback(host: str) -> bool:
    """Whether ``host`` names the loopback interface (127.0.0.0/8, ::1 or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class _State:
    version: int = 0
    pages: list[bytes] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # flyer.pdf, flyer-print.pdf, flyer.html
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    built_ms: float = 0.0


class Preview:
    """The flyer of one content file, rebuilt in memory when a file it depends on changes."""

    def __init__(self, content: Path, dpi: float = SERVE_DPI) -> None:
        self.content = content
        self.dpi = dpi
        self.assets: list[Path] = []
        self.stamps: dict[Path, tuple[int, int] | None] = {}
        self.state = _State()
        self.changed_event = threading.Condition()

    def _stamps(self) -> dict[Path, tuple[int, int] | None]:
        out: dict[Path, tuple[int, int] | None] = {}
        for path in [self.content, *self.assets]:
            try:
                info = path.stat()
                out[path] = (info.st_mtime_ns, info.st_size)
            except OSError:
                out[path] = None
        return out

    def poll(self) -> bool:
        """Rebuild when a watched file changed since the last look; return whether it did."""
        now = self._stamps()
        if now == self.stamps:
            return False
        self.stamps = now
        self.build()
        return True

    def build(self) -> None:
        """Build both renditions, the HTML companion and the page images; keep the last good pages on error."""
        from flyer.app.build import OUTPUT_NAMES, compile_flyer
        from flyer.app.disk import read_content
        from flyer.draw.html import OUTPUT_NAME, html, logo_of
        from flyer.draw.png import png_pages

        started = time.perf_counter()
        state = self.state
        # Looked at before reading: a save made while this build runs is seen by the next poll.
        seen = self._stamps()
        try:
            raw = read_content(self.content)
            built = compile_flyer(raw, str(self.content), self.content.resolve().parent, ["screen", "print"])
        except ContentError as exc:
            state = _State(state.version, state.pages, state.files, [format_problem(p) for p in exc.problems])
        else:
            self.assets = assets_of(built.flyer, self.content.parent)
            # A newly named logo or font is watched from its state now; the rest as it was read.
            self.stamps = {path: seen.get(path, stamp) for path, stamp in self._stamps().items()}
            files = {OUTPUT_NAMES[p]: pdf for p, pdf in built.pdfs.items()}
            files[OUTPUT_NAME] = html(
                built.flyer, logo_of(built.document, built.flyer), built.document.fonts
            ).encode()
            state = _State(
                state.version,
                png_pages(built.pdfs["screen"], self.dpi, fast=True),
                files,
                [],
                [format_problem(p) for p in built.warnings],
                round((time.perf_counter() - started) * 1000, 1),
            )
        with self.changed_event:
            state.version += 1
            self.state = state
            self.changed_event.notify_all()

    def summary(self) -> dict[str, object]:
        """What the page needs to show the current state (``/state.json``)."""
        s = self.state
        return {
            "version": s.version,
            "pages": len(s.pages),
            "errors": s.errors,
            "warnings": s.warnings,
            "built_ms": s.built_ms,
            "files": sorted(s.files),
        }


class Server(ThreadingHTTPServer):
    """The HTTP server of one preview; refuses any address but the loopback one."""

    daemon_threads = True
    preview: Preview

    def __init__(self, preview: Preview, host: str = LOOPBACK, port: int = 0) -> None:
        if not loopback(host):
            raise ValueError(f"flyer serve binds to the loopback address only (127.0.0.1 or ::1), not {host}")
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.preview = preview
        self.stopping = threading.Event()
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), int(self.server_address[1])
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"


_TYPES = {".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".png": "image/png"}


class _Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return  # quiet: the terminal shows builds and problems, not requests

    def _send(self, status: int, body: bytes, kind: str, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600, immutable" if cache else "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        return loopback(host)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self._host_ok():
            self._send(403, b"flyer serve answers on the loopback address only\n", "text/plain")
            return
        path = self.path.split("?", 1)[0]
        preview = self.server.preview
        state = preview.state
        if path == "/":
            self._send(200, _PAGE.read_bytes(), "text/html; charset=utf-8")
        elif path == "/state.json":
            self._send(200, json.dumps(preview.summary()).encode(), "application/json")
        elif path == "/events":
            self._events()
        elif path.startswith("/page-") and path.endswith(".png"):
            number = path[len("/page-") : -len(".png")]
            if number.isdigit() and 1 <= int(number) <= len(state.pages):
                # Addressed with ?v=VERSION by the page: a new build is a new address.
                self._send(200, state.pages[int(number) - 1], "image/png", cache="?v=" in self.path)
            else:
                self._send(404, b"no such page\n", "text/plain")
        elif path.lstrip("/") in state.files:
            name = path.lstrip("/")
            self._send(200, state.files[name], _TYPES[Path(name).suffix])
        else:
            self._send(404, b"not found\n", "text/plain")

    def _events(self) -> None:
        """Server-sent events: the version number after every build, a comment every 10 s to keep alive."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        preview = self.server.preview
        seen = -1
        try:
            while not self.server.stopping.is_set():
                with preview.changed_event:
                    if preview.state.version == seen:
                        preview.changed_event.wait(timeout=10)
                    version = preview.state.version
                message = f"data: {version}\n\n" if version != seen else ": alive\n\n"
                seen = version
                self.wfile.write(message.encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def serve(
    content: Path,
    *,
    host: str = LOOPBACK,
    port: int = 0,
    dpi: float = SERVE_DPI,
    interval: float = SERVE_LOOK_S,
    ready: Callable[[Server], None] | None = None,
    say: Callable[[str], None] = print,
) -> int:
    """Build, serve on ``host``:``port`` (0: a free port) and rebuild on every change until Ctrl-C."""
    preview = Preview(content, dpi)
    server = Server(preview, host, port)
    preview.poll()
    for line in preview.state.errors:
        say(line)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    say(f"serving the preview of {content} at {server.url} (Ctrl-C to stop)")
    if ready is not None:
        ready(server)
    try:
        while not server.stopping.is_set():
            time.sleep(interval)
            if preview.poll():
                s = preview.state
                say("\n".join(s.errors) if s.errors else f"rebuilt in {s.built_ms:.0f} ms")
    except KeyboardInterrupt:
        say("stopped")
    finally:
        server.stopping.set()
        with preview.changed_event:
            preview.changed_event.notify_all()
        server.shutdown()
        server.server_close()
    return 0
