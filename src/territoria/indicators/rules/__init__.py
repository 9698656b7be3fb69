"""The validation rules of indicator specs, one per module, run by the loader in this order."""

from __future__ import annotations

from territoria.indicators.rules.base import Rule, RuleContext

RULES: list[Rule] = []
"""Every rule, in the order they run."""

__all__ = ["RULES", "Rule", "RuleContext"]
