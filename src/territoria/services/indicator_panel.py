"""One indicator's panel on a territory's page: the chosen combination's series, its latest
value, its position among the territory's peers and the datasets behind it.

An indicator with dimensions shows one combination at a time: the one the caller chose (the
values joined by ``|``), else the largest (:func:`largest_combination`).
"""

from __future__ import annotations

from typing import Any

from territoria.indicators.model import IndicatorSpec
from territoria.indicators.peers import PeerGroup
from territoria.packs.pack import Pack
from territoria.services.comparison import compare_combination
from territoria.services.indicator_combinations import combination_key, largest_combination
from territoria.services.indicator_coverage import coverage
from territoria.services.results_index import ResultsIndex


def indicator_panel(
    spec: IndicatorSpec,
    pack: Pack,
    index: ResultsIndex,
    here: list[dict[str, Any]],
    territory_id: str,
    group: PeerGroup | None,
    selected: str | None,
) -> dict[str, Any] | None:
    """The panel of ``spec`` from the pack's indexed results (the peers' values) and ``here``
    (the territory's rows of this indicator), or None when the territory has no value."""
    rows = [r for r in here if r.get("valeur") is not None]
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
    if group is not None:  # the shown combination only, compared among the peers' rows
        comparison = compare_combination(index, spec, territory_id, group, chosen)
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
        "coverage": coverage(spec, [latest]),
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
