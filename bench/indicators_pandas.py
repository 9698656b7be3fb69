"""The benchmark's peer: the same indicator results computed the straightforward pandas way —
filter, group by territory, merge with the ancestor table, group-by sums, ratios recomputed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
from sqlglot import exp

from territoria.geo.geography import geography
from territoria.indicators.expressions import parse_expr
from territoria.indicators.model import (
    GRANULARITY_PATTERNS,
    ColumnMeasure,
    CountMeasure,
    ExprMeasure,
    Filter,
    IndicatorMeasure,
    IndicatorSpec,
    PopulationDenominator,
)

TARGETS = ("epci", "departement", "region", "pays")


def _evaluate(node: exp.Expression, df: pd.DataFrame) -> Any:
    """A whitelisted expression evaluated over ``df``'s columns (SQL's NULL as NaN)."""
    if isinstance(node, exp.Column):
        return df[node.name]
    if isinstance(node, exp.Literal):
        return node.this if node.is_string else float(node.this)
    if isinstance(node, exp.Null):
        return np.nan
    if isinstance(node, exp.Paren):
        return _evaluate(node.this, df)
    if isinstance(node, exp.Cast):
        return pd.to_numeric(_evaluate(node.this, df))
    binary = {
        exp.Add: np.add,
        exp.Sub: np.subtract,
        exp.Mul: np.multiply,
        exp.Div: np.divide,
        exp.EQ: np.equal,
        exp.NEQ: np.not_equal,
        exp.GT: np.greater,
        exp.LT: np.less,
        exp.GTE: np.greater_equal,
        exp.LTE: np.less_equal,
    }
    if type(node) in binary:
        return binary[type(node)](_evaluate(node.this, df), _evaluate(node.expression, df))
    if isinstance(node, exp.In):
        return _evaluate(node.this, df).isin([_evaluate(v, df) for v in node.expressions])
    if isinstance(node, exp.Coalesce):
        result = pd.Series(_evaluate(node.this, df), index=df.index, dtype=float)
        for other in node.expressions:
            result = result.where(result.notna(), _evaluate(other, df))
        return result
    if isinstance(node, exp.Case):
        default = node.args.get("default")
        result = pd.Series(
            np.nan if default is None else _evaluate(default, df), index=df.index, dtype=float
        )
        for branch in reversed(node.args["ifs"]):
            test = pd.Series(_evaluate(branch.this, df), index=df.index).fillna(False).astype(bool)
            result = result.where(~test, _evaluate(branch.args["true"], df))
        return result
    raise NotImplementedError(type(node).__name__)


def _mask(filters: list[Filter], df: pd.DataFrame) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for item in filters:
        column = df[item.column]
        if item.op == "eq":
            mask &= column == item.value
        elif item.op == "ne":  # SQL: NULL <> x is not true
            mask &= column.ne(item.value) & column.notna()
        elif item.op == "in":
            mask &= column.isin(item.value)  # type: ignore[arg-type]
        elif item.op == "not-in":
            mask &= ~column.isin(item.value) & column.notna()  # type: ignore[arg-type]
        elif item.op == "is-null":
            mask &= column.isna()
        elif item.op == "not-null":
            mask &= column.notna()
        else:
            compare = {"gt": column.gt, "ge": column.ge, "lt": column.lt, "le": column.le}[item.op]
            mask &= compare(item.value)
    return mask


def _values(measure: ColumnMeasure | ExprMeasure | CountMeasure, df: pd.DataFrame) -> pd.Series:
    if isinstance(measure, ColumnMeasure):
        values = df[measure.column].astype(float)
    elif isinstance(measure, ExprMeasure):
        values = pd.Series(_evaluate(parse_expr(measure.expr), df), index=df.index, dtype=float)
    else:
        values = pd.Series(1.0, index=df.index)
    return values.where(_mask(measure.filters, df)) if measure.filters else values


class PandasIndicators:
    """Results of specs over pandas frames (role → DataFrame), all levels, like ``compute``."""

    def __init__(self, frames: dict[str, pd.DataFrame]) -> None:
        geo = geography()
        self.frames = frames
        communes = [t for t in geo if t.level == "commune"]
        self.population = pd.Series(
            {t.id: float(t.population) if t.population is not None else np.nan for t in geo}
        )
        pairs = [
            (t.id, a.id, a.level)
            for t in communes
            for a in geo.ancestors(t.id)
            if a.level in TARGETS
        ]
        self.ancestors = pd.DataFrame(pairs, columns=["territoire", "ancestor", "ancestor_level"])
        expected = self.ancestors.groupby("ancestor").size()
        self.expected = pd.concat([pd.Series(1, index=[t.id for t in communes]), expected])
        self.known = pd.Index([t.id for t in communes])
        self.source_rows: dict[str, pd.DataFrame] = {}

    def source_level(self, spec: IndicatorSpec) -> pd.DataFrame:
        """territoire, periode, dims, numerateur, denominateur per source-level territory."""
        keys = ["territoire", "periode", *spec.dimensions]
        numerator, denominator = spec.numerator, spec.denominator
        if spec.kind == "share" and denominator is None:
            denominator = numerator.model_copy(update={"filters": []})
        df = self.frames[spec.source]
        keep = df[spec.territory.column].isin(self.known)
        keep &= (
            df[spec.period.column]
            .astype(str)
            .str.fullmatch(GRANULARITY_PATTERNS[spec.period.granularity][1:-1])
        )
        if spec.filters:
            keep &= _mask(spec.filters, df)
        df = df[keep].rename(
            columns={spec.territory.column: "territoire", spec.period.column: "periode"}
        )
        parts = {}
        for name, measure in (("numerateur", numerator), ("denominateur", denominator)):
            if isinstance(measure, IndicatorMeasure):
                ref = self.source_rows[measure.indicator]
                ref = ref[_mask(measure.filters, ref)] if measure.filters else ref
                parts[name] = (
                    ref.groupby(keys, dropna=False)["numerateur"].sum(min_count=1).rename(name)
                )
            elif isinstance(measure, (ColumnMeasure, ExprMeasure, CountMeasure)):
                summed = (
                    df.assign(_v=_values(measure, df))
                    .groupby(keys, dropna=False)["_v"]
                    .sum(min_count=1)
                )
                parts[name] = (summed.fillna(0.0) if measure.filters else summed).rename(name)
        result = pd.concat(list(parts.values()), axis=1).reset_index()
        if "denominateur" not in result:
            result["denominateur"] = np.nan
        if isinstance(denominator, PopulationDenominator):
            result["denominateur"] = result["territoire"].map(self.population)
        self.source_rows[spec.id] = result
        return result

    def results(self, spec: IndicatorSpec, dimensions: list[str]) -> pd.DataFrame:
        """Source-level rows and every aggregate of ``spec``, the results dataset's columns."""
        base = self.source_level(spec).assign(niveau="commune", contributeurs=1)
        merged = base.merge(self.ancestors, on="territoire")
        keys = ["ancestor", "ancestor_level", "periode", *spec.dimensions]
        up = (
            merged.groupby(keys, dropna=False)
            .agg(
                numerateur=("numerateur", lambda s: s.sum(min_count=1)),
                denominateur=("denominateur", lambda s: s.sum(min_count=1)),
                contributeurs=("contributeurs", "sum"),
            )
            .reset_index()
            .rename(columns={"ancestor": "territoire", "ancestor_level": "niveau"})
        )
        rows = pd.concat([base, up], ignore_index=True)
        if isinstance(spec.denominator, PopulationDenominator) and spec.denominator.over == "all":
            rows["denominateur"] = rows["territoire"].map(self.population)
        if spec.has_denominator:
            den = rows["denominateur"]
            rows["valeur"] = (rows["numerateur"] / den * spec.scale).where(den.notna() & (den != 0))
        else:
            rows["denominateur"] = np.nan
            rows["valeur"] = rows["numerateur"] * spec.scale
        rows["attendus"] = rows["territoire"].map(self.expected).astype("int64")
        rows["indicateur"] = spec.id
        for name in dimensions:
            if name not in spec.dimensions:
                rows[name] = None
        columns = [
            "indicateur",
            "territoire",
            "niveau",
            "periode",
            *dimensions,
            "valeur",
            "numerateur",
            "denominateur",
            "contributeurs",
            "attendus",
        ]
        return rows[columns]


def compute_pandas(
    specs: list[IndicatorSpec], frames: dict[str, pd.DataFrame]
) -> Iterator[tuple[IndicatorSpec, pd.DataFrame]]:
    """Each spec's results in turn (references computed first), to compare and drop."""
    engine = PandasIndicators(frames)
    dimensions = sorted({name for spec in specs for name in spec.dimensions})
    for spec in sorted(specs, key=lambda s: bool(s.references())):
        yield spec, engine.results(spec, dimensions)
