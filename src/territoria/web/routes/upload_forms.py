"""What every page of the upload wizard shares: the store of uploads, its guarded forms
(administrator and CSRF checked) and its rendering with the CSRF token."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from territoria.services.received_form import ReceivedForm
from territoria.services.upload_drafts import UploadStore, WizardUpload
from territoria.services.upload_receiving import receive_form
from territoria.web.portal_state import portal_state
from territoria.web.routes.upload_access import (
    CSRF_FIELD,
    check_csrf,
    csrf_token,
    keep_csrf,
    require_admin,
)
from territoria.web.templating import render

STEPS = ("file", "detection", "schema", "report", "publish")


def store_of(request: Request) -> UploadStore:
    """The wizard's uploads of the instance serving ``request``."""
    return UploadStore(portal_state(request).settings.tmp_dir)


def upload_of(request: Request, upload_id: str) -> WizardUpload:
    """The administrator's upload ``upload_id`` (403 for anyone else, 404 when unknown)."""
    require_admin(request)
    return store_of(request).get(upload_id)


async def posted(request: Request) -> dict[str, str]:
    """The fields of a url-encoded form of the administrator, its CSRF token checked."""
    require_admin(request)
    form = await request.form()
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    check_csrf(request, fields.get(CSRF_FIELD))
    return fields


@asynccontextmanager
async def received(request: Request) -> AsyncIterator[ReceivedForm]:
    """A multipart form of the administrator received into a scratch area of the instance,
    cut at ``max_upload_bytes`` while it arrives (413), its CSRF token checked."""
    require_admin(request)
    state = portal_state(request)
    with state.instance.lake.scratch() as area:
        form = await receive_form(request, area.path, state.settings.max_upload_bytes)
        check_csrf(request, form.fields.get(CSRF_FIELD))
        yield form


def page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    step: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """A wizard page with its CSRF token (its cookie set on first visit) and its step; the
    template sets its own ``page_title``."""
    full = {"csrf": csrf_token(request), "steps": STEPS, "step": step, **context}
    response = render(request, template, full, status_code=status_code)
    keep_csrf(request, response)
    response.headers["Cache-Control"] = "no-store"
    return response


def go(path: str) -> RedirectResponse:
    """After a form: see the next page (303, so that reloading never posts again)."""
    return RedirectResponse(path, status_code=303)
