"""The wizard's steps 4 and 5: the validation report with the errors marked in a preview of
their rows, a corrected file in place of the first, then publishing it as the dataset's next
version, keeping it as a draft, or dropping it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from territoria.catalog import repository as repo
from territoria.errors import UserError
from territoria.services.ingesting import RefusedDataError
from territoria.services.report_view import report_view
from territoria.services.upload_wizard import check_upload, publish_upload
from territoria.web.i18n import request_language
from territoria.web.portal_state import portal_state
from territoria.web.routes.upload_forms import go, page, posted, received, store_of, upload_of

router = APIRouter(include_in_schema=False)


async def _checked(
    request: Request, upload_id: str, template: str, step: str, **extra: object
) -> HTMLResponse:
    """The page ``template`` with the upload validated as its choices say."""
    upload = upload_of(request, upload_id)
    state = portal_state(request)
    store = store_of(request)
    context: dict[str, object] = {"upload": upload, "problem": None, "view": None, **extra}
    try:
        checked = await run_in_threadpool(check_upload, store, upload, state.settings)
    except UserError as error:  # unreadable with these options: say so, offer to change them
        context["problem"] = error
    else:
        lang = request_language(request)
        context["view"] = report_view(checked.report.to_dict(lang))
        context["rows"] = checked.rows
        context["blocking"] = checked.report.blocking
    with state.instance.session() as session:
        context["exists"] = repo.get_dataset(session, upload.slug) is not None
    status = 422 if extra.get("refused") else 200
    return page(request, template, context, step=step, status_code=status)


@router.get("/upload/{upload_id}/report", response_class=HTMLResponse)
async def report(request: Request, upload_id: str) -> HTMLResponse:
    """Step 4: the validation report, errors grouped by type with how to fix them."""
    return await _checked(request, upload_id, "upload_report.html", "report")


@router.post("/upload/{upload_id}/file")
async def corrected_file(request: Request, upload_id: str) -> Response:
    """A corrected file replaces the upload's one; every choice made is kept."""
    async with received(request) as form:
        upload = upload_of(request, upload_id)
        file = form.files.get("file")
        if file is None or file.size == 0:
            raise UserError(
                "Choisissez un fichier non vide à déposer.", "Choose a non-empty file to upload."
            )
        store_of(request).replace_file(upload, file.path)
    return go(f"/upload/{upload.id}/report")


@router.get("/upload/{upload_id}/publish", response_class=HTMLResponse)
async def publish_form(request: Request, upload_id: str) -> HTMLResponse:
    """Step 5: publish as the next version, or keep as a draft."""
    return await _checked(request, upload_id, "upload_publish.html", "publish")


@router.post("/upload/{upload_id}/publish", response_class=HTMLResponse)
async def publish(request: Request, upload_id: str) -> Response:
    """Ingest the upload as the dataset's next version, then show its history."""
    fields = await posted(request)
    upload = upload_of(request, upload_id)
    state = portal_state(request)
    visibility = fields.get("visibility")
    visibility = visibility if visibility in ("public", "private") else None
    quarantine = fields.get("quarantine") == "on"
    try:
        result = await run_in_threadpool(
            lambda: publish_upload(
                store_of(request),
                upload,
                state.settings,
                quarantine=quarantine,
                visibility=visibility,
            )
        )
    except RefusedDataError:  # errors that block, without keeping valid rows apart
        return await _checked(request, upload_id, "upload_publish.html", "publish", refused=True)
    number = result.version.number if result.version else ""
    created = "1" if result.created else "0"
    return go(f"/datasets/{upload.slug}/versions?published={number}&created={created}")


@router.post("/upload/{upload_id}/draft")
async def keep_draft(request: Request, upload_id: str) -> Response:
    """Keep the upload as a draft (a week), listed on ``/upload`` to resume."""
    await posted(request)
    upload = upload_of(request, upload_id)
    upload.draft = True
    store_of(request).save(upload)
    return go("/upload?draft=" + upload.id)


@router.post("/upload/{upload_id}/discard")
async def discard(request: Request, upload_id: str) -> Response:
    """Drop the upload and its file."""
    await posted(request)
    upload = upload_of(request, upload_id)
    store_of(request).remove(upload.id)
    return go("/upload?discarded=1")
