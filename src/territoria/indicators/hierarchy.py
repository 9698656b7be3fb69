"""The COG seen from a source level: each territory's ancestors, expected counts, populations,
as Arrow tables the compiled SQL joins (registered on the connection under fixed names)."""

from __future__ import annotations

import functools
from collections import Counter

import pyarrow as pa

from territoria.geo.geography import Geography, geography

TARGET_LEVELS: dict[str, tuple[str, ...]] = {
    "commune": ("epci", "departement", "region", "pays"),
    "departement": ("region", "pays"),
    "epci": ("pays",),
    "region": ("pays",),
    "pays": (),
}
"""The levels a source level aggregates to (an EPCI may span départements: only France)."""


def parents_view(level: str) -> str:
    """Name of the view of source-level territories with their ancestors and population."""
    return f"territoria_indicators_parents_{level}"


def expected_view(level: str) -> str:
    """Name of the view of territories (source level and above) with ``attendus`` and population."""
    return f"territoria_indicators_expected_{level}"


def ancestor_rows(level: str, geo: Geography | None = None) -> pa.Table:
    """Long form ``(territory, ancestor, ancestor_level)``: every source-level territory with
    each of its ancestors at the levels ``level`` aggregates to."""
    geo = geo or geography()
    targets = TARGET_LEVELS[level]
    rows: dict[str, list[str]] = {"territory": [], "ancestor": [], "ancestor_level": []}
    for territory in geo:
        if territory.level != level:
            continue
        for ancestor in geo.ancestors(territory.id):
            if ancestor.level in targets:
                rows["territory"].append(territory.id)
                rows["ancestor"].append(ancestor.id)
                rows["ancestor_level"].append(ancestor.level)
    return pa.table(rows, schema=pa.schema([(name, pa.string()) for name in rows]))


@functools.cache
def parents_table(level: str, geo: Geography | None = None) -> pa.Table:
    """Wide form: ``territory``, ``population`` and one column per target level (each
    source-level territory has at most one ancestor per target level; null when none)."""
    geo = geo or geography()
    targets = TARGET_LEVELS[level]
    ids: list[str] = []
    populations: list[int | None] = []
    columns: dict[str, list[str | None]] = {target: [] for target in targets}
    for territory in geo:
        if territory.level != level:
            continue
        ids.append(territory.id)
        populations.append(territory.population)
        found: dict[str, str] = {}
        for ancestor in geo.ancestors(territory.id):
            if ancestor.level in targets:
                if ancestor.level in found:
                    raise ValueError(f"{territory.id} has two ancestors at level {ancestor.level}")
                found[ancestor.level] = ancestor.id
        for target in targets:
            columns[target].append(found.get(target))
    fields = [("territory", pa.string()), ("population", pa.float64())]
    fields += [(target, pa.string()) for target in targets]
    data = {"territory": ids, "population": populations, **columns}
    return pa.table(data, schema=pa.schema(fields))


@functools.cache
def expected_table(level: str, geo: Geography | None = None) -> pa.Table:
    """``territoire``, ``attendus`` (source-level territories under it; 1 for a source-level
    territory itself) and ``population`` for the source level and every level above it."""
    geo = geo or geography()
    parents = parents_table(level, geo)
    counts: Counter[str] = Counter()
    for target in TARGET_LEVELS[level]:
        counts.update(value for value in parents.column(target).to_pylist() if value is not None)
    ids = parents.column("territory").to_pylist() + sorted(counts)
    expected = [1] * parents.num_rows + [counts[ancestor] for ancestor in sorted(counts)]
    populations = [geo.by_id[territory].population for territory in ids]
    schema = pa.schema(
        [("territoire", pa.string()), ("attendus", pa.int64()), ("population", pa.float64())]
    )
    return pa.table(
        {"territoire": ids, "attendus": expected, "population": populations}, schema=schema
    )
