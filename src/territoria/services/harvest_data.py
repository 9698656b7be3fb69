"""A remote dataset's data brought in: downloaded whole to this process's scratch area, then
ingested through the foundation (with quarantine: real data is messy, its invalid rows are
set aside, never refused whole), trying the remote's files best first."""

from __future__ import annotations

from pathlib import Path

import duckdb
from sqlglot import exp

from territoria.config import Settings
from territoria.engine.connection import connect
from territoria.errors import UserError
from territoria.harvest.http import PoliteClient
from territoria.harvest.remote import Download, RemoteDataset, RemoteError
from territoria.ingest.table import ReadOptions
from territoria.services.ingesting import IngestResult, ingest_file

SUFFIXES = {"xls": "xls", "xlsx": "xlsx", "geojson": "geojson", "json": "json"}


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


def _renamed(source: Path, rename: tuple[tuple[str, str], ...], settings: Settings) -> Path:
    """``source`` with its columns renamed to their labels and its points back to the
    ``lat,lon`` text Opendatasoft's Geo Point 2d is everywhere else (its Parquet export
    writes ``{"lon", "lat"}``); Parquet to Parquet, streamed by DuckDB."""
    target = source.with_name(source.stem + "-labelled.parquet")
    labels = dict(rename)
    con = connect(memory_limit=settings.memory_limit, threads=1, temp_dir=source.parent)
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({_path(source)})")
        columns = [(str(row[0]), str(row[1])) for row in described.fetchall()]
        points = {c for c, kind in columns if _point(con, source, c, kind)}
        if not rename and not points:
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
            parts.append(f"{value} AS {_name(labels.get(column, column))}")
        con.execute(  # names quoted by sqlglot, paths are ours
            f"COPY (SELECT {', '.join(parts)} FROM read_parquet({_path(source)})) "
            f"TO {_path(target)} (FORMAT parquet)"
        )
    finally:
        con.close()
    return target


def _path(path: Path) -> str:
    return exp.Literal.string(str(path)).sql("duckdb")


def _fetch(
    client: PoliteClient, download: Download, slug: str, scratch: Path, settings: Settings
) -> Path:
    suffix = SUFFIXES.get(download.format, download.format)
    dest = scratch / f"{slug}.{suffix}"
    dest.unlink(missing_ok=True)
    digest, _size = client.download(download.url, dest)
    if download.sha256 and digest != download.sha256.lower():
        raise RemoteError(
            f"empreinte différente de celle annoncée pour {download.url}",
            f"checksum differs from the one announced for {download.url}",
            details={"url": download.url, "sha256": digest, "announced": download.sha256},
        )
    if download.format == "parquet":
        return _renamed(dest, download.rename, settings)
    return dest


def bring_data(
    client: PoliteClient,
    remote: RemoteDataset,
    slug: str,
    schema: str | None,
    scratch: Path,
    settings: Settings,
) -> IngestResult:
    """The version (new, or the latest when the file is the same) of ``slug`` from the first of
    the remote's files that downloads and reads; the last failure when none does."""
    failure: UserError | None = None
    for download in remote.downloads:
        try:
            path = _fetch(client, download, slug, scratch, settings)
            return ingest_file(
                path,
                slug,
                schema_ref=schema,
                org_code=None,
                quarantine=True,
                options=ReadOptions(),
                settings=settings,
                title=remote.title,
            )
        except UserError as error:  # unreadable, cut short, refused: try the next file
            failure = error
    if failure is None:
        failure = RemoteError(
            "aucun fichier de données lisible", "no readable data file", details={}
        )
    raise failure
