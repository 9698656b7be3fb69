"""Shared helpers of the indicator tests: the fixture specs, a DuckDB table from rows, and an
oracle that aggregates in plain Python from the geography's own ancestors."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from territoria.geo.geography import Geography
from territoria.indicators.computation import ComputeResult, compute
from territoria.indicators.hierarchy import TARGET_LEVELS
from territoria.indicators.loader import load_specs
from territoria.indicators.model import GRANULARITY_PATTERNS, IndicatorSpec

SPECS = Path(__file__).with_name("specs") / "demo" / "indicators"
COLUMNS = {
    "territoire": pa.string(),
    "periode": pa.string(),
    "type": pa.string(),
    "tonnes": pa.float64(),
    "foyers": pa.float64(),
}

Row = dict[str, Any]


def demo_specs() -> dict[str, IndicatorSpec]:
    """The fixture specs by id (they load without any issue)."""
    result = load_specs([SPECS])
    assert result.issues == [], [issue.render() for issue in result.issues]
    return {spec.id: spec for spec in result.specs}


def run(rows: Sequence[Row], specs: Iterable[IndicatorSpec], geo: Geography) -> ComputeResult:
    """``compute`` over ``rows`` held in a real DuckDB table named ``collecte``."""
    con = duckdb.connect()
    table = pa.table(
        {name: [row.get(name) for row in rows] for name in COLUMNS},
        schema=pa.schema(list(COLUMNS.items())),
    )
    con.register("collecte_rows", table)
    con.execute("CREATE TABLE collecte AS SELECT * FROM collecte_rows")
    try:
        return compute(con, list(specs), {"collecte": "collecte"}, geo=geo)
    finally:
        con.close()


def by_key(result: ComputeResult, indicator: str) -> dict[tuple[Any, ...], Row]:
    """The rows of one indicator keyed by (territory, period, type)."""
    return {
        (row["territoire"], row["periode"], row.get("type")): row
        for row in result.table.to_pylist()
        if row["indicateur"] == indicator
    }


def oracle(
    rows: Sequence[Row],
    spec: IndicatorSpec,
    geo: Geography,
    num: Callable[[Row], float | None],
    den: Callable[[Row], float | None] | None = None,
    keep: Callable[[Row], bool] = lambda row: True,
    population: str | None = None,
) -> dict[tuple[Any, ...], tuple[float | None, float | None, int]]:
    """(Σnum, Σden, contributors) per (territory at every level, period, type if a dimension),
    from the geography's ancestors — an implementation independent of the SQL."""
    level = spec.territory.level
    pattern = re.compile(GRANULARITY_PATTERNS[spec.period.granularity])
    sums: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [None, None, set()])
    for row in rows:
        territory = geo.by_id.get(row["territoire"] or "")
        if territory is None or territory.level != level or not keep(row):
            continue
        if not pattern.match(row["periode"] or ""):
            continue
        dim = row["type"] if "type" in spec.dimensions else None
        places = [territory.id] + [
            a.id for a in geo.ancestors(territory.id) if a.level in TARGET_LEVELS[level]
        ]
        for place in places:
            entry = sums[(place, row["periode"], dim)]
            entry[0] = _add(entry[0], num(row))
            if den is not None:
                entry[1] = _add(entry[1], den(row))
            entry[2].add(territory.id)
    if population == "contributing":
        for entry in sums.values():
            pops = [geo.by_id[t].population for t in entry[2]]
            entry[1] = _sum_known(pops)
    elif population == "all":
        for key, entry in sums.items():
            entry[1] = _sum_known([geo.by_id[key[0]].population])
    return {key: (v[0], v[1], len(v[2])) for key, v in sums.items()}


def _sum_known(values: Sequence[int | None]) -> float | None:
    known = [float(v) for v in values if v is not None]
    return sum(known) if known else None


def _add(total: float | None, value: float | None) -> float | None:
    if value is None:
        return total
    return value if total is None else total + value


def close(a: float | None, b: float | None, rel: float = 1e-9) -> bool:
    """Equal within ``rel`` relative (both None counts as equal)."""
    if a is None or b is None:
        return a is b
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


def expected_counts(geo: Geography, level: str) -> Mapping[str, int]:
    """Source-level territories under each territory (from the geography, not our tables)."""
    counts: dict[str, int] = defaultdict(int)
    for territory in geo:
        if territory.level == level:
            counts[territory.id] += 1
            for ancestor in geo.ancestors(territory.id):
                if ancestor.level in TARGET_LEVELS[level]:
                    counts[ancestor.id] += 1
    return counts
