"""The home page: the organisation, a search box, featured and recent datasets."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from territoria.services.catalogue_search import search_catalogue
from territoria.web.portal_state import portal_actor, portal_state
from territoria.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    """The organisation's front page."""
    state = portal_state(request)
    actor = portal_actor(request)

    def load() -> dict[str, object]:
        with state.instance.session() as session:
            recent = search_catalogue(session, actor, sort="-modified", limit=6, with_facets=False)
        return {"recent": recent.items, "total": recent.total}

    return render(request, "home.html", await run_in_threadpool(load))
