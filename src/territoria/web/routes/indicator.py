"""An indicator's method page: definition, formula, unit, polarity, dimensions, method,
source datasets, territories using it and its values at the top level; a ``.json`` twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from territoria.services.pack_pages import indicator_page
from territoria.web.page_memo import memo
from territoria.web.portal_state import portal_actor, portal_state
from territoria.web.routes.method_pages import method_page

router = APIRouter(include_in_schema=False)


def _indicator(request: Request, indicator_id: str) -> dict[str, Any]:
    state, actor = portal_state(request), portal_actor(request)
    page: dict[str, Any] = memo(
        request,
        ("indicator", indicator_id),
        lambda: indicator_page(state.settings, state.instance, indicator_id, actor),
    )
    return page


@router.get("/indicators/{indicator_id}.json")
async def indicator_json(indicator_id: str, request: Request) -> JSONResponse:
    """The indicator page's data."""
    return JSONResponse(await run_in_threadpool(_indicator, request, indicator_id))


@router.get("/indicators/{indicator_id}", response_class=HTMLResponse)
async def indicator(indicator_id: str, request: Request) -> HTMLResponse:
    """How an indicator is defined and computed, and where it is used."""
    info = await run_in_threadpool(_indicator, request, indicator_id)
    return method_page(request, "indicator.html", "indicator", info)
