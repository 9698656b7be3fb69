"""One writer per export format, each from a Parquet version file to an output file on disk.

CSV is UTF-8 (no BOM), comma-separated, with RFC 4180 quoting (``"`` doubled inside quotes),
a header row and ``\\n`` line ends. In CSV and XLSX, a text cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so spreadsheet software does
not run it as a formula (CSV injection); the stored data is unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from territoria.errors import UserError
from territoria.schemas.model import Field
from territoria.schemas.types import INVALID, parse_cell
from territoria.services.excel import load_excel

FORMULA_START = "^[=+\\-@\\t\\r]"
XLSX_MAX_ROWS = 1_048_575
GEOMETRY_NAMES = ("geometry", "geom", "geometrie", "the_geom")
GEOMETRY_SAMPLE = 100  # cells of a text column read to tell whether it holds GeoJSON
Writer = Callable[[duckdb.DuckDBPyConnection, Path, Path], None]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _text(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _neutralised(con: duckdb.DuckDBPyConnection, source: Path) -> str:
    """SELECT of the version with formula-like text cells prefixed by ``'``."""
    columns = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(source)]).fetchall()
    parts = []
    for name, kind, *_ in columns:
        col = _quote(name)
        if kind == "VARCHAR":
            parts.append(
                f"CASE WHEN regexp_matches({col}, '{FORMULA_START}') "
                f"THEN '''' || {col} ELSE {col} END AS {col}"
            )
        else:
            parts.append(col)
    return f"SELECT {', '.join(parts) or '*'} FROM read_parquet({_text(source)})"


def write_csv(con: duckdb.DuckDBPyConnection, source: Path, out: Path) -> None:
    """CSV, UTF-8, comma, RFC 4180 quoting, formulas neutralised."""
    sql = _neutralised(con, source)
    options = "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"'"
    con.execute(f"COPY ({sql}) TO {_text(out)} ({options})")


def write_parquet(con: duckdb.DuckDBPyConnection, source: Path, out: Path) -> None:
    """Parquet (zstd), the stored values as they are."""
    sql = f"SELECT * FROM read_parquet({_text(source)})"
    con.execute(f"COPY ({sql}) TO {_text(out)} (FORMAT parquet, COMPRESSION zstd)")


def write_json(con: duckdb.DuckDBPyConnection, source: Path, out: Path) -> None:
    """A JSON array of records."""
    sql = f"SELECT * FROM read_parquet({_text(source)})"
    con.execute(f"COPY ({sql}) TO {_text(out)} (FORMAT json, ARRAY true)")


def write_xlsx(con: duckdb.DuckDBPyConnection, source: Path, out: Path) -> None:
    """An XLSX workbook (one sheet), formulas neutralised; refused beyond Excel's row limit."""
    found = con.execute("SELECT count(*) FROM read_parquet(?)", [str(source)]).fetchone()
    if found and found[0] > XLSX_MAX_ROWS:
        raise UserError(
            f"{found[0]} lignes : trop pour un fichier XLSX (maximum {XLSX_MAX_ROWS})",
            f"{found[0]} rows: too many for an XLSX file (maximum {XLSX_MAX_ROWS})",
            hint_fr="exportez en CSV ou en Parquet",
            hint_en="export as CSV or Parquet",
        )
    load_excel(con)
    sql = _neutralised(con, source)
    con.execute(f"COPY ({sql}) TO {_text(out)} (FORMAT xlsx, HEADER true)")


def _geometry(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _holds_geojson(con: duckdb.DuckDBPyConnection, source: Path, name: str) -> bool:
    """Whether the first cells of text column ``name`` are all GeoJSON (an Opendatasoft
    ``Geo Shape`` column, whatever it is called)."""
    cells = con.execute(
        f"SELECT {_quote(name)} FROM read_parquet({_text(source)}) "
        f"WHERE {_quote(name)} IS NOT NULL LIMIT {GEOMETRY_SAMPLE}"
    ).fetchall()
    field = Field(name, "geojson")
    return bool(cells) and all(parse_cell(str(c[0]), field) is not INVALID for c in cells)


def write_geojson(con: duckdb.DuckDBPyConnection, source: Path, out: Path) -> None:
    """A GeoJSON FeatureCollection; the geometry column holds GeoJSON geometries as text: one
    named so (``geometry``, ``geom``…), else the first text column holding GeoJSON."""
    described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(source)])
    columns = [(str(row[0]), str(row[1])) for row in described.fetchall()]
    names = [name for name, _ in columns]
    geometry = next((n for n in names if n.lower() in GEOMETRY_NAMES), None)
    if geometry is None:
        texts = (name for name, kind in columns if kind == "VARCHAR")
        geometry = next((n for n in texts if _holds_geojson(con, source, n)), None)
    if geometry is None:
        raise UserError(
            "ce jeu de données n'a pas de colonne de géométrie : export GeoJSON impossible",
            "this dataset has no geometry column: GeoJSON export is not possible",
            hint_fr="exportez en CSV, JSON, Parquet ou XLSX",
            hint_en="export as CSV, JSON, Parquet or XLSX",
            details={"columns": names},
        )
    cursor = con.execute(f"SELECT * FROM read_parquet({_text(source)})")
    with out.open("w", encoding="utf-8") as stream:
        stream.write('{"type": "FeatureCollection", "features": [')
        first = True
        while batch := cursor.fetchmany(10_000):
            for row in batch:
                record = dict(zip(names, row, strict=True))
                feature = {
                    "type": "Feature",
                    "geometry": _geometry(record.pop(geometry)),
                    "properties": record,
                }
                stream.write(("" if first else ",") + "\n")
                stream.write(json.dumps(feature, ensure_ascii=False, default=str))
                first = False
        stream.write("\n]}\n")


WRITERS: dict[str, Writer] = {
    "csv": write_csv,
    "parquet": write_parquet,
    "json": write_json,
    "geojson": write_geojson,
    "xlsx": write_xlsx,
}
