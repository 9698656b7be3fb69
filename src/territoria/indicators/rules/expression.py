"""Rule: every ``expr:`` parses and stays within the whitelist of allowed SQL nodes."""

from __future__ import annotations

from typing import ClassVar

from territoria.indicators.expressions import ExpressionError, parse_expr
from territoria.indicators.issues import Issue
from territoria.indicators.model import ExprMeasure, IndicatorSpec
from territoria.indicators.rules.base import RuleContext


class ExpressionRule:
    """A spec's SQL is data for the compiler, never text pasted into a query."""

    code: ClassVar[str] = "invalid-expr"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """One issue per measure whose expression is unreadable or not allowed."""
        issues: list[Issue] = []
        for key in ("numerator", "denominator"):
            measure = getattr(spec, key)
            if not isinstance(measure, ExprMeasure):
                continue
            try:
                parse_expr(measure.expr)
            except ExpressionError as exc:
                issues.append(
                    context.issue("ERROR", (key, "expr"), self.code, exc.message_fr, exc.message_en)
                )
        return issues
