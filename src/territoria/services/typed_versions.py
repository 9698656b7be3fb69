"""A new version from a table the engine computed (a pack's indicator results): written to
Parquet once and committed like any version, without ingest's reading back.

Ingest reads every cell as text and types it again against the schema: right for a file
someone sent, pure cost for rows our own computation typed (a national computation's 30
million rows took a minute to read back, against a few seconds to write). The version is
the same as ingest's: data file, report, catalogue row, no new version for the same bytes.
"""

from __future__ import annotations

import json
import time
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from territoria.catalog.slugs import validate_slug
from territoria.config import Settings
from territoria.ingest.readers.spilled import forced_options
from territoria.ingest.table import Detection, ReadOptions
from territoria.services.ingesting import (
    IngestRequest,
    IngestResult,
    latest_if_same,
    record_version,
)
from territoria.services.instance import open_instance
from territoria.services.validating import file_digest
from territoria.validation.report import Report

PARQUET = ReadOptions(format="parquet")


def _one_layout(table: pa.Table) -> pa.Table:
    """``table`` with each text column against one sorted dictionary (the union of its
    chunks'): the same rows make the same file, whatever batches and dictionaries the engine
    returned them in, as long as the dictionaries hold the same values (Parquet writes an
    Arrow dictionary as it is, unused values included)."""
    table = table.unify_dictionaries()
    columns = [
        _sorted_dictionary(column) if pa.types.is_dictionary(column.type) else column
        for column in table.columns
    ]
    return pa.table(columns, names=table.column_names)


def _sorted_dictionary(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """``column`` (its chunks sharing one dictionary) against that dictionary sorted: each
    code translated through a small table, no text compared row by row."""
    if column.num_chunks == 0:
        return column
    dictionary = column.chunk(0).dictionary
    order = pc.sort_indices(dictionary)
    if order.equals(pa.array(range(len(dictionary)), order.type)):
        return column
    rank = pa.array(np.argsort(order.to_numpy()).astype(np.int32))  # old code → new code
    chunks = [
        pa.DictionaryArray.from_arrays(pc.take(rank, chunk.indices), dictionary.take(order))
        for chunk in column.chunks
    ]
    return pa.chunked_array(chunks, column.type)


def store_typed_table(
    settings: Settings,
    table: pa.Table,
    slug: str,
    *,
    schema: dict[str, Any],
    title: str | None,
) -> IngestResult:
    """The next version of ``slug`` (created, public, with ``title`` on a first store) holding
    ``table``, whose columns are ``schema``'s fields with matching types; none when the
    latest version holds the same bytes (the same rows in the same order)."""
    validate_slug(slug)
    started = time.perf_counter()
    instance = open_instance(settings)
    try:
        with instance.lake.stage(slug) as staged:
            # Parquet keeps the dictionaries as its own encoding; without the Arrow schema,
            # every reader gets plain text back
            pq.write_table(
                _one_layout(table), staged.data_path, compression="zstd", store_schema=False
            )
            digest, size = file_digest(staged.data_path)
            with instance.session() as session:
                same = latest_if_same(session, slug, digest)
                if same is not None:
                    return IngestResult(same[0], same[1], None, created=False)
            name = f"{slug}.parquet"
            detection = Detection(
                format="parquet",
                forced=forced_options(PARQUET),
                extra={"sourceTypes": _source_types(table.schema)},
            )
            report = Report(
                place=name,
                labels=list(table.column_names),
                fields=table.num_columns,
                rows=table.num_rows,
                errors=[],
                error_count=0,
                errors_by_type={},
                invalid_rows=0,
                seconds=time.perf_counter() - started,
                sha256=digest,
                bytes=size,
                detection=detection.to_dict(),
            )
            staged.report_path.write_text(
                json.dumps(report.to_dict("fr"), ensure_ascii=False, indent=1), encoding="utf-8"
            )
            fields: dict[str, Any] = {
                "source_filename": name,
                "source_sha256": digest,
                "source_bytes": size,
                "detection": detection.to_dict(),
                "schema_json": schema,
                "report": report.to_dict("fr"),
                "row_count": table.num_rows,
                "invalid_row_count": 0,
                "quarantined": False,
            }
            request = IngestRequest(
                staged.data_path, slug, schema, None, False, PARQUET, title, None, digest, size
            )
            dataset, version = record_version(instance, request, staged, fields)
    finally:
        instance.close()
    return IngestResult(dataset, version, report, created=True)


def _source_types(schema: pa.Schema) -> dict[str, str]:
    """The types a reader finds in the file (text for dictionary-encoded columns)."""
    return {
        f.name: str(f.type.value_type if pa.types.is_dictionary(f.type) else f.type) for f in schema
    }
