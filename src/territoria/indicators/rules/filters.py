"""Rule: a filter's value fits its operator (a list for in, nothing for is-null, a scalar else)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from territoria.indicators.issues import Issue
from territoria.indicators.model import Filter, IndicatorSpec
from territoria.indicators.rules.base import RuleContext

_LISTS = frozenset({"in", "not-in"})
_NONE = frozenset({"is-null", "not-null"})
_ORDERED = frozenset({"gt", "ge", "lt", "le"})


class FilterValueRule:
    """``in: [a, b]``, ``is-null`` without value, comparisons with one number or text."""

    code: ClassVar[str] = "invalid-filter-value"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """One issue per filter whose value does not fit its op."""
        issues: list[Issue] = []
        for loc, item in _filters(spec):
            problem = _problem(item)
            if problem is not None:
                fr, en = problem
                issues.append(context.issue("ERROR", (*loc, "value"), self.code, fr, en))
        return issues


def _filters(spec: IndicatorSpec) -> Iterator[tuple[tuple[str | int, ...], Filter]]:
    for index, item in enumerate(spec.filters):
        yield ("filters", index), item
    for key in ("numerator", "denominator"):
        measure = getattr(spec, key)
        for index, item in enumerate(getattr(measure, "filters", ())):
            yield (key, "filters", index), item


def _problem(item: Filter) -> tuple[str, str] | None:
    value, op = item.value, item.op
    if op in _LISTS:
        if not isinstance(value, list) or not value:
            return (f"« {op} » demande une liste de valeurs non vide : value: [a, b]",
                    f"'{op}' needs a non-empty list of values: value: [a, b]")  # fmt: skip
        return None
    if op in _NONE:
        if value is not None:
            return (f"« {op} » ne prend pas de valeur", f"'{op}' takes no value")
        return None
    if value is None or isinstance(value, list):
        return (f"« {op} » demande une seule valeur (pour une liste : in)",
                f"'{op}' needs one value (for a list: in)")  # fmt: skip
    if op in _ORDERED and isinstance(value, bool):
        return (f"« {op} » compare un nombre ou un texte, pas un booléen",
                f"'{op}' compares a number or a text, not a boolean")  # fmt: skip
    return None
