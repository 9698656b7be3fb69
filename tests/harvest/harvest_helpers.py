"""Helpers of the harvest tests: two instances' datasets compared with DuckDB over both lakes."""

from __future__ import annotations

from typing import Any

import duckdb

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.security.actor import ADMIN
from territoria.services.instance import open_instance
from territoria.services.metadata import metadata_of

COMPARED = (
    "title", "description", "keywords", "spatial", "temporal", "landingPage", "language",
    "conformsTo", "contactPoint",
)  # fmt: skip


def public_slugs(settings: Settings) -> set[str]:
    """The slugs of the public datasets of an instance."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            return {d.slug for d in repo.list_datasets(session) if d.visibility == "public"}
    finally:
        instance.close()


def metadata(settings: Settings, slug: str) -> dict[str, Any]:
    """The fields of the metadata dict a harvest must carry over, terms by their ids."""
    meta = metadata_of(settings, slug, ADMIN)
    out = {key: meta.get(key) for key in COMPARED}
    out["themes"] = [t["id"] for t in meta.get("themes") or []]
    for key in ("license", "frequency"):
        out[key] = (meta.get(key) or {}).get("id")
    out["publisher"] = (meta.get("publisher") or {}).get("code")
    # the identifiers queries name fields by; labels only travel through Opendatasoft's API
    out["fields"] = [f["identifier"] for f in meta.get("fields") or []]
    return out


def data_file(settings: Settings, slug: str) -> str:
    """The Parquet file of ``slug``'s latest version."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            version = repo.latest_version(session, slug)
            assert version is not None, slug
            return str(instance.lake.data_file(version.lake_path))
    finally:
        instance.close()


def version_count(settings: Settings, slug: str) -> int:
    """How many versions ``slug`` has."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            return len(repo.list_versions(session, slug))
    finally:
        instance.close()


def same_rows(left: str, right: str) -> tuple[int, int, int, int]:
    """Row counts of two Parquet files and the rows of each missing from the other (as
    text: a harvest may type a column differently, never change a value)."""
    con = duckdb.connect()
    try:

        def text_rows(path: str) -> str:
            names = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM '{path}'").fetchall()]
            cols = ", ".join(f'CAST("{n}" AS VARCHAR) AS "{n}"' for n in names)
            return f"SELECT {cols} FROM '{path}'"

        a, b = text_rows(left), text_rows(right)
        count = con.execute
        return (
            count(f"SELECT count(*) FROM ({a})").fetchone()[0],  # type: ignore[index]
            count(f"SELECT count(*) FROM ({b})").fetchone()[0],  # type: ignore[index]
            count(f"SELECT count(*) FROM ({a} EXCEPT ALL {b})").fetchone()[0],  # type: ignore[index]
            count(f"SELECT count(*) FROM ({b} EXCEPT ALL {a})").fetchone()[0],  # type: ignore[index]
        )
    finally:
        con.close()


def columns(path: str) -> list[str]:
    """The column names of a Parquet file, in order."""
    con = duckdb.connect()
    try:
        return [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM '{path}'").fetchall()]
    finally:
        con.close()
