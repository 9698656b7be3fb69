"""Rule: a referenced indicator is read at the same level and granularity, and its rows carry
every dimension the referencing spec groups or filters by."""

from __future__ import annotations

from typing import ClassVar

from territoria.indicators.issues import Issue
from territoria.indicators.model import IndicatorMeasure, IndicatorSpec
from territoria.indicators.rules.base import RuleContext


class ReferenceShapeRule:
    """``{indicator: id}`` reuses that indicator's source-level numerators as they are."""

    code: ClassVar[str] = "incompatible-reference"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """Level, granularity and dimensions of each reference agree with ``spec``."""
        issues: list[Issue] = []
        for key in ("numerator", "denominator"):
            measure = getattr(spec, key)
            if not isinstance(measure, IndicatorMeasure) or measure.indicator not in context.specs:
                continue
            other = context.specs[measure.indicator]
            problems: list[tuple[str, str]] = []
            if other.territory.level != spec.territory.level:
                problems.append(
                    (
                        f"niveau {other.territory.level} ≠ {spec.territory.level}",
                        f"level {other.territory.level} ≠ {spec.territory.level}",
                    )
                )
            if other.period.granularity != spec.period.granularity:
                problems.append(
                    (
                        f"granularité {other.period.granularity} ≠ {spec.period.granularity}",
                        f"granularity {other.period.granularity} ≠ {spec.period.granularity}",
                    )
                )
            needed = [*spec.dimensions, *(item.column for item in measure.filters)]
            absent = [name for name in dict.fromkeys(needed) if name not in other.dimensions]
            if absent:
                problems.append(
                    (
                        f"dimensions absentes de {other.id} : {', '.join(absent)}",
                        f"dimensions missing from {other.id}: {', '.join(absent)}",
                    )
                )
            if problems:
                fr = "; ".join(p[0] for p in problems)
                en = "; ".join(p[1] for p in problems)
                issues.append(
                    context.issue(
                        "ERROR",
                        (key, "indicator"),
                        self.code,
                        f"référence à {other.id} incompatible : {fr}",
                        f"incompatible reference to {other.id}: {en}",
                    )
                )
        return issues
