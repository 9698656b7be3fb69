"""Which maps a territory page offers: per indicator, the levels under the territory at which
it has results, and the map shown first (a pack dashboard's, where it can be drawn)."""

from __future__ import annotations

from territoria.geo.geography import geography
from territoria.security.actor import Actor
from territoria.services.indicator_results import ResultsReader, find_indicator
from territoria.services.instance import Instance
from territoria.services.territory_map import map_levels

PREFERRED_LEVELS = ("departement", "commune", "epci", "region")


def map_options(
    instance: Instance,
    actor: Actor,
    territory_id: str,
    indicator_ids: list[str],
    reader: ResultsReader | None = None,
) -> dict[str, list[str]]:
    """Indicator id → the map levels under the territory at which it has results (those
    without any are left out), levels in the order a map is best read; ``reader`` the
    results already looked up."""
    offered = map_levels(geography().get(territory_id).id)
    reader = reader or ResultsReader(instance, actor)
    found: dict[str, list[str]] = {}
    for indicator_id in indicator_ids:
        spec = find_indicator(indicator_id)
        index = reader.index(spec.pack)
        pairs = frozenset() if index is None else index.pairs
        levels = [lv for lv in PREFERRED_LEVELS if lv in offered and (spec.id, lv) in pairs]
        if levels:
            found[indicator_id] = levels
    return found


def default_map(
    options: dict[str, list[str]], preferred: list[tuple[str, str]]
) -> tuple[str, str] | None:
    """(indicator, level) a map shows first: a pack dashboard's map where it can be drawn
    (``preferred``, in order), else the first indicator with a level, at its best level."""
    for indicator_id, level in preferred:
        if level in options.get(indicator_id, ()):
            return indicator_id, level
    for indicator_id, _ in preferred:
        if indicator_id in options:
            return indicator_id, options[indicator_id][0]
    first = next(iter(options), None)
    return None if first is None else (first, options[first][0])
