"""The row comparisons of a diff, in DuckDB over the two Parquet files: by primary key (a full
outer join) or by content (each distinct row counted on both sides, so duplicates count).

Only the differing rows are materialised (a temporary table, spilled to disk if large); the
counts and the samples are read from it, never by looping over rows in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from territoria.services.diff_plan import Side, quote, value
from territoria.services.version_diff import ChangedRow, RowSample

ADDED, REMOVED, CHANGED = 1, 2, 3
TABLE = "territoria_diff_rows"


@dataclass
class RowChanges:
    """Counts and samples of the rows that differ."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    changed_fields: dict[str, int] = field(default_factory=dict)
    sample_added: list[RowSample] = field(default_factory=list)
    sample_removed: list[RowSample] = field(default_factory=list)
    sample_changed: list[ChangedRow] = field(default_factory=list)


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


def by_content(
    con: duckdb.DuckDBPyConnection, a: Side, b: Side, compared: tuple[str, ...], sample: int
) -> RowChanges:
    """Rows compared whole on the ``compared`` columns, as multisets: a row present twice in A
    and once in B is one removed row. Without shared columns every row differs."""
    if not compared:
        return RowChanges(
            added=_count(con, b),
            removed=_count(con, a),
            sample_added=_first(con, b, sample),
            sample_removed=_first(con, a, sample),
        )
    names = [f"c{i}" for i in range(len(compared))]

    def counted(side: Side, other: Side) -> str:
        cells = ", ".join(f"{value(side, other, n)} AS c{i}" for i, n in enumerate(compared))
        return f"SELECT {cells}, count(*) AS n FROM {side.source} GROUP BY ALL"

    same = " AND ".join(f"a.{c} IS NOT DISTINCT FROM b.{c}" for c in names)
    cells = ", ".join(f"coalesce(a.{c}, b.{c}) AS {c}" for c in names)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {TABLE} AS SELECT * FROM ("
        f"SELECT {cells}, coalesce(a.n, 0) AS na, coalesce(b.n, 0) AS nb "
        f"FROM ({counted(a, b)}) a FULL OUTER JOIN ({counted(b, a)}) b ON {same}"
        ") WHERE na <> nb"
    )
    sums = "coalesce(sum(greatest(nb - na, 0)), 0), coalesce(sum(greatest(na - nb, 0)), 0)"
    found = con.execute(f"SELECT {sums} FROM {TABLE}").fetchone() or (0, 0)
    out = RowChanges(added=int(found[0]), removed=int(found[1]))
    order = ", ".join(names)
    for more, target in (("nb - na", out.sample_added), ("na - nb", out.sample_removed)):
        sql = f"SELECT {order}, {more} FROM {TABLE} WHERE {more} > 0 ORDER BY {order} LIMIT ?"
        for row in con.execute(sql, [sample]).fetchall():
            values = dict(zip(compared, row[:-1], strict=True))
            target.append(RowSample(values, count=int(row[-1])))
    con.execute(f"DROP TABLE {TABLE}")
    return out


def _count(con: duckdb.DuckDBPyConnection, side: Side) -> int:
    found = con.execute(f"SELECT count(*) FROM {side.source}").fetchone()
    return int(found[0]) if found else 0


def _first(con: duckdb.DuckDBPyConnection, side: Side, sample: int) -> list[RowSample]:
    """The first rows of a version, as stored (the sample when nothing can be matched)."""
    rows = con.execute(f"SELECT * FROM {side.source} LIMIT ?", [sample]).fetchall()
    return [RowSample(dict(zip(side.names, row, strict=True))) for row in rows]
