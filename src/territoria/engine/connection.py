"""DuckDB connections configured for this instance: bounded memory, spill folder, threads."""

from __future__ import annotations

import os
import secrets
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

    Each connection spills into a folder of its own under ``temp_dir``, which DuckDB creates
    when it first spills and removes when the connection closes: DuckDB 1.5.5 names its spill
    files alike in every process, and two processes spilling into one folder crash each other
    (SIGSEGV) — worker processes of a batch, or a validation beside an ingest.

    DuckDB's own progress bar is off: the CLI draws its own on a terminal, which DuckDB's
    (shown for queries longer than two seconds) would draw over.
    """
    con = duckdb.connect(database, config={"threads": threads, "memory_limit": memory_limit})
    con.execute("SET enable_progress_bar = false")
    if temp_dir is not None:
        temp_dir.mkdir(parents=True, exist_ok=True)
        own = temp_dir / f"{os.getpid()}-{secrets.token_hex(4)}"
        con.execute("SET temp_directory = ?", [str(own)])
    con.execute("SET preserve_insertion_order = true")
    return con
