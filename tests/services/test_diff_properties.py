"""The row comparisons against plain Python oracles on random tables (hypothesis): content
diffs equal the multiset difference (collections.Counter), key diffs the dict comparison."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from territoria.services.diff_by_content import by_content
from territoria.services.diff_by_key import by_key
from territoria.services.diff_plan import common_columns, describe

Row = tuple[int | None, str | None]
cells = st.tuples(st.one_of(st.none(), st.integers(-3, 3)), st.sampled_from([None, "", "a", "é"]))
tables = st.lists(cells, max_size=12)
keyed = st.dictionaries(st.integers(0, 8), cells, max_size=8)


def _write(path: Path, rows: list[Row], key: list[int] | None = None) -> None:
    columns = {"x": [r[0] for r in rows], "y": [r[1] for r in rows]}
    schema = pa.schema([("x", pa.int64()), ("y", pa.string())])
    if key is not None:
        columns = {"id": key, **columns}
        schema = pa.schema([("id", pa.int64()), *schema])
    pq.write_table(pa.table(columns, schema=schema), path)


@settings(max_examples=40, deadline=None)
@given(before=tables, after=tables)
def test_content_diff_is_the_multiset_difference(before: list[Row], after: list[Row]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        a, b = Path(folder) / "a.parquet", Path(folder) / "b.parquet"
        _write(a, before)
        _write(b, after)
        con = duckdb.connect()
        side_a, side_b = describe(con, 1, a, None), describe(con, 2, b, None)
        found = by_content(con, side_a, side_b, common_columns(side_a, side_b), sample=100)
    added, removed = Counter(after) - Counter(before), Counter(before) - Counter(after)
    assert (found.added, found.removed, found.changed) == (added.total(), removed.total(), 0)
    assert {(s.values["x"], s.values["y"]): s.count for s in found.sample_added} == added
    assert {(s.values["x"], s.values["y"]): s.count for s in found.sample_removed} == removed


@settings(max_examples=40, deadline=None)
@given(before=keyed, after=keyed)
def test_key_diff_is_the_dict_comparison(before: dict[int, Row], after: dict[int, Row]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        a, b = Path(folder) / "a.parquet", Path(folder) / "b.parquet"
        _write(a, list(before.values()), list(before))
        _write(b, list(after.values()), list(after))
        con = duckdb.connect()
        side_a, side_b = describe(con, 1, a, None), describe(con, 2, b, None)
        found = by_key(con, side_a, side_b, ("id",), sample=100)
    changed = {k for k in before.keys() & after.keys() if before[k] != after[k]}
    assert found.added == len(after.keys() - before.keys())
    assert found.removed == len(before.keys() - after.keys())
    assert found.changed == len(changed)
    assert [s.key for s in found.sample_added] == [
        {"id": k} for k in sorted(after.keys() - before.keys())
    ]
    for row in found.sample_changed:
        k = row.key["id"]
        expected = {
            name: (old, new)
            for name, old, new in zip(("x", "y"), before[k], after[k], strict=True)
            if old != new
        }
        assert row.changes == expected
    assert sorted(r.key["id"] for r in found.sample_changed) == sorted(changed)
