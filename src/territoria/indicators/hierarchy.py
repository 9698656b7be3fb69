"""The COG seen from a source level: each territory's ancestors, expected counts, populations,
as Arrow tables the compiled SQL joins (registered on the connection under fixed names); every
territory also has an integer code, its row in ``expected_table``, so the big joins and
group-bys run on integers and results come out dictionary-encoded against ``territory_ids``."""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any

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
    source-level territory has at most one ancestor per target level; null when none), then
    the integer codes: ``code`` (the territory's), ``<target>_code`` per target level and
    ``combo``, the number of its combination of ancestors in ``combos_table``."""
    geo = geo or geography()
    targets = TARGET_LEVELS[level]
    ids: list[str] = []
    populations: list[int | None] = []
    columns: dict[str, list[str | None]] = {target: [] for target in targets}
    # codes follow the ids' order, so rows ordered by code are ordered by territory
    for territory in sorted((t for t in geo if t.level == level), key=lambda t: t.id):
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
    codes = {name: number for number, name in enumerate(ids)}
    for name in sorted({value for values in columns.values() for value in values if value}):
        codes[name] = len(codes)  # the order of expected_table's rows (sorted: see above)
    fields = [("territory", pa.string()), ("population", pa.float64())]
    fields += [(target, pa.string()) for target in targets]
    fields += [("code", pa.int32())] + [(f"{target}_code", pa.int32()) for target in targets]
    fields += [("combo", pa.int32())]
    data: dict[str, list[Any]] = {"territory": ids, "population": populations, **columns}
    data["code"] = list(range(len(ids)))
    for target in targets:
        data[f"{target}_code"] = [None if v is None else codes[v] for v in columns[target]]
    ancestors = [tuple(data[f"{target}_code"][n] for target in targets) for n in range(len(ids))]
    numbers = {combo: n for n, combo in enumerate(sorted(set(ancestors), key=repr))}
    data["combo"] = [numbers[combo] for combo in ancestors]
    return pa.table(data, schema=pa.schema(fields))


def combos_view(level: str) -> str:
    """Name of the view of the combinations of ancestors of source-level territories."""
    return f"territoria_indicators_combos_{level}"


@functools.cache
def combos_table(level: str, geo: Geography | None = None) -> pa.Table:
    """``combo`` and its ``<target>_code`` per target level: the distinct combinations of
    ancestors (a few thousand for communes), which every level above is summed from."""
    parents = parents_table(level, geo)
    names = ["combo"] + [f"{target}_code" for target in TARGET_LEVELS[level]]
    rows = parents.select(names).to_pylist()
    unique = sorted({row["combo"]: row for row in rows}.values(), key=lambda row: row["combo"])
    return pa.Table.from_pylist(unique, schema=parents.select(names).schema)


@functools.cache
def expected_table(level: str, geo: Geography | None = None) -> pa.Table:
    """``territoire``, ``attendus`` (source-level territories under it; 1 for a source-level
    territory itself), ``population`` and ``code`` (the row number) for the source level and
    every level above it."""
    geo = geo or geography()
    parents = parents_table(level, geo)
    counts: Counter[str] = Counter()
    for target in TARGET_LEVELS[level]:
        counts.update(value for value in parents.column(target).to_pylist() if value is not None)
    ids = parents.column("territory").to_pylist() + sorted(counts)
    expected = [1] * parents.num_rows + [counts[ancestor] for ancestor in sorted(counts)]
    populations = [geo.by_id[territory].population for territory in ids]
    schema = pa.schema(
        [
            ("territoire", pa.string()),
            ("attendus", pa.int64()),
            ("population", pa.float64()),
            ("code", pa.int32()),
        ]
    )
    data = {
        "territoire": ids,
        "attendus": expected,
        "population": populations,
        "code": list(range(len(ids))),
    }
    return pa.table(data, schema=schema)


def territory_ids(level: str, geo: Geography | None = None) -> pa.Array:
    """The territory ids by code (the dictionary of a results ``territoire`` column)."""
    return expected_table(level, geo).column("territoire").combine_chunks()
