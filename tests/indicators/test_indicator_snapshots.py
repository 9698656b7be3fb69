"""Compiled SQL per engine, snapshotted: TERRITORIA_UPDATE_SNAPSHOTS=1 rewrites the files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from indicator_fixtures import demo_specs

from territoria.indicators.aggregation import aggregate
from territoria.indicators.compiler import compile_spec

SNAPSHOTS = Path(__file__).with_name("snapshots")
DIALECTS = ("duckdb", "spark")
SPEC_IDS = (
    "demo.tonnes",
    "demo.kg-par-habitant",
    "demo.points-pour-10000",
    "demo.part-recyclee",
    "demo.tonnes-par-foyer",
    "demo.lignes",
)


def render(spec_id: str, dialect: str) -> str:
    """The commented SQL of one fixture spec on one engine."""
    specs = demo_specs()
    spec = specs[spec_id]
    references = {other.id: (other, "collecte") for other in specs.values()}
    dimensions = sorted({name for other in specs.values() for name in other.dimensions})
    query = aggregate(spec, compile_spec(spec, "collecte", references=references), dimensions)
    header = (
        f'-- {spec.id} ({spec.kind}) on {dialect}: source-level rows of view "collecte",\n'
        "-- aggregated up the COG (sums per ancestor, value recomputed from the sums).\n"
        "-- Regenerate: TERRITORIA_UPDATE_SNAPSHOTS=1 pytest tests/indicators\n"
    )
    return header + query.sql(dialect=dialect, pretty=True) + "\n"


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("spec_id", SPEC_IDS)
def test_compiled_sql_matches_its_snapshot(spec_id: str, dialect: str) -> None:
    path = SNAPSHOTS / f"{spec_id}.{dialect}.sql"
    text = render(spec_id, dialect)
    if os.environ.get("TERRITORIA_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with TERRITORIA_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


def test_user_text_stays_a_literal_or_a_quoted_name() -> None:
    spec = demo_specs()["demo.lignes"]
    hostile = spec.model_copy(update={"dimensions": ['type"; DROP TABLE x; --'], "filters": []})
    sql = compile_spec(hostile, "collecte").sql(dialect="duckdb")
    assert '"type""; DROP TABLE x; --"' in sql
