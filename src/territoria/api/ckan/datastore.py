"""CKAN's ``datastore_search`` over the CSV resource of a dataset's latest version.

It runs through the query service (the visible version, its time limit) with a select
built here from CKAN's parameters — columns checked against the version's fields, values
as typed literals — over the version's Parquet read with its row numbers, which are the
records' ``_id`` (1 for the first row, stable for the version's life). The answer is
CKAN's: ``fields`` with datastore types, ``records`` as objects, lists or CSV text,
``_links`` to this page and the next, ``total`` unless ``include_total`` is false; ``limit``
100 by default, capped at 32000 (``ckan.datastore.search.rows_max``).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from sqlglot import exp

from territoria.api.ckan import datastore_filters as df
from territoria.api.ckan import datastore_text as dt_
from territoria.api.ckan.datastore_shape import links, records
from territoria.api.ckan.envelope import invalid, missing
from territoria.api.ckan.lookup import Call, find_resource, not_found
from territoria.api.ckan.params import boolean, names, natural, structured, text
from territoria.services.querying import VersionHandle

ROWS_MAX = 32000
CKAN_TYPES = {
    "text": "text", "int": "int", "double": "numeric", "date": "date", "datetime": "timestamp",
    "boolean": "bool", "json": "json", "geo_point_2d": "text", "geo_shape": "text",
}  # fmt: skip
RECORDS_FORMATS = ("objects", "lists", "csv", "tsv")


def open_resource(call: Call, params: dict[str, Any]) -> tuple[str, VersionHandle]:
    """The datastore resource ``resource_id`` (``id`` too) and its version, visible only."""
    ident = text(params, "resource_id") or text(params, "id")
    if not ident:
        raise missing("resource_id")
    package, resource = find_resource(call, ident)
    if not resource["datastore_active"]:
        raise not_found("Ressource", "Resource", ident)
    state = call.state
    handle = state.queries.open_version(state.instance, call.session, package["name"], call.actor)
    return ident, handle


def source(handle: VersionHandle) -> exp.Subquery:
    """The version's rows with ``_id``: its Parquet read with row numbers, not user text."""
    reader = exp.Anonymous(
        this="read_parquet",
        expressions=[
            exp.Literal.string(str(handle.parquet)),
            exp.EQ(this=exp.column("file_row_number"), expression=exp.true()),
        ],
    )
    numbered = exp.Add(this=exp.column("file_row_number"), expression=exp.Literal.number(1))
    picks = [exp.alias_(numbered, "_id", quoted=True)] + [
        df.column(f.column) for f in handle.fields
    ]
    inner = exp.select(*picks).from_(exp.Table(this=reader))
    return inner.subquery("datastore")


def columns(handle: VersionHandle) -> dict[str, str]:
    """Column → our field type, as the filters check them."""
    return {f.column: f.type for f in handle.fields}


def run(call: Call, handle: VersionHandle, select: exp.Select) -> pa.Table:
    """``select``'s rows through the query service, kept in its results cache: a version
    never changes, so the same select on it always has the same answer."""
    queries = call.state.queries
    key = (handle.key, "ckan-datastore", select.sql())
    table: pa.Table = queries.cached(key, lambda: queries.run_select(handle, select))
    return table


def datastore_search(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    """One page of records of a resource, filtered, searched, sorted."""
    if boolean(params, "distinct"):
        raise invalid("distinct", "Not supported here", "distinct n'est pas pris en charge")
    ident, handle = open_resource(call, params)
    known = columns(handle)
    types = {"_id": "int", **known}
    shown = names(params, "fields") or list(types)
    for name in shown:
        if name not in types:
            raise invalid("fields", f'field "{name}" not in table', f"champ « {name} » absent")
    fmt = text(params, "records_format") or "objects"
    if fmt not in RECORDS_FORMATS:
        raise invalid("records_format", "Value must be one of " + ", ".join(RECORDS_FORMATS),
                      "objects, lists, csv ou tsv attendu")  # fmt: skip
    limit = natural(params, "limit", 100, ROWS_MAX)
    offset = natural(params, "offset", 0)
    where = [c for c in (
        df.condition(structured(params, "filters"), types),
        dt_.full_text(structured(params, "q"), known),
    ) if c is not None]  # fmt: skip
    condition = df.all_of(where) if where else None
    order = dt_.ordering(structured(params, "sort"), known) or [exp.Ordered(this=df.column("_id"))]
    rows = exp.select(*[df.column(n) for n in shown]).from_(source(handle))
    rows = rows.where(condition) if condition is not None else rows
    rows = rows.order_by(*order).limit(limit).offset(offset)
    table = run(call, handle, rows)
    result: dict[str, Any] = {
        "include_total": boolean(params, "include_total", True),
        "resource_id": ident,
        "fields": [{"id": n, "type": CKAN_TYPES.get(types[n], "text")} for n in shown],
        "records_format": fmt,
        "records": records(table.to_pylist(), shown, fmt),
        "limit": limit,
        "offset": offset,
        "_links": links(ident, params, limit, offset),
        "total_was_estimated": False,
    }
    if result["include_total"]:
        count = exp.select(exp.Count(this=exp.Star())).from_(source(handle))
        count = count.where(condition) if condition is not None else count
        result["total"] = int(run(call, handle, count).column(0)[0].as_py())
    return result
