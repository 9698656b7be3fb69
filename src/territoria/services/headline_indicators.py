"""The headline indicators of a territory: one figure per installed pack, for its latest
period, as the portal's home page shows them.

Per pack, the first indicator of its dashboard that gives the territory one figure: its
value when it has no dimension; else the total over its dimensions when that total means
something — a ratio whose rows share one denominator (Σ numerators ÷ that denominator ×
scale), or a sum or count broken down by a single dimension (a partition, so Σ values).
Crossed dimensions of a sum may mix units (offences, victims, vehicles) and are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from territoria.geo.geography import geography
from territoria.indicators.model import IndicatorSpec
from territoria.packs.registry import get_pack
from territoria.security.actor import Actor
from territoria.services.indicator_coverage import coverage
from territoria.services.indicator_results import find_indicator, results_index
from territoria.services.instance import Instance


def home_territory(configured: str | None, installations: Sequence[dict[str, Any]]) -> str | None:
    """The organisation's territory: the configured one, else the one its packs were
    installed for (the first installation's), else None."""
    if configured:
        return configured
    return str(installations[0]["territory"]) if installations else None


def headline_figure(spec: IndicatorSpec, rows: list[dict[str, Any]]) -> tuple[float, bool] | None:
    """(the value, whether it totals dimensions) of the rows of one period, or None."""
    if not spec.dimensions:
        value = rows[0].get("valeur") if len(rows) == 1 else None
        return None if value is None else (float(value), False)
    if spec.has_denominator:
        denominators = {r.get("denominateur") for r in rows}
        numerators: list[float | None] = [r.get("numerateur") for r in rows]
        denominator = denominators.pop() if len(denominators) == 1 else None
        if not denominator or any(n is None for n in numerators):
            return None
        return sum(n or 0.0 for n in numerators) / denominator * spec.scale, True
    values: list[float | None] = [r.get("valeur") for r in rows]
    if len(spec.dimensions) != 1 or any(v is None for v in values):
        return None
    return float(sum(v or 0.0 for v in values)), True


def _latest(table: pa.Table, spec: IndicatorSpec, territory: str) -> dict[str, Any] | None:
    mask = pc.and_(pc.equal(table["indicateur"], spec.id), pc.equal(table["territoire"], territory))
    rows = table.filter(mask).to_pylist()
    for period in sorted({str(r["periode"]) for r in rows}, reverse=True):
        used = [r for r in rows if str(r["periode"]) == period]
        figure = headline_figure(spec, used)
        if figure is not None:
            return {
                "period": period,
                "value": figure[0],
                "total": figure[1],
                "coverage": coverage(spec, used),
            }
    return None


def headline_indicators(
    instance: Instance, territory_id: str, pack_ids: Sequence[str], actor: Actor
) -> list[dict[str, Any]]:
    """One card per pack of ``pack_ids`` whose results give ``territory_id`` a figure:
    ``{indicator, pack, title, unit, decimals, period, value, total, territory}``, ``title``
    and ``unit`` as ``{"fr", "en"}``; ``total`` says the figure adds up its dimensions."""
    territory = geography().get(territory_id)
    cards = []
    for pack_id in dict.fromkeys(pack_ids):
        index = results_index(instance, pack_id, actor)
        if index is None:
            continue
        table = index.territory_rows(territory.id)
        for indicator_id in get_pack(pack_id).dashboard.indicators:
            spec = find_indicator(indicator_id)
            found = _latest(table, spec, territory.id)
            if found is not None:
                cards.append(
                    {
                        "indicator": spec.id,
                        "pack": pack_id,
                        "title": spec.title.model_dump(),
                        "unit": spec.unit.model_dump(),
                        "decimals": spec.decimals,
                        **found,
                        "territory": {"id": territory.id, "name": territory.name},
                    }
                )
                break
    return cards
