"""A remote dataset's data brought in: downloaded whole to this process's scratch area, then
ingested through the foundation (with quarantine: real data is messy, its invalid rows are
set aside, never refused whole), trying the remote's files best first."""

from __future__ import annotations

from pathlib import Path

from territoria.config import Settings
from territoria.errors import UserError
from territoria.harvest.http import PoliteClient
from territoria.harvest.remote import Download, RemoteDataset, RemoteError
from territoria.ingest.table import ReadOptions
from territoria.services.harvest_parquet import fingerprint, labelled
from territoria.services.harvest_schema import described_schema
from territoria.services.ingesting import IngestResult, ingest_file

SUFFIXES = {"xls": "xls", "xlsx": "xlsx", "geojson": "geojson", "json": "json"}


def _fetch(
    client: PoliteClient, download: Download, slug: str, scratch: Path, settings: Settings
) -> tuple[Path, str]:
    """The downloaded file made ours, and the print of its content (its SHA-256; a Parquet
    file's, of its rows)."""
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
        path = labelled(dest, download.rename, settings)
        return path, fingerprint(path, settings)
    return dest, digest


def bring_data(
    client: PoliteClient,
    remote: RemoteDataset,
    slug: str,
    schema: str | None,
    scratch: Path,
    settings: Settings,
    known: str | None = None,
) -> tuple[IngestResult | None, str]:
    """The version (new, or the latest when the file is the same) of ``slug`` from the first
    of the remote's files that downloads and reads, with the print of its content; None for
    the version when the print is ``known`` (the data of the last harvest: nothing ingested).
    The last failure when no file does."""
    failure: UserError | None = None
    for download in remote.downloads:
        try:
            path, content = _fetch(client, download, slug, scratch, settings)
            if known is not None and content == known:
                return None, content
            described = None if schema else described_schema(path, remote.fields, settings)
            result = ingest_file(
                path,
                slug,
                schema_ref=schema or described,
                org_code=None,
                quarantine=True,
                options=ReadOptions(),
                settings=settings,
                title=remote.title,
            )
            return result, content
        except UserError as error:  # unreadable, cut short, refused: try the next file
            failure = error
    if failure is None:
        failure = RemoteError(
            "aucun fichier de données lisible", "no readable data file", details={}
        )
    raise failure
