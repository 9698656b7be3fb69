"""A territory's page: who it is, its indicators with their peers, and a map of its parts;
and its ``.json`` twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from territoria.geo.geography import geography
from territoria.packs.registry import get_pack
from territoria.services.indicator_results import ResultsReader
from territoria.services.territories import show_territory
from territoria.services.territory_indicators import territory_indicators
from territoria.services.territory_map import children_values
from territoria.services.territory_map_options import default_map, map_options
from territoria.web.page_memo import memo, memo_html
from territoria.web.portal_state import portal_actor, portal_state
from territoria.web.templating import render

router = APIRouter(include_in_schema=False)
MAX_CHILDREN_LISTED = 400


def _chosen_map(
    request: Request, options: dict[str, list[str]], packs: list[dict[str, Any]]
) -> tuple[str, str] | None:
    asked, level = request.query_params.get("map"), request.query_params.get("level")
    if asked in options:
        return asked, level if level in options[asked] else options[asked][0]
    preferred: list[tuple[str, str]] = []
    for pack in packs:
        view = get_pack(pack["id"]).dashboard.map
        if view is not None:
            preferred.append((view.indicator, view.level))
    return default_map(options, preferred)


def _page(request: Request, territory_id: str) -> dict[str, Any]:
    key = ("territory", territory_id, tuple(sorted(request.query_params.multi_items())))
    result: dict[str, Any] = memo(request, key, lambda: _gather(request, territory_id))
    return result


def _gather(request: Request, territory_id: str) -> dict[str, Any]:
    state, actor = portal_state(request), portal_actor(request)
    territory = show_territory(territory_id, state.settings, state.instance)
    selections = dict(request.query_params)
    reader = ResultsReader(state.instance, actor, state.visible)  # each pack's looked up once
    dashboard = territory_indicators(
        state.settings, state.instance, territory["id"], actor, selections, reader
    )
    panels = {p["id"]: p for pack in dashboard["packs"] for p in pack["panels"]}
    options = map_options(state.instance, actor, territory["id"], list(panels), reader)
    chosen = _chosen_map(request, options, dashboard["packs"])
    choropleth = None
    if chosen is not None:
        indicator, level = chosen
        dimensions = {k: v for k, v in panels[indicator]["dimensions"].items() if v is not None}
        choropleth = children_values(
            state.instance, actor, territory["id"], level, indicator, dimensions=dimensions,
            reader=reader,
        )  # fmt: skip
    children = [
        {"id": c.id, "name": c.name, "level": c.level}
        for c in sorted(geography().children(territory["id"]), key=lambda c: (c.level, c.name))
    ]
    return {
        "territory": territory,
        "children": children[:MAX_CHILDREN_LISTED],
        "children_total": len(children),
        "dashboard": dashboard,
        "map_options": options,
        "indicator_titles": {i: panel["title"] for i, panel in panels.items()},
        "map": choropleth,
    }


@router.get("/territories/{territory_id}.json")
async def territory_json(territory_id: str, request: Request) -> JSONResponse:
    """The territory page's data: the territory, its indicators, peers and map values."""
    body = await run_in_threadpool(_page, request, territory_id)
    return JSONResponse(body)


@router.get("/territories/{territory_id}", response_class=HTMLResponse)
async def territory_page(territory_id: str, request: Request) -> HTMLResponse:
    """A territory at a glance for its elected officials and inhabitants."""

    def build() -> HTMLResponse:
        context = _page(request, territory_id)
        return render(request, "territory.html", context, title=context["territory"]["name"])

    response: HTMLResponse = await run_in_threadpool(memo_html, request, "territory", build)
    return response
