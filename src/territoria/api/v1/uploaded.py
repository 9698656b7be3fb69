"""An uploaded file on disk with its options and schema, for the time one request uses it.

Shared by the upload of a version and by validation without storing: both receive a file
into a scratch area of the instance, read their options from the query and the form, and
take a schema only by bundled name or as an uploaded descriptor — never a path on the
server, which would let a caller read the server's files through error messages.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from starlette.requests import Request

from territoria.api.state import ServerState
from territoria.api.v1.models import ReadingOptions, merged
from territoria.errors import SchemaError, UserError
from territoria.schemas.registry import find_bundled, list_bundled
from territoria.services.received_form import ReceivedFile
from territoria.services.tables import SchemaRef
from territoria.services.upload_receiving import receive_form

Opts = TypeVar("Opts", bound=ReadingOptions)
FILE_PART = "file"
SCHEMA_PART = "schema_file"


@dataclass
class Upload(Generic[Opts]):
    """The received file, the options in effect and the schema to validate against."""

    file: ReceivedFile
    options: Opts
    schema: SchemaRef | None


def bundled_schema(name: str) -> str:
    """``name`` when it is a bundled schema; otherwise a 400 listing them."""
    found = find_bundled(name)
    if found is None:
        known = ", ".join(item.name for item in list_bundled())
        raise SchemaError(
            f"« {name} » n'est pas un schéma intégré ; envoyez un schéma dans la partie "
            f"« {SCHEMA_PART} »",
            f"'{name}' is not a bundled schema; send a schema in the part '{SCHEMA_PART}'",
            hint_fr=f"schémas intégrés : {known}",
            hint_en=f"bundled schemas: {known}",
            details={"schema": name},
        )
    return found.name


def uploaded_schema(part: ReceivedFile) -> dict[str, Any]:
    """The Table Schema descriptor sent as a JSON file part."""
    try:
        descriptor = json.loads(part.path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SchemaError(
            f"schéma envoyé illisible (JSON attendu) : {error}",
            f"uploaded schema cannot be read (JSON expected): {error}",
            details={"part": SCHEMA_PART},
        ) from None
    if not isinstance(descriptor, dict):
        raise SchemaError(
            "le schéma envoyé doit être un objet JSON (Table Schema)",
            "the uploaded schema must be a JSON object (Table Schema)",
            details={"part": SCHEMA_PART},
        )
    return descriptor


@asynccontextmanager
async def received(
    request: Request, state: ServerState, query: ReadingOptions, model: type[Opts]
) -> AsyncIterator[Upload[Opts]]:
    """The upload of ``request`` in a scratch area of the instance, erased on exit."""
    with state.instance.lake.scratch() as area:
        form = await receive_form(request, area.path, state.settings.max_upload_bytes)
        options = merged(model, query, form.fields)
        file = form.require_file(FILE_PART)
        schema: SchemaRef | None = None
        if SCHEMA_PART in form.files:
            schema = uploaded_schema(form.files[SCHEMA_PART])
        elif options.schema_name:
            schema = bundled_schema(options.schema_name)
        try:
            yield Upload(file, options, schema)
        except UserError as error:
            if error.path and str(area.path) in str(error.path):  # the client's name, not ours
                error.path = file.path.name
            raise
