"""The API's root, the catalogue's root, ``catalog/datasets`` and ``catalog/datasets/{id}``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from territoria.api.deps import ActorDep, SessionDep, StateDep
from territoria.api.explore_v21 import backend, catalog_listing, models
from territoria.api.explore_v21.catalog_query import CatalogQueryError, parse_catalog_query
from territoria.api.explore_v21.dataset_object import ods_dataset
from territoria.api.explore_v21.params import (
    Exclude,
    GroupBy,
    Lang,
    Limit,
    Offset,
    OrderBy,
    Refine,
    Select,
    Timezone,
    Where,
    check_timezone,
    page_window,
)
from territoria.api.explore_v21.routing import api_base, link, ods_get
from territoria.api.explore_v21.serialise import json_response

router = APIRouter(tags=["Opendatasoft Explore v2.1"])


@ods_get(router, "", operation_id="ods_root", response_model=models.Links)
def ods_root(request: Request, state: StateDep) -> Response:
    """The API's entry point: links to the catalogue, as Opendatasoft's root answers."""
    base = api_base(request, state.settings)
    return json_response({"links": [link(base, "self"), link(f"{base}/catalog", "catalog")]})


@ods_get(router, "/catalog", operation_id="ods_catalog", response_model=models.Links)
def ods_catalog(request: Request, state: StateDep) -> Response:
    """The catalogue's entry point: links to its datasets, exports and facets."""
    base = api_base(request, state.settings) + "/catalog"
    rels = ("datasets", "exports", "facets")
    return json_response({"links": [link(base, "self"), *(link(f"{base}/{r}", r) for r in rels)]})


def _selected(obj: dict[str, Any], names: list[str]) -> dict[str, Any]:
    default = obj["metas"]["default"]
    return {n: obj[n] if n in obj else default.get(n) for n in names}


def _select_names(select: str | None) -> list[str] | None:
    if not select or select.strip() in ("", "*"):
        return None
    names = [n.strip().strip("`") for n in select.split(",")]
    if not all(n.replace("_", "").isalnum() for n in names):
        raise CatalogQueryError(
            f"select de catalogue non pris en charge : « {select} » (une liste de champs)",
            f"Unsupported catalog select: '{select}' (a list of field names)",
            details={"clause": "select", "text": select},
        )
    return names


@ods_get(
    router,
    "/catalog/datasets",
    operation_id="ods_catalog_datasets",
    response_model=models.CatalogPage,
    responses=models.ERRORS,
)
def catalog_datasets(
    state: StateDep,
    session: SessionDep,
    actor: ActorDep,
    select: Select = None,
    where: Where = [],  # noqa: B006 — FastAPI copies the default per request
    order_by: OrderBy = None,
    limit: Limit = None,
    offset: Offset = None,
    refine: Refine = [],  # noqa: B006
    exclude: Exclude = [],  # noqa: B006
    group_by: GroupBy = None,
    lang: Lang = None,
    timezone: Timezone = "UTC",
) -> Response:
    """The datasets the caller may see: full text (``where="vélo"``, ``search()``), metadata
    equalities, ``refine``/``exclude`` on themes, keywords, publisher…, ``order_by``."""
    count, skip = page_window(limit, offset, grouped=False)
    check_timezone(timezone)
    if group_by and group_by.strip():
        raise CatalogQueryError(
            "group_by n'est pas pris en charge sur le catalogue",
            "group_by is not supported on the catalog",
            details={"clause": "group_by", "text": group_by},
        )
    names = _select_names(select)
    query = parse_catalog_query(where, refine, exclude, order_by)
    found = catalog_listing.selected(session, state, actor, query)
    page = found[skip : skip + count]
    results = [_selected(o, names) for o in page] if names else page
    return json_response({"total_count": len(found), "results": results})


@ods_get(
    router,
    "/catalog/datasets/{dataset_id}",
    operation_id="ods_catalog_dataset",
    response_model=models.Dataset,
    responses=models.ERRORS,
)
def catalog_dataset(
    dataset_id: str,
    state: StateDep,
    session: SessionDep,
    actor: ActorDep,
    select: Select = None,
    lang: Lang = None,
    timezone: Timezone = "UTC",
) -> Response:
    """One dataset with its fields and metadata; 404 when unknown or not visible."""
    check_timezone(timezone)
    dataset = backend.visible_dataset(session, dataset_id, actor)
    objects = catalog_listing.visible_objects(session, state, actor)
    obj = next((o for o in objects if o["dataset_id"] == dataset.slug), None)
    if obj is None:  # the catalogue moved between the two reads: build this one afresh
        version = backend.latest_visible(actor, dataset)
        fields = backend.version_fields(state, version) if version else []
        obj = ods_dataset(dataset, version, fields, backend.dataset_meta(dataset))
    names = _select_names(select)
    return json_response(_selected(obj, names) if names else obj)


@ods_get(
    router,
    "/catalog/datasets/{dataset_id}/attachments",
    operation_id="ods_dataset_attachments",
    response_model=models.Attachments,
    responses=models.ERRORS,
)
def dataset_attachments(dataset_id: str, session: SessionDep, actor: ActorDep) -> Response:
    """The dataset's attached files: none yet (Territoria attaches no files to datasets)."""
    backend.visible_dataset(session, dataset_id, actor)
    return json_response({"links": [], "attachments": []})
