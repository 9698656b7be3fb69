"""The first rows a schema is inferred from: streamed from the ordered reading, exact."""

from __future__ import annotations

from pathlib import Path

from territoria.engine.connection import connect
from territoria.ingest.readers.csv import read_csv
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import ReadOptions
from territoria.services.tables import sample_rows


def _rows(count: int, start: int = 0) -> str:
    return "".join(f"{i};Paris;\n" for i in range(start, start + count))


def test_sample_rows_come_in_order_with_empty_cells_as_text(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("code;ville;note\n" + _rows(50_000), encoding="utf-8")
    table = read_csv(path, ReadOptions(), scratch_dir=tmp_path, limits=ReaderLimits())
    assert table.ordered is not None
    rows = list(sample_rows(table, connect(), size=1_000))
    assert rows[:2] == [["0", "Paris", ""], ["1", "Paris", ""]]
    assert [row[0] for row in rows] == [str(i) for i in range(1_000)]


def test_a_byte_duckdb_refuses_in_the_sample_switches_to_the_exact_reading(
    tmp_path: Path,
) -> None:
    """The Windows-1252 'è' sits in the sampled rows but outside the slices judged UTF-8."""
    head = "code;ville;note\n" + _rows(8_000)
    path = tmp_path / "cp1252.csv"
    path.write_bytes((head + "8000;Sète;\n" + _rows(200_000, 8_001)).encode("cp1252"))
    assert len(head.encode()) > 64 * 1024
    table = read_csv(path, ReadOptions(), scratch_dir=tmp_path, limits=ReaderLimits())
    assert table.detection.encoding == "utf-8"  # the guess from the slices
    rows = list(sample_rows(table, connect(), size=10_000))
    assert rows[8_000] == ["8000", "Sète", ""]
    assert table.detection.encoding == "cp1252"
    assert "fastReadRefused" in table.detection.extra
