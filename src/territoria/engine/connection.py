"""DuckDB connections configured for this instance: bounded memory, spill folder, threads."""

from __future__ import annotations

from pathlib import Path

import duckdb


def connect(
    *,
    memory_limit: str = "512MB",
    threads: int = 2,
    temp_dir: Path | None = None,
    database: str = ":memory:",
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that spills to ``temp_dir`` rather than exceed ``memory_limit``.

    DuckDB's own progress bar is off: the CLI draws its own on a terminal, which DuckDB's
    (shown for queries longer than two seconds) would draw over.
    """
    con = duckdb.connect(database, config={"threads": threads, "memory_limit": memory_limit})
    con.execute("SET enable_progress_bar = false")
    if temp_dir is not None:
        temp_dir.mkdir(parents=True, exist_ok=True)
        con.execute("SET temp_directory = ?", [str(temp_dir)])
    con.execute("SET preserve_insertion_order = true")
    return con
