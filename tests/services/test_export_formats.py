"""Every export format round-tripped on real files: the output, parsed back (csv, json,
pyarrow, openpyxl), equals DuckDB's own reading of the same query over the same version."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pyarrow.parquet as pq
import pytest
from export_samples import ExportInstance, Stored, sample_instance
from sqlglot import exp

from territoria.engine.connection import connect
from territoria.services.export_options import ExportOptions
from territoria.services.export_stream import stream_export

FORMULA = re.compile(r"^[=+\-@\t\r]")


@pytest.fixture(scope="session")
def export_instance(tmp_path_factory: pytest.TempPathFactory) -> ExportInstance:
    return sample_instance(tmp_path_factory)


@pytest.fixture()
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


def col(name: str) -> exp.Column:
    return exp.column(name, quoted=True)


def queries() -> dict[str, tuple[str, exp.Select | None]]:
    """Queries as the ODSQL compiler hands them: ODS names as aliases, over the view ``v``."""
    fontaines = exp.select(
        col("Identifiant").as_("identifiant"),
        col("Type Objet").as_("type_objet"),
        col("N° Voie Pair").as_("n_voie_pair"),
        col("Disponibilité").as_("disponibilite"),
        col("Motif Indisponibilité").as_("motif_indisponibilite"),
    ).from_("v")
    fontaines = fontaines.where("\"Commune\" LIKE '%18EME%'").order_by("identifiant")
    grouped = exp.select(col("Commune").as_("commune"), exp.Count(this=exp.Star()).as_("n"))
    grouped = grouped.from_("v").group_by(col("Commune")).order_by("commune")
    trilib = exp.select(
        col("name"), col("fillingRate").as_("fillingrate"), col("wastetype_density"), col("geo")
    ).from_("v")
    trilib = trilib.where('"fillingRate" > 50').order_by("name")
    return {
        "fontaines-where": ("fontaines", fontaines),
        "fontaines-group-by": ("fontaines", grouped),
        "trilib-where": ("trilib", trilib),
        "trilib-whole": ("trilib", None),
        "subventions-whole": ("subventions", None),
        "fontaines-whole": ("fontaines", None),
    }


CASES = queries()


def oracle(con: duckdb.DuckDBPyConnection, stored: Stored, query: exp.Select | None) -> Any:
    """DuckDB's own reading of the query: column names, types, rows."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW v AS SELECT * FROM read_parquet('{stored.source}')")
    sql = query.sql(dialect="duckdb") if query is not None else "SELECT * FROM v"
    relation = con.sql(sql)
    return relation.columns, [str(t) for t in relation.types], relation.fetchall()


def export(
    con: duckdb.DuckDBPyConnection,
    stored: Stored,
    query: exp.Select | None,
    fmt: str,
    options: ExportOptions,
    tmp: Any,
) -> bytes:
    source = stored.source
    chunks = stream_export(con, query, source, fmt, options, fields=stored.fields, tmp_dir=tmp)
    return b"".join(chunks)


def as_text(value: Any, kind: str) -> str:
    """A cell as our CSV writes it (with the CLI's values as stored)."""
    if value is None:
        return ""
    if kind == "VARCHAR":
        return "'" + value if FORMULA.match(value) else value
    return str(value).lower() if isinstance(value, bool) else str(value)


def as_json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@pytest.mark.parametrize("case", CASES)
def test_csv_round_trip(
    case: str, export_instance: ExportInstance, con: Any, tmp_path: Any
) -> None:
    slug, query = CASES[case]
    stored = export_instance.versions[slug]
    names, kinds, rows = oracle(con, stored, query)
    options = ExportOptions.opendatasoft().but(opendatasoft_values=False)
    data = export(con, stored, query, "csv", options, tmp_path)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert parsed[0] == names
    texts = [[as_text(cell, kind) for cell, kind in zip(row, kinds, strict=True)] for row in rows]
    # DuckDB writes doubles its own way (1.0, 1e+20): compare those through its cast
    for i, kind in enumerate(kinds):
        if kind == "DOUBLE":
            for row, original in zip(texts, rows, strict=True):
                value = original[i]
                row[i] = (
                    ""
                    if value is None
                    else str(con.sql(f"SELECT {value!r}::DOUBLE::VARCHAR").fetchone()[0])
                )  # type: ignore[index]
    assert parsed[1:] == texts
    assert rows, "the case has rows to compare"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@pytest.mark.parametrize("case", CASES)
def test_json_round_trip(
    case: str, fmt: str, export_instance: ExportInstance, con: Any, tmp_path: Any
) -> None:
    slug, query = CASES[case]
    stored = export_instance.versions[slug]
    names, _kinds, rows = oracle(con, stored, query)
    data = export(con, stored, query, fmt, ExportOptions(), tmp_path).decode()
    if fmt == "json":
        records = json.loads(data)
    else:
        records = [json.loads(line) for line in data.splitlines()]
        assert len(records) == len(data.splitlines())
    expected = [{n: as_json(v) for n, v in zip(names, row, strict=True)} for row in rows]
    assert records == expected


@pytest.mark.parametrize("case", CASES)
def test_parquet_round_trip(
    case: str, export_instance: ExportInstance, con: Any, tmp_path: Any
) -> None:
    slug, query = CASES[case]
    stored = export_instance.versions[slug]
    names, _kinds, rows = oracle(con, stored, query)
    for options in (ExportOptions(), ExportOptions.opendatasoft()):
        table = pq.read_table(io.BytesIO(export(con, stored, query, "parquet", options, tmp_path)))
        assert table.column_names == names
        assert [tuple(r.values()) for r in table.to_pylist()] == rows
    assert list(tmp_path.iterdir()) == [], "the temporary file is deleted"


@pytest.mark.parametrize("case", CASES)
def test_xlsx_round_trip(
    case: str, export_instance: ExportInstance, con: Any, tmp_path: Any
) -> None:
    slug, query = CASES[case]
    stored = export_instance.versions[slug]
    names, kinds, rows = oracle(con, stored, query)
    data = export(con, stored, query, "xlsx", ExportOptions(), tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        cells = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    assert cells[0] == names
    cells = [row + [None] * (len(names) - len(row)) for row in cells]  # read-only trims empties
    for row, (got, want) in enumerate(zip(cells[1:], rows, strict=True)):
        for value, original, kind in zip(got, want, kinds, strict=True):
            if kind == "VARCHAR" and original is not None:
                assert value == as_text(original, kind), row
            elif isinstance(original, float | int) and not isinstance(original, bool):
                assert value == pytest.approx(original), row
            elif original is None:
                assert value in (None, ""), row
    assert len(cells) == len(rows) + 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("case", ["fontaines-where", "fontaines-whole"])
def test_geojson_round_trip(
    case: str, export_instance: ExportInstance, con: Any, tmp_path: Any
) -> None:
    slug, query = CASES[case]
    stored = export_instance.versions[slug]
    if query is not None:
        query = query.select(col("geo_shape"), col("geo_point_2d").as_("geo_point_2d"))
    names, _kinds, rows = oracle(con, stored, query)
    data = json.loads(export(con, stored, query, "geojson", ExportOptions(), tmp_path))
    assert data["type"] == "FeatureCollection"
    shape = names.index("geo_shape")
    assert len(data["features"]) == len(rows)
    for feature, row in zip(data["features"], rows, strict=True):
        assert feature["type"] == "Feature"
        assert feature["geometry"] == (json.loads(row[shape]) if row[shape] else None)
        expected = {n: as_json(v) for n, v in zip(names, row, strict=True) if n != "geo_shape"}
        assert feature["properties"] == expected


@pytest.mark.parametrize("slug", ["fontaines", "trilib", "subventions"])
def test_cli_csv_is_duckdb_copy_byte_for_byte(
    slug: str, export_instance: ExportInstance, con: Any, tmp_path: Any
) -> None:
    """The CLI's whole-version CSV is what DuckDB's own CSV writer makes of the version with
    its text cells neutralised (what ``territoria export`` wrote before it streamed)."""
    stored = export_instance.versions[slug]
    described = con.sql(f"DESCRIBE SELECT * FROM read_parquet('{stored.source}')").fetchall()
    parts = []
    for name, kind, *_ in described:
        quoted = '"' + name.replace('"', '""') + '"'
        if kind == "VARCHAR":
            parts.append(
                f"CASE WHEN regexp_matches({quoted}, '^[=+\\-@\\t\\r]') "
                f"THEN '''' || {quoted} ELSE {quoted} END AS {quoted}"
            )
        else:
            parts.append(quoted)
    target = tmp_path / "copy.csv"
    con.execute(
        f"COPY (SELECT {', '.join(parts)} FROM read_parquet('{stored.source}')) TO '{target}' "
        "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"')"
    )
    assert export(con, stored, None, "csv", ExportOptions(), tmp_path) == target.read_bytes()


def test_rows_keep_their_order_on_two_threads(tmp_path: Path) -> None:
    """Streamed on two threads, DuckDB 1.5 reordered a 300,000-row result differently at
    each run; the export keeps the file's order, and a query's ORDER BY."""
    source = tmp_path / "ordered.parquet"
    with duckdb.connect() as db:
        db.execute(
            "COPY (SELECT i AS n, 'commune ' || (i % 997) AS nom, i * 1.5 AS v, "
            "DATE '2020-01-01' + CAST(i % 365 AS INTEGER) AS d FROM range(300000) t(i)) "
            f"TO '{source}' (FORMAT parquet)"
        )
    con = connect(threads=2)
    try:
        copied = tmp_path / "copy.csv"
        con.execute(f"COPY (SELECT * FROM read_parquet('{source}')) TO '{copied}' (FORMAT csv)")
        assert (
            b"".join(stream_export(con, None, source, "csv", ExportOptions()))
            == copied.read_bytes()
        )
        con.execute("SET threads = 2")
        con.execute(f"CREATE TEMP VIEW big AS SELECT * FROM read_parquet('{source}')")
        backwards = exp.select("n", "nom").from_("big").order_by("n DESC")
        lines = b"".join(stream_export(con, backwards, None, "jsonl", ExportOptions())).splitlines()
        assert [json.loads(line)["n"] for line in lines] == list(range(299_999, -1, -1))
    finally:
        con.close()
