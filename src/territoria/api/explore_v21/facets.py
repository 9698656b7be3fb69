"""``…/datasets/{id}/facets`` (values of a dataset's fields) and ``catalog/facets`` (themes,
keywords, publishers… of the visible catalogue), as Opendatasoft counts them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from territoria.api.deps import ActorDep, SessionDep, StateDep
from territoria.api.explore_v21 import backend, catalog_listing, models
from territoria.api.explore_v21.catalog_query import FACETS, CatalogQueryError, parse_catalog_query
from territoria.api.explore_v21.params import (
    Exclude,
    Lang,
    Refine,
    Timezone,
    Where,
    records_request,
)
from territoria.api.explore_v21.routing import ods_get
from territoria.api.explore_v21.serialise import json_bytes, json_response
from territoria.query.compiler import compile_facets

router = APIRouter(tags=["Opendatasoft Explore v2.1"])

FacetNames = Annotated[list[str], Query(description="Fields to count (repeatable).")]
FACET_VALUES = 100
"""Values listed per facet, most frequent first (the rest are counted by none)."""
DEFAULT_FACET_TYPES = ("text", "boolean", "date", "datetime")
DEFAULT_FACETS = 10
"""Fields counted when the caller names none: the first ten of those types (Opendatasoft
counts the fields its publisher configured as facets; a wide table would otherwise cost a
group-by per column)."""


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _refined(refine: tuple[str, ...]) -> set[tuple[str, str]]:
    """The (field, value) pairs of ``field:value`` refinements (checked by the compiler)."""
    pairs = set()
    for spec in refine:
        name, _, value = spec.partition(":")
        pairs.add((name.strip(), value.strip().strip('"')))
    return pairs


@ods_get(
    router,
    "/catalog/datasets/{dataset_id}/facets",
    operation_id="ods_dataset_facets",
    response_model=models.Facets,
    responses=models.ERRORS,
)
def dataset_facets(
    dataset_id: str,
    state: StateDep,
    session: SessionDep,
    actor: ActorDep,
    facet: FacetNames = [],  # noqa: B006 — FastAPI copies the default per request
    where: Where = [],  # noqa: B006
    refine: Refine = [],  # noqa: B006
    exclude: Exclude = [],  # noqa: B006
    lang: Lang = None,
    timezone: Timezone = "UTC",
) -> Response:
    """Per field, its values and counts under the filters, most frequent first; a refined
    value is ``refined``; dates count by year, then by month of a refined year."""
    request = records_request(
        select=None,
        where=where,
        group_by=None,
        order_by=None,
        limit=None,
        offset=0,
        refine=refine,
        exclude=exclude,
        lang=lang,
        timezone=timezone,
    )
    service = backend.query_service(state)
    handle = backend.open_handle(state, session, dataset_id, actor)
    names = [f for f in facet if f.strip()] or [
        f.name for f in handle.fields if f.type in DEFAULT_FACET_TYPES
    ][:DEFAULT_FACETS]

    def compute() -> bytes:
        chosen = _refined(request.refine)
        queries = compile_facets(names, request, handle.fields, handle.source, FACET_VALUES)
        out = []
        for name, query in queries:
            table = service.run_select(handle, query)
            values = []
            for value, count in zip(
                table.column(0).to_pylist(), table.column(1).to_pylist(), strict=True
            ):
                shown = _shown(value)
                state_ = "refined" if (name, shown) in chosen else "displayed"
                values.append({"name": shown, "count": count, "state": state_, "value": shown})
            out.append({"name": name, "facets": values})
        return json_bytes({"links": [], "facets": out})

    key = (handle.key, "ods-facets", tuple(names), request.cache_key())
    body: bytes = service.cached(key, compute)
    return Response(body, media_type="application/json")


@ods_get(
    router,
    "/catalog/facets",
    operation_id="ods_catalog_facets",
    response_model=models.Facets,
    responses=models.ERRORS,
)
def catalog_facets(
    state: StateDep,
    session: SessionDep,
    actor: ActorDep,
    facet: FacetNames = [],  # noqa: B006
    where: Where = [],  # noqa: B006
    refine: Refine = [],  # noqa: B006
    exclude: Exclude = [],  # noqa: B006
    lang: Lang = None,
    timezone: Timezone = "UTC",
) -> Response:
    """Themes, keywords, publishers, licences, languages, territories and features of the
    datasets the caller may see (a private dataset counts only for the administrator)."""
    query = parse_catalog_query(where, refine, exclude, None)
    names = [f for f in facet if f.strip()] or list(FACETS)
    for name in names:
        if name not in FACETS:
            raise CatalogQueryError(
                f"facette de catalogue inconnue : « {name} » (facettes : {', '.join(FACETS)})",
                f"Unknown catalog facet: '{name}' (facets: {', '.join(FACETS)})",
                details={"clause": "facet", "text": name},
            )
    found = catalog_listing.selected(session, state, actor, query)
    return json_response({"links": [], "facets": catalog_listing.facet_counts(found, names, query)})
