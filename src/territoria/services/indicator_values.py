"""The values of one indicator, as the API's contract shapes them, filtered by territory,
level, period and any dimension, each with its coverage (which sub-territories are missing).

``{"indicator", "unit", "total", "results": [{"territory", "period", "value", "numerator",
"denominator", "dimensions", "coverage": {"contributing", "expected", "missing",
"missingCount"}}]}`` — ``missing`` lists at most :data:`MAX_MISSING` ids of the source-level
territories under the result's territory that have no data for its period and dimensions.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from territoria.config import Settings
from territoria.errors import UserError
from territoria.geo.geography import Geography, geography
from territoria.indicators.model import GRANULARITY_PATTERNS, IndicatorSpec
from territoria.indicators.peers import LEVELS
from territoria.security.actor import ANONYMOUS, Actor
from territoria.services.indicator_results import find_indicator, require_index
from territoria.services.instance import Instance, open_instance
from territoria.services.territory_groups import label_members

MAX_MISSING = 100
MAX_RESULTS = 50_000
_CHAIN = ("pays", "region", "departement", "commune")  # the line that nests exactly


_GRANULARITY_FR = {"year": "année", "quarter": "trimestre", "month": "mois", "day": "jour"}
_EXAMPLES = {"year": "2022", "quarter": "2022-Q1", "month": "2022-03", "day": "2022-03-05"}


class UnknownFilterError(UserError):
    """A level without results or a dimension the indicator does not have (HTTP 400)."""

    code = "unknown-filter"


class InvalidPeriodError(UserError):
    """A period not written in the indicator's granularity (HTTP 400)."""

    code = "invalid-period"


def check_filters(
    spec: IndicatorSpec,
    level: str | None,
    dimensions: Mapping[str, str],
    period: str | None = None,
) -> None:
    """A 400 for a level that has no results, a dimension the indicator does not have, or a
    period not in its granularity (``2022`` for a year, ``2022-Q1``, ``2022-03``…)."""
    granularity = spec.period.granularity
    if period is not None and not re.match(GRANULARITY_PATTERNS[granularity], period.strip()):
        raise InvalidPeriodError(
            f"période « {period} » invalide : « {spec.id} » est par {_GRANULARITY_FR[granularity]}",
            f"invalid period '{period}': '{spec.id}' is by {granularity}",
            hint_fr=f"exemple : {_EXAMPLES[granularity]}",
            hint_en=f"example: {_EXAMPLES[granularity]}",
            details={"period": period, "granularity": granularity},
        )
    if level is not None and level not in LEVELS:
        raise UnknownFilterError(
            f"niveau « {level} » inconnu (niveaux : {', '.join(LEVELS)})",
            f"unknown level '{level}' (levels: {', '.join(LEVELS)})",
            details={"level": level},
        )
    unknown = sorted(set(dimensions) - set(spec.dimensions))
    if unknown:
        known = ", ".join(spec.dimensions) or "—"
        raise UnknownFilterError(
            f"« {spec.id} » n'a pas la dimension {', '.join(unknown)} (dimensions : {known})",
            f"'{spec.id}' has no dimension {', '.join(unknown)} (dimensions: {known})",
            details={"indicator": spec.id, "unknown": unknown, "dimensions": spec.dimensions},
        )


@functools.cache
def under(geo: Geography, territory_id: str, level: str) -> frozenset[str]:
    """The territories of ``level`` under ``territory_id`` (itself at its own level): an EPCI
    holds its communes; a département, région, pays hold what their département line holds
    (an EPCI across départements is not climbed down from one of them)."""
    territory = geo.by_id[territory_id]
    if territory.level == level:
        return frozenset({territory_id})
    found: set[str] = set()
    frontier = [territory_id]
    while frontier:
        children = [c for t in frontier for c in geo.children(t)]
        found.update(c.id for c in children if c.level == level)
        frontier = [c.id for c in children if c.level != level and c.level in _CHAIN]
    return frozenset(found)


def _filtered(
    table: pa.Table,
    spec: IndicatorSpec,
    filters: Mapping[str, str],
    members: frozenset[str] | None = None,
) -> pa.Table:
    mask = pc.equal(table["indicateur"], spec.id)
    if members is not None:
        mask = pc.and_(mask, pc.is_in(table["territoire"], pa.array(sorted(members), pa.string())))
    for column, value in filters.items():
        if column not in table.column_names:  # a dimension no result carries: none match
            return table.slice(0, 0)
        mask = pc.and_(mask, pc.equal(table[column], value))
    return table.filter(mask)


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _coverage(
    row: dict[str, Any], spec: IndicatorSpec, present: set[tuple[Any, ...]], geo: Geography
) -> dict[str, Any]:
    expected = row.get("attendus")
    contributing = row.get("contributeurs")
    source = spec.territory.level
    missing: list[str] = []
    if row["niveau"] != source and row["territoire"] in geo.by_id:
        key = (row["periode"], *(row.get(d) for d in spec.dimensions))
        members = under(geo, row["territoire"], source)
        missing = sorted(m for m in members if (m, *key) not in present)
    return {
        "contributing": contributing,
        "expected": expected,
        "missing": missing[:MAX_MISSING],
        "missingCount": len(missing),
    }


def values_of(
    table: pa.Table,
    spec: IndicatorSpec,
    filters: Mapping[str, str],
    geo: Geography,
    limit: int = MAX_RESULTS,
    members: frozenset[str] | None = None,
) -> tuple[int, list[dict[str, Any]]]:
    """(number of matching results, the first ``limit`` in the contract's shape), of the
    territories in ``members`` only when given."""
    matching = _filtered(table, spec, filters, members)
    keys = ["territoire", "periode", *(d for d in spec.dimensions if d in table.column_names)]
    rows = matching.sort_by([(k, "ascending") for k in keys]).slice(0, limit).to_pylist()
    present: set[tuple[Any, ...]] = set()
    if any(r["niveau"] != spec.territory.level for r in rows):
        # the source-level rows of the same periods and dimensions tell who contributed
        same = {k: v for k, v in filters.items() if k not in ("territoire", "niveau")}
        sources = _filtered(table, spec, {**same, "niveau": spec.territory.level})
        present = {
            (r["territoire"], r["periode"], *(r.get(d) for d in spec.dimensions))
            for r in sources.to_pylist()
        }
    results = [
        {
            "territory": row["territoire"],
            "period": row["periode"],
            "value": _number(row.get("valeur")),
            "numerator": _number(row.get("numerateur")),
            "denominator": _number(row.get("denominateur")),
            "dimensions": {d: row.get(d) for d in spec.dimensions},
            "coverage": _coverage(row, spec, present, geo),
        }
        for row in rows
    ]
    return matching.num_rows, results


def indicator_values(
    settings: Settings,
    indicator_id: str,
    *,
    territory: str | None = None,
    level: str | None = None,
    period: str | None = None,
    dimensions: Mapping[str, str] | None = None,
    label: str | None = None,
    actor: Actor = ANONYMOUS,
    instance: Instance | None = None,
    limit: int = MAX_RESULTS,
) -> dict[str, Any]:
    """The contract's answer for ``indicator_id``: 404 for an unknown indicator, territory or
    label, 409 when its pack has no results here, 400 for an unknown level or dimension or a
    period not in the indicator's granularity. ``label`` (``label:pvd``, ``group:<slug>``)
    keeps the territories that carry it."""
    spec = find_indicator(indicator_id)
    dimensions = dict(dimensions or {})
    check_filters(spec, level, dimensions, period)
    geo = geography()
    filters: dict[str, str] = dict(dimensions)
    if territory is not None:
        filters["territoire"] = geo.get(territory).id
    if level is not None:
        filters["niveau"] = level
    if period is not None:
        filters["periode"] = period.strip()
    opened = instance or open_instance(settings)
    try:
        members = None if label is None else label_members(settings, label, opened)
        table = require_index(opened, spec, actor).rows_of(spec.id)
    finally:
        if instance is None:
            opened.close()
    total, results = values_of(table, spec, filters, geo, limit, members)
    return {
        "indicator": spec.id,
        "unit": spec.unit.model_dump(),
        "total": total,
        "results": results,
    }
