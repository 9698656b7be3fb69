"""``POST /api/v1/datasets/{slug}/versions``: upload a file as the dataset's next version.

The file is streamed into a scratch area, then handed to the one ingest service (hash,
read, validate, store atomically): a refused upload stores nothing and answers 422 with the
report, an unreadable one 415, one over ``max_upload_bytes`` 413; the file of the latest
version again creates nothing and answers 200 with that version.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from territoria.api.deps import AdminDep, StateDep
from territoria.api.v1.bodies import version_body, version_url
from territoria.api.v1.models import UploadOptions, UploadResult
from territoria.api.v1.uploaded import FILE_PART, SCHEMA_PART, received
from territoria.catalog.slugs import validate_slug
from territoria.services.ingesting import RefusedDataError, ingest_file

router = APIRouter(tags=["versions"])

BINARY = {"type": "string", "format": "binary"}
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [FILE_PART],
                    "properties": {
                        FILE_PART: {**BINARY, "description": "Le fichier / the file"},
                        SCHEMA_PART: {**BINARY, "description": "Table Schema (JSON), optionnel"},
                    },
                }
            }
        },
    }
}


@router.post(
    "/datasets/{slug}/versions",
    operation_id="v1_upload_version",
    status_code=201,
    openapi_extra=UPLOAD_BODY,
    responses={
        201: {"model": UploadResult, "description": "Version créée / version created"},
        200: {"model": UploadResult, "description": "Identique à la dernière / same as latest"},
        413: {"description": "Fichier trop volumineux / file too large"},
        409: {"description": "Série d'un pack qui perdrait des périodes / pack series conflict"},
        415: {"description": "Format illisible / unreadable format"},
        422: {"description": "Données refusées, avec le rapport / refused, with the report"},
    },
)
async def upload_version(
    slug: str,
    request: Request,
    state: StateDep,
    _admin: AdminDep,
    query: Annotated[UploadOptions, Query()],
) -> JSONResponse:
    """Nouvelle version depuis un fichier (multipart, partie ``file``) / new version.

    Options as query parameters or form fields; a first upload creates the dataset with
    ``organisation``, ``title`` and ``visibility``.
    """
    validate_slug(slug)  # refused before a byte of the body is read
    async with received(request, state, query, UploadOptions) as upload:
        options = upload.options
        ingest = partial(
            ingest_file,
            upload.file.path,
            slug,
            schema_ref=upload.schema,
            org_code=options.organisation,
            quarantine=options.quarantine,
            options=options.read_options(),
            settings=state.settings,
            title=options.title,
            visibility=options.visibility,
            replace_series=options.replace_series,
        )
        try:
            result = await run_in_threadpool(ingest)
        except RefusedDataError as refused:
            refused.report.place = upload.file.path.name  # not the scratch path
            refused.details["report"] = refused.report.to_dict(options.lang)
            raise
    assert result.version is not None  # ingest_file always names the version it kept
    body = version_body(slug, result.version)
    body["created"] = result.created
    if result.pack is not None:  # a pack dataset: variant, unresolved references, indicators
        body["pack"] = result.pack
    status = 201 if result.created else 200
    headers = {"Location": version_url(slug, result.version.number)}
    return JSONResponse(body, status_code=status, headers=headers)
