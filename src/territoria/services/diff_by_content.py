"""Rows compared by whole content, in DuckDB: each distinct row counted on both sides and the
counts joined, so a duplicated row counts as many times as it appears (multiset semantics).
"""

from __future__ import annotations

import duckdb

from territoria.services.diff_plan import TABLE, RowChanges, Side, value
from territoria.services.version_diff import RowSample


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
