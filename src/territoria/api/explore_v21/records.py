"""``…/records`` (a page of records or groups) and ``…/records/{record_id}`` (one record)."""

from __future__ import annotations

import anyio
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
from territoria.api.explore_v21.serialise import json_response, records_json

router = APIRouter(tags=["Opendatasoft Explore v2.1"])


@ods_get(
    router,
    "/catalog/datasets/{dataset_id}/records",
    operation_id="ods_records",
    response_model=models.RecordsPage,
    responses=models.ERRORS,
)
async def records(
    dataset_id: str,
    state: StateDep,
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
    at most 100 (20,000 groups with ``group_by``), offset + limit ≤ 10,000.

    ``async``: for a visibility answer kept since the catalogue's last commit, a page kept
    in the results cache or answered by open indexes alone is answered on the event loop
    (no engine, no wait: 0.3 ms of thread-pool hop saved); anything else — a first lookup,
    a compilation, an index build, the engine — runs in one thread-pool hop, so a slow
    query never blocks the loop."""
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
    handle = backend.known_handle(state, dataset_id, actor)
    if handle is not None:
        now = backend.records_page_now(state, handle, request)
        if now is not None:
            return Response(now, media_type="application/json")

    def page() -> bytes:
        found = backend.open_handle(state, None, dataset_id, actor)
        return backend.records_page(state, found, request)

    body = await anyio.to_thread.run_sync(page)
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
