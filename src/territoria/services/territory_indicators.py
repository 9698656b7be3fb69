"""A territory's dashboard: the packs installed for it or above it, each with the panels of
its indicators (:mod:`~territoria.services.indicator_panel`) read from computed results, kept
indexed per version: the territory's rows are looked up, not filtered out of the table."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import pyarrow.compute as pc

from territoria.config import Settings
from territoria.errors import UserError
from territoria.geo.geography import geography
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.peers import PeerGroup, peer_group
from territoria.packs.pack import Pack
from territoria.packs.registry import get_pack
from territoria.security.actor import Actor
from territoria.services.indicator_panel import indicator_panel
from territoria.services.indicator_results import ResultsReader
from territoria.services.instance import Instance
from territoria.services.packs import installed_packs
from territoria.services.results_index import ResultsIndex


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


def _rows_by_indicator(
    index: ResultsIndex, territory_id: str, group: PeerGroup | None
) -> dict[str, list[dict[str, Any]]]:
    """The territory's rows (at its peers' level when it has peers) per indicator, in the
    results' order: the few rows a page shows, read once per pack."""
    rows = index.territory_rows(territory_id)
    if group is not None:
        rows = rows.filter(pc.equal(rows["niveau"], group.level))
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows.to_pylist():
        found.setdefault(row["indicateur"], []).append(row)
    return found


def _named(spec: IndicatorSpec) -> dict[str, Any]:
    """An indicator the territory has no value of: its id and its titles (``{"fr", "en"}``)."""
    return {"id": spec.id, "title": spec.title.model_dump()}


def territory_indicators(
    settings: Settings,
    instance: Instance,
    territory_id: str,
    actor: Actor,
    selections: Mapping[str, str] | None = None,
    reader: ResultsReader | None = None,
) -> dict[str, Any]:
    """Per applying pack, the panels of its indicators that have a value for the territory,
    and the ids and titles of those without one (listed, not hidden); ``selections`` maps an
    indicator id to the combination the visitor chose; ``reader`` the results already looked
    up."""
    territory = geography().get(territory_id)
    group = _peers(territory.id)
    packs: list[dict[str, Any]] = []
    reader = reader or ResultsReader(instance, actor)
    for pack_id in applying_packs(settings, instance, territory.id):
        pack = get_pack(pack_id)
        index = reader.index(pack.id)
        if index is None:
            packs.append({"id": pack.id, "title": pack.title.model_dump(), "panels": [],
                          "without": [_named(s) for s in _ordered(pack)]})  # fmt: skip
            continue
        here = _rows_by_indicator(index, territory.id, group)
        panels: list[dict[str, Any]] = []
        without: list[dict[str, Any]] = []
        for spec in _ordered(pack):
            chosen = (selections or {}).get(spec.id)
            rows = here.get(spec.id, [])
            panel = indicator_panel(spec, pack, index, rows, territory.id, group, chosen)
            (panels.append(panel) if panel is not None else without.append(_named(spec)))
        packs.append(
            {"id": pack.id, "title": pack.title.model_dump(), "panels": panels, "without": without}
        )
    peers = None
    if group is not None:
        peers = {"id": group.id, "title": {"fr": group.title_fr, "en": group.title_en},
                 "size": len(group.members)}  # fmt: skip
    return {"territory": territory.id, "peers": peers, "packs": packs}
