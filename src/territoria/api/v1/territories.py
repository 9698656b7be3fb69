"""Territories of the native API: search by name or code, one territory with its parents,
children, population, labels and contour (GeoJSON), and its comparison with peers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from territoria.api.deps import ActorDep, StateDep
from territoria.geo.contours import contour_geojson
from territoria.geo.geography import geography
from territoria.services.comparison import compare_territory
from territoria.services.territories import MAX_SEARCH_LIMIT, search_territories, show_territory

router = APIRouter(tags=["territories"])
COMPARE_PARAMETERS = {"indicator", "peers", "period", "apikey"}


def dimension_filters(request: Request, known: set[str]) -> dict[str, str]:
    """The query parameters that are not ``known`` ones: filters on dimensions."""
    return {k: v for k, v in request.query_params.items() if k not in known}


@router.get("/territories", operation_id="v1_search_territories")
def search(
    q: Annotated[str, Query(min_length=1, max_length=200, description="Nom, code, code postal")],
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_LIMIT)] = 10,
) -> list[dict[str, Any]]:
    """Chercher des territoires / search territories by name, code or postal code."""
    return search_territories(q, limit)


@router.get("/territories/{territory_id}", operation_id="v1_get_territory")
def get_territory(
    territory_id: str,
    state: StateDep,
    contour: Annotated[bool, Query(description="Contour GeoJSON / include the contour")] = True,
) -> dict[str, Any]:
    """Un territoire : parents, enfants, population, labels, contour / one territory.

    ``territory_id`` is ``level:code`` (``commune:75056``, ``departement:2A``); unknown → 404,
    malformed → 400."""
    body = show_territory(territory_id, instance=state.instance)
    geo = geography()
    body["childrenCount"] = body.pop("children")
    body["children"] = [
        {"id": c.id, "name": c.name, "level": c.level} for c in geo.children(body["id"])
    ]
    if contour:
        body["contour"] = contour_geojson(body["id"])
    return body


@router.get("/territories/{territory_id}/compare", operation_id="v1_compare_territory")
def compare(
    territory_id: str,
    request: Request,
    state: StateDep,
    actor: ActorDep,
    indicator: Annotated[str, Query(min_length=1, max_length=200, description="pack.nom")],
    peers: Annotated[str | None, Query(max_length=200, description="strate, region…")] = None,
    period: Annotated[str | None, Query(max_length=20, description="2022, 2022-03…")] = None,
) -> dict[str, Any]:
    """Comparer un territoire à ses pairs / compare a territory with its peers.

    Other query parameters filter the indicator's dimensions (``classe=…``)."""
    return compare_territory(
        state.settings,
        territory_id,
        indicator,
        peers=peers,
        period=period,
        dimensions=dimension_filters(request, COMPARE_PARAMETERS),
        actor=actor,
        instance=state.instance,
        visible=state.visible,
    )
