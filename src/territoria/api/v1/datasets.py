"""Datasets of the native API: the visible ones listed, one with its metadata and versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from territoria.api.deps import ActorDep, SessionDep
from territoria.api.v1.bodies import PREFIX, version_body
from territoria.catalog.models import Dataset, Version
from territoria.security.visibility import (
    can_see_version,
    require_visible_dataset,
    visible_datasets_clause,
)
from territoria.services.catalogue import dataset_dict

router = APIRouter(tags=["datasets"])


def _visible_versions(actor: ActorDep, dataset: Dataset) -> list[Version]:
    return [v for v in dataset.versions if can_see_version(actor, dataset, v)]


def dataset_body(actor: ActorDep, dataset: Dataset) -> dict[str, Any]:
    """One dataset: the catalogue's summary, its description, fields and links."""
    versions = _visible_versions(actor, dataset)
    body = dataset_dict(dataset, versions)
    body["description"] = dataset.description
    body["license"] = dataset.license
    body["keywords"] = list(dataset.keywords or [])
    body["fields"] = [
        {"name": f.get("name"), "type": f.get("type", "string")}
        for f in (dataset.schema_json or {}).get("fields", [])
    ]
    url = f"{PREFIX}/datasets/{dataset.slug}"
    body["links"] = {"self": url, "versions": f"{url}/versions"}
    return body


@router.get("/datasets", operation_id="v1_list_datasets")
def list_datasets(session: SessionDep, actor: ActorDep) -> list[dict[str, Any]]:
    """Les jeux de données visibles, par identifiant / visible datasets, by slug."""
    query = select(Dataset).where(visible_datasets_clause(actor)).order_by(Dataset.slug)
    return [dataset_body(actor, dataset) for dataset in session.scalars(query)]


@router.get("/datasets/{slug}", operation_id="v1_get_dataset")
def get_dataset(slug: str, session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    """Un jeu de données, ses métadonnées et sa dernière version / one dataset."""
    dataset = require_visible_dataset(session, slug, actor)
    body = dataset_body(actor, dataset)
    versions = _visible_versions(actor, dataset)
    body["latest"] = version_body(dataset.slug, versions[-1]) if versions else None
    return body
