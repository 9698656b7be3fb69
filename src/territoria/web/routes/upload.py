"""``/upload``: the wizard's door (the administrator's token) and its first step, the file.

A visitor without the token sees a form asking for it; the administrator chooses a file and
the dataset it feeds (an existing one, or a new identifier and title). The file is received
as the API receives uploads (streamed, 413 past ``max_upload_bytes``), then kept in the
wizard's store under an unguessable id until it is published, kept as a draft or dropped.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from territoria.catalog.slugs import validate_slug
from territoria.errors import UserError
from territoria.security.actor import ADMIN, actor_for_token
from territoria.services.catalogue_search import search_catalogue
from territoria.web.portal_state import portal_state
from territoria.web.routes.upload_access import (
    CSRF_FIELD,
    check_csrf,
    is_admin,
    sign_in,
    sign_out,
)
from territoria.web.routes.upload_forms import go, page, received, store_of

router = APIRouter(include_in_schema=False)
NEW = "__new__"


async def _start(request: Request, problem: UserError | None = None) -> HTMLResponse:
    state = portal_state(request)

    def load() -> dict[str, object]:
        with state.instance.session() as session:
            found = search_catalogue(session, ADMIN, sort="title", limit=1000, with_facets=False)
        return {"datasets": found.items, "drafts": store_of(request).drafts()}

    context = await run_in_threadpool(load)
    context.update(problem=problem, new=NEW, max_bytes=state.settings.max_upload_bytes)
    status = problem.http_status if problem else 200
    return page(request, "upload_start.html", context, step="file", status_code=status)


@router.get("/upload", response_class=HTMLResponse)
async def upload_start(request: Request) -> HTMLResponse:
    """The token form, or the wizard's first step for the administrator."""
    if not is_admin(request):
        return page(request, "upload_login.html", {"refused": False})
    return await _start(request)


@router.post("/upload/login", response_class=HTMLResponse)
async def upload_login(request: Request) -> Response:
    """Keep the administrator's token in its cookie; a wrong one is said plainly (403)."""
    form = await request.form()
    check_csrf(request, str(form.get(CSRF_FIELD) or ""))
    token = str(form.get("token") or "")
    if not actor_for_token(token, portal_state(request).settings.admin_token).is_admin:
        return page(request, "upload_login.html", {"refused": True}, status_code=403)
    response = go("/upload")
    sign_in(request, response, token)
    return response


@router.post("/upload/logout")
async def upload_logout(request: Request) -> Response:
    """Forget the administrator's token."""
    form = await request.form()
    check_csrf(request, str(form.get(CSRF_FIELD) or ""))
    response = go("/upload")
    sign_out(response)
    return response


@router.post("/upload", response_class=HTMLResponse)
async def upload_file(request: Request) -> Response:
    """Receive the file (step 1), then show what was detected (step 2)."""
    async with received(request) as form:
        fields = form.fields
        chosen = fields.get("dataset") or NEW
        try:
            slug = validate_slug(fields.get("new_slug", "").strip() if chosen == NEW else chosen)
            file = form.files.get("file")
            if file is None or file.size == 0:
                raise UserError(
                    "Choisissez un fichier non vide à déposer.",
                    "Choose a non-empty file to upload.",
                )
        except UserError as problem:
            return await _start(request, problem)
        title = (fields.get("title") or "").strip() or None
        upload = store_of(request).create(file.path, slug, title if chosen == NEW else None)
    return go(f"/upload/{upload.id}/detection")
