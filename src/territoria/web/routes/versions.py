"""``/datasets/{slug}/versions``: a dataset's versions with their reports and their diffs.

Newest first, a few per page: each version's date, rows and validation report (the report
macro the upload wizard shows), and what changed since the version before it (rows added,
removed and changed, columns added, removed and retyped). ``.json`` gives the same data.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from territoria.services.report_view import report_view
from territoria.services.version_history import History, version_history
from territoria.web.portal_state import portal_actor, portal_state
from territoria.web.templating import render

router = APIRouter(include_in_schema=False)


async def _history(request: Request, slug: str, page: int) -> History:
    state = portal_state(request)
    actor = portal_actor(request)

    def load() -> History:
        with state.instance.session() as session:
            return version_history(session, slug, actor, state.settings, page)

    return await run_in_threadpool(load)


@router.get("/datasets/{slug}/versions.json")
async def versions_json(
    request: Request, slug: str, page: int = Query(1, ge=1, le=100_000)
) -> JSONResponse:
    """The page's versions, reports and diffs as JSON."""
    history = await _history(request, slug, page)
    body: dict[str, Any] = {
        "dataset": history.slug,
        "title": history.title,
        "total": history.total,
        "page": history.page,
        "pages": history.pages,
        "versions": [
            {
                **entry.summary,
                "report": entry.report,
                "diff": entry.diff.to_dict() if entry.diff else None,
            }
            for entry in history.versions
        ],
    }
    for version in body["versions"]:
        version.pop("lakePath", None)  # a storage detail
    return JSONResponse(body)


@router.get("/datasets/{slug}/versions", response_class=HTMLResponse)
async def versions_page(
    request: Request, slug: str, page: int = Query(1, ge=1, le=100_000)
) -> HTMLResponse:
    """The history of ``slug``."""
    history = await _history(request, slug, page)
    views = {
        entry.summary["number"]: report_view(entry.report, prefix=f"v{entry.summary['number']}")
        for entry in history.versions
        if entry.report
    }
    context = {"history": history, "views": views}
    return render(request, "versions.html", context, title=history.title)
