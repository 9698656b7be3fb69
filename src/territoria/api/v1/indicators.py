"""Indicators of the native API: every pack's indicators, one spec with its method, and
the values of one indicator filtered by territory, level, period and dimensions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from territoria.api.deps import ActorDep, StateDep
from territoria.api.v1.territories import dimension_filters
from territoria.services.indicator_catalogue import describe_indicator, list_indicators
from territoria.services.indicator_values import MAX_RESULTS, indicator_values

router = APIRouter(tags=["indicators"])
VALUES_PARAMETERS = {"territory", "level", "period", "label", "limit", "apikey"}


@router.get("/indicators", operation_id="v1_list_indicators")
def list_(state: StateDep, actor: ActorDep) -> list[dict[str, Any]]:
    """Les indicateurs de tous les packs, calculés ou non / every pack's indicators."""
    return list_indicators(state.instance, actor)


@router.get("/indicators/{indicator_id}", operation_id="v1_get_indicator")
def get_indicator(indicator_id: str, state: StateDep, actor: ActorDep) -> dict[str, Any]:
    """Un indicateur : sa définition et sa méthode / one indicator's spec and method."""
    return describe_indicator(state.instance, indicator_id, actor)


@router.get("/indicators/{indicator_id}/values", operation_id="v1_indicator_values")
def values(
    indicator_id: str,
    request: Request,
    state: StateDep,
    actor: ActorDep,
    territory: Annotated[str | None, Query(max_length=60, description="niveau:code")] = None,
    level: Annotated[str | None, Query(max_length=20, description="commune, epci…")] = None,
    period: Annotated[str | None, Query(max_length=20, description="2022, 2022-03…")] = None,
    label: Annotated[
        str | None, Query(max_length=120, description="label:pvd, label:acv, group:…")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = MAX_RESULTS,
) -> dict[str, Any]:
    """Les valeurs d'un indicateur / an indicator's values with their coverage.

    ``label`` keeps the territories carrying it; other query parameters filter the
    indicator's dimensions (``classe=…``)."""
    return indicator_values(
        state.settings,
        indicator_id,
        territory=territory,
        level=level,
        period=period,
        dimensions=dimension_filters(request, VALUES_PARAMETERS),
        label=label,
        actor=actor,
        instance=state.instance,
        limit=limit,
    )
