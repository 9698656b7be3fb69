"""Indicators of every bundled pack as the API lists and describes them, each saying whether
this instance has computed it (its pack's results hold it)."""

from __future__ import annotations

from typing import Any

import pyarrow.compute as pc

from territoria.indicators.hierarchy import TARGET_LEVELS
from territoria.indicators.model import IndicatorSpec
from territoria.packs.registry import list_packs
from territoria.security.actor import Actor
from territoria.services.indicator_results import find_indicator, results_index, results_slug
from territoria.services.instance import Instance


def _computed(instance: Instance, actor: Actor) -> dict[str, set[str]]:
    """Pack id → ids of its indicators present in its latest visible results."""
    found: dict[str, set[str]] = {}
    for pack in list_packs():
        index = results_index(instance, pack.id, actor)
        found[pack.id] = set() if index is None else {str(i) for i, _ in index.pairs}
    return found


def indicator_summary(spec: IndicatorSpec, computed: bool) -> dict[str, Any]:
    """What a listing shows of one indicator."""
    return {
        "id": spec.id,
        "pack": spec.pack,
        "title": spec.title.model_dump(),
        "unit": spec.unit.model_dump(),
        "kind": spec.kind,
        "polarity": spec.polarity,
        "level": spec.territory.level,
        "granularity": spec.period.granularity,
        "dimensions": list(spec.dimensions),
        "computed": computed,
        "results": results_slug(spec.pack),
    }


def list_indicators(instance: Instance, actor: Actor) -> list[dict[str, Any]]:
    """Every indicator of every bundled pack, by pack then id."""
    computed = _computed(instance, actor)
    return [
        indicator_summary(spec, spec.id in computed[pack.id])
        for pack in list_packs()
        for spec in sorted(pack.indicators, key=lambda s: s.id)
    ]


def describe_indicator(instance: Instance, indicator_id: str, actor: Actor) -> dict[str, Any]:
    """One indicator: its whole spec as JSON (description and method in Markdown included),
    whether it is computed here, and the periods and levels of its results (levels from the
    source's up to France, as they aggregate)."""
    spec = find_indicator(indicator_id)
    index = results_index(instance, spec.pack, actor)
    mine = None if index is None else index.rows_of(spec.id)
    computed = mine is not None and mine.num_rows > 0
    body = {
        **indicator_summary(spec, computed),
        "spec": spec.model_dump(mode="json", exclude_none=True),
        "method": spec.method,
        "description": spec.description,
    }
    if mine is not None and computed:
        body["periods"] = sorted(str(p) for p in pc.unique(mine["periode"]).to_pylist())
        present = {str(p) for p in pc.unique(mine["niveau"]).to_pylist()}
        upwards = [spec.territory.level, *TARGET_LEVELS.get(spec.territory.level, ())]
        body["levels"] = [lv for lv in upwards if lv in present] + sorted(present - {*upwards})
    return body
