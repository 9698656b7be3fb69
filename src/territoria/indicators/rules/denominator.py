"""Rule: ratio and rate need a denominator, count and sum have none, a share needs a part."""

from __future__ import annotations

from typing import ClassVar

from territoria.indicators.issues import Issue
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.rules.base import RuleContext


class DenominatorRule:
    """Σnum/Σden needs its Σden; an additive kind with one would silently ignore it."""

    code: ClassVar[str] = "missing-denominator"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """The denominator agrees with the kind."""
        if spec.kind in ("ratio", "rate") and spec.denominator is None:
            return [
                context.issue(
                    "ERROR", ("kind",), self.code,
                    f"un indicateur de type {spec.kind} demande un dénominateur "
                    "(denominator: {column: …}, {expr: …}, {population: inhabitants}…)",
                    f"a {spec.kind} indicator needs a denominator "
                    "(denominator: {column: …}, {expr: …}, {population: inhabitants}…)",
                )
            ]  # fmt: skip
        if spec.kind in ("count", "sum") and spec.denominator is not None:
            return [
                context.issue(
                    "ERROR", ("denominator",), "unexpected-denominator",
                    f"un indicateur de type {spec.kind} n'a pas de dénominateur "
                    "(choisissez ratio ou rate)",
                    f"a {spec.kind} indicator has no denominator (choose ratio or rate)",
                )
            ]  # fmt: skip
        if spec.kind == "share" and spec.denominator is None and not spec.numerator.filters:
            return [
                context.issue(
                    "ERROR", ("numerator",), "share-without-part",
                    "une part (share) filtre son numérateur (numerator.filters) : sans filtre "
                    "elle vaut toujours 100 %",
                    "a share filters its numerator (numerator.filters): without filters it is "
                    "always 100 %",
                )
            ]  # fmt: skip
        return []
