"""The home page: the organisation, a search box, featured and recently updated datasets,
and the headline indicators of the organisation's territory."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from territoria.services.home_overview import home_overview
from territoria.web.markdown_text import markdown
from territoria.web.portal_state import portal_actor, portal_state
from territoria.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    """The organisation's front page."""
    state = portal_state(request)
    actor = portal_actor(request)
    territory = state.settings.portal_territory
    overview = await run_in_threadpool(home_overview, state.instance, territory, actor)
    return render(request, "home.html", {**overview, "markdown": markdown})
