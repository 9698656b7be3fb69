"""Exports of the Explore API through the one export path, on a shared DuckDB database.

Loading DuckDB's spatial extension takes about 1.3 s per new database: exports share one
database per server where the first export calling a geo function loads it, each on a
cursor of its own that lives as long as its stream (a cursor is a connection; DuckDB runs
them concurrently).
"""

from __future__ import annotations

from collections.abc import Iterator
from threading import Lock

import duckdb

from territoria.api.state import ServerState
from territoria.query.compiler import compile_records
from territoria.query.request import RecordsRequest
from territoria.query.spatial import load_spatial
from territoria.services.export_options import ExportOptions
from territoria.services.export_stream import stream_export
from territoria.services.lazy_spatial import pin_utc, uses_spatial
from territoria.services.querying import VersionHandle
from territoria.services.tables import engine_connection

_LOCK = Lock()
_EXPORT_DATABASES: dict[int, tuple[ServerState, duckdb.DuckDBPyConnection]] = {}


def _export_cursor(state: ServerState) -> duckdb.DuckDBPyConnection:
    """A connection of its own for one export (it lives as long as the stream), on the
    database exports share, where spatial is loaded once, by the first geo export."""
    with _LOCK:
        found = _EXPORT_DATABASES.get(id(state))
        if found is None or found[0] is not state:
            database = engine_connection(state.settings)
            found = (state, database)
            _EXPORT_DATABASES[id(state)] = found
        return found[1].cursor()


def export_chunks(
    state: ServerState,
    handle: VersionHandle,
    request: RecordsRequest,
    fmt: str,
    options: ExportOptions,
) -> Iterator[bytes]:
    """The export of ``request`` on ``handle``'s version through the one export path, on a
    connection of its own that closes with the stream. Every refusal (ODSQL, format,
    options) is raised here, before the response starts."""
    compiled = compile_records(request, handle.fields, handle.source)
    # the export is the server's memory peak: unmap the pages earlier page requests mapped
    state.queries.accelerator.release()
    con = _export_cursor(state)
    try:
        if uses_spatial(compiled.rows):
            load_spatial(con)  # database-wide once; pins this cursor's time zone
        else:  # no geo function: spare the extension's memory (the export is the peak)
            pin_utc(con)
        chunks = stream_export(
            con,
            compiled.rows,
            handle.parquet,
            fmt,
            options,
            fields=handle.fields,
            tmp_dir=state.settings.tmp_dir,
        )
    except BaseException:
        con.close()
        raise

    def closing() -> Iterator[bytes]:
        try:
            yield from chunks
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
            con.close()

    return closing()


def release_exports(state: ServerState) -> None:
    """Close the export database of ``state``, if one was opened."""
    with _LOCK:
        found = _EXPORT_DATABASES.pop(id(state), None)
    if found is not None:
        found[1].close()
