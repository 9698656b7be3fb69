"""The chart builder's form and, once submitted, its groups as a table (the page's script
draws the same groups from the Explore API).

``?chart.by=<field>&chart.agg=count|sum|avg&chart.field=<numeric field>&chart.type=bar|line|pie``;
the aggregate is computed only when asked, under the table's filters.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from territoria.query.fields import QueryField
from territoria.services.chart_aggregate import (
    AGGREGATES,
    CHART_TYPES,
    chart_spec,
    groupable,
    numeric,
)
from territoria.services.querying import QueryService, VersionHandle

ASKED = "chart.by"


def _default_by(fields: list[QueryField]) -> str | None:
    texts = [f for f in groupable(fields) if f.type in ("text", "boolean")]
    chosen = texts[0] if texts else next(iter(groupable(fields)), None)
    return chosen.name if chosen else None


def chart_query(request: Request, fields: list[QueryField]) -> dict[str, Any] | None:
    """The Explore API clauses of the chart ``request`` asks (None when it asks none)."""
    params = request.query_params
    if ASKED not in params:
        return None
    spec = chart_spec(
        fields,
        params[ASKED],
        params.get("chart.agg") or "count",
        params.get("chart.field"),
        params.get("chart.type") or "bar",
    )
    return {"select": spec.select, "groupBy": spec.group_by, "orderBy": spec.order_by,
            "limit": spec.limit, "kind": spec.kind}  # fmt: skip


def chart_context(
    request: Request,
    queries: QueryService,
    handle: VersionHandle,
    where: tuple[str, ...],
) -> dict[str, Any]:
    """The form's choices and values, and the groups when the form was submitted."""
    params = request.query_params
    fields = list(handle.fields)
    numbers = numeric(fields)
    by = params.get(ASKED) or _default_by(fields)
    aggregate = params.get("chart.agg") or "count"
    field = params.get("chart.field") or (numbers[0].name if numbers else None)
    kind = params.get("chart.type") or "bar"
    groups = None
    spec = None
    if ASKED in params and by is not None:
        spec = chart_spec(fields, by, aggregate, field, kind)
        result = queries.run_records(handle, spec.request(where))
        names = [column.name for column in result.output]
        keys = result.table.column(names.index("key")).to_pylist()
        values = result.table.column(names.index("value")).to_pylist()
        groups = list(zip(keys, values, strict=True))
    return {
        "groupable": groupable(fields),
        "numeric": numbers,
        "aggregates": AGGREGATES,
        "types": CHART_TYPES,
        "by": by,
        "aggregate": aggregate,
        "field": field,
        "kind": kind,
        "groups": groups,
        "spec": spec,
    }
