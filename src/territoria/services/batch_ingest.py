"""Ingest many files: each its own dataset (slug from its name), or versions of one in order.

Each file goes through :func:`~territoria.services.ingesting.ingest_file`, the one way to
ingest. Files of different datasets are independent: a refused or unusable one does not stop
the others. Versions of one dataset are a history: once a file fails, the later ones are not
ingested (they would be numbered as if it had succeeded) and say so, with the same exit code.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from territoria.catalog.slugs import slug_from_filename, validate_slug
from territoria.config import Settings
from territoria.errors import UserError
from territoria.ingest.table import ReadOptions
from territoria.services.batch import BatchInput, FileOutcome
from territoria.services.ingesting import IngestResult, RefusedDataError, ingest_file
from territoria.services.tables import SchemaRef
from territoria.services.validating import Progress, _silent


class SkippedFileError(UserError):
    """A later version not ingested because an earlier file of the same dataset failed."""

    code = "skipped"

    def __init__(self, path: str, cause: FileOutcome, slug: str) -> None:
        super().__init__(
            f"non ingéré : « {cause.path.name} », la version précédente de « {slug} », a échoué",
            f"not ingested: '{cause.path.name}', the previous version of '{slug}', failed",
            path=path,
            hint_fr="corrigez ce fichier-là puis relancez la suite",
            hint_en="fix that file, then run the rest again",
        )
        self.exit_code = cause.exit_code


@dataclass(frozen=True)
class IngestBatch:
    """How a batch names its datasets and what every file shares."""

    slug: str | None  # versions of this dataset, in order; None: one dataset per file name
    schema_ref: SchemaRef | None
    org_code: str | None
    quarantine: bool
    options: ReadOptions
    title: str | None = None
    visibility: str | None = None  # None: keep an existing dataset's (new ones are public)
    replace_series: bool = False  # a pack dataset: the file replaces its earlier periods


def _details(slug: str, result: IngestResult) -> dict[str, Any]:
    version = result.version
    details: dict[str, Any] = {
        "dataset": slug,
        "version": version.number if version else None,
        "created": result.created,
        "storedRows": version.row_count if version else None,
        "quarantinedRows": version.invalid_row_count if version else None,
    }
    if result.pack is not None:  # a pack dataset: its transform and recomputed indicators
        details["pack"] = result.pack
    return details


def _one(
    item: BatchInput, batch: IngestBatch, settings: Settings, progress: Progress
) -> FileOutcome:
    slug = batch.slug
    try:
        slug = slug or slug_from_filename(item.path)
        result = ingest_file(
            item.path,
            slug,
            schema_ref=batch.schema_ref,
            org_code=batch.org_code,
            quarantine=batch.quarantine,
            options=batch.options,
            settings=settings,
            title=batch.title,
            visibility=batch.visibility,
            progress=progress,
            replace_series=batch.replace_series,
        )
    except RefusedDataError as error:
        return FileOutcome(item.path, error.report, error, {"dataset": slug, "created": False})
    except UserError as error:
        details = {"dataset": slug, "created": False} if slug else {}
        return FileOutcome(item.path, error=error, details=details)
    return FileOutcome(item.path, result.report, details=_details(slug, result), accepted=True)


def ingest_files(
    inputs: Sequence[BatchInput],
    batch: IngestBatch,
    settings: Settings,
    progress: Progress = _silent,
) -> Iterator[FileOutcome]:
    """One outcome per input, in order (see the module docstring for what a failure stops)."""
    if batch.slug is not None:
        validate_slug(batch.slug)
    elif batch.title is not None and len(inputs) > 1:
        raise UserError(
            "--title nomme un seul jeu de données, pas un par fichier",
            "--title names one dataset, not one per file",
            hint_fr="ingérez ces fichiers sans --title, ou un par un avec --dataset et --title",
            hint_en="ingest these files without --title, or one by one with --dataset and --title",
        )
    failed: FileOutcome | None = None
    for item in inputs:
        if failed is not None and batch.slug is not None:
            yield FileOutcome(
                item.path,
                error=SkippedFileError(str(item.path), failed, batch.slug),
                details={"dataset": batch.slug, "created": False},
            )
            continue
        if item.error is not None:
            outcome = FileOutcome(item.path, error=item.error)
        else:
            outcome = _one(item, batch, settings, progress)
        if outcome.exit_code:
            failed = outcome
        yield outcome
