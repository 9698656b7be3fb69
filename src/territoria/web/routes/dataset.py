"""The dataset page (``/datasets/{slug}``) and its ``.json`` twin: metadata, the fields'
documentation, the data as a filterable table, a chart builder, a map, downloads and API."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from territoria.services.dataset_map import MAP_LIMIT, map_source
from territoria.services.dataset_page import DatasetView, dataset_view
from territoria.web.i18n import request_language, translator
from territoria.web.portal_state import portal_actor, portal_state
from territoria.web.routes.dataset_cells import table_cells
from territoria.web.routes.dataset_chart import chart_context, chart_query
from territoria.web.routes.dataset_links import api_panel, downloads
from territoria.web.routes.dataset_table import (
    FILTER_PREFIX,
    PAGE_SIZE,
    error_text,
    table_context,
    table_query,
)
from territoria.web.templating import number, render

router = APIRouter(include_in_schema=False)


def _view(request: Request, slug: str) -> DatasetView:
    state = portal_state(request)
    with state.instance.session() as session:
        return dataset_view(
            session, state.instance, state.queries, state.visible, slug, portal_actor(request)
        )


def _origin(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _page_context(request: Request, slug: str) -> dict[str, Any]:
    view = _view(request, slug)
    state = portal_state(request)
    context: dict[str, Any] = {"meta": view.metadata, "documentation": view.documentation,
                               "page_size": PAGE_SIZE, "filter_prefix": FILTER_PREFIX}  # fmt: skip
    if view.handle is None:
        return {**context, "table": None, "chart": None, "geo": None,
                "downloads": [], "api": None}  # fmt: skip
    query = table_query(request, view.fields)
    table = table_context(state.queries, view.handle, query)
    lang = request_language(request)
    _ = translator(lang)
    table["rows"] = table_cells(
        table["result"].table,
        table["result"].output,
        lambda v: number(v, lang),
        (_("oui"), _("non")),
    )
    geo = map_source(view.fields)
    return {
        **context,
        "table": table,
        "chart": chart_context(request, state.queries, view.handle, query.where),
        "geo": geo,
        "map_limit": MAP_LIMIT,
        "downloads": downloads(slug, query.where, query.order_by, geo),
        "api": api_panel(_origin(request), slug, query.where, query.order_by),
        "where": query.where,
        "order_by": query.order_by,
    }


@router.get("/datasets/{slug}.json", response_class=JSONResponse)
async def dataset_json(slug: str, request: Request) -> JSONResponse:
    """The page's metadata for scripts: the catalogue's dict, the fields documented, and for
    the filters of ``?f.<field>=`` (and ``?chart.*``) the ODSQL clauses, download and API
    links the page shows — what its script asks the Explore API with."""

    lang = request_language(request)

    def load() -> dict[str, Any]:
        view = _view(request, slug)
        body: dict[str, Any] = {**view.metadata, "fieldDocumentation": view.documentation}
        if view.handle is not None:
            query = table_query(request, view.fields)
            geo = map_source(view.fields)
            body["query"] = {
                "where": list(query.where),
                "orderBy": query.order_by,
                "refused": {k: error_text(e, lang) for k, e in query.refused.items()},
            }
            body["chart"] = chart_query(request, view.fields)
            body["downloads"] = downloads(slug, query.where, query.order_by, geo)
            body["api"] = api_panel(_origin(request), slug, query.where, query.order_by)
        body["versionsPage"] = f"/datasets/{slug}/versions"
        return body

    return JSONResponse(await run_in_threadpool(load))


@router.get("/datasets/{slug}", response_class=HTMLResponse)
async def dataset_page(slug: str, request: Request) -> HTMLResponse:
    """A dataset for inhabitants: what it is, its rows, a chart, a map, how to get it."""
    context = await run_in_threadpool(_page_context, request, slug)
    return render(request, "dataset.html", context, title=context["meta"]["title"])
