"""One indicator's panel on a territory's page: the chosen combination's series, its latest
value, its position among the territory's peers and the datasets behind it.

An indicator with dimensions shows one combination at a time: the one the caller chose (the
values joined by ``|``), else the largest (:func:`largest_combination`).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from territoria.indicators.model import IndicatorSpec
from territoria.indicators.peers import PeerGroup
from territoria.packs.pack import Pack
from territoria.services.comparison import compare_in_results
from territoria.services.indicator_combinations import combination_key, largest_combination


def _comparison(
    spec: IndicatorSpec,
    table: pa.Table,
    territory_id: str,
    group: PeerGroup,
    dimensions: dict[str, Any],
) -> dict[str, Any] | None:
    """The territory's position among its peers for the shown combination, compared on the
    peers' rows of this indicator and combination only."""
    given = {k: v for k, v in dimensions.items() if v is not None}
    mask = pc.equal(table["indicateur"], spec.id)
    for column, value in given.items():
        mask = pc.and_(mask, pc.equal(table[column], value))
    found = compare_in_results(table.filter(mask), spec, territory_id, group, given)
    return next((c for c in found if c["dimensions"] == dimensions), None)


def indicator_panel(
    spec: IndicatorSpec,
    pack: Pack,
    table: pa.Table,
    here: pa.Table,
    territory_id: str,
    group: PeerGroup | None,
    selected: str | None,
) -> dict[str, Any] | None:
    """The panel of ``spec`` from the pack's results ``table`` (the peers' rows) and ``here``
    (the territory's), or None when the territory has no value for it."""
    rows = here.filter(pc.equal(here["indicateur"], spec.id)).to_pylist()
    rows = [r for r in rows if r.get("valeur") is not None]
    if not rows:
        return None
    combos = sorted({tuple(r.get(d) for d in spec.dimensions) for r in rows}, key=combination_key)
    by_key = {combination_key(c): c for c in combos}
    chosen = by_key.get(selected or "") or largest_combination(rows, spec)
    dimensions = dict(zip(spec.dimensions, chosen, strict=True))
    series = sorted(
        (r for r in rows if tuple(r.get(d) for d in spec.dimensions) == chosen),
        key=lambda r: r["periode"],
    )
    latest = series[-1]
    comparison = None
    if group is not None:
        comparison = _comparison(spec, table, territory_id, group, dimensions)
    role = pack.datasets.get(spec.source)
    return {
        "id": spec.id,
        "pack": pack.id,
        "title": spec.title.model_dump(),
        "unit": spec.unit.model_dump(),
        "kind": spec.kind,
        "polarity": spec.polarity,
        "decimals": spec.decimals,
        "dimensions": dimensions,
        "combination": combination_key(chosen),
        "combinations": [
            {"key": combination_key(c), "values": dict(zip(spec.dimensions, c, strict=True))}
            for c in combos
        ],
        "period": latest["periode"],
        "value": latest["valeur"],
        "series": [
            {
                "period": r["periode"],
                "value": r["valeur"],
                "numerator": r.get("numerateur"),
                "denominator": r.get("denominateur"),
            }
            for r in series
        ],
        "comparison": comparison,
        "datasets": [role.slug] if role is not None else [],
        "results": pack.results_slug,
    }
