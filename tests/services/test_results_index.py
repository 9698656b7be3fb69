"""The results index a territory page reads: on results computed from the real SSMSI sample,
its lookups hold exactly the rows filtering the table gives, in the table's order; and a
results dataset keeps only the version read last."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from computed_packs import TOKEN, computed_instance

from territoria.config import Settings
from territoria.security.actor import ADMIN
from territoria.services.indicator_results import results_index
from territoria.services.instance import open_instance
from territoria.services.results_index import ResultsIndex, read_indexed

RATE = "securite.taux-pour-mille"
DIMENSIONS = ("classe", "unite_de_compte")


@pytest.fixture(scope="module")
def index(instance_copy: Callable[[str, Callable[[Path], object]], Path]) -> ResultsIndex:
    """The sécurité pack's indexed results on a copy of the computed instance."""
    settings = Settings(
        home=instance_copy("computed-packs-services", computed_instance), admin_token=TOKEN
    )
    instance = open_instance(settings)
    try:
        found = results_index(instance, "securite", ADMIN)
    finally:
        instance.close()
    assert found is not None
    return found


def test_lookups_hold_the_rows_a_filter_gives(index: ResultsIndex) -> None:
    table = index.table
    for territory in ("departement:2A", "departement:31", "region:94", "pays:FR", "nowhere"):
        expected = table.filter(pc.equal(table["territoire"], territory))
        assert index.territory_rows(territory).to_pylist() == expected.to_pylist()
    pairs = set(zip(table["indicateur"].to_pylist(), table["niveau"].to_pylist(), strict=True))
    assert index.pairs == pairs and (RATE, "departement") in pairs
    for indicator in {i for i, _ in pairs} | {"securite.nothing"}:
        expected = table.filter(pc.equal(table["indicateur"], indicator))
        assert index.rows_of(indicator).to_pylist() == expected.to_pylist(), indicator
    for indicator, level in [*sorted(pairs), ("securite.faits", "commune")]:
        mask = pc.and_(pc.equal(table["indicateur"], indicator), pc.equal(table["niveau"], level))
        found = index.indicator_rows(indicator, level).to_pylist()
        assert found == table.filter(mask).to_pylist()


def test_peer_values_are_the_rows_by_combination_and_period(index: ResultsIndex) -> None:
    table = index.table
    mask = pc.and_(pc.equal(table["indicateur"], RATE), pc.equal(table["niveau"], "departement"))
    expected: dict[tuple[str | None, ...], dict[str, dict[str, float | None]]] = {}
    for row in table.filter(mask).to_pylist():
        key = tuple(row[d] for d in DIMENSIONS)
        expected.setdefault(key, {}).setdefault(row["periode"], {})[row["territoire"]] = row[
            "valeur"
        ]
    found = index.peer_values(RATE, "departement", DIMENSIONS)
    assert found == expected and len(found) > 1
    assert index.peer_values(RATE, "departement", DIMENSIONS) is found  # built once
    # a dimension the results lack is None in every key, as a row's .get() reads it
    assert set(index.peer_values(RATE, "departement", ("absente",))) == {(None,)}


def test_a_dataset_keeps_only_the_version_read_last(tmp_path: Path) -> None:
    paths = []
    for number, value in ((1, 1.0), (2, 2.0)):
        folder = tmp_path / "indicateurs-x" / f"v{number}"
        folder.mkdir(parents=True)
        table = pa.table(
            {
                "indicateur": ["x.a"],
                "territoire": ["departement:31"],
                "niveau": ["departement"],
                "periode": pa.array([2022], pa.int64()),  # typed by the store: read as text
                "valeur": [value],
            }
        )
        pq.write_table(table, folder / "data.parquet")
        paths.append(folder / "data.parquet")
    first = read_indexed(paths[0])
    assert read_indexed(paths[0]) is first
    assert first.territory_rows("departement:31").to_pylist()[0]["periode"] == "2022"
    second = read_indexed(paths[1])
    assert second.table["valeur"].to_pylist() == [2.0]
    assert read_indexed(paths[1]) is second
    assert read_indexed(paths[0]) is not first  # let go when the newer one was read


@pytest.mark.parametrize("shuffled", [False, True])
def test_lookups_hold_the_same_rows_over_many_chunks_in_any_order(
    index: ResultsIndex, shuffled: bool
) -> None:
    """A version read from Parquet comes in many chunks; its rows are stored in order, but a
    lookup must not depend on it (gathered as runs of slices, or taken when scattered)."""
    table = index.table
    if shuffled:  # scattered rows: many runs, taken rather than sliced
        order = list(range(table.num_rows))
        random.Random(1).shuffle(order)
        table = table.take(pa.array(order))
    chunked = pa.Table.from_batches(table.to_batches(max_chunksize=7))
    assert chunked.column("territoire").num_chunks > 2
    other = ResultsIndex(chunked)
    for territory in [*sorted(set(table["territoire"].to_pylist()))[:40], "nowhere"]:
        expected = table.filter(pc.equal(table["territoire"], territory))
        assert other.territory_rows(territory).to_pylist() == expected.to_pylist(), territory
    for indicator, level in sorted(other.pairs):
        mask = pc.and_(pc.equal(table["indicateur"], indicator), pc.equal(table["niveau"], level))
        assert other.indicator_rows(indicator, level).to_pylist() == table.filter(mask).to_pylist()
