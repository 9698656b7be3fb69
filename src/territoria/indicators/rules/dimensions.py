"""Rule: a dimension is listed once and is neither the territory nor the period column."""

from __future__ import annotations

from typing import ClassVar

from territoria.indicators.issues import Issue
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.rules.base import RuleContext

RESERVED = frozenset(
    {
        "indicateur", "territoire", "niveau", "periode", "valeur", "numerateur",
        "denominateur", "contributeurs", "attendus",
    }
)  # fmt: skip
"""The results dataset's own columns: a dimension of that name would collide with them."""


class DimensionsRule:
    """Dimensions become columns of the results dataset: each once, none reserved."""

    code: ClassVar[str] = "duplicate-dimension"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """Repeated, territory/period or reserved dimension names."""
        issues: list[Issue] = []
        seen: set[str] = set()
        own = {spec.territory.column, spec.period.column}
        for index, name in enumerate(spec.dimensions):
            loc = ("dimensions", index)
            if name in seen:
                issues.append(
                    context.issue("ERROR", loc, self.code, f"dimension « {name} » répétée",
                                  f"dimension '{name}' listed twice")
                )  # fmt: skip
            elif name in own or name in RESERVED:
                issues.append(
                    context.issue(
                        "ERROR", loc, "reserved-dimension",
                        f"« {name} » ne peut pas être une dimension (colonne du territoire, de "
                        "la période ou des résultats)",
                        f"'{name}' cannot be a dimension (the territory, period or a results "
                        "column)",
                    )
                )  # fmt: skip
            seen.add(name)
        return issues
