"""What a spec reads from its source: the columns, checked against the view before computing."""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from territoria.engine.sql import select_version
from territoria.indicators.expressions import columns_of, parse_expr
from territoria.indicators.issues import Issue
from territoria.indicators.model import ColumnMeasure, ExprMeasure, IndicatorMeasure, IndicatorSpec


def required_columns(spec: IndicatorSpec) -> list[str]:
    """Every column of its own source ``spec`` reads, each once."""
    names = [spec.territory.column, spec.period.column, *spec.dimensions]
    names += [item.column for item in spec.filters]
    for measure in (spec.numerator, spec.denominator):
        if isinstance(measure, IndicatorMeasure) or measure is None:
            continue
        names += [item.column for item in getattr(measure, "filters", ())]
        if isinstance(measure, ColumnMeasure):
            names.append(measure.column)
        elif isinstance(measure, ExprMeasure):
            names += columns_of(parse_expr(measure.expr))
    return list(dict.fromkeys(names))


def missing_columns(
    con: duckdb.DuckDBPyConnection, spec: IndicatorSpec, sources: Mapping[str, str]
) -> Issue | None:
    """An ERROR when the source role is not given or its view lacks a column ``spec`` reads."""
    view = sources.get(spec.source)
    if view is None:
        return Issue(
            "ERROR",
            None,
            None,
            "missing-source",
            f"{spec.id} : source « {spec.source} » non fournie (fournies : "
            f"{', '.join(sorted(sources)) or 'aucune'})",
            f"{spec.id}: source '{spec.source}' not given (given: "
            f"{', '.join(sorted(sources)) or 'none'})",
            {"indicator": spec.id},
        )
    try:
        description = con.execute(select_version(view, limit=0).sql(dialect="duckdb")).description
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        return Issue(
            "ERROR",
            None,
            None,
            "unreadable-source",
            f"{spec.id} : source illisible ({first})",
            f"{spec.id}: unreadable source ({first})",
            {"indicator": spec.id},
        )
    present = {str(item[0]) for item in description or ()}
    missing = [name for name in required_columns(spec) if name not in present]
    if not missing:
        return None
    return Issue(
        "ERROR",
        None,
        None,
        "missing-column",
        f"{spec.id} : colonnes absentes de la source « {spec.source} » : {', '.join(missing)}",
        f"{spec.id}: columns missing from source '{spec.source}': {', '.join(missing)}",
        {"indicator": spec.id, "columns": missing},
    )
