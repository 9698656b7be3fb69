"""The GeoJSON of a territory's sub-territories with one indicator's values: the map's data,
served by the instance itself (no tile server, no outside request)."""

from __future__ import annotations

import gzip

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from territoria.errors import UserError
from territoria.services.territory_map import choropleth
from territoria.web.portal_state import portal_actor, portal_state

router = APIRouter(include_in_schema=False)
OWN_PARAMETERS = {"level", "indicator", "period", "lang"}


@router.get("/territories/{territory_id}/children.geojson")
async def children_geojson(territory_id: str, request: Request) -> Response:
    """``?level=&indicator=&period=`` and the indicator's dimensions (``classe=…``)."""
    params = request.query_params
    level, indicator = params.get("level"), params.get("indicator")
    if not level or not indicator:
        raise UserError(
            "paramètres level et indicator requis",
            "parameters level and indicator are required",
        )
    state, actor = portal_state(request), portal_actor(request)
    dimensions = {k: v for k, v in params.items() if k not in OWN_PARAMETERS}
    body = await run_in_threadpool(
        choropleth,
        state.instance,
        actor,
        territory_id,
        level,
        indicator,
        period=params.get("period") or None,
        dimensions=dimensions,
    )
    content = orjson.dumps(body)
    headers = {"Cache-Control": "private, max-age=300", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", "") and len(content) > 1024:
        content = gzip.compress(content, compresslevel=5)
        headers["Content-Encoding"] = "gzip"
    return Response(content, media_type="application/geo+json", headers=headers)
