"""``…/exports`` (the formats) and ``…/exports/{format}`` (a query's result, streamed, no
row limit), with Opendatasoft's export options and defaults (``;`` and a BOM for csv)."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Request, Response

from territoria.api.deps import ActorDep, SessionDep, StateDep
from territoria.api.explore_v21 import backend, export_runner, models
from territoria.api.explore_v21.errors import bad_parameter
from territoria.api.explore_v21.params import (
    Exclude,
    Flag,
    GroupBy,
    Lang,
    Limit,
    Offset,
    OrderBy,
    Refine,
    Select,
    Timezone,
    Where,
    export_limit,
    parse_flag,
    parse_int,
    records_request,
)
from territoria.api.explore_v21.routing import api_base, link, ods_get
from territoria.api.explore_v21.serialise import json_response
from territoria.api.streaming import ClosingStreamingResponse
from territoria.services.export_options import FORMATS, ExportOptions, export_filename, media_type

router = APIRouter(tags=["Opendatasoft Explore v2.1"])


@ods_get(
    router,
    "/catalog/datasets/{dataset_id}/exports",
    operation_id="ods_dataset_exports",
    response_model=models.Links,
    responses=models.ERRORS,
)
def dataset_exports(
    dataset_id: str, request: Request, state: StateDep, session: SessionDep, actor: ActorDep
) -> Response:
    """Links to the dataset's export formats."""
    backend.visible_dataset(session, dataset_id, actor)
    base = f"{api_base(request, state.settings)}/catalog/datasets/{dataset_id}/exports"
    return json_response({"links": [link(f"{base}/{fmt}", fmt) for fmt in FORMATS]})


def export_options(
    delimiter: str | None,
    list_separator: str | None,
    quote_all: str | None,
    with_bom: str | None,
    use_labels: str | None,
    compressed: str | None,
    epsg: str | None,
    parquet_compression: str | None,
) -> ExportOptions:
    base = ExportOptions.opendatasoft()
    return base.but(
        delimiter=base.delimiter if delimiter is None else delimiter,
        list_separator=base.list_separator if list_separator is None else list_separator,
        quote_all=parse_flag("quote_all", quote_all, base.quote_all),
        with_bom=parse_flag("with_bom", with_bom, base.with_bom),
        use_labels=parse_flag("use_labels", use_labels, base.use_labels),
        compressed=parse_flag("compressed", compressed, base.compressed),
        epsg=parse_int("epsg", epsg) or base.epsg,
        parquet_compression=parquet_compression or base.parquet_compression,
    ).checked()


def _offset(raw: str | None) -> int:
    offset = parse_int("offset", raw) or 0
    if offset < 0:
        raise bad_parameter("offset", offset, "0 <= offset")
    return offset


def _attachment(chunks: Iterator[bytes], slug: str, fmt: str, options: ExportOptions) -> Response:
    filename = export_filename(slug, fmt, options)
    return ClosingStreamingResponse(
        chunks,
        media_type=media_type(fmt, options.compressed),
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@ods_get(
    router,
    "/catalog/datasets/{dataset_id}/exports/{format}",
    operation_id="ods_dataset_export",
    responses=models.ERRORS,
)
def dataset_export(
    dataset_id: str,
    format: str,
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
    delimiter: str | None = None,
    list_separator: str | None = None,
    quote_all: Flag = None,
    with_bom: Flag = None,
    use_labels: Flag = None,
    compressed: Flag = None,
    epsg: str | None = None,
    parquet_compression: str | None = None,
) -> Response:
    """Every matching row (no limit unless asked) in csv (``;`` and a BOM by default, as
    Opendatasoft), json, jsonl, geojson, parquet or xlsx, streamed as it is written."""
    options = export_options(
        delimiter,
        list_separator,
        quote_all,
        with_bom,
        use_labels,
        compressed,
        epsg,
        parquet_compression,
    ).but(timezone=timezone, naive_in_zone=True)  # ODSQL answers local times
    query = records_request(
        select=select,
        where=where,
        group_by=group_by,
        order_by=order_by,
        limit=export_limit(limit),
        offset=_offset(offset),
        refine=refine,
        exclude=exclude,
        lang=lang,
        timezone=timezone,
    )
    handle = backend.open_handle(state, session, dataset_id, actor)
    chunks = export_runner.export_chunks(state, handle, query, format, options)
    return _attachment(chunks, handle.slug, format, options)
