"""The territory search page: by name, code or postal code, results linking to each page."""

from __future__ import annotations

import functools
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from territoria.geo.geography import geography
from territoria.services.territories import search_territories
from territoria.web.templating import render

router = APIRouter(include_in_schema=False)
RESULTS = 30
MAX_QUERY = 200


@functools.lru_cache(maxsize=1024)
def _found(query: str) -> list[dict[str, Any]]:
    """The search's answer, kept: the geography never changes while serving."""
    return search_territories(query, RESULTS)


def _search(request: Request) -> dict[str, Any]:
    query = request.query_params.get("q", "").strip()[:MAX_QUERY]
    results = _found(query) if query else []
    geo = geography()
    regions = sorted((t for t in geo.children("pays:FR")), key=lambda t: t.name)
    return {
        "q": query,
        "results": results,
        "starts": [{"id": "pays:FR", "name": geo.get("pays:FR").name}]
        + [{"id": t.id, "name": t.name} for t in regions],
    }


@router.get("/territories.json")
async def territories_json(request: Request) -> JSONResponse:
    """The search page's results (``?q=``) as JSON."""
    found = _search(request)
    return JSONResponse({"q": found["q"], "results": found["results"]})


@router.get("/territories", response_class=HTMLResponse)
async def territories(request: Request) -> HTMLResponse:
    """Search a territory by name, code or postal code."""
    return render(request, "territories.html", _search(request))
