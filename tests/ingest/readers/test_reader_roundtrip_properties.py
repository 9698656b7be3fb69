"""Property: records written as JSON, JSON Lines or Parquet read back as the same cells of text."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from territoria.ingest.readers.json import read_json
from territoria.ingest.readers.jsonl import read_jsonl
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.parquet import read_parquet
from territoria.ingest.table import ReadOptions

LABELS = ["texte", "entier", "réel"]
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
texts = st.one_of(st.none(), text, st.sampled_from(["é", "Œuvre", "Saint-Étienne", ""]))
ints = st.one_of(st.none(), st.integers(min_value=-(2**63), max_value=2**63 - 1))
floats = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False))
records = st.lists(st.tuples(texts, ints, floats), min_size=1, max_size=20)


def _expected(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The cells as JSON writes numbers (Python repr), None as null."""
    return [
        tuple(None if value is None else value if isinstance(value, str) else repr(value)
              for value in row)
        for row in rows
    ]  # fmt: skip


def _scan(table: Any) -> list[tuple[Any, ...]]:
    return [row[3:] for row in table.relation(duckdb.connect()).fetchall()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_json_and_jsonl_round_trip(rows: list[tuple[Any, ...]]) -> None:
    dicts = [dict(zip(LABELS, row, strict=True)) for row in rows]
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "data.json").write_text(json.dumps(dicts, ensure_ascii=False), encoding="utf-8")
        lines = "\n".join(json.dumps(d, ensure_ascii=False) for d in dicts)
        (base / "data.jsonl").write_text(lines + "\n", encoding="utf-8")
        for reader, name in ((read_json, "data.json"), (read_jsonl, "data.jsonl")):
            table = reader(
                base / name, ReadOptions(), scratch_dir=base / "scratch", limits=ReaderLimits()
            )
            assert table.labels == LABELS
            assert _scan(table) == _expected(rows)
            table.close()


@settings(max_examples=60, deadline=None)
@given(records)
def test_parquet_round_trip(rows: list[tuple[Any, ...]]) -> None:
    columns = list(zip(*rows, strict=True))
    table = pa.table(
        [pa.array(columns[0], pa.string()), pa.array(columns[1], pa.int64()),
         pa.array(columns[2], pa.float64())],
        names=LABELS,
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.parquet"
        pq.write_table(table, path)
        read = read_parquet(path, ReadOptions(), scratch_dir=Path(folder), limits=ReaderLimits())
        scanned = _scan(read)
    assert [row[:2] for row in scanned] == [row[:2] for row in _expected(rows)]
    for (_, _, got), (_, _, value) in zip(scanned, rows, strict=True):
        assert (got is None) == (value is None)
        if value is not None:
            assert float(got) == value
