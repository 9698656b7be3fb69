"""Oracles of the CKAN API tests: the stored Parquet of a dataset, read by DuckDB."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
from ckanapi import RemoteCKAN

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.services.instance import open_instance

PUBLIC = ("fontaines-paris", "subventions-31", "trilib-paris")
PRIVATE = "prenoms-prive"
PUBLIC_URL = "https://data.example.fr"
"""The public URL of the throwaway instance (links must start with it)."""


def parquet_of(settings: Settings, slug: str) -> str:
    """The data file of the latest version of ``slug``."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            version = repo.latest_version(session, slug)
            assert version is not None
            return str(instance.lake.data_file(version.lake_path))
    finally:
        instance.close()


def rows(settings: Settings, slug: str, sql: str) -> list[tuple[Any, ...]]:
    """``sql`` run by DuckDB over view ``data`` (the Parquet, with ``_id`` from 1)."""
    path = parquet_of(settings, slug).replace("'", "''")
    with duckdb.connect() as db:
        db.execute(
            "CREATE VIEW data AS SELECT file_row_number + 1 AS _id, * EXCLUDE (file_row_number) "
            f"FROM read_parquet('{path}', file_row_number = true)"
        )
        return db.execute(sql).fetchall()


def columns(settings: Settings, slug: str) -> list[tuple[str, str]]:
    """Name and DuckDB type of each stored column."""
    found = rows(settings, slug, "SELECT column_name, column_type FROM (DESCRIBE data)")
    return [(str(n), str(t)) for n, t in found if n != "_id"]


def resource_of(ckan: RemoteCKAN, slug: str) -> str:
    """The id of the datastore resource of ``slug``."""
    package = ckan.action.package_show(id=slug)
    [resource] = [r for r in package["resources"] if r["datastore_active"]]
    return str(resource["id"])


def as_json(value: Any) -> Any:
    """A DuckDB value as the API's JSON shows it."""
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def quoted(names: list[str]) -> str:
    """``"a", "b"``."""
    return ", ".join(f'"{n}"' for n in names)


def objects(settings: Settings, slug: str, names: list[str], tail: str) -> list[dict[str, Any]]:
    """Records of ``SELECT names FROM data tail`` as the API's objects."""
    found = rows(settings, slug, f"SELECT {quoted(names)} FROM data {tail}")
    return [{n: as_json(v) for n, v in zip(names, r, strict=True)} for r in found]


def count(settings: Settings, slug: str, where: str = "") -> int:
    """How many rows of ``slug`` match ``where``."""
    [(n,)] = rows(settings, slug, f"SELECT count(*) FROM data {where}")
    return int(n)
