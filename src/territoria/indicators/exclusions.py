"""Rows a computation leaves out, counted with examples: territories unresolved at ingest
(null), unknown or not at the declared level, periods not in the declared granularity. They
are counted on the view's profile, its rows counted per (territory, period) — a few hundred
thousand for millions of rows — so the tests run once per distinct pair, not once per row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
from sqlglot import exp

from territoria.indicators.hierarchy import parents_view
from territoria.indicators.issues import Issue
from territoria.indicators.sql_parts import PARENTS, SOURCE, alias, as_text, col

EXAMPLES = 5


PERIODS = "t"
TERRITORY, PERIOD, ROWS = "territory", "period", "rows"
"""The profile's columns."""


@dataclass(frozen=True)
class SourceShape:
    """What several specs may share: one view read with the same territory and period columns."""

    view: str
    role: str
    territory_column: str
    level: str
    period_column: str
    granularity: str
    profile: str
    """The table of ``profile_query`` on the view."""
    periods: str
    """The table of the view's distinct periods in ``granularity`` (column ``value``)."""


def profile_query(view: str, territory_column: str, period_column: str) -> exp.Select:
    """``territory``, ``period`` (as text), ``rows``: the view's rows counted per pair."""
    territory = col(territory_column, SOURCE)
    period = as_text(col(period_column, SOURCE))
    source = exp.Table(
        this=exp.to_identifier(view, quoted=True),
        alias=exp.TableAlias(this=exp.to_identifier(SOURCE, quoted=True)),
    )
    return (
        exp.select(alias(territory, TERRITORY), alias(period, PERIOD))
        .select(alias(exp.Count(this=exp.Star()), ROWS))
        .from_(source)
        .group_by(territory, period)
    )


def _from(shape: SourceShape) -> exp.Select:
    source = exp.Table(
        this=exp.to_identifier(shape.profile, quoted=True),
        alias=exp.TableAlias(this=exp.to_identifier(SOURCE, quoted=True)),
    )
    parents = exp.Table(
        this=exp.to_identifier(parents_view(shape.level), quoted=True),
        alias=exp.TableAlias(this=exp.to_identifier(PARENTS, quoted=True)),
    )
    on = exp.EQ(this=col(TERRITORY, SOURCE), expression=col("territory", PARENTS))
    periods = exp.Table(
        this=exp.to_identifier(shape.periods, quoted=True),
        alias=exp.TableAlias(this=exp.to_identifier(PERIODS, quoted=True)),
    )
    period = exp.EQ(this=col(PERIOD, SOURCE), expression=col("value", PERIODS))
    return (
        exp.select()
        .from_(source)
        .join(parents, on=on, join_type="left")
        .join(periods, on=period, join_type="left")
    )


def conditions(shape: SourceShape) -> dict[str, exp.Expression]:
    """The test of each kind of excluded row, by issue code."""
    territory = col(TERRITORY, SOURCE)
    return {
        "unresolved-territory": exp.Is(this=territory, expression=exp.Null()),
        "unknown-territory": exp.And(
            this=exp.Not(this=exp.Is(this=territory, expression=exp.Null())),
            expression=exp.Is(this=col("territory", PARENTS), expression=exp.Null()),
        ),
        "undeclared-period-format": exp.Is(this=col("value", PERIODS), expression=exp.Null()),
    }


def count_query(shape: SourceShape) -> exp.Select:
    """One scan of the profile counting every kind of excluded row."""
    query = _from(shape)
    for code, test in conditions(shape).items():
        rows = exp.Case(
            ifs=[exp.If(this=test, true=col(ROWS, SOURCE))], default=exp.Literal.number(0)
        )
        query = query.select(alias(exp.Sum(this=rows), code))
    return query


def find(
    con: duckdb.DuckDBPyConnection, shape: SourceShape, indicators: Sequence[str]
) -> list[Issue]:
    """WARNING issues for the rows of ``shape`` that no indicator reading it will count."""
    counts = con.execute(count_query(shape).sql(dialect="duckdb")).fetchone()
    if counts is None:
        return []
    issues: list[Issue] = []
    tests = conditions(shape)
    for (code, test), count in zip(tests.items(), counts, strict=True):
        if not count:
            continue
        column = TERRITORY if code != "undeclared-period-format" else PERIOD
        examples_query = (
            _from(shape)
            .select(alias(as_text(col(column, SOURCE)), "example"))
            .where(test)
            .distinct()
            .limit(EXAMPLES)
        )
        examples = [row[0] for row in con.execute(examples_query.sql(dialect="duckdb")).fetchall()]
        issues.append(_issue(code, int(count), examples, shape, indicators))
    return issues


def _issue(
    code: str, count: int, examples: list[str | None], shape: SourceShape, indicators: Sequence[str]
) -> Issue:
    shown = ", ".join("(vide/empty)" if e is None else e for e in examples)
    what = {
        "unresolved-territory": (
            f"{count} lignes sans territoire résolu (colonne {shape.territory_column})",
            f"{count} rows without a resolved territory (column {shape.territory_column})",
        ),
        "unknown-territory": (
            f"{count} lignes dont le territoire est inconnu ou d'un autre niveau que "
            f"{shape.level} : {shown}",
            f"{count} rows whose territory is unknown or not at level {shape.level}: {shown}",
        ),
        "undeclared-period-format": (
            f"{count} lignes dont la période n'est pas au format {shape.granularity} : {shown}",
            f"{count} rows whose period is not in the {shape.granularity} format: {shown}",
        ),
    }[code]
    fr, en = what
    details = {
        "source": shape.role,
        "count": count,
        "examples": examples,
        "indicators": list(indicators),
    }
    return Issue(
        "WARNING", None, None, code, f"{fr} ; lignes écartées", f"{en}; rows left out", details
    )
