"""The export stream behind a real uvicorn, as the HTTP exports serve it: chunks arrive before
the end, and a client that goes away stops the export, closes its connection and leaves no
temporary file."""

from __future__ import annotations

import gc
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

from territoria.api.streaming import ClosingStreamingResponse
from territoria.config import Settings
from territoria.services.export_options import ExportOptions, media_type
from territoria.services.exporting import open_export

ROWS = 1_000_000


class Watched:
    """Counts the chunks a stream gave and tells whether it was closed."""

    def __init__(self) -> None:
        self.chunks = 0
        self.finished = threading.Event()

    def wrap(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        try:
            for chunk in chunks:
                self.chunks += 1
                yield chunk
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
            self.finished.set()


def _app(settings: Settings, source: Path, watched: Watched, closing: bool) -> FastAPI:
    app = FastAPI()
    response = ClosingStreamingResponse if closing else StreamingResponse

    @app.get("/export/{fmt}")
    def export(fmt: str) -> StreamingResponse:
        chunks = open_export(settings, fmt, ExportOptions.opendatasoft(), source=source)
        return response(watched.wrap(chunks), media_type=media_type(fmt))

    return app


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
@pytest.mark.parametrize("closing", [True, False])
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_client_going_away_stops_the_export(tmp_path: Path, fmt: str, closing: bool) -> None:
    source = tmp_path / "big.parquet"
    with duckdb.connect() as db:
        db.execute(
            "COPY (SELECT i AS n, md5(CAST(i AS VARCHAR)) AS texte, random() AS x "
            f"FROM range({ROWS}) t(i)) TO '{source}' (FORMAT parquet)"
        )
    settings = Settings(home=tmp_path / "home")
    watched = Watched()
    port = _free_port()
    app = _app(settings, source, watched, closing)
    config = uvicorn.Config(app, port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        with (
            httpx.Client(timeout=60) as client,
            client.stream("GET", f"http://127.0.0.1:{port}/export/{fmt}") as response,
        ):
            assert response.status_code == 200
            first = next(response.iter_raw())
            assert first
        assert not list(settings.tmp_dir.glob("export-*")), "no temporary file left"
        if closing:
            assert watched.finished.wait(20), "the stream was closed when the client left"
        else:  # Starlette drops the iterator: it is closed when the cycle is collected
            deadline = time.monotonic() + 20
            while not watched.finished.is_set() and time.monotonic() < deadline:
                gc.collect()
                time.sleep(0.1)
            assert watched.finished.is_set()
        if fmt == "csv":
            assert watched.chunks < ROWS // 2048, "the export stopped early"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
