"""The one full metadata dict of a dataset, JSON-ready, that every API and page builds from.

Keys are camelCase. Vocabulary values (themes, license, frequency) come as
``{id, label, labelEn, uri}``; a legacy free-text value stays readable, with ``uri`` None.
``issued`` is the first version's date, ``modified`` the latest of the newest version and
the last metadata edit; field descriptions and units are the Table Schema's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from territoria.catalog.conformance import conforms_to
from territoria.catalog.models import Dataset, Version
from territoria.catalog.vocabularies.frequencies import FREQUENCIES
from territoria.catalog.vocabularies.licences import LICENCES
from territoria.catalog.vocabularies.themes import THEMES
from territoria.query.fields import ods_identifier

METADATA_KEYS = (
    "identifier", "slug", "title", "description", "keywords", "themes", "publisher",
    "contactPoint", "license", "spatial", "temporal", "frequency", "issued", "modified",
    "conformsTo", "schemaRef", "language", "landingPage", "visibility", "fields",
    "versionCount", "latestVersion",
)  # fmt: skip


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def modified_at(dataset: Dataset, versions: Sequence[Version]) -> dt.datetime:
    """When the dataset last changed: its newest version or its last metadata edit."""
    latest = versions[-1].created_at if versions else dataset.updated_at
    return max(dataset.updated_at, latest)


def schema_fields(schema_json: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The fields of a Table Schema: name (as in the file), ODS identifier (as queries name
    it), label, Table Schema type, description, unit."""
    out = []
    for field in (schema_json or {}).get("fields", []):
        if not isinstance(field, dict):
            continue
        name = str(field.get("name", ""))
        out.append(
            {
                "name": name,
                "identifier": ods_identifier(name),
                "label": str(field.get("title") or name),
                "type": field.get("type", "string"),
                "description": field.get("description"),
                "unit": field.get("unit") or field.get("x-unit"),
            }
        )
    return out


def _version_summary(version: Version) -> dict[str, Any]:
    fmt = (version.detection or {}).get("format")
    return {
        "number": version.number,
        "createdAt": _iso(version.created_at),
        "rows": version.row_count,
        "invalidRows": version.invalid_row_count,
        "format": fmt,
        "formats": [fmt] if fmt else [],
        "sourceFilename": version.source_filename,
        "sourceBytes": version.source_bytes,
    }


def dataset_metadata(dataset: Dataset, versions: Sequence[Version]) -> dict[str, Any]:
    """Every metadata of ``dataset`` (keys: :data:`METADATA_KEYS`); ``versions`` oldest first."""
    org = dataset.organisation
    publisher = None
    if org is not None:
        publisher = {
            "code": org.code,
            "name": org.name,
            "kind": org.kind,
            "siren": org.siren,
            "territory": org.territory,
        }
    contact = None
    if dataset.contact_name or dataset.contact_email:
        contact = {"name": dataset.contact_name, "email": dataset.contact_email}
    return {
        "identifier": dataset.identifier,
        "slug": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "keywords": list(dataset.keywords or []),
        "themes": [THEMES.shown(t) for t in dataset.themes or []],
        "publisher": publisher,
        "contactPoint": contact,
        "license": LICENCES.shown(dataset.license) if dataset.license else None,
        "spatial": list(dataset.spatial_coverage or []),
        "temporal": {"start": _iso(dataset.temporal_start), "end": _iso(dataset.temporal_end)},
        "frequency": FREQUENCIES.shown(dataset.frequency) if dataset.frequency else None,
        "issued": _iso(versions[0].created_at) if versions else None,
        "modified": _iso(modified_at(dataset, versions)),
        "conformsTo": conforms_to(dataset.schema_ref, dataset.schema_json),
        "schemaRef": dataset.schema_ref,
        "language": dataset.language,
        "landingPage": dataset.landing_page,
        "visibility": dataset.visibility,
        "fields": schema_fields(dataset.schema_json),
        "versionCount": len(versions),
        "latestVersion": _version_summary(versions[-1]) if versions else None,
    }
