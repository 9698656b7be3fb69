"""``…/records`` (a page of records or groups) and ``…/records/{record_id}`` (one record)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from territoria.api.deps import ActorDep, SessionDep, StateDep
from territoria.api.explore_v21 import backend, models
from territoria.api.explore_v21.errors import UnknownDatasetError
from territoria.api.explore_v21.params import (
    Exclude,
    GroupBy,
    Lang,
    Limit,
    Offset,
    OrderBy,
    Refine,
    Select,
    Timezone,
    Where,
    page_window,
    records_request,
)
from territoria.api.explore_v21.routing import ods_get
from territoria.api.explore_v21.serialise import json_bytes, json_response, records_json

router = APIRouter(tags=["Opendatasoft Explore v2.1"])


@ods_get(
    router,
    "/catalog/datasets/{dataset_id}/records",
    operation_id="ods_records",
    response_model=models.RecordsPage,
    responses=models.ERRORS,
)
def records(
    dataset_id: str,
    state: StateDep,
    session: SessionDep,
    actor: ActorDep,
    select: Select = None,
    where: Where = [],  # noqa: B006 — FastAPI copies the default per request
    group_by: GroupBy = None,
    order_by: OrderBy = None,
    limit: Limit = None,
    offset: Offset = None,
    refine: Refine = [],  # noqa: B006
    exclude: Exclude = [],  # noqa: B006
    lang: Lang = None,
    timezone: Timezone = "UTC",
) -> Response:
    """``{"total_count", "results"}``: ODSQL over the latest version; limit 10 by default,
    at most 100 (20,000 groups with ``group_by``), offset + limit ≤ 10,000."""
    grouped = bool(group_by and group_by.strip())
    count, skip = page_window(limit, offset, grouped=grouped)
    request = records_request(
        select=select,
        where=where,
        group_by=group_by,
        order_by=order_by,
        limit=count,
        offset=skip,
        refine=refine,
        exclude=exclude,
        lang=lang,
        timezone=timezone,
    )
    service = backend.query_service(state)
    handle = backend.open_handle(state, session, dataset_id, actor)

    def page() -> bytes:
        result = service.run_records(handle, request)
        rows = records_json(result.table, result.output, request.timezone)
        # an aggregate without group_by has no count query: its one row is the total
        total = max(result.total_count, request.offset + len(rows))
        return json_bytes({"total_count": total, "results": rows})

    body: bytes = service.cached((handle.key, "ods-records", request.cache_key()), page)
    return Response(body, media_type="application/json")


@ods_get(
    router,
    "/catalog/datasets/{dataset_id}/records/{record_id}",
    operation_id="ods_record",
    response_model=dict[str, object],
    responses=models.ERRORS,
)
def record(
    dataset_id: str,
    record_id: str,
    state: StateDep,
    session: SessionDep,
    actor: ActorDep,
    select: Select = None,
    lang: Lang = None,
    timezone: Timezone = "UTC",
) -> Response:
    """One record by its id: its row number (1 for the first row) in the immutable version
    the API serves, so an id read once keeps naming the same record in that version."""
    service = backend.query_service(state)
    handle = backend.open_handle(state, session, dataset_id, actor)
    position = int(record_id) if record_id.isdigit() else 0
    if not 1 <= position <= handle.row_count:
        raise UnknownDatasetError(
            f"Enregistrement inconnu : {record_id}",
            f"Unknown record: {record_id}",
            details={"dataset_id": dataset_id, "record_id": record_id},
        )
    request = records_request(
        select=select,
        where=[],
        group_by=None,
        order_by=None,
        limit=1,
        offset=position - 1,
        refine=[],
        exclude=[],
        lang=lang,
        timezone=timezone,
    )
    result = service.run_records(handle, request)
    rows = records_json(result.table, result.output, request.timezone)
    return json_response(rows[0])
