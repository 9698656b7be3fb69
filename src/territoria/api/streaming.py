"""Streamed responses that release their export at once, however the response ends."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import anyio
from fastapi.responses import StreamingResponse
from starlette.types import Send


class ClosingStreamingResponse(StreamingResponse):
    """Closes its body iterator when the response ends, even when the client stops reading.

    Starlette leaves an iterator a client abandoned to the garbage collector, and with it the
    export's DuckDB connection and temporary file, which the collector frees when it gets to
    such cycles; an export server under load would hold them far longer than needed.
    """

    def __init__(
        self,
        content: Iterator[bytes],
        *,
        media_type: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(content, media_type=media_type, headers=headers)
        self._chunks = content

    async def stream_response(self, send: Send) -> None:
        try:
            await super().stream_response(send)
        finally:
            close = getattr(self._chunks, "close", None)
            if close is not None:
                await anyio.to_thread.run_sync(close)
