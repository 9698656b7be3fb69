"""The upload wizard's use cases: the reading options and schema an upload's choices make,
its validation report, and publishing it as a new version through the one ingest service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from territoria.config import Settings
from territoria.errors import SchemaError
from territoria.ingest.table import ReadOptions
from territoria.schemas.registry import find_bundled, list_bundled
from territoria.schemas.types import TYPE_NAMES
from territoria.services.ingesting import IngestResult, ingest_file
from territoria.services.tables import SchemaRef
from territoria.services.upload_drafts import UploadStore, WizardUpload
from territoria.services.upload_inspection import Inspection, PreviewRow, inspect_file, rows_at
from territoria.services.validating import validate_file
from territoria.validation.report import Report

KEPT_KEYS = ("name", "title", "description", "constraints")  # what a retyped field keeps
DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}


def read_options(upload: WizardUpload) -> ReadOptions:
    """The reading options the agent forced (the rest is detected)."""
    chosen = upload.options
    header = chosen.get("header_row")
    return ReadOptions(
        encoding=chosen.get("encoding") or None,
        delimiter=DELIMITERS.get(chosen.get("delimiter") or ""),
        header_row=int(header) if header else None,
        sheet=chosen.get("sheet") or None,
    )


def check_schema_name(name: str) -> str:
    """``name`` when it is a bundled schema, else a 400 naming it."""
    found = find_bundled(name)
    if found is None:
        raise SchemaError(
            f"« {name} » n'est pas un schéma intégré.", f"'{name}' is not a bundled schema."
        )
    return found.name


def retyped(fields: list[dict[str, Any]], types: dict[str, str]) -> dict[str, Any]:
    """The inferred schema with the types the agent chose instead (a retyped field keeps its
    name and documentation; its format and number notation are the new type's defaults)."""
    out = []
    for descriptor in fields:
        chosen = types.get(descriptor["name"])
        if chosen in TYPE_NAMES and chosen != descriptor.get("type"):
            descriptor = {k: v for k, v in descriptor.items() if k in KEPT_KEYS}
            descriptor["type"] = chosen
        out.append(descriptor)
    return {"fields": out}


def schema_ref(upload: WizardUpload, inspection: Inspection) -> SchemaRef | None:
    """The bundled schema chosen, the inferred one with chosen types, or None (inferred as
    ingestion infers it)."""
    if upload.schema:
        return upload.schema
    wanted = {k: v for k, v in upload.types.items() if k in inspection.labels}
    return retyped(inspection.fields, wanted) if wanted else None


@dataclass
class Checked:
    """An upload's file read, inferred and validated with the agent's choices."""

    inspection: Inspection
    report: Report
    rows: list[PreviewRow]  # the rows the listed errors concern


def check_upload(store: UploadStore, upload: WizardUpload, settings: Settings) -> Checked:
    """The validation report of the upload with its choices, and the rows its errors name."""
    path, options = store.file(upload), read_options(upload)
    inspection = inspect_file(path, options, settings)
    report = validate_file(path, schema_ref(upload, inspection), options, settings)
    report.place = upload.filename
    numbers = [e.row_number for e in report.errors if e.row_number is not None]
    return Checked(inspection, report, rows_at(path, options, settings, numbers))


def publish_upload(
    store: UploadStore,
    upload: WizardUpload,
    settings: Settings,
    *,
    quarantine: bool,
    visibility: str | None,
) -> IngestResult:
    """The upload as the dataset's next version (refused data raises, as for the API), then
    erased from the store."""
    path, options = store.file(upload), read_options(upload)
    reference = schema_ref(upload, inspect_file(path, options, settings))
    result = ingest_file(
        path,
        upload.slug,
        schema_ref=reference,
        org_code=None,
        quarantine=quarantine,
        options=options,
        settings=settings,
        title=upload.title,
        visibility=visibility,
    )
    store.remove(upload.id)
    return result


def bundled_choices() -> list[tuple[str, str]]:
    """(name, title) of every bundled national schema, for the schema step."""
    return [(item.name, item.title or item.name) for item in list_bundled()]
