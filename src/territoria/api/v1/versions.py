"""Versions of a dataset: list them with their reports' summaries, one with its whole report,
the report alone, and a version's data as a file; every read asks the one visibility rule."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from territoria import __version__
from territoria.api.deps import ActorDep, SessionDep, StateDep
from territoria.api.streaming import ClosingStreamingResponse
from territoria.api.v1.bodies import version_body
from territoria.api.v1.models import VersionPublic
from territoria.security.visibility import (
    can_see_version,
    require_visible_dataset,
    require_visible_version,
)
from territoria.services.export_options import ExportOptions, check_format, media_type
from territoria.services.exporting import FORMATS, open_export, stored_fields

router = APIRouter(tags=["versions"])

VersionNumber = Annotated[int, Path(ge=1, le=2**31 - 1, description="Numéro de version")]


@router.get(
    "/datasets/{slug}/versions",
    operation_id="v1_list_versions",
    response_model=list[VersionPublic],
)
def list_versions(slug: str, session: SessionDep, actor: ActorDep) -> list[dict[str, Any]]:
    """Les versions, la plus ancienne d'abord / versions, oldest first, with report summaries."""
    dataset = require_visible_dataset(session, slug, actor)
    return [
        version_body(slug, version)
        for version in dataset.versions
        if can_see_version(actor, dataset, version)
    ]


@router.get(
    "/datasets/{slug}/versions/{number}",
    operation_id="v1_get_version",
    response_model=VersionPublic,
)
def get_version(
    slug: str, number: VersionNumber, session: SessionDep, actor: ActorDep
) -> dict[str, Any]:
    """Une version et son rapport complet / one version with its whole report."""
    _, version = require_visible_version(session, slug, actor, number)
    return version_body(slug, version, full_report=True)


@router.get("/datasets/{slug}/versions/{number}/report", operation_id="v1_get_version_report")
def get_version_report(
    slug: str, number: VersionNumber, session: SessionDep, actor: ActorDep
) -> dict[str, Any] | None:
    """Le rapport de validation de la version / the version's validation report."""
    _, version = require_visible_version(session, slug, actor, number)
    report: dict[str, Any] | None = version_body(slug, version, full_report=True)["report"]
    return report


@router.get(
    "/datasets/{slug}/versions/{number}/download",
    operation_id="v1_download_version",
    response_class=StreamingResponse,
    responses={200: {"content": {media_type(name): {} for name in FORMATS}}},
)
def download_version(
    slug: str,
    number: VersionNumber,
    session: SessionDep,
    actor: ActorDep,
    state: StateDep,
    request: Request,
    fmt: Annotated[
        str, Query(alias="format", max_length=20, description=f"Format : {', '.join(FORMATS)}")
    ] = "csv",
) -> Response:
    """Les données de la version / the version's data (csv, parquet, json, geojson, xlsx…),
    streamed as the export writes it, as ``territoria export`` writes it.

    A version never changes, so its export is named by an ``ETag`` and a client holding it
    gets a 304 (``If-None-Match``) without any export being made again.
    """
    dataset, version = require_visible_version(session, slug, actor, number)
    name = check_format(fmt)
    tag = f'"{version.source_sha256[:16]}-v{version.number}-{name}-{__version__}"'
    shared = "public, max-age=300" if dataset.visibility == "public" else "private, max-age=0"
    headers = {"ETag": tag, "Cache-Control": shared}
    if tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    source = state.instance.lake.data_file(version.lake_path)
    fields = stored_fields(source, version.schema_json)
    chunks = open_export(state.settings, name, ExportOptions(), source=source, fields=fields)
    filename = f"{slug}-v{version.number}.{name}"
    headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return ClosingStreamingResponse(chunks, media_type=media_type(name), headers=headers)
