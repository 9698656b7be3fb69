"""``catalog/exports/{format}``: the datasets the caller may see, as csv or json files."""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter, Request, Response
from starlette.convertors import Convertor, register_url_convertor

from territoria.api.deps import ActorDep, SessionDep, StateDep
from territoria.api.explore_v21 import catalog_listing, models
from territoria.api.explore_v21.catalog_query import parse_catalog_query
from territoria.api.explore_v21.exports import export_options
from territoria.api.explore_v21.params import Exclude, Flag, OrderBy, Refine, Where
from territoria.api.explore_v21.routing import api_base, link, ods_get
from territoria.api.explore_v21.serialise import json_bytes, json_response
from territoria.services.export_options import ExportOptions, media_type

router = APIRouter(tags=["Opendatasoft Explore v2.1"])
CATALOG_FORMATS = ("csv", "json")
RDF_FORMATS = ("dcat", "rdf", "ttl")
"""Served by the DCAT catalogue's router (api/dcat.py) at the same paths; listed here too."""


class CatalogFormat(Convertor[str]):
    """Only the catalogue formats served here match ``catalog/exports/{format}``, so another
    router may serve ``catalog/exports/dcat`` (the DCAT-AP catalogue) at the same prefix."""

    regex = "|".join(CATALOG_FORMATS)

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("ods_catalog_format", CatalogFormat())


@ods_get(
    router, "/catalog/exports", operation_id="ods_catalog_exports", response_model=models.Links
)
def catalog_exports(request: Request, state: StateDep) -> Response:
    """Links to the catalogue's export formats."""
    base = f"{api_base(request, state.settings)}/catalog/exports"
    formats = (*CATALOG_FORMATS, *RDF_FORMATS)
    return json_response({"links": [link(f"{base}/{fmt}", fmt) for fmt in formats]})


def _catalog_csv(objects: list[dict[str, object]], options: ExportOptions) -> bytes:
    columns = (
        "dataset_id",
        "title",
        "description",
        "theme",
        "keyword",
        "license",
        "publisher",
        "language",
        "modified",
        "records_count",
    )
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=options.delimiter,
        lineterminator="\r\n",
        quoting=csv.QUOTE_ALL if options.quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerow(columns)
    for obj in objects:
        default = obj["metas"]["default"]  # type: ignore[index]
        row = [obj["dataset_id"] if c == "dataset_id" else default.get(c) for c in columns]
        writer.writerow(
            [
                options.list_separator.join(map(str, v))
                if isinstance(v, list)
                else ""
                if v is None
                else v
                for v in row
            ]
        )
    return ("\ufeff" if options.with_bom else "").encode() + out.getvalue().encode()


@ods_get(
    router,
    "/catalog/exports/{format:ods_catalog_format}",
    operation_id="ods_catalog_export",
    responses=models.ERRORS,
)
def catalog_export(
    format: str,
    state: StateDep,
    session: SessionDep,
    actor: ActorDep,
    where: Where = [],  # noqa: B006
    order_by: OrderBy = None,
    refine: Refine = [],  # noqa: B006
    exclude: Exclude = [],  # noqa: B006
    delimiter: str | None = None,
    list_separator: str | None = None,
    quote_all: Flag = None,
    with_bom: Flag = None,
) -> Response:
    """The datasets the caller may see, as csv (one line per dataset) or json (objects)."""
    fmt = format.strip().lower()
    options = export_options(delimiter, list_separator, quote_all, with_bom, None, None, None, None)
    query = parse_catalog_query(where, refine, exclude, order_by)
    objects = catalog_listing.selected(session, state, actor, query)
    body = _catalog_csv(objects, options) if fmt == "csv" else json_bytes(objects)
    return Response(
        body,
        media_type=media_type(fmt),
        headers={"Content-Disposition": f'attachment; filename="catalog.{fmt}"'},
    )
