"""A computed table stored as a version without ingest's reading back: the same version as an
ingest (plain text columns, report, catalogue row, no new version for the same rows)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from territoria.config import Settings
from territoria.services.instance import init_instance, open_instance
from territoria.services.typed_versions import store_typed_table

TEXT = pa.dictionary(pa.int32(), pa.string())
SCHEMA = {
    "fields": [
        {"name": "territoire", "type": "string"},
        {"name": "valeur", "type": "number"},
        {"name": "contributeurs", "type": "integer"},
    ]
}


def _chunk(ids: list[str], codes: list[int | None], values: list[float | None]) -> pa.RecordBatch:
    territory = pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32()), pa.array(ids))
    return pa.record_batch(
        [territory, pa.array(values, pa.float64()), pa.array([1] * len(codes), pa.int64())],
        names=["territoire", "valeur", "contributeurs"],
    )


def _table(*chunks: pa.RecordBatch) -> pa.Table:
    return pa.Table.from_batches(chunks)


def _settings(tmp_path: Path) -> Settings:
    settings = Settings(home=tmp_path / "home")
    init_instance(settings).close()
    return settings


def test_a_table_becomes_a_version_read_as_plain_text(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    # two chunks, each with its own dictionary (as the engine returns a level's rows)
    table = _table(
        _chunk(["commune:2A004", "commune:2A001"], [1, 0, 1], [5.0, None, 2.5]),
        _chunk(["region:94"], [0], [7.5]),
    )
    result = store_typed_table(settings, table, "resultats", schema=SCHEMA, title="Résultats")
    assert result.created and result.version is not None and result.version.number == 1
    assert result.report is not None and result.report.valid and result.report.rows == 4
    instance = open_instance(settings)
    try:
        path = instance.lake.data_file(result.version.lake_path)
        report = json.loads((path.parent / "report.json").read_text(encoding="utf-8"))
    finally:
        instance.close()
    stored = pq.read_table(path)
    assert stored.schema.field("territoire").type == pa.string()
    assert stored.to_pylist() == [
        {"territoire": "commune:2A001", "valeur": 5.0, "contributeurs": 1},
        {"territoire": "commune:2A004", "valeur": None, "contributeurs": 1},
        {"territoire": "commune:2A001", "valeur": 2.5, "contributeurs": 1},
        {"territoire": "region:94", "valeur": 7.5, "contributeurs": 1},
    ]
    described = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    assert [row[1] for row in described] == ["VARCHAR", "DOUBLE", "BIGINT"]
    assert report["valid"] is True and report["stats"]["rows"] == 4
    assert result.dataset.title == "Résultats"
    assert result.version.schema_json == SCHEMA
    assert result.version.row_count == 4 and result.version.invalid_row_count == 0


def test_the_same_rows_in_other_chunks_make_no_new_version(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first = _table(
        _chunk(["commune:2A004", "commune:2A001"], [1, 0, None], [5.0, 1.0, 2.0]),
        _chunk(["region:94"], [0], [7.5]),
    )
    again = _table(  # other chunks, other dictionaries of the same values
        _chunk(["commune:2A001", "region:94"], [0], [5.0]),
        _chunk(["region:94", "commune:2A004"], [1, None, 0], [1.0, 2.0, 7.5]),
    )
    assert first.to_pylist() == again.to_pylist()
    assert store_typed_table(settings, first, "resultats", schema=SCHEMA, title=None).created
    same = store_typed_table(settings, again, "resultats", schema=SCHEMA, title=None)
    assert not same.created and same.version is not None and same.version.number == 1
    changed = _table(_chunk(["commune:2A001"], [0], [6.0]))
    other = store_typed_table(settings, changed, "resultats", schema=SCHEMA, title=None)
    assert other.created and other.version is not None and other.version.number == 2


def test_a_text_column_of_null_rows_only_is_stored(tmp_path: Path) -> None:
    """A dimension a spec does not have: its rows are null, against an empty dictionary."""
    settings = _settings(tmp_path)
    empty = pa.DictionaryArray.from_arrays(pa.nulls(2, pa.int32()), pa.array([], pa.string()))
    some = pa.DictionaryArray.from_arrays(pa.array([0], pa.int32()), pa.array(["verre"]))
    table = pa.Table.from_batches(
        [pa.record_batch([empty], names=["type"]), pa.record_batch([some], names=["type"])]
    )
    schema = {"fields": [{"name": "type", "type": "string"}]}
    result = store_typed_table(settings, table, "resultats", schema=schema, title=None)
    assert result.version is not None
    instance = open_instance(settings)
    try:
        stored = pq.read_table(instance.lake.data_file(result.version.lake_path))
    finally:
        instance.close()
    assert stored.column("type").to_pylist() == [None, None, "verre"]
