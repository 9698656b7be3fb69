"""The validation rules of a loaded pack, one per module, run by the loader in this order."""

from __future__ import annotations

from territoria.packs.rules.base import PackContext, PackRule
from territoria.packs.rules.dashboard_refs import DashboardRule
from territoria.packs.rules.indicator_columns import IndicatorColumnsRule
from territoria.packs.rules.mapping_fields import MappingFieldsRule

RULES: list[PackRule] = [MappingFieldsRule(), IndicatorColumnsRule(), DashboardRule()]
"""Every rule, in the order they run."""

__all__ = ["RULES", "PackContext", "PackRule"]
