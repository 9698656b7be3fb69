"""Oracles of the Explore API tests: the stored Parquet of a dataset, read by DuckDB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.query.fields import QueryField, fields_for
from territoria.services.instance import open_instance

BASE = "/api/explore/v2.1"
PUBLIC = ("fontaines-paris", "subventions-31", "trilib-paris")
PRIVATE = "prenoms-prive"


def parquet_of(settings: Settings, slug: str) -> Path:
    """The data file of the latest version of ``slug``."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            version = repo.latest_version(session, slug)
            assert version is not None
            return instance.lake.data_file(version.lake_path)
    finally:
        instance.close()


def fields_of(settings: Settings, slug: str) -> list[QueryField]:
    """The query fields of the latest version of ``slug`` (names as the API shows them)."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            version = repo.latest_version(session, slug)
            assert version is not None
            schema = pq.read_schema(instance.lake.data_file(version.lake_path))
            return fields_for(schema, version.schema_json)
    finally:
        instance.close()


def rows(settings: Settings, slug: str, sql: str) -> list[tuple[Any, ...]]:
    """``sql`` run by DuckDB with ``data`` a view of the dataset's stored Parquet."""
    con = duckdb.connect()
    try:
        con.execute(
            f"CREATE VIEW data AS SELECT * FROM read_parquet('{parquet_of(settings, slug)}')"
        )
        return con.execute(sql).fetchall()
    finally:
        con.close()
