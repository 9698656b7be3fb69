"""What a dataset's page shows: its metadata, its fields documented, its latest version.

The dataset must be visible to the visitor (the one rule, :mod:`territoria.security.visibility`:
a private dataset answers as an unknown one); its metadata is the catalogue's one dict
(:func:`~territoria.services.metadata_view.dataset_metadata`); each field's documentation
joins the Table Schema (title, type, constraints, description) with the name queries use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from territoria.catalog import repository as repo
from territoria.query.fields import QueryField
from territoria.security.actor import Actor
from territoria.security.visibility import require_visible_dataset
from territoria.services.instance import Instance
from territoria.services.metadata_view import dataset_metadata, schema_fields
from territoria.services.querying import QueryService, VersionHandle
from territoria.services.visible_versions import VisibleVersions

CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum",
               "minLength", "maxLength", "format")  # fmt: skip
"""Table Schema constraints a field's documentation lists, in this order."""


@dataclass(frozen=True)
class DatasetView:
    """A visible dataset: its metadata, documented fields, and latest version's handle
    (None when it has no readable version yet)."""

    metadata: dict[str, Any]
    documentation: list[dict[str, Any]]
    handle: VersionHandle | None

    @property
    def fields(self) -> list[QueryField]:
        """The latest version's query fields (none without a version)."""
        return list(self.handle.fields) if self.handle is not None else []


def field_documentation(
    schema_json: dict[str, Any] | None, fields: list[QueryField]
) -> list[dict[str, Any]]:
    """Each field: name, identifier, label, type, description, unit, example and its
    constraints as ``(name, value)`` pairs; the query fields stand in without a schema."""
    descriptors = {
        str(f.get("name")): f for f in (schema_json or {}).get("fields", []) if isinstance(f, dict)
    }
    documented = schema_fields(schema_json)
    if not documented:
        documented = [
            {
                "name": f.column,
                "identifier": f.name,
                "label": f.label,
                "type": f.type,
                "description": f.description,
                "unit": f.unit,
            }
            for f in fields
        ]
    out = []
    for entry in documented:
        descriptor = descriptors.get(entry["name"], {})
        constraints = descriptor.get("constraints") or {}
        kept = [k for k in CONSTRAINTS if constraints.get(k) is not None]
        listed = [(k, constraints[k]) for k in kept if constraints[k] is not False]
        if descriptor.get("format") not in (None, "default"):
            listed.append(("format", descriptor["format"]))
        out.append({**entry, "example": descriptor.get("example"), "constraints": listed})
    return out


def dataset_view(
    session: Session,
    instance: Instance,
    queries: QueryService,
    visible: VisibleVersions,
    slug: str,
    actor: Actor,
) -> DatasetView:
    """The page of ``slug`` for ``actor`` (:class:`~territoria.errors.NotFoundError` when
    the dataset is unknown or invisible to them)."""
    dataset = require_visible_dataset(session, slug, actor)
    versions = repo.list_versions(session, slug)
    metadata = dataset_metadata(dataset, versions)
    handle = None
    if versions:
        handle = queries.handle_for(instance, visible.get(slug, actor))
    fields = list(handle.fields) if handle is not None else []
    return DatasetView(metadata, field_documentation(dataset.schema_json, fields), handle)
