"""Datasets of the native API: the visible ones listed, one with its full metadata, and the
administrator's writes — a new dataset with metadata and no version, a partial edit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from territoria.api.deps import ActorDep, AdminDep, SessionDep
from territoria.api.v1.bodies import PREFIX, version_body
from territoria.catalog.metadata_models import MetadataCreate, MetadataUpdate
from territoria.catalog.models import Dataset, Version
from territoria.security.actor import Actor
from territoria.security.visibility import (
    can_see_version,
    require_visible_dataset,
    visible_datasets_clause,
)
from territoria.services.metadata import (
    create_dataset_metadata,
    dataset_metadata,
    edit_dataset,
)

router = APIRouter(tags=["datasets"])


def dataset_url(slug: str) -> str:
    """The path of dataset ``slug`` (the ``Location`` of a new dataset)."""
    return f"{PREFIX}/datasets/{slug}"


def _visible_versions(actor: Actor, dataset: Dataset) -> list[Version]:
    return [v for v in dataset.versions if can_see_version(actor, dataset, v)]


def _with_links(metadata: dict[str, Any]) -> dict[str, Any]:
    url = dataset_url(metadata["slug"])
    return {**metadata, "links": {"self": url, "versions": f"{url}/versions"}}


def dataset_body(actor: Actor, dataset: Dataset) -> dict[str, Any]:
    """One dataset: the metadata every API builds from, and its links."""
    return _with_links(dataset_metadata(dataset, _visible_versions(actor, dataset)))


@router.get("/datasets", operation_id="v1_list_datasets")
def list_datasets(session: SessionDep, actor: ActorDep) -> list[dict[str, Any]]:
    """Les jeux de données visibles, par identifiant / visible datasets, by slug."""
    query = (
        select(Dataset)
        .where(visible_datasets_clause(actor))
        .options(selectinload(Dataset.versions), selectinload(Dataset.organisation))
        .order_by(Dataset.slug)
    )  # versions and publishers in two queries, not two per dataset
    return [dataset_body(actor, dataset) for dataset in session.scalars(query)]


@router.get("/datasets/{slug}", operation_id="v1_get_dataset")
def get_dataset(slug: str, session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    """Un jeu de données, ses métadonnées et sa dernière version / one dataset."""
    dataset = require_visible_dataset(session, slug, actor)
    body = dataset_body(actor, dataset)
    versions = _visible_versions(actor, dataset)
    body["latest"] = version_body(dataset.slug, versions[-1]) if versions else None
    return body


@router.post(
    "/datasets",
    operation_id="v1_create_dataset",
    status_code=201,
    responses={409: {"description": "Identifiant déjà pris / slug taken"}},
)
def create_dataset(body: MetadataCreate, session: SessionDep, admin: AdminDep) -> JSONResponse:
    """Créer un jeu de données (métadonnées, sans version) / create a dataset, no version yet.

    Its first version is uploaded next (``POST …/{slug}/versions``).
    """
    created = create_dataset_metadata(session, body.slug, body.changes(), admin)
    return JSONResponse(
        _with_links(created), status_code=201, headers={"Location": dataset_url(body.slug)}
    )


@router.patch("/datasets/{slug}", operation_id="v1_edit_dataset")
def edit_dataset_metadata(
    slug: str, body: MetadataUpdate, session: SessionDep, admin: AdminDep
) -> dict[str, Any]:
    """Modifier les métadonnées (partiel ; ``null`` efface) / edit metadata (partial)."""
    return _with_links(edit_dataset(session, slug, body.changes(), admin))
