"""Compare a territory with its peers on one indicator: peers + values + comparison.

For every combination of the indicator's dimensions (narrowed by the caller's filters) the
answer holds the territory's value for the period asked (by default its latest with a
value), its rank and percentile among the peers, their median and quartiles, the gap to the
median, the evolution since the previous and the first period, and a sentence in French and
English.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from territoria.config import Settings
from territoria.geo.geography import geography
from territoria.indicators.comparison import Comparison, compare, sentence
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.peers import PeerGroup, peer_group
from territoria.security.actor import ANONYMOUS, Actor
from territoria.services.indicator_results import find_indicator, require_results
from territoria.services.indicator_values import check_filters
from territoria.services.instance import Instance, open_instance
from territoria.services.territory_groups import imported_group

Key = tuple[str | None, ...]


def _peer_rows(
    table: pa.Table, spec: IndicatorSpec, peers: PeerGroup, dimensions: Mapping[str, str]
) -> list[dict[str, Any]]:
    mask = pc.and_(pc.equal(table["indicateur"], spec.id), pc.equal(table["niveau"], peers.level))
    for column, value in dimensions.items():
        if column not in table.column_names:
            return []
        mask = pc.and_(mask, pc.equal(table[column], value))
    mask = pc.and_(mask, pc.is_in(table["territoire"], pa.array(sorted(peers.members))))
    columns = [
        "territoire",
        "periode",
        "valeur",
        *(d for d in spec.dimensions if d in table.column_names),
    ]
    rows: list[dict[str, Any]] = table.filter(mask).select(columns).to_pylist()
    return rows


def _as_dict(comparison: Comparison) -> dict[str, Any]:
    body = dataclasses.asdict(comparison)
    for name in ("previous", "first"):
        if body[name] is not None:
            body[name]["changePercent"] = body[name].pop("change_percent")
    return {
        "period": body["period"],
        "value": body["value"],
        "rank": body["rank"],
        "percentile": body["percentile"],
        "peerCount": body["peer_count"],
        "groupSize": body["group_size"],
        "median": body["median"],
        "quartiles": {"q1": body["q1"], "median": body["median"], "q3": body["q3"]},
        "gap": {"absolute": body["gap"], "percent": body["gap_percent"]},
        "evolution": {"previous": body["previous"], "first": body["first"]},
    }


def _one(
    spec: IndicatorSpec,
    territory_id: str,
    peers: PeerGroup,
    rows: list[dict[str, Any]],
    period: str | None,
) -> dict[str, Any] | None:
    series = {r["periode"]: r["valeur"] for r in rows if r["territoire"] == territory_id}
    if period is None:
        valued = sorted(p for p, v in series.items() if v is not None)
        if not valued:
            return None
        period = valued[-1]
    values: dict[str, float | None] = {m: None for m in peers.members}
    values.update({r["territoire"]: r["valeur"] for r in rows if r["periode"] == period})
    result = compare(
        territory_id, period, values, spec.polarity, series=series, group_size=len(peers.members)
    )
    words = {
        lang: sentence(
            result,
            level=peers.level,
            unit=getattr(spec.unit, lang),
            peers=getattr(peers, f"title_{lang}"),
            lang=lang,
            decimals=spec.decimals,
        )
        for lang in ("fr", "en")
    }
    return {**_as_dict(result), "sentence": words}


def compare_in_results(
    table: pa.Table,
    spec: IndicatorSpec,
    territory_id: str,
    group: PeerGroup,
    dimensions: Mapping[str, str],
    period: str | None = None,
) -> list[dict[str, Any]]:
    """The comparisons of ``territory_id`` among ``group`` in a results ``table`` already
    read (a page comparing on several indicators reads each pack's results once)."""
    by_key: dict[Key, list[dict[str, Any]]] = {}
    for row in _peer_rows(table, spec, group, dimensions):
        by_key.setdefault(tuple(row.get(d) for d in spec.dimensions), []).append(row)
    comparisons = []
    for key in sorted(by_key, key=lambda k: tuple(str(v) for v in k)):
        found = _one(spec, territory_id, group, by_key[key], period.strip() if period else None)
        if found is not None:
            comparisons.append(
                {"dimensions": dict(zip(spec.dimensions, key, strict=True)), **found}
            )
    return comparisons


def compare_territory(
    settings: Settings,
    territory_id: str,
    indicator_id: str,
    *,
    peers: str | None = None,
    period: str | None = None,
    dimensions: Mapping[str, str] | None = None,
    actor: Actor = ANONYMOUS,
    instance: Instance | None = None,
) -> dict[str, Any]:
    """The comparison of ``territory_id`` with its ``peers`` (a peer group id, ``strate`` by
    default) on ``indicator_id``, one entry per dimension combination."""
    geo = geography()
    territory = geo.get(territory_id)
    spec = find_indicator(indicator_id)
    dimensions = dict(dimensions or {})
    check_filters(spec, None, dimensions, period)
    slug = (peers or "").strip()
    imported = imported_group(settings, slug[6:], instance) if slug.startswith("group:") else None
    group = peer_group(geo, territory.id, peers, imported=imported)
    opened = instance or open_instance(settings)
    try:
        table = require_results(opened, spec, actor)
    finally:
        if instance is None:
            opened.close()
    comparisons = compare_in_results(table, spec, territory.id, group, dimensions, period)
    return {
        "territory": {"id": territory.id, "name": territory.name, "level": territory.level},
        "indicator": spec.id,
        "title": spec.title.model_dump(),
        "unit": spec.unit.model_dump(),
        "polarity": spec.polarity,
        "peers": {
            "id": group.id,
            "title": {"fr": group.title_fr, "en": group.title_en},
            "size": len(group.members),
        },
        "comparisons": comparisons,
    }
