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

from territoria.config import Settings
from territoria.geo.geography import geography
from territoria.indicators.comparison import Comparison, compare, sentence
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.peers import PeerGroup, peer_group
from territoria.security.actor import ANONYMOUS, Actor
from territoria.services.indicator_results import ResultsReader, find_indicator, require_index
from territoria.services.indicator_values import check_filters
from territoria.services.instance import Instance, open_instance
from territoria.services.results_index import Key, ResultsIndex
from territoria.services.territory_groups import imported_group
from territoria.services.visible_versions import VisibleVersions


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
    by_period: Mapping[str, Mapping[str, float | None]],
    period: str | None,
) -> dict[str, Any] | None:
    """The comparison for one combination, from its values per period and territory (the
    peers' read, others' left out)."""
    own = territory_id in peers.members
    series = {p: v[territory_id] for p, v in by_period.items() if own and territory_id in v}
    if period is None:
        valued = sorted(p for p, v in series.items() if v is not None)
        if not valued:
            return None
        period = valued[-1]
    values: dict[str, float | None] = {m: None for m in peers.members}
    values.update((t, v) for t, v in by_period.get(period, {}).items() if t in peers.members)
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


def compare_combination(
    index: ResultsIndex,
    spec: IndicatorSpec,
    territory_id: str,
    group: PeerGroup,
    combination: Key,
    period: str | None = None,
) -> dict[str, Any] | None:
    """The comparison of ``territory_id`` among ``group`` for one combination of the
    indicator's dimension values (in ``spec.dimensions`` order, named in the answer's
    ``dimensions``), None when there is none."""
    by_key = index.peer_values(spec.id, group.level, tuple(spec.dimensions))
    by_period = by_key.get(combination, {})
    if not any(t in group.members for found in by_period.values() for t in found):
        return None  # no peer has a row for it: not a combination of the peers
    found = _one(spec, territory_id, group, by_period, period.strip() if period else None)
    if found is None:
        return None
    return {"dimensions": dict(zip(spec.dimensions, combination, strict=True)), **found}


def compare_in_results(
    index: ResultsIndex,
    spec: IndicatorSpec,
    territory_id: str,
    group: PeerGroup,
    dimensions: Mapping[str, str],
    period: str | None = None,
) -> list[dict[str, Any]]:
    """The comparisons of ``territory_id`` among ``group``, one per combination matching
    ``dimensions``, from indexed results already read (a page reads each pack's once)."""
    by_key = index.peer_values(spec.id, group.level, tuple(spec.dimensions))
    positions = {d: i for i, d in enumerate(spec.dimensions)}
    comparisons = []
    for key in sorted(by_key, key=lambda k: tuple(str(v) for v in k)):
        if any(key[positions[c]] != v for c, v in dimensions.items()):
            continue
        found = compare_combination(index, spec, territory_id, group, key, period)
        if found is not None:
            comparisons.append(found)
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
    visible: VisibleVersions | None = None,
) -> dict[str, Any]:
    """The comparison of ``territory_id`` with its ``peers`` (a peer group id, ``strate`` by
    default) on ``indicator_id``, one entry per dimension combination (``visible``: a
    server's visibility answers, kept per catalogue revision)."""
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
        index = require_index(opened, spec, actor, ResultsReader(opened, actor, visible))
    finally:
        if instance is None:
            opened.close()
    comparisons = compare_in_results(index, spec, territory.id, group, dimensions, period)
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
