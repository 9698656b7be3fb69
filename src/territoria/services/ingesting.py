"""Ingest a file as a new immutable version of a dataset: hash, read, validate, store, record."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from territoria.catalog import repository as repo
from territoria.catalog.models import Dataset, Version
from territoria.catalog.repository import DatasetExistsError
from territoria.catalog.slugs import validate_slug
from territoria.catalog.values import visibility as check_visibility
from territoria.config import Settings
from territoria.engine.connection import connect
from territoria.errors import InvalidDataError
from territoria.ingest.guards import check_exists
from territoria.ingest.open import open_table
from territoria.ingest.table import ReadOptions, SourceTable
from territoria.services.committing import commit_staged
from territoria.services.instance import Instance, open_instance
from territoria.services.tables import SchemaRef, schema_for
from territoria.services.validating import Progress, _silent, file_digest
from territoria.services.versions import write_version_files
from territoria.storage import phases
from territoria.storage.atomic import StagedVersion
from territoria.validation.report import Report
from territoria.validation.validator import validate


class RefusedDataError(InvalidDataError):
    """Invalid data refused without ``--quarantine``; nothing was stored. Carries the report."""

    def __init__(self, path: Path, report: Report) -> None:
        self.report = report
        super().__init__(
            f"données refusées : {report.error_count} erreur(s) de validation, rien n'a été stocké",
            f"data refused: {report.error_count} validation error(s), nothing was stored",
            path=str(path),
            hint_fr="corrigez le fichier, ou ajoutez --quarantine pour stocker les lignes valides",
            hint_en="fix the file, or add --quarantine to store the valid rows",
            details={"report": report.to_dict("en")},
        )


@dataclass
class IngestResult:
    """The dataset, its version (the existing one when the file was already ingested), the
    validation report (None when nothing was read) and whether a new version was created."""

    dataset: Dataset
    version: Version | None
    report: Report | None
    created: bool
    pack: dict[str, Any] | None = field(default=None)  # a pack dataset's transform and indicators


@dataclass(frozen=True)
class IngestRequest:
    """What to ingest and how."""

    path: Path
    slug: str
    schema_ref: SchemaRef | None
    org_code: str | None
    quarantine: bool
    options: ReadOptions
    title: str | None
    visibility: str | None  # None: a new dataset is public, an existing one keeps its own
    digest: str
    size: int
    based_on: int | None = None  # the latest version the rows complete (see commit_staged)


def ingest_file(
    path: Path,
    slug: str,
    *,
    schema_ref: SchemaRef | None,
    org_code: str | None,
    quarantine: bool,
    options: ReadOptions,
    settings: Settings,
    title: str | None = None,
    visibility: str | None = None,
    progress: Progress = _silent,
    route: bool = True,
    replace_series: bool = False,
    based_on: int | None = None,
) -> IngestResult:
    """A new version of ``slug`` from ``path``; invalid data raises :class:`RefusedDataError`
    unless ``quarantine`` (then valid rows are stored and invalid rows kept aside). A source
    whose SHA-256 is the latest version's creates nothing; one that matches an older version
    only is new content again (after a rollback, re-publishing the rolled-back file).

    ``visibility`` None leaves an existing dataset's visibility as it is (a new one is
    public); given, it is set, on the new version's transaction, or at once when the file
    is the latest version's.

    A dataset of an installed pack takes its publication's rows transformed by the pack's
    mapping, then recomputes the pack's indicators (``route`` False: stored as they are). Its
    earlier periods are carried over unless ``replace_series`` (the file becomes the whole
    series); other datasets ignore it, a new version always replaces their rows.

    ``based_on``: the latest version the file's rows were built from (0: none); a version
    committed meanwhile raises :class:`~territoria.services.committing.StaleVersionError`."""
    validate_slug(slug)
    if route:
        from territoria.packs.registry import pack_of_slug

        role = None
        if pack_of_slug(slug) is not None:
            from territoria.services.pack_ingesting import ingest_pack_file, installed_role

            role = installed_role(settings, slug)
        if role is not None:
            return ingest_pack_file(
                path,
                role,
                org_code=org_code,
                quarantine=quarantine,
                options=options,
                settings=settings,
                title=title,
                visibility=visibility,
                progress=progress,
                replace_series=replace_series,
            )
    if visibility is not None:
        check_visibility("visibility", visibility)
    check_exists(path)
    instance = open_instance(settings)
    try:
        progress("empreinte / hashing")
        digest, size = file_digest(path)
        with instance.session() as session:
            same = latest_if_same(session, slug, digest)
            if same is not None:
                dataset, latest = same
                if visibility is not None and dataset.visibility != visibility:
                    dataset.visibility = visibility
                    session.commit()
                return IngestResult(dataset, latest, None, created=False)
        request = IngestRequest(
            path,
            slug,
            schema_ref,
            org_code,
            quarantine,
            options,
            title,
            visibility,
            digest,
            size,
            based_on,
        )
        return _ingest(instance, request, progress)
    finally:
        instance.close()


def latest_if_same(session: Session, slug: str, digest: str) -> tuple[Dataset, Version] | None:
    """The dataset and its latest version when that version's file has SHA-256 ``digest``:
    the same file again creates no version."""
    dataset = repo.get_dataset(session, slug)
    latest = repo.latest_version(session, slug) if dataset is not None else None
    if dataset is None or latest is None or latest.source_sha256 != digest:
        return None
    return dataset, latest


def _ingest(instance: Instance, request: IngestRequest, progress: Progress) -> IngestResult:
    progress("lecture / reading")
    # the reader's scratch files (a transcoded copy, spilled rows) go to an area of this
    # process's own, which recovery erases should the process be killed before it does
    with instance.lake.scratch() as scratch:
        table = open_table(
            request.path, request.options, instance.settings, scratch_dir=scratch.path
        )
        try:
            return _store(instance, request, table, scratch.path, progress)
        finally:
            table.close()


def _store(
    instance: Instance,
    request: IngestRequest,
    table: SourceTable,
    scratch_dir: Path,
    progress: Progress,
) -> IngestResult:
    """Validate the open table, write the version's files in staging, commit them.

    DuckDB spills into the scratch area too: its spill files are erased with the area should
    the process be killed, and two DuckDB processes spilling into one folder crash each other
    (DuckDB 1.5.5 names its spill files alike in every process: both die of SIGSEGV).
    """
    settings = instance.settings
    con = connect(
        memory_limit=settings.memory_limit,
        threads=settings.threads,
        temp_dir=scratch_dir / "duckdb",
    )
    try:
        phases.reached("reading")
        schema = schema_for(table, request.schema_ref, con)
        progress("validation / validating")
        phases.reached("validating")
        report = validate(table, schema, limit_errors=settings.error_list_limit, con=con)
        report.sha256, report.bytes = request.digest, request.size
        # the stored report names the file, not a folder of this machine (an upload's is a
        # scratch area of the server; a CLI user's, their own disk)
        report.place = request.path.name
        report.detection = table.detection.to_dict()
        if report.blocking and not request.quarantine:
            raise RefusedDataError(request.path, report)
        progress("écriture / writing")
        with instance.lake.stage(request.slug) as staged:
            written = write_version_files(con, table, schema, report, staged)
            fields: dict[str, Any] = {
                "source_filename": request.path.name,
                "source_sha256": request.digest,
                "source_bytes": request.size,
                "detection": table.detection.to_dict(),
                "schema_json": schema.to_dict(),
                "report": report.to_dict("fr"),
                "row_count": written.rows,
                "invalid_row_count": report.invalid_rows - report.blank_rows,
                "quarantined": written.quarantined_rows > 0,
            }
            dataset, version = record_version(instance, request, staged, fields)
    finally:
        con.close()
    return IngestResult(dataset, version, report, created=True)


def record_version(
    instance: Instance, request: IngestRequest, staged: StagedVersion, fields: dict[str, Any]
) -> tuple[Dataset, Version]:
    """Commit the staged folder, then the catalogue rows (the dataset too, on a first ingest,
    in the same transaction); the folder is undone if the rows fail."""

    def dataset_for(session: Session) -> Dataset:
        dataset = repo.get_dataset(session, request.slug)
        if dataset is not None:
            if request.visibility is not None:  # asked for: a later ingest never flips it
                dataset.visibility = request.visibility
            return dataset
        organisation = None
        if request.org_code:
            organisation = repo.get_or_create_organisation(session, request.org_code)
        try:
            return repo.create_dataset(
                session,
                request.slug,
                title=request.title,
                organisation=organisation,
                visibility=request.visibility or "public",
                schema_ref=str(request.schema_ref) if isinstance(request.schema_ref, str) else None,
            )
        except DatasetExistsError:  # a concurrent first ingest created it meanwhile: join it
            session.rollback()
            return repo.require_dataset(session, request.slug)

    return commit_staged(instance, staged, fields, dataset_for, request.based_on)
