"""Parquet a harvest downloads, made ours: columns renamed to their labels, Opendatasoft's
exported points back to ``lat,lon`` text, and a print of the rows that stays the same when a
remote writes the same rows in other bytes (its exports carry their own timestamps)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

import duckdb
from sqlglot import exp

from territoria.config import Settings
from territoria.engine.connection import connect
from territoria.errors import UnreadableFileError


def _name(name: str) -> str:
    return exp.to_identifier(name, quoted=True).sql("duckdb")


def _point(con: duckdb.DuckDBPyConnection, source: Path, column: str, kind: str) -> bool:
    """Whether ``column`` holds Opendatasoft's exported points (``{"lon", "lat"}``)."""
    if not (kind == "JSON" or kind.startswith("STRUCT(lon") or kind == "VARCHAR"):
        return False
    found = con.execute(
        f"SELECT CAST({_name(column)} AS VARCHAR) FROM read_parquet({_path(source)}) "
        f"WHERE {_name(column)} IS NOT NULL LIMIT 1"
    ).fetchone()
    text = str(found[0]) if found else ""
    return text.startswith("{") and '"lat"' in text.replace("'", '"') and "lon" in text


def labelled(
    source: Path,
    rename: tuple[tuple[str, str], ...],
    settings: Settings,
    booleans: Mapping[str, tuple[str, str]] | None = None,
) -> Path:
    """``source`` with its columns renamed to their labels and its points back to the
    ``lat,lon`` text Opendatasoft's Geo Point 2d is everywhere else (its Parquet export
    writes ``{"lon", "lat"}``); Parquet to Parquet, streamed by DuckDB.

    ``booleans`` (renamed column → the declared schema's true and false words, ``oui`` /
    ``non``): a typed BOOLEAN column is written in those words, since the remote's typed
    export has lost them and the schema accepts no others."""
    words = dict(booleans or {})
    readable(source, settings)
    target = source.with_name(source.stem + "-labelled.parquet")
    labels = dict(rename)
    con = connect(memory_limit=settings.memory_limit, threads=1, temp_dir=source.parent)
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({_path(source)})")
        columns = [(str(row[0]), str(row[1])) for row in described.fetchall()]
        points = {c for c, kind in columns if _point(con, source, c, kind)}
        typed = {c for c, kind in columns if kind == "BOOLEAN" and labels.get(c, c) in words}
        if not rename and not points and not typed:
            return source
        parts = []
        for column, _kind in columns:
            value = _name(column)
            if column in points:
                json = f"CAST(to_json({value}) AS JSON)" if _kind.startswith("STRUCT") else value
                value = (
                    f"CASE WHEN {value} IS NULL THEN NULL ELSE json_extract_string({json}, '$.lat')"
                    f" || ',' || json_extract_string({json}, '$.lon') END"
                )
            if column in typed:
                yes, no = (_text(word) for word in words[labels.get(column, column)])
                value = f"CASE WHEN {value} THEN {yes} WHEN NOT {value} THEN {no} END"
            parts.append(f"{value} AS {_name(labels.get(column, column))}")
        con.execute(  # names quoted by sqlglot, paths are ours
            f"COPY (SELECT {', '.join(parts)} FROM read_parquet({_path(source)})) "
            f"TO {_path(target)} (FORMAT parquet)"
        )
    finally:
        con.close()
    return target


def _text(word: str) -> str:
    return exp.Literal.string(word).sql("duckdb")


def _path(path: Path) -> str:
    return exp.Literal.string(str(path)).sql("duckdb")


def readable(path: Path, settings: Settings) -> Path:
    """``path`` if DuckDB reads it as Parquet; :class:`UnreadableFileError` otherwise (the
    harvest then tries the remote's next file)."""
    con = connect(memory_limit=settings.memory_limit, threads=1, temp_dir=path.parent)
    try:
        con.execute(f"SELECT count(*) FROM read_parquet({_path(path)})").fetchone()
    except duckdb.Error as error:
        raise UnreadableFileError(
            f"fichier Parquet illisible : {str(error).splitlines()[0][:200]}",
            f"unreadable Parquet file: {str(error).splitlines()[0][:200]}",
            path=path.name,
        ) from None
    finally:
        con.close()
    return path


def fingerprint(path: Path, settings: Settings) -> str:
    """SHA-256 of the columns, the row count and the sum of the rows' hashes of a Parquet
    file: equal for equal rows however they were compressed or grouped."""
    con = connect(memory_limit=settings.memory_limit, threads=1, temp_dir=path.parent)
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({_path(path)})")
        columns = [(str(r[0]), str(r[1])) for r in described.fetchall()]
        found = con.execute(
            f"SELECT count(*), CAST(sum(hash(t)) AS VARCHAR) FROM read_parquet({_path(path)}) t"
        ).fetchone()
    finally:
        con.close()
    return hashlib.sha256(f"{columns}|{found}".encode()).hexdigest()
