"""One facet: the values of a field and their counts under the request's filters."""

from __future__ import annotations

from sqlglot import exp

from territoria.query import refine
from territoria.query.expressions import field_reference
from territoria.query.request import RecordsRequest
from territoria.query.typed import TEMPORAL, Scope, literal


def facet_query(
    name: str,
    request: RecordsRequest,
    scope: Scope,
    source: exp.Expression,
    where: exp.Expression | None,
    limit: int | None,
) -> exp.Select:
    """``SELECT value, count(*) … GROUP BY value ORDER BY count DESC, value``; NULLs left out."""
    scope.clause = "facet"
    subject = field_reference(name, scope)
    if subject.type in {"geo_point_2d", "geo_shape", "json"}:
        raise scope.error(
            f"pas de facette sur un champ {subject.type}",
            f"no facet on a {subject.type} field",
            name,
        )
    value = subject.node
    if subject.type in TEMPORAL:
        levels = [
            refine.date_level(refine.split(spec, scope)[1])
            for spec in request.refine
            if refine.split(spec, scope)[0] == name
        ]
        level = min(max(levels, default=0), len(refine.FACET_FORMATS) - 1)
        value = exp.TimeToStr(this=value, format=literal(refine.FACET_FORMATS[level]))
    value_alias = exp.alias_(value.copy(), exp.to_identifier("value", quoted=True))
    count = exp.alias_(exp.Count(this=exp.Star()), exp.to_identifier("count", quoted=True))
    present = exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null()))
    condition = present if where is None else exp.And(this=where.copy(), expression=present)
    query = (
        exp.select(value_alias, count).from_(source.copy()).where(condition).group_by(value.copy())
    )
    query = query.order_by(
        exp.Ordered(
            this=exp.Column(this=exp.to_identifier("count", quoted=True)),
            desc=True,
            nulls_first=False,
        ),
        exp.Ordered(
            this=exp.Column(this=exp.to_identifier("value", quoted=True)),
            desc=False,
            nulls_first=False,
        ),
    )
    return query.limit(literal(limit)) if limit is not None else query
