"""Real datasets ingested once per session, read back through DuckDB views for ODSQL tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from odsql_catalogue import Catalogue
from sample_ingest import ingest_sample
from sqlalchemy import select

from territoria.catalog.models import Dataset, Version
from territoria.config import Settings
from territoria.query.fields import QueryField, fields_for
from territoria.query.spatial import load_spatial
from territoria.services.instance import init_instance, open_instance
from territoria.storage.lake import Lake

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
FILES = (
    ("eau/fontaines-a-boire-paris-2021.csv", "fontaines", None),
    ("subventions/scdl-haute-garonne-datalocale-subvention.csv", "subventions", None),
    ("dechets/trilib-paris-2018.csv", "trilib", None),
)


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalogue]:
    home = tmp_path_factory.mktemp("odsql") / "home"
    settings = Settings(home=home)
    init_instance(settings).close()
    for file, slug, schema in FILES:
        ingest_sample(settings, SAMPLES / file, slug, schema=schema)
    con = duckdb.connect()
    load_spatial(con)
    fields: dict[str, list[QueryField]] = {}
    lake = Lake(settings.lake_dir, settings.home / "tmp")
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            rows = session.execute(
                select(Dataset.slug, Version.lake_path, Version.schema_json).join(Version)
            )
            for slug, lake_path, schema_json in rows:
                path = lake.data_file(lake_path)
                con.execute(f"CREATE VIEW v_{slug} AS SELECT * FROM read_parquet('{path}')")
                fields[slug] = fields_for(pq.read_schema(path), schema_json)
    finally:
        instance.close()
    # trilib's fill date is an ISO date-time with offset: typed here as the UTC TIMESTAMP
    # a datetime column is stored as, to test datetimes and time zones on real values.
    con.execute(
        "CREATE VIEW v_trilib_dt AS SELECT * REPLACE ("
        "CAST(fillingRateDate AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS fillingRateDate) FROM v_trilib"
    )
    schema = con.sql("SELECT * FROM v_trilib_dt LIMIT 0").arrow().schema
    fields["trilib_dt"] = fields_for(schema, None)
    yield Catalogue(con, fields)
    con.close()
