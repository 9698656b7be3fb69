"""Rows matched on the primary key, in DuckDB: a full outer join of the two Parquet files.

Only the differing rows are materialised (a temporary table, spilled to disk if large); the
counts, per-field counts and samples are read from it, never by looping over rows in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from territoria.services.diff_plan import TABLE, RowChanges, Side, quote, value
from territoria.services.version_diff import ChangedRow, RowSample

ADDED, REMOVED, CHANGED = 1, 2, 3


def _projection(side: Side, other: Side, prefix: str) -> str:
    """Every column of ``side`` as ``<prefix><i>``, shared ones comparable with ``other``."""
    parts = [
        f"{value(side, other, name) if name in other.names else quote(name)} AS {prefix}{i}"
        for i, name in enumerate(side.names)
    ]
    return ", ".join(["true AS present", *parts])


@dataclass(frozen=True)
class _KeyJoin:
    """Names of the materialised join: key parts ``k<i>``, change flags ``f<i>`` of the shared
    non-key fields, A's columns ``a<i>`` and B's ``b<i>`` (positional: no user text as alias)."""

    a: Side
    b: Side
    key: tuple[str, ...]

    def ia(self, name: str) -> str:
        return f"a{self.a.names.index(name)}"

    def ib(self, name: str) -> str:
        return f"b{self.b.names.index(name)}"

    @property
    def fields(self) -> list[str]:
        return [n for n in self.b.names if n in self.a.names and n not in self.key]

    @property
    def keys(self) -> list[str]:
        return [f"k{i}" for i in range(len(self.key))]

    def sql(self) -> str:
        on = " AND ".join(f"a.{self.ia(k)} = b.{self.ib(k)}" for k in self.key)
        parts = [
            f"CASE WHEN a.present IS NULL THEN {ADDED} WHEN b.present IS NULL THEN {REMOVED} "
            f"ELSE {CHANGED} END AS status",
            *(f"coalesce(a.{self.ia(k)}, b.{self.ib(k)}) AS k{i}" for i, k in enumerate(self.key)),
            *(
                f"a.{self.ia(n)} IS DISTINCT FROM b.{self.ib(n)} AS f{i}"
                for i, n in enumerate(self.fields)
            ),
            "a.* EXCLUDE (present)",
            "b.* EXCLUDE (present)",
        ]
        differs = " OR ".join([f"status <> {CHANGED}", *(f"f{i}" for i in range(len(self.fields)))])
        a, b = self.a, self.b
        return (
            f"SELECT * FROM (SELECT {', '.join(parts)} "
            f"FROM (SELECT {_projection(a, b, 'a')} FROM {a.source}) a "
            f"FULL OUTER JOIN (SELECT {_projection(b, a, 'b')} FROM {b.source}) b ON {on}"
            f") WHERE {differs}"
        )


def by_key(
    con: duckdb.DuckDBPyConnection, a: Side, b: Side, key: tuple[str, ...], sample: int
) -> RowChanges:
    """Rows matched on ``key``: only in B (added), only in A (removed), or with at least one
    shared non-key field distinct (changed, ``NULL`` equal to ``NULL``)."""
    join = _KeyJoin(a, b, key)
    fields = join.fields
    con.execute(f"CREATE OR REPLACE TEMP TABLE {TABLE} AS {join.sql()}")
    counts = [f"coalesce(count_if(status = {s}), 0)" for s in (ADDED, REMOVED, CHANGED)]
    counts += [f"coalesce(count_if(status = {CHANGED} AND f{i}), 0)" for i in range(len(fields))]
    found = con.execute(f"SELECT {', '.join(counts)} FROM {TABLE}").fetchone() or ()
    out = RowChanges(int(found[0]), int(found[1]), int(found[2]))
    out.changed_fields = {n: int(c) for n, c in zip(fields, found[3:], strict=True) if c}

    def rows(status: int, columns: list[str]) -> list[tuple[Any, ...]]:
        select = ", ".join([*join.keys, *columns])
        order = ", ".join(join.keys)
        sql = f"SELECT {select} FROM {TABLE} WHERE status = {status} ORDER BY {order} LIMIT ?"
        return con.execute(sql, [sample]).fetchall()

    width = len(key)
    for row in rows(ADDED, [join.ib(n) for n in b.names]):
        values = dict(zip(b.names, row[width:], strict=True))
        out.sample_added.append(RowSample(values, _key(key, row)))
    for row in rows(REMOVED, [join.ia(n) for n in a.names]):
        values = dict(zip(a.names, row[width:], strict=True))
        out.sample_removed.append(RowSample(values, _key(key, row)))
    triples = [c for i, n in enumerate(fields) for c in (f"f{i}", join.ia(n), join.ib(n))]
    for row in rows(CHANGED, triples):
        cells = row[width:]
        changes = {
            n: (cells[3 * i + 1], cells[3 * i + 2]) for i, n in enumerate(fields) if cells[3 * i]
        }
        out.sample_changed.append(ChangedRow(_key(key, row), changes))
    con.execute(f"DROP TABLE {TABLE}")
    return out


def _key(key: tuple[str, ...], row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(key, row[: len(key)], strict=True))
