"""The DuckDB query engine: lake versions as views, sqlglot expressions rendered for DuckDB."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import duckdb
import pyarrow as pa
from sqlglot import exp

from territoria.config import Settings
from territoria.engine.connection import connect
from territoria.engine.protocol import (
    ARROW_RESULTS,
    READ_PARQUET,
    REGEX,
    SPILL_TO_DISK,
    WINDOW_FUNCTIONS,
)
from territoria.engine.sql import literal, table


class DuckDBEngine:
    """A :class:`~territoria.engine.protocol.QueryEngine` over one DuckDB connection."""

    dialect = "duckdb"
    capabilities = frozenset({ARROW_RESULTS, READ_PARQUET, REGEX, SPILL_TO_DISK, WINDOW_FUNCTIONS})

    def __init__(
        self,
        *,
        memory_limit: str = "512MB",
        threads: int = 2,
        temp_dir: Path | None = None,
        database: str = ":memory:",
    ) -> None:
        self._connection: duckdb.DuckDBPyConnection | None = connect(
            memory_limit=memory_limit, threads=threads, temp_dir=temp_dir, database=database
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> DuckDBEngine:
        """An engine bounded by the instance's memory limit, threads and spill folder."""
        return cls(
            memory_limit=settings.memory_limit,
            threads=settings.threads,
            temp_dir=settings.tmp_dir / "duckdb",
        )

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The underlying connection, for code that works on DuckDB relations directly."""
        if self._connection is None:
            raise RuntimeError("the DuckDB engine is closed")
        return self._connection

    def render(self, expr: exp.Expression) -> str:
        """``expr`` as DuckDB SQL."""
        return expr.sql(dialect=self.dialect)

    def execute(self, expr: exp.Expression) -> pa.Table:
        """Run ``expr`` and return its rows as an Arrow table."""
        return self.connection.execute(self.render(expr)).to_arrow_table()

    def register_version(self, name: str, parquet_paths: list[Path]) -> None:
        """``CREATE OR REPLACE VIEW "name" AS SELECT * FROM read_parquet([...])``."""
        if not parquet_paths:
            raise ValueError("a version view needs at least one Parquet file")
        files = exp.Array(expressions=[literal(str(path)) for path in parquet_paths])
        source = exp.Anonymous(this="read_parquet", expressions=[files])
        body = exp.select(exp.Star()).from_(exp.Table(this=source))
        view = exp.Create(this=table(name), kind="VIEW", replace=True, expression=body)
        self.connection.execute(self.render(view))

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> DuckDBEngine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
