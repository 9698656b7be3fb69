"""Rule: target periods are written in the spec's declared granularity (2022, 2022-Q1…)."""

from __future__ import annotations

import re
from typing import ClassVar

from territoria.indicators.issues import Issue
from territoria.indicators.model import GRANULARITY_PATTERNS, IndicatorSpec
from territoria.indicators.rules.base import RuleContext

EXAMPLES = {"year": "2022", "quarter": "2022-Q1", "month": "2022-03", "day": "2022-03-05"}


class PeriodFormatRule:
    """A target for a period the data will never hold is a typo: say so with the format."""

    code: ClassVar[str] = "undeclared-period-format"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """One issue per target whose period does not match the granularity."""
        granularity = spec.period.granularity
        pattern = re.compile(GRANULARITY_PATTERNS[granularity])
        return [
            context.issue(
                "ERROR", ("targets", index, "period"), self.code,
                f"période « {target.period} » hors du format déclaré ({granularity} : "
                f"{EXAMPLES[granularity]})",
                f"period '{target.period}' is not in the declared format ({granularity}: "
                f"{EXAMPLES[granularity]})",
            )
            for index, target in enumerate(spec.targets)
            if not pattern.match(target.period)
        ]  # fmt: skip
