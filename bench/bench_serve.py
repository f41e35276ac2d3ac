"""How long `flyer serve` takes from a save to the new state the browser fetches (the issue: within 1 s).

Serves the showcase content.yaml from a temporary copy, saves an edit ten times and measures, through
the server-sent event stream a browser listens to, the time until the new build is announced, then
adds fetching the page image. Prints a table (no assertion: machines are noisy).
Run: python bench/bench_serve.py
"""

from __future__ import annotations

import http.client
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from flyer.app.serve import Server, serve

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copy(ROOT / "content.yaml", project / "content.yaml")
        shutil.copytree(ROOT / "assets", project / "assets")
        content = project / "content.yaml"
        started: list[Server] = []
        ready = threading.Event()
        thread = threading.Thread(
            target=serve,
            args=(content,),
            kwargs={"ready": lambda s: (started.append(s), ready.set()), "say": lambda _: None},
        )
        thread.start()
        ready.wait()
        server = started[0]
        port = int(server.server_address[1])
        events = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        events.request("GET", "/events")
        stream = events.getresponse()
        stream.readline(), stream.readline()  # the current version
        original = content.read_text(encoding="utf-8")
        announced, with_image = [], []
        for n in range(10):
            start = time.perf_counter()
            content.write_text(original.replace("Les outils", f"Les {n} outils", 1), encoding="utf-8")
            while not stream.readline().startswith(b"data:"):
                pass
            announced.append(time.perf_counter() - start)
            image = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            image.request("GET", "/page-1.png")
            image.getresponse().read()
            with_image.append(time.perf_counter() - start)
            time.sleep(0.3)
        server.stopping.set()
        thread.join()
    print("| measure (10 saves of the showcase flyer) | median | max |")
    print("|---|---:|---:|")
    for name, values in (("save → build announced (SSE)", announced), ("… and page 1 fetched", with_image)):
        print(f"| {name} | {statistics.median(values) * 1000:.0f} ms | {max(values) * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
