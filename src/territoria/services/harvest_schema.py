"""The remote's words for its fields kept: the schema inferred from a downloaded file, with
each field's label and description as the remote gave them (Opendatasoft's ``fields``), so
that the harvested dataset documents its columns as the old portal did."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.query.fields import ods_identifier
from territoria.services.validating import infer_file_schema


def described_schema(
    path: Path, fields: Sequence[dict[str, Any]], settings: Settings
) -> dict[str, Any] | None:
    """The Table Schema inferred from ``path`` with ``title`` and ``description`` from the
    remote ``fields`` (matched by identifier); None when the remote describes no field (the
    ingest then infers it itself, as it would have)."""
    by_name = {str(f.get("name")): f for f in fields if f.get("name")}
    if not any(f.get("description") or f.get("label") for f in by_name.values()):
        return None
    schema = infer_file_schema(path, ReadOptions(), settings)
    for field in schema.get("fields", []):
        remote = by_name.get(ods_identifier(str(field.get("name", ""))))
        if remote is None:
            continue
        label, description = remote.get("label"), remote.get("description")
        if label and label != field.get("name"):
            field["title"] = str(label)
        if description:
            field["description"] = str(description)
    return schema
