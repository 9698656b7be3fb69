"""compile_records / compile_facets / compile_where: an Explore request as sqlglot SELECTs.

No user text reaches SQL as text: each clause is parsed by the grammar, every name checked
against the dataset's fields, every value turned into a literal node; the result is walked
against a whitelist of node classes (``safety.check``) before it is returned.

Output values come out of DuckDB ready to serialise: ``geo_point_2d`` as a
``STRUCT(lon, lat)``, ``geo_shape`` as GeoJSON text, dates as DATE and datetimes as naive
TIMESTAMPs **in the request's time zone** (attach ``ZoneInfo(request.timezone)`` to format
them with their offset). Run the queries on a connection prepared by ``spatial.load_spatial``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from sqlglot import exp

from territoria.query import safety
from territoria.query.clauses import group_items, output_items, where_conditions
from territoria.query.fields import QueryField
from territoria.query.geo import point_struct
from territoria.query.ordering import order_terms
from territoria.query.projection import Item
from territoria.query.request import RecordsRequest
from territoria.query.typed import Scope, literal


@dataclass(frozen=True)
class OutputColumn:
    """One key of a result record and its ODS type (datetimes are local to the time zone)."""

    name: str
    type: str


@dataclass
class CompiledQuery:
    """The page of records, the query counting them (None when not needed), their columns."""

    rows: exp.Select
    count: exp.Select | None
    output: list[OutputColumn]
    grouped: bool


def compile_where(
    request: RecordsRequest, fields: Sequence[QueryField], source: exp.Expression
) -> exp.Expression | None:
    """The WHERE of ``request`` alone: its where clauses, refines and excludes, ANDed."""
    scope = _scope("where", fields, request)
    conditions = where_conditions(request, scope)
    return _all(conditions)


def compile_records(
    request: RecordsRequest, fields: Sequence[QueryField], source: exp.Expression
) -> CompiledQuery:
    """The records page (or the groups) of ``request`` over ``source``, with its count."""
    scope = _scope("select", fields, request)
    conditions = where_conditions(request, scope)
    keys, key_filters = group_items(request, scope)
    items, grouped = output_items(request, keys, scope)
    rows = exp.select(*(_projection(item) for item in items), copy=False).from_(
        source.copy(), copy=False
    )
    where = _all([*conditions, *key_filters])
    if where is not None:
        rows = rows.where(where, copy=False)
    if keys:
        rows = rows.group_by(*(key.value.node.copy() for key in keys), copy=False)
    order = order_terms(request, items, grouped, scope)
    if not order and keys:  # groups come in key order, so that pages of groups are stable
        order = [
            exp.Ordered(this=key.value.node.copy(), desc=False, nulls_first=False) for key in keys
        ]
    if order:
        rows = rows.order_by(*order, copy=False)
    if request.limit is not None and request.limit != -1:  # -1: all, as ODS exports say
        rows = rows.limit(literal(_non_negative(request.limit, "limit", scope)), copy=False)
    if request.offset:
        rows = rows.offset(literal(_non_negative(request.offset, "offset", scope)), copy=False)
    count = _count(source, where, keys, grouped)
    known = {f.column for f in fields} | {item.name for item in items} | {"count", "groups"}
    safety.check(rows, source, known)
    if count is not None:
        safety.check(count, source, known)
    output = [OutputColumn(item.name, item.value.type) for item in items]
    return CompiledQuery(rows=rows, count=count, output=output, grouped=grouped)


def compile_facets(
    facets: Sequence[str],
    request: RecordsRequest,
    fields: Sequence[QueryField],
    source: exp.Expression,
    limit: int | None = None,
) -> list[tuple[str, exp.Select]]:
    """Per facet field: ``SELECT value, count`` under the request's filters, most frequent first.

    Every refine and exclude applies to every facet, as Explore v2.1's facets endpoint does.
    A date facet lists years, or the months of a refined year, or the days of a refined
    month, written as its refine is (``2024``, ``2024/03``, ``2024/03/15``).
    """
    from territoria.query.facets import facet_query

    scope = _scope("facet", fields, request)
    where = _all(where_conditions(request, scope))
    queries = [(name, facet_query(name, request, scope, source, where, limit)) for name in facets]
    known = {f.column for f in fields} | {"count", "value"}
    for _name, query in queries:
        safety.check(query, source, known)
    return queries


def _projection(item: Item) -> exp.Expression:
    value = item.value
    if value.display is not None:
        node = value.display
    elif value.type == "geo_point_2d" and not value.aggregate:
        node = point_struct(value)
    else:
        node = value.node
    return cast(exp.Expression, exp.alias_(node.copy(), exp.to_identifier(item.name, quoted=True)))


def _count(
    source: exp.Expression, where: exp.Expression | None, keys: list[Item], grouped: bool
) -> exp.Select | None:
    if grouped and not keys:
        return None  # aggregates without group_by: always one row
    inner = exp.select(*(k.value.node.copy() for k in keys)) if keys else None
    count = exp.alias_(exp.Count(this=exp.Star()), exp.to_identifier("count", quoted=True))
    if inner is None:
        query = exp.select(count).from_(source.copy(), copy=False)
        return query.where(where.copy(), copy=False) if where is not None else query
    inner = inner.from_(source.copy(), copy=False)
    if where is not None:
        inner = inner.where(where.copy(), copy=False)
    inner = inner.group_by(*(k.value.node.copy() for k in keys), copy=False)
    return exp.select(count).from_(
        exp.Subquery(
            this=inner, alias=exp.TableAlias(this=exp.to_identifier("groups", quoted=True))
        )
    )


def _all(conditions: Sequence[exp.Expression]) -> exp.Expression | None:
    if not conditions:
        return None
    result = conditions[0]
    for condition in conditions[1:]:
        result = cast(exp.Expression, exp.And(this=result, expression=condition))
    return result


def _scope(clause: str, fields: Sequence[QueryField], request: RecordsRequest) -> Scope:
    from territoria.query.settings import check_lang, check_timezone

    timezone = check_timezone(request.timezone)
    check_lang(request.lang)
    return Scope.of(clause, fields, timezone, request.lang)


def _non_negative(value: int, name: str, scope: Scope) -> int:
    if value < 0:
        raise scope.error(f"{name} doit être positif ou nul", f"{name} must be >= 0", str(value))
    return value
