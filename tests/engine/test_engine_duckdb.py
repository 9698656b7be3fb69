"""The DuckDB engine runs sqlglot expressions over registered Parquet versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlglot import exp

from territoria.engine import sql
from territoria.engine.duckdb_engine import DuckDBEngine
from territoria.engine.protocol import READ_PARQUET, QueryEngine


def test_implements_the_protocol(engine: DuckDBEngine) -> None:
    assert isinstance(engine, QueryEngine)
    assert engine.dialect == "duckdb" and READ_PARQUET in engine.capabilities


def test_select_with_where_order_limit(engine: DuckDBEngine, version_files: list[Path]) -> None:
    engine.register_version("communes-v1", version_files)
    query = sql.select_version(
        "communes-v1",
        ["nom", "population"],
        where=exp.GT(this=sql.column("population"), expression=sql.literal(510_000)),
        order_by=[("population", True)],
        limit=2,
        offset=1,
    )
    result = engine.execute(query)
    assert result.column_names == ["nom", "population"]
    assert result.to_pylist() == [
        {"nom": "Marseille", "population": 873_076},
        {"nom": "Lyon", "population": 522_250},
    ]


def test_values_stay_values(engine: DuckDBEngine, version_files: list[Path]) -> None:
    engine.register_version("communes-v1", version_files)
    hostile = "Nice; DROP TABLE x; --'"
    query = sql.select_version("communes-v1", ["code commune"], where=sql.equals("nom", hostile))
    assert engine.execute(query).to_pylist() == [{"code commune": "06088"}]
    nulls = sql.count_rows("communes-v1", sql.equals("population", None))
    assert engine.execute(nulls).to_pylist() == [{"count": 1}]


def test_view_names_are_quoted_and_replaced(
    engine: DuckDBEngine, version_files: list[Path]
) -> None:
    engine.register_version('odd "name" v1', version_files[:1])
    assert engine.execute(sql.count_rows('odd "name" v1')).column("count")[0].as_py() == 3
    engine.register_version('odd "name" v1', version_files)
    assert engine.execute(sql.count_rows('odd "name" v1')).column("count")[0].as_py() == 5


def test_all_of_combines_conditions(engine: DuckDBEngine, version_files: list[Path]) -> None:
    engine.register_version("v", version_files)
    where = sql.all_of(sql.equals("nom", "Paris"), sql.equals("code commune", "75056"))
    assert engine.execute(sql.count_rows("v", where)).to_pylist() == [{"count": 1}]
    assert sql.all_of() is None


def test_register_needs_files_and_close_is_final(tmp_path: Path) -> None:
    engine = DuckDBEngine()
    with pytest.raises(ValueError):
        engine.register_version("v", [])
    engine.close()
    engine.close()
    with pytest.raises(RuntimeError):
        engine.execute(sql.count_rows("v"))


def test_negative_limit_is_refused() -> None:
    with pytest.raises(ValueError):
        sql.select_version("v", limit=-1)


def test_each_connection_spills_into_a_folder_of_its_own(tmp_path: Path) -> None:
    """Two connections never share spill files (DuckDB processes sharing them crash), and the
    folder goes when the connection closes."""
    from territoria.engine.connection import connect

    spill = tmp_path / "duckdb"
    first = connect(memory_limit="64MB", threads=1, temp_dir=spill)
    second = connect(memory_limit="64MB", threads=1, temp_dir=spill)
    try:
        folders = {
            str(con.execute("SELECT current_setting('temp_directory')").fetchone()[0])  # type: ignore[index]
            for con in (first, second)
        }
        assert len(folders) == 2
        assert all(Path(folder).parent == spill for folder in folders)
        first.execute(
            "CREATE TABLE t AS SELECT range AS a, md5(range::VARCHAR) AS b FROM range(2000000)"
        )
        assert [p for p in spill.iterdir()], "the first connection spilled into its folder"
    finally:
        first.close()
        second.close()
    assert list(spill.iterdir()) == []
