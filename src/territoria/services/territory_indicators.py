"""A territory's indicators: those of the packs installed for it or above it, each with its
series, its position among peers and the datasets behind it, read from computed results.

An indicator with dimensions shows one combination at a time: the one the caller chose
(``selections[indicator id]``, the values joined by ``|``), else the largest — the
combination with the biggest numerator (or value) at the territory's latest period, the
category that weighs most.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from territoria.config import Settings
from territoria.errors import UserError
from territoria.geo.geography import geography
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.peers import PeerGroup, peer_group
from territoria.packs.pack import Pack
from territoria.packs.registry import get_pack
from territoria.security.actor import Actor
from territoria.services.comparison import compare_in_results
from territoria.services.indicator_results import results_table
from territoria.services.instance import Instance
from territoria.services.packs import installed_packs

SEPARATOR = "|"


def combination_key(values: tuple[Any, ...]) -> str:
    """The text naming one combination of dimension values (a form's option value)."""
    return SEPARATOR.join("" if v is None else str(v) for v in values)


def applying_packs(settings: Settings, instance: Instance, territory_id: str) -> list[str]:
    """The packs installed for the territory or for a territory above it (a pack installed
    for France covers every département and commune)."""
    geo = geography()
    scope = {territory_id, *(t.id for t in geo.ancestors(territory_id))}
    return sorted(
        {i["pack"] for i in installed_packs(settings, instance) if i["territory"] in scope}
    )


@functools.lru_cache(maxsize=4096)
def _peers(territory_id: str) -> PeerGroup | None:
    """The default peers of a territory (the geography never changes while serving)."""
    try:
        return peer_group(geography(), territory_id)
    except UserError:  # a level without peers (arrondissement, commune déléguée…)
        return None


def _ordered(pack: Pack) -> list[IndicatorSpec]:
    """The pack's indicators, those of its dashboard first in the dashboard's order."""
    first = {name: index for index, name in enumerate(pack.dashboard.indicators)}
    return sorted(pack.indicators, key=lambda s: (first.get(s.id, len(first)), s.id))


def largest_combination(rows: list[dict[str, Any]], spec: IndicatorSpec) -> tuple[Any, ...]:
    """The dimension values of the row weighing most (numerator, else value) at the rows'
    latest period: the default combination shown."""
    latest = max(r["periode"] for r in rows)
    weight = "numerateur" if any(r.get("numerateur") is not None for r in rows) else "valeur"
    best = max(
        (r for r in rows if r["periode"] == latest),
        key=lambda r: (r.get(weight) is not None, r.get(weight) or 0.0),
    )
    return tuple(best.get(d) for d in spec.dimensions)


def _panel(
    spec: IndicatorSpec,
    pack: Pack,
    table: pa.Table,
    here: pa.Table,
    territory_id: str,
    group: PeerGroup | None,
    selected: str | None,
) -> dict[str, Any] | None:
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
    if group is not None:  # the peers' rows of this indicator and combination only
        given = {k: v for k, v in dimensions.items() if v is not None}
        mask = pc.equal(table["indicateur"], spec.id)
        for column, value in given.items():
            mask = pc.and_(mask, pc.equal(table[column], value))
        found = compare_in_results(table.filter(mask), spec, territory_id, group, given)
        comparison = next((c for c in found if c["dimensions"] == dimensions), None)
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


def territory_indicators(
    settings: Settings,
    instance: Instance,
    territory_id: str,
    actor: Actor,
    selections: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Per applying pack, the panels of its indicators that have a value for the territory,
    and the ids of those without one (listed, not hidden)."""
    territory = geography().get(territory_id)
    group = _peers(territory.id)
    packs: list[dict[str, Any]] = []
    for pack_id in applying_packs(settings, instance, territory.id):
        pack = get_pack(pack_id)
        table = results_table(instance, pack.id, actor)
        if table is None:
            packs.append({"id": pack.id, "title": pack.title.model_dump(), "panels": [],
                          "without": [s.id for s in _ordered(pack)]})  # fmt: skip
            continue
        if group is not None:  # the peers' rows once per pack, not once per indicator
            members = pa.array(sorted(group.members), pa.string())
            table = table.filter(
                pc.and_(
                    pc.equal(table["niveau"], group.level), pc.is_in(table["territoire"], members)
                )
            )
        here = table.filter(pc.equal(table["territoire"], territory.id))
        panels: list[dict[str, Any]] = []
        without: list[str] = []
        for spec in _ordered(pack):
            chosen = (selections or {}).get(spec.id)
            panel = _panel(spec, pack, table, here, territory.id, group, chosen)
            (panels.append(panel) if panel is not None else without.append(spec.id))
        packs.append(
            {"id": pack.id, "title": pack.title.model_dump(), "panels": panels, "without": without}
        )
    peers = None
    if group is not None:
        peers = {"id": group.id, "title": {"fr": group.title_fr, "en": group.title_en},
                 "size": len(group.members)}  # fmt: skip
    return {"territory": territory.id, "peers": peers, "packs": packs}
