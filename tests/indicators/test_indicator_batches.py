"""Specs computed together share scans (batches) and give the rows each gives alone; results'
text columns are dictionary-encoded and read back as the same text."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from indicator_fixtures import demo_specs, run

from territoria.geo.geography import geography
from territoria.indicators.batches import batchable, plan

GEO = geography()
SPECS = demo_specs()
ROWS = [
    {"territoire": "commune:2A004", "periode": "2022", "type": "verre", "tonnes": 5.0},
    {"territoire": "commune:2A004", "periode": "2022", "type": "verre", "tonnes": 2.5},
    {"territoire": "commune:2A004", "periode": "2022", "type": None, "tonnes": 1.0},
    {"territoire": "commune:2A001", "periode": "2022", "type": "gravats", "tonnes": None},
    {"territoire": "commune:2A001", "periode": "2021", "type": "verre", "tonnes": 0.0},
    {"territoire": "commune:75056", "periode": "2022", "type": "papier", "tonnes": 4.0},
    {"territoire": "commune:99999", "periode": "2022", "type": "verre", "tonnes": 9.0},
    {"territoire": "commune:2A004", "periode": "22", "type": "verre", "tonnes": 9.0},
]


def _rows(table: pa.Table) -> list[tuple[Any, ...]]:
    rows = [tuple(row.values()) for row in table.to_pylist()]
    return sorted(rows, key=lambda row: [(v is None, "" if v is None else str(v)) for v in row])


def test_specs_sharing_rows_share_one_batch_and_each_measure_once() -> None:
    specs = [spec for spec in SPECS.values() if batchable(spec)]
    batches = plan(specs, {"collecte": "collecte"})
    by_spec = {spec.id: batch for batch in batches for spec in batch.specs}
    assert by_spec["demo.tonnes"] is by_spec["demo.kg-par-habitant"]  # same dims, no filters
    assert by_spec["demo.tonnes"] is not by_spec["demo.points-pour-10000"]  # no dimension
    tonnes = by_spec["demo.tonnes"]
    assert len(tonnes.measures) == len({m for parts in tonnes.parts.values() for m in parts if m})
    assert "demo.tonnes-par-foyer" not in by_spec  # a reference: compiled on its own


def test_computing_together_gives_the_rows_of_each_spec_alone() -> None:
    together = run(ROWS, SPECS.values(), GEO)
    assert together.table.num_rows > 0
    for spec_id in SPECS:
        needed = [SPECS[spec_id]] + [SPECS[ref] for _, ref in SPECS[spec_id].references()]
        alone = run(ROWS, needed, GEO)
        mine = together.table.filter(
            pa.compute.equal(together.table.column("indicateur").cast(pa.string()), spec_id)
        )
        theirs = alone.table.filter(
            pa.compute.equal(alone.table.column("indicateur").cast(pa.string()), spec_id)
        )
        assert mine.num_rows > 0, spec_id
        assert _rows(mine.select(theirs.column_names)) == _rows(theirs), spec_id


def test_text_columns_are_dictionary_encoded_and_read_as_text() -> None:
    result = run(ROWS, [SPECS["demo.tonnes"]], GEO)
    for name in ("indicateur", "territoire", "niveau", "periode", "type"):
        assert pa.types.is_dictionary(result.table.schema.field(name).type), name
    rows = {
        (r["territoire"], r["niveau"], r["periode"], r["type"]): r for r in result.table.to_pylist()
    }
    assert rows[("commune:2A004", "commune", "2022", "verre")]["numerateur"] == 7.5
    assert rows[("commune:2A004", "commune", "2022", None)]["numerateur"] == 1.0
    assert rows[("region:94", "region", "2022", "verre")]["contributeurs"] == 1
    assert rows[("commune:2A001", "commune", "2022", "gravats")]["numerateur"] is None
    assert ("commune:2A004", "commune", "22", "verre") not in rows


ORDER_KEYS = ["indicateur", "niveau", "territoire", "periode", "type"]
COMMUNES = ["commune:97501", "commune:97617", "commune:2A004", "commune:01001", "commune:75056"]


def _sorted_copy(table: pa.Table) -> pa.Table:
    """``table`` sorted by Arrow (texts by value, nulls last): what a stored version held."""
    plain = table.cast(
        pa.schema(
            [
                pa.field(f.name, f.type.value_type) if pa.types.is_dictionary(f.type) else f
                for f in table.schema
            ]
        )
    )
    return plain.sort_by([(name, "ascending") for name in ORDER_KEYS])


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "territoire": st.sampled_from(COMMUNES),
                "periode": st.sampled_from(["2019", "2021", "2022", "2020"]),
                "type": st.sampled_from(["verre", "papier", "Éco", None, "gravats"]),
                "tonnes": st.one_of(st.none(), st.floats(0, 1000)),
                "foyers": st.one_of(st.none(), st.floats(1, 1000)),
            }
        ),
        min_size=1,
        max_size=30,
    )
)
def test_results_come_out_in_the_datasets_order(rows: list[dict[str, Any]]) -> None:
    """Every spec (batched or through a reference), ordered by indicator, level, territory,
    period and dimension as texts: the ids of Mayotte (976…) sort after those of Saint-Pierre
    (975…) although the COG lists them before."""
    table = run(rows, SPECS.values(), GEO).table
    plain = _sorted_copy(table)
    assert table.num_rows == plain.num_rows > 0
    for name in table.column_names:
        assert (
            table.column(name).cast(plain.schema.field(name).type).to_pylist()
            == plain.column(name).to_pylist()
        ), name
