"""``POST /api/v1/validate``: validate a file without storing it, as Validata's API does.

The answer is the frictionless-shaped report that ``territoria validate --format json``
prints, with 200 whether the data is valid or not (``valid: false`` is an answer, not an
error); only a file that cannot be read as a table (415) or is too large (413) is refused.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from territoria.api.deps import StateDep
from territoria.api.v1.models import ReadingOptions
from territoria.api.v1.uploaded import received
from territoria.api.v1.uploads import UPLOAD_BODY
from territoria.services.validating import validate_files

router = APIRouter(tags=["validation"])


@router.post(
    "/validate",
    operation_id="v1_validate_file",
    openapi_extra=UPLOAD_BODY,
    responses={
        413: {"description": "Fichier trop volumineux / file too large"},
        415: {"description": "Format illisible / unreadable format"},
    },
)
async def validate_file(
    request: Request, state: StateDep, query: Annotated[ReadingOptions, Query()]
) -> dict[str, Any]:
    """Valider un fichier sans le stocker / validate a file without storing it.

    Schema: a bundled name (``schema=scdl/subventions``), a Table Schema sent in the part
    ``schema_file``, or none (inferred from the file).
    """
    async with received(request, state, query, ReadingOptions) as upload:
        options = upload.options

        def report() -> dict[str, Any]:
            inputs = [upload.file.path]
            (outcome,) = validate_files(
                inputs, upload.schema, options.read_options(), state.settings, jobs=1
            )
            if outcome.error is not None:
                raise outcome.error
            assert outcome.report is not None
            outcome.report.place = upload.file.path.name  # not the scratch path
            return outcome.report.to_dict(options.lang)

        return await run_in_threadpool(report)
