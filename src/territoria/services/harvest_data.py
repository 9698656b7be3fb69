"""A remote dataset's data brought in: downloaded whole to this process's scratch area, then
ingested through the foundation (with quarantine: real data is messy, its invalid rows are
set aside, never refused whole), trying the remote's files best first."""

from __future__ import annotations

from pathlib import Path

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


def _renamed(source: Path, rename: tuple[tuple[str, str], ...], settings: Settings) -> Path:
    """``source`` with its columns renamed (Parquet to Parquet, streamed by DuckDB)."""
    if not rename:
        return source
    target = source.with_name(source.stem + "-labelled.parquet")
    labels = dict(rename)
    con = connect(memory_limit=settings.memory_limit, threads=1, temp_dir=source.parent)
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(source)])
        columns = [row[0] for row in described.fetchall()]
        select = ", ".join(f"{_name(c)} AS {_name(labels.get(c, c))}" for c in columns)
        paths = [exp.Literal.string(str(p)).sql("duckdb") for p in (source, target)]
        con.execute(  # names quoted by sqlglot, paths are ours
            f"COPY (SELECT {select} FROM read_parquet({paths[0]})) TO {paths[1]} (FORMAT parquet)"
        )
    finally:
        con.close()
    return target


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
