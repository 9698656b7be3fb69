"""The catalogue as plain dicts for rendering: datasets, one dataset, its versions; and
:func:`search_catalogue` (full text and facets, in :mod:`~territoria.services.catalogue_search`)."""

from __future__ import annotations

from typing import Any

from territoria.catalog import repository as repo
from territoria.catalog.models import Dataset, Version
from territoria.config import Settings
from territoria.services.catalogue_search import CatalogueResult, search_catalogue
from territoria.services.instance import open_instance
from territoria.services.metadata_view import dataset_metadata

__all__ = [
    "CatalogueResult",
    "dataset_dict",
    "list_datasets",
    "list_versions",
    "search_catalogue",
    "show_dataset",
    "version_dict",
]


def version_dict(version: Version) -> dict[str, Any]:
    """One version as shown to users."""
    return {
        "number": version.number,
        "createdAt": version.created_at.isoformat(timespec="seconds"),
        "sourceFilename": version.source_filename,
        "sourceSha256": version.source_sha256,
        "sourceBytes": version.source_bytes,
        "rows": version.row_count,
        "invalidRows": version.invalid_row_count,
        "quarantined": version.quarantined,
        "format": (version.detection or {}).get("format"),
        "lakePath": version.lake_path,
        "rolledBackFrom": version.rolled_back_from,
    }


def dataset_dict(dataset: Dataset, versions: list[Version]) -> dict[str, Any]:
    """One dataset with a summary of its latest version."""
    latest = versions[-1] if versions else None
    organisation = dataset.organisation
    return {
        "slug": dataset.slug,
        "title": dataset.title,
        "organisation": organisation.code if organisation else None,
        "visibility": dataset.visibility,
        "schemaRef": dataset.schema_ref,
        "versions": len(versions),
        "latestVersion": latest.number if latest else None,
        "rows": latest.row_count if latest else 0,
        "updatedAt": latest.created_at.isoformat(timespec="seconds") if latest else None,
    }


def list_datasets(settings: Settings) -> list[dict[str, Any]]:
    """Every dataset, by slug."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            return [
                dataset_dict(d, repo.list_versions(session, d.slug))
                for d in repo.list_datasets(session)
            ]
    finally:
        instance.close()


def show_dataset(slug: str, settings: Settings) -> dict[str, Any]:
    """One dataset: its summary, its full metadata (:func:`dataset_metadata`), its latest
    version."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            dataset = repo.require_dataset(session, slug)
            versions = repo.list_versions(session, slug)
            out = {**dataset_dict(dataset, versions), **dataset_metadata(dataset, versions)}
            out["latest"] = version_dict(versions[-1]) if versions else None
            return out
    finally:
        instance.close()


def list_versions(slug: str, settings: Settings) -> list[dict[str, Any]]:
    """The versions of one dataset, oldest first."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            return [version_dict(v) for v in repo.list_versions(session, slug)]
    finally:
        instance.close()
