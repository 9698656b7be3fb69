"""The ODSQL tests' catalogue: real datasets as DuckDB views, compiled and run by name.

A module of its own (not ``conftest``): ``from conftest import …`` answers with whichever
conftest pytest loaded last, another folder's when several folders run together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
from sqlglot import exp

from territoria.query.compiler import CompiledQuery, compile_records
from territoria.query.fields import QueryField
from territoria.query.request import RecordsRequest


@dataclass
class Catalogue:
    """A DuckDB connection with one view per dataset (``v_<slug>``) and their query fields."""

    con: duckdb.DuckDBPyConnection
    fields: dict[str, list[QueryField]]

    def compile(self, slug: str, request: RecordsRequest) -> CompiledQuery:
        return compile_records(request, self.fields[slug], exp.to_table(f"v_{slug}"))

    def run(self, slug: str, request: RecordsRequest) -> list[tuple[Any, ...]]:
        return self.sql(self.compile(slug, request).rows.sql("duckdb"))

    def sql(self, text: str) -> list[tuple[Any, ...]]:
        return self.con.sql(text).fetchall()
