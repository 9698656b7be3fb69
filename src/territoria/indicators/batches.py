"""Specs that read the same rows (view, territory and period columns, dimensions, filters) are
computed together: one scan and one group-by on integer codes for all their measures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlglot import exp

from territoria.indicators.compiler import denominator_sum, measure_sum
from territoria.indicators.model import IndicatorMeasure, IndicatorSpec, PopulationDenominator
from territoria.indicators.sql_parts import conjunction


@dataclass(frozen=True)
class BatchKey:
    """What the specs of one batch share: the rows they read and how they group them."""

    view: str
    level: str
    territory_column: str
    period_column: str
    granularity: str
    dimensions: tuple[str, ...]
    filters: str
    """The SQL of the spec-level filters ('' when none): the same filters keep the same rows."""


@dataclass
class Batch:
    """Specs computed from one scan; ``measures`` are the Σ columns (``m0``, ``m1``…) the scan
    computes once each, whichever specs use them."""

    key: BatchKey
    specs: list[IndicatorSpec] = field(default_factory=list)
    measures: dict[str, tuple[str, exp.Expression]] = field(default_factory=dict)
    parts: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """Spec id → (numerator column, denominator column or None)."""
    population: str | None = None
    """The column of a source-level territory's population (its ``over: all`` denominator)."""

    def measure(self, node: exp.Expression) -> str:
        """The column holding Σ ``node`` (added when no spec of the batch had it yet)."""
        text = node.sql(dialect="duckdb")
        if text not in self.measures:
            self.measures[text] = (f"m{len(self.measures)}", node)
        return self.measures[text][0]

    def add(self, spec: IndicatorSpec) -> None:
        """``spec`` computed by this batch."""
        numerator, denominator = spec.numerator, spec.denominator
        assert not isinstance(numerator, IndicatorMeasure)
        assert not isinstance(denominator, IndicatorMeasure)
        if spec.kind == "share" and denominator is None:
            denominator = numerator.model_copy(update={"filters": []})
        den: str | None = None
        whole = isinstance(denominator, PopulationDenominator) and denominator.over == "all"
        if denominator is not None and not whole:
            den = self.measure(denominator_sum(denominator))
        if whole:
            self.population = self.measure(denominator_sum(denominator))
        self.parts[spec.id] = (self.measure(measure_sum(numerator)), den)
        self.specs.append(spec)


def batchable(spec: IndicatorSpec) -> bool:
    """Whether ``spec`` reads only its own source (no ``{indicator: id}`` reference)."""
    return not spec.references()


def plan(specs: Sequence[IndicatorSpec], sources: Mapping[str, str]) -> list[Batch]:
    """The batches computing ``specs`` (all batchable, sources given), in first-spec order."""
    batches: dict[BatchKey, Batch] = {}
    for spec in specs:
        filters = conjunction(spec.filters)
        key = BatchKey(
            sources[spec.source],
            spec.territory.level,
            spec.territory.column,
            spec.period.column,
            spec.period.granularity,
            tuple(spec.dimensions),
            "" if filters is None else filters.sql(dialect="duckdb"),
        )
        batches.setdefault(key, Batch(key)).add(spec)
    return list(batches.values())
