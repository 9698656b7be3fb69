"""The one export path: a whole version or a query's result, in any format, as byte chunks.

``stream_export`` is what ``territoria export`` and the HTTP exports both call. It returns an
iterator of ``bytes`` for an HTTP ``StreamingResponse`` (or a file) to send as they come:
DuckDB hands over a batch of rows at a time, so a million-row export never sits in memory.
Everything that can refuse the export (format, options, fields, geometry, size) is checked
when it is called, before the first chunk; gzip, when asked, wraps the chunks as they pass.
"""

from __future__ import annotations

import tempfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb
from sqlglot import exp

from territoria.query.fields import QueryField
from territoria.services.export_options import ExportOptions, check_format
from territoria.services.export_plan import plan_export
from territoria.services.export_writers import WRITERS

GZIP_LEVEL = 6


def stream_export(
    con: duckdb.DuckDBPyConnection,
    query: exp.Select | None,
    source: Path | None,
    fmt: str,
    options: ExportOptions,
    *,
    fields: Sequence[QueryField] = (),
    tmp_dir: Path | None = None,
) -> Iterator[bytes]:
    """The export of ``query`` (or, when None, of the whole Parquet file ``source``) as
    ``fmt``, in chunks of bytes.

    ``query`` is a select whose aliases are the output names; it runs on ``con`` as is, over
    a view it names that the caller registered, or that this function registers over
    ``source`` when both are given (a temp view named after the query's first table).
    ``fields`` (the version's query fields) tell geo fields and labels: a column takes the
    field named as it is (for a whole version, the field of that stored column).
    ``tmp_dir`` holds the temporary file of Parquet and XLSX exports (the instance's tmp
    folder; the system's when None). ``con`` must stay open until the iterator is done, and
    be the export's own: its rows are streamed on one thread (``SET threads = 1``), the only
    way DuckDB keeps their order in a streamed result.

    Raises the 400-class errors of :mod:`~territoria.services.export_options` — unknown
    format, invalid option, impossible export — and DuckDB's errors for a query it cannot
    bind, all before the first chunk.
    """
    name = check_format(fmt)
    scratch = tmp_dir if tmp_dir is not None else Path(tempfile.gettempdir())
    plan = plan_export(con, query, source, options, fields, scratch)
    chunks = WRITERS[name](plan)
    return gzipped(chunks) if options.compressed else chunks


def gzipped(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks`` compressed as one gzip member (RFC 1952), as they pass."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
    try:
        for chunk in chunks:
            if packed := compressor.compress(chunk):
                yield packed
        yield compressor.flush()
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
