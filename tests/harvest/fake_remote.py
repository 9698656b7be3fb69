"""A fake remote portal for the harvest tests: Python's ``http.server`` on loopback in a
thread, answering from a table of paths (a stand-in for somebody else's portal, not ours)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Answer:
    """What a path answers: status, content type, body; ``cut`` announces more bytes than it
    sends (a transfer cut short); ``hang`` waits on the event before answering."""

    body: bytes
    status: int = 200
    content_type: str = "application/json"
    cut: bool = False
    hang: threading.Event | None = None
    headers: dict[str, str] = field(default_factory=dict)


Routes = dict[str, Answer | Callable[[], Answer]]


@dataclass
class Remote:
    """The running fake: its base URL, its routes (editable while it runs), the paths asked."""

    url: str
    routes: Routes
    asked: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    reached: threading.Event = field(default_factory=threading.Event)


@contextmanager
def fake_remote(routes: Routes, fallback: Answer | None = None) -> Iterator[Remote]:
    """Serve ``routes`` (by path, query ignored) on a free loopback port while the block runs."""
    remote = Remote("", routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            remote.asked.append(self.path)
            remote.agents.append(self.headers.get("User-Agent", ""))
            found = remote.routes.get(path, fallback)
            answer = found() if callable(found) else found
            if answer is None:
                answer = Answer(b'{"error": "not found"}', status=404)
            if answer.hang is not None:
                remote.reached.set()
                answer.hang.wait(60)
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            length = len(answer.body) * (10 if answer.cut else 1) + (100 if answer.cut else 0)
            self.send_header("Content-Length", str(length))
            for key, value in answer.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(answer.body)
            if answer.cut:
                self.close_connection = True

        def log_message(self, *_args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    remote.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield remote
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
