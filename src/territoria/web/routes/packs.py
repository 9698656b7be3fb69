"""The packs and their methods: what each measures, its datasets and schemas, its
indicators and which territories installed it; ``.json`` twins."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from territoria.services.pack_pages import pack_page
from territoria.services.packs import installed_packs, list_packs_info
from territoria.web.page_memo import memo
from territoria.web.portal_state import portal_state
from territoria.web.routes.method_pages import method_page
from territoria.web.templating import render

router = APIRouter(include_in_schema=False)


def _packs(request: Request) -> dict[str, Any]:
    state = portal_state(request)
    installed = installed_packs(state.settings, state.instance)
    packs = [
        {**pack, "installations": [i for i in installed if i["pack"] == pack["id"]]}
        for pack in list_packs_info()
    ]
    return {"packs": packs}


def _pack(request: Request, pack_id: str) -> dict[str, Any]:
    state = portal_state(request)
    page: dict[str, Any] = memo(
        request, ("pack", pack_id), lambda: pack_page(state.settings, state.instance, pack_id)
    )
    return page


@router.get("/packs.json")
async def packs_json(request: Request) -> JSONResponse:
    """Every bundled pack in short, with the territories that installed it."""
    return JSONResponse(await run_in_threadpool(_packs, request))


@router.get("/packs", response_class=HTMLResponse)
async def packs(request: Request) -> HTMLResponse:
    """The bundled packs, for territories that want to replicate a project."""
    return render(request, "packs.html", await run_in_threadpool(_packs, request))


@router.get("/packs/{pack_id}.json")
async def pack_json(pack_id: str, request: Request) -> JSONResponse:
    """One pack in full, as its page shows it."""
    return JSONResponse(await run_in_threadpool(_pack, request, pack_id))


@router.get("/packs/{pack_id}", response_class=HTMLResponse)
async def pack(pack_id: str, request: Request) -> HTMLResponse:
    """One pack: datasets, schemas, mappings, indicators, method, installations."""
    info = await run_in_threadpool(_pack, request, pack_id)
    return method_page(request, "pack.html", "pack", info)
