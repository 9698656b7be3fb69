"""Rule: a rate says per how many (``per``), and a scale is a positive number."""

from __future__ import annotations

from typing import ClassVar

from territoria.indicators.issues import Issue
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.rules.base import RuleContext


class ScaleRule:
    """``per`` is required for a rate (per 1 000 inhabitants…) and must be > 0."""

    code: ClassVar[str] = "missing-per"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """``per`` present for a rate, positive everywhere."""
        if spec.kind == "rate" and spec.per is None:
            return [
                context.issue(
                    "ERROR", ("kind",), self.code,
                    "un taux (rate) dit pour combien il est exprimé : per: 1000, per: 100…",
                    "a rate says per how many it is expressed: per: 1000, per: 100…",
                )
            ]  # fmt: skip
        if spec.per is not None and spec.per <= 0:
            return [
                context.issue(
                    "ERROR", ("per",), "invalid-per",
                    f"per doit être un nombre positif, pas {spec.per:g}",
                    f"per must be a positive number, not {spec.per:g}",
                )
            ]  # fmt: skip
        return []
