"""A remote dataset's data brought in: downloaded whole to this process's scratch area, then
ingested through the foundation (with quarantine: real data is messy, its invalid rows are
set aside, never refused whole), trying the remote's files best first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.errors import UserError
from territoria.harvest.http import PoliteClient
from territoria.harvest.remote import Download, RemoteDataset, RemoteError
from territoria.ingest.table import ReadOptions
from territoria.query.fields import ods_identifier
from territoria.schemas.loader import load_schema
from territoria.services.harvest_parquet import fingerprint, labelled
from territoria.services.harvest_report import Outcome
from territoria.services.harvest_schema import described_schema
from territoria.services.ingesting import IngestResult, ingest_file
from territoria.services.instance import Instance

SUFFIXES = {"xls": "xls", "xlsx": "xlsx", "geojson": "geojson", "json": "json"}


def schema_renames(schema: str | None) -> tuple[tuple[str, str], ...]:
    """Column → the declared schema's field name it stands for (``nomattribuant`` →
    ``nomAttribuant``): an Opendatasoft export names columns by identifier, and a dataset
    declared conform to a bundled schema must come back under the schema's own names or its
    every row fails validation."""
    if schema is None:
        return ()
    names = [field.name for field in load_schema(schema).fields]
    return tuple((ods_identifier(name), name) for name in names if ods_identifier(name) != name)


def schema_booleans(schema: str | None) -> dict[str, tuple[str, str]]:
    """Boolean field → the declared schema's first true and false words, for the fields
    whose words are not the typed export's ``true`` / ``false`` (SCDL's ``oui`` / ``non``)."""
    if schema is None:
        return {}
    return {
        field.name: (field.true_values[0], field.false_values[0])
        for field in load_schema(schema).fields
        if field.type == "boolean"
        and field.true_values
        and field.false_values
        and not {"true", "false"} <= {*field.true_values, *field.false_values}
    }


def _fetch(
    client: PoliteClient,
    download: Download,
    slug: str,
    scratch: Path,
    settings: Settings,
    renames: tuple[tuple[str, str], ...] = (),
    booleans: dict[str, tuple[str, str]] | None = None,
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
        path = labelled(dest, (*download.rename, *renames), settings, booleans)
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
    renames, booleans = schema_renames(schema), schema_booleans(schema)  # the schema's win
    for download in remote.downloads:
        try:
            path, content = _fetch(client, download, slug, scratch, settings, renames, booleans)
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


def bring_in(
    instance: Instance,
    client: PoliteClient,
    remote: RemoteDataset,
    target: tuple[str, str | None, str | None],
    outcome: Outcome,
) -> str | None:
    """Bring the data into ``target`` (slug, bundled schema, print of the data last brought)
    — nothing when the remote has no file (a dataset of metadata only), no version when the
    content's print is the last one's. The print of the content brought."""
    slug, schema, known = target
    if not remote.downloads:
        outcome.notes.append("aucun fichier de données / no data file: metadata only")
        return None
    with instance.lake.scratch() as scratch:
        result, content = bring_data(
            client, remote, slug, schema, scratch.path, instance.settings, known
        )
    version: Any = result.version if result is not None else _latest(instance, slug)
    outcome.new_version = result is not None and result.created
    if version is not None:
        outcome.version, outcome.rows = version.number, version.row_count
        outcome.quarantined_rows = int(version.invalid_row_count or 0)
        if outcome.quarantined_rows and outcome.new_version:
            outcome.notes.append(
                f"{outcome.quarantined_rows} lignes invalides en quarantaine / "
                f"invalid rows quarantined"
            )
    return content


def _latest(instance: Instance, slug: str) -> Any:
    with instance.session() as session:
        return repo.latest_version(session, slug)
