"""The wizard's steps 2 and 3: what was detected in the file (encoding, delimiter, header
row, column types), each changeable, then the schema to validate against (a bundled
national schema, or the one inferred from the file with the types chosen)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from territoria.errors import UserError
from territoria.schemas.types import TYPE_NAMES
from territoria.services.upload_inspection import Inspection, inspect_file
from territoria.services.upload_wizard import (
    DELIMITERS,
    bundled_choices,
    check_schema_name,
    read_options,
)
from territoria.web.portal_state import portal_state
from territoria.web.routes.upload_forms import go, page, posted, store_of, upload_of

router = APIRouter(include_in_schema=False)
ENCODINGS = ("utf-8", "windows-1252", "iso-8859-1", "iso-8859-15", "utf-16")
MAX_HEADER_ROW = 1000
MAX_SHEET = 100
SPREADSHEETS = ("xlsx", "xls", "ods")


@router.get("/upload/{upload_id}/detection", response_class=HTMLResponse)
async def detection(request: Request, upload_id: str) -> HTMLResponse:
    """Step 2: what reading the file found, with a control to change each."""
    upload = upload_of(request, upload_id)
    store, settings = store_of(request), portal_state(request).settings
    inspection: Inspection | None = None
    problem: UserError | None = None
    try:
        path = store.file(upload)
        inspection = await run_in_threadpool(inspect_file, path, read_options(upload), settings)
    except UserError as error:  # a forced encoding that does not fit: change it here
        problem = error
    context = {
        "upload": upload,
        "inspection": inspection,
        "problem": problem,
        "encodings": ENCODINGS,
        "delimiters": DELIMITERS,
        "types": TYPE_NAMES,
        "spreadsheets": SPREADSHEETS,
    }
    return page(request, "upload_detection.html", context, step="detection")


@router.post("/upload/{upload_id}/detection")
async def change_detection(request: Request, upload_id: str) -> Response:
    """Keep the reading options and column types chosen; read again or go on."""
    fields = await posted(request)
    upload = upload_of(request, upload_id)
    encoding = fields.get("encoding", "")
    delimiter = fields.get("delimiter", "")
    header = fields.get("header_row", "").strip()
    if header and (not header.isdigit() or not 1 <= int(header) <= MAX_HEADER_ROW):
        raise UserError(
            f"Ligne d'en-tête invalide : un nombre de 1 à {MAX_HEADER_ROW} est attendu.",
            f"Invalid header row: a number from 1 to {MAX_HEADER_ROW} is expected.",
        )
    sheet = fields.get("sheet", "").strip()[:MAX_SHEET]
    reading = {
        "encoding": encoding if encoding in ENCODINGS else None,
        "delimiter": delimiter if delimiter in DELIMITERS else None,
        "header_row": int(header) if header else None,
        "sheet": sheet or None,
    }
    if reading != {k: upload.options.get(k) for k in reading}:
        upload.types = {}  # other columns may come with other options
    else:
        for key, value in fields.items():
            if key.startswith("type:") and value in TYPE_NAMES:
                label = key.removeprefix("type:")
                if value == fields.get("inferred:" + label):
                    upload.types.pop(label, None)
                else:
                    upload.types[label] = value
    upload.options = reading
    store_of(request).save(upload)
    if fields.get("action") == "next":
        return go(f"/upload/{upload.id}/schema")
    return go(f"/upload/{upload.id}/detection")


@router.get("/upload/{upload_id}/schema", response_class=HTMLResponse)
async def schema(request: Request, upload_id: str) -> HTMLResponse:
    """Step 3: the bundled national schemas, or the one inferred from the file."""
    upload = upload_of(request, upload_id)
    context = {"upload": upload, "schemas": bundled_choices()}
    return page(request, "upload_schema.html", context, step="schema")


@router.post("/upload/{upload_id}/schema")
async def choose_schema(request: Request, upload_id: str) -> Response:
    """Keep the schema chosen, then validate (step 4)."""
    fields = await posted(request)
    upload = upload_of(request, upload_id)
    name = fields.get("schema", "").strip()
    upload.schema = check_schema_name(name) if name else None
    store_of(request).save(upload)
    return go(f"/upload/{upload.id}/report")
