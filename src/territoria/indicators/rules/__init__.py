"""The validation rules of indicator specs, one per module, run by the loader in this order."""

from __future__ import annotations

from territoria.indicators.rules.base import Rule, RuleContext
from territoria.indicators.rules.denominator import DenominatorRule
from territoria.indicators.rules.dimensions import DimensionsRule
from territoria.indicators.rules.expression import ExpressionRule
from territoria.indicators.rules.filters import FilterValueRule
from territoria.indicators.rules.identifier import IdentifierRule
from territoria.indicators.rules.periods import PeriodFormatRule
from territoria.indicators.rules.reference_shape import ReferenceShapeRule
from territoria.indicators.rules.references import CycleRule, UnknownReferenceRule
from territoria.indicators.rules.scale import ScaleRule

RULES: list[Rule] = [
    IdentifierRule(),
    DenominatorRule(),
    ScaleRule(),
    ExpressionRule(),
    UnknownReferenceRule(),
    CycleRule(),
    ReferenceShapeRule(),
    DimensionsRule(),
    FilterValueRule(),
    PeriodFormatRule(),
]
"""Every rule, in the order they run."""

__all__ = ["RULES", "Rule", "RuleContext"]
