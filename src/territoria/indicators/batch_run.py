"""Run batches on DuckDB: text domains and grouped rows as temporary tables, each level's rows
exported to Arrow once (in the results' order) and split into every spec's results, text
columns dictionary-encoded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
from sqlglot import exp

from territoria.engine.sql import table as table_ref
from territoria.indicators import exclusions
from territoria.indicators.batch_sql import (
    PERIOD,
    TERRITORY,
    combos_query,
    domain_query,
    level_query,
    scan_query,
    source_query,
)
from territoria.indicators.batches import Batch
from territoria.indicators.hierarchy import TARGET_LEVELS

DIALECT = "duckdb"
TEXT = pa.dictionary(pa.int32(), pa.string())
"""The type of the results' text columns: few distinct values over millions of rows."""


@dataclass
class Scratch:
    """The temporary tables of one computation (dropped at its end) and the domains read."""

    con: duckdb.DuckDBPyConnection
    tables: list[str] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    profiles: dict[tuple[str, str, str], str] = field(default_factory=dict)
    domains: dict[tuple[str, str, str | None], tuple[str, pa.Array]] = field(default_factory=dict)
    repeats: dict[tuple[str, object], pa.Array] = field(default_factory=dict)
    """One array per constant (its type and value), sliced for every chunk of every level."""

    def create(self, kind: str, query: exp.Expression) -> str:
        """A new temporary table holding ``query``'s rows; its name."""
        name = f"territoria_indicators_{kind}_{len(self.tables)}"
        create = exp.Create(
            this=table_ref(name),
            kind="TABLE",
            replace=True,
            expression=query,
            properties=exp.Properties(expressions=[exp.TemporaryProperty()]),
        )
        self.tables.append(name)
        self.con.execute(create.sql(dialect=DIALECT))
        return name

    def register(self, kind: str, table: pa.Table) -> str:
        """``table`` readable on the connection (no copy); its name."""
        name = f"territoria_indicators_{kind}_{len(self.views)}"
        self.con.register(name, table)
        self.views.append(name)
        return name

    def periods(
        self, view: str, territory_column: str, period_column: str, granularity: str
    ) -> tuple[str, str, pa.Array]:
        """The view's profile (rows per territory and period), the table of its periods in
        ``granularity`` with their codes, and those periods by code."""
        key = (view, territory_column, period_column)
        if key not in self.profiles:
            query = exclusions.profile_query(view, territory_column, period_column)
            self.profiles[key] = self.create("profile", query)
        profile = self.profiles[key]
        return (profile, *self.domain(profile, exclusions.PERIOD, granularity))

    def domain(
        self, view: str, column: str, granularity: str | None = None
    ) -> tuple[str, pa.Array]:
        """The table of ``view.column``'s distinct texts with their codes, and the texts by code."""
        key = (view, column, granularity)
        if key not in self.domains:
            name = self.create("domain", domain_query(view, column, granularity))
            ordered = exp.select(exp.column("value")).from_(table_ref(name)).order_by("code")
            texts = self.con.execute(ordered.sql(dialect=DIALECT)).to_arrow_table()
            self.domains[key] = (name, texts.column(0).combine_chunks().cast(pa.string()))
        return self.domains[key]

    def repeated(self, lengths: Sequence[int], value: pa.Scalar) -> pa.ChunkedArray:
        """``value`` over chunks of ``lengths``: slices of one array as long as the longest
        chunk met so far (a level's rows come in chunks of up to a million; the same
        constants fill every spec's columns)."""
        key = (str(value.type), value.as_py())
        longest = max(lengths, default=0)
        whole = self.repeats.get(key)
        if whole is None or len(whole) < longest:
            whole = self.repeats[key] = pa.repeat(value, longest)
        return pa.chunked_array([whole.slice(0, n) for n in lengths], value.type)

    def drop(self) -> None:
        """Every temporary table created."""
        for name in self.tables:
            drop = exp.Drop(tables=[table_ref(name)], kind="TABLE", exists=True)
            self.con.execute(drop.sql(dialect=DIALECT))
        self.tables.clear()
        for name in self.views:
            self.con.unregister(name)
        self.views.clear()


def run_batch(
    scratch: Scratch,
    batch: Batch,
    dimensions: Sequence[str],
    schema: pa.Schema,
    territories: pa.Array,
) -> dict[str, list[tuple[str, pa.Table]]]:
    """Each spec of ``batch``: its results, one ``(level, table)`` per level, each table
    ordered by territory, period and dimensions (``dimensions`` are every dimension of the
    computation, sorted; ``territories`` the ids by code)."""
    key = batch.key
    _, periods_table, periods = scratch.periods(
        key.view, key.territory_column, key.period_column, key.granularity
    )
    domains = [scratch.domain(key.view, name) for name in key.dimensions]
    scan = scan_query(batch, periods_table, [name for name, _ in domains])
    texts = {name: domain for name, (_, domain) in zip(key.dimensions, domains, strict=True)}
    # an aggregate straight to Arrow, never a UNION: DuckDB 1.5.5 hung exporting a large one
    source = scratch.con.execute(source_query(batch, scan).sql(dialect=DIALECT)).to_arrow_table()
    levels = [(key.level, source)]
    if TARGET_LEVELS[key.level]:
        combos = scratch.create("combos", combos_query(batch, scratch.register("rows", source)))
        for level in TARGET_LEVELS[key.level]:
            rows = scratch.con.execute(level_query(batch, combos, level).sql(dialect=DIALECT))
            levels.append((level, rows.to_arrow_table()))
    out: dict[str, list[tuple[str, pa.Table]]] = {spec.id: [] for spec in batch.specs}
    for level, table in levels:
        lengths = [len(chunk) for chunk in table.column(0).chunks]
        zeros = scratch.repeated(lengths, pa.scalar(0, pa.int32())).chunks  # every spec's
        shared = {
            "territoire": _encoded(table.column(TERRITORY).chunks, territories),
            "niveau": _encoded(zeros, pa.array([level], pa.string())),
            "periode": _encoded(table.column(PERIOD).chunks, periods),
        }
        no_codes = scratch.repeated(lengths, pa.scalar(None, pa.int32())).chunks
        nulls = _encoded(no_codes, pa.array([], pa.string()))
        for name in dimensions:
            if name in texts:
                index = key.dimensions.index(name)
                shared[name] = _encoded(table.column(f"k{index}").chunks, texts[name])
            else:
                shared[name] = nulls
        names = set(table.column_names)
        if "contributeurs" in names:
            shared["contributeurs"] = table.column("contributeurs")
            shared["attendus"] = table.column("attendus")
        else:  # a source-level territory covers itself: 1 of 1
            ones = scratch.repeated(lengths, pa.scalar(1, pa.int64()))
            shared["contributeurs"] = shared["attendus"] = ones
        no_denominator = scratch.repeated(lengths, pa.scalar(None, pa.float64()))
        for number, spec in enumerate(batch.specs):
            numerator = table.column(f"n{number}")
            columns = {
                **shared,
                "indicateur": _encoded(zeros, pa.array([spec.id], pa.string())),
                "valeur": table.column(f"v{number}") if f"v{number}" in names else numerator,
                "numerateur": numerator,
                "denominateur": (
                    table.column(f"d{number}") if f"d{number}" in names else no_denominator
                ),
            }
            out[spec.id].append((level, pa.table([columns[f.name] for f in schema], schema=schema)))
    return out


def _encoded(indices: Sequence[pa.Array], dictionary: pa.Array) -> pa.ChunkedArray:
    """Text column from codes into ``dictionary`` (codes come from the same tables as the
    dictionary: not checked again row by row)."""
    chunks = [pa.DictionaryArray.from_arrays(chunk, dictionary, safe=False) for chunk in indices]
    return pa.chunked_array(chunks, type=TEXT)


__all__ = ["TEXT", "Scratch", "run_batch"]
