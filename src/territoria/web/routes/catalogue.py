"""The catalogue (``/datasets?q=…``): full-text search, facets, sorting and pages, and its
``.json`` twin with the same results and facets."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from territoria.services.catalogue_pages import FACET_NAMES, SORT_CHOICES, catalogue_page
from territoria.web.i18n import request_language, translator
from territoria.web.markdown_text import markdown
from territoria.web.portal_state import portal_actor, portal_state
from territoria.web.templating import render

router = APIRouter(include_in_schema=False)
PARAM_ALIASES = {"licence": "license"}  # the French spelling in a URL selects the same facet


def _filters(request: Request) -> dict[str, list[str]]:
    """Facet → the values the query string selects (``?theme=Déchets&theme=Eau``)."""
    chosen: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        facet = PARAM_ALIASES.get(key, key)
        if facet in FACET_NAMES and value.strip():
            chosen.setdefault(facet, []).append(value.strip())
    return chosen


async def _page(request: Request) -> dict[str, Any]:
    """The page the query string asks, from the one catalogue page service."""
    state = portal_state(request)
    actor = portal_actor(request)
    params = request.query_params

    def load() -> dict[str, Any]:
        with state.instance.session() as session:
            return catalogue_page(
                session,
                actor,
                q=params.get("q"),
                filters=_filters(request),
                sort=params.get("sort"),
                page=params.get("page"),
            )

    return await run_in_threadpool(load)


@router.get("/datasets", response_class=HTMLResponse)
async def catalogue(request: Request) -> HTMLResponse:
    """The catalogue page: a form that works without JavaScript, results, facets, pages."""
    found = await _page(request)
    _ = translator(request_language(request))
    title = _("Données")
    if found["q"]:
        title = _("Recherche « %(q)s »") % {"q": found["q"]}
    context = {
        "found": found,
        "sorts": SORT_CHOICES,
        "facet_names": FACET_NAMES,
        "markdown": markdown,
    }
    return render(request, "catalogue.html", context, title=title)


@router.get("/datasets.json")
async def catalogue_json(request: Request) -> JSONResponse:
    """The same page as data: ``{q, filters, sort, page, pages, total, results, facets}``."""
    return JSONResponse(await _page(request))
