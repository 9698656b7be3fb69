"""Opendatasoft exports: ``;``-separated UTF-8 with quoted cells full of commas and brackets.

``Geo Shape`` holds a GeoJSON geometry, ``Geo Point 2d`` holds ``lat, lon``: the quoted cells
must not outvote the delimiter, the columns must be typed as geography, and the file must
go through ``territoria ingest`` and come back out of ``territoria export --format geojson``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from territoria.cli.main import app
from territoria.ingest.readers.csv import read_csv
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.sniff.dialect import detect_dialect
from territoria.ingest.table import ReadOptions
from territoria.schemas.inference import infer_schema

HEADER = "Code INSEE;Nom;Geo Point 2d;Geo Shape"


def _square(lon: float, lat: float) -> dict[str, Any]:
    ring = [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def export_text(rows: int, *, columns: str = HEADER) -> str:
    """An Opendatasoft-style export: every polygon has the same shape, so a ',' split would
    give every line the same (wide) width — the trap for a sniffer counting in quotes."""
    lines = [columns]
    for n in range(rows):
        lat, lon = 43.0 + n / 100, 1.0 + n / 100
        point = _quoted(f"{lat}, {lon}")
        shape = _quoted(json.dumps(_square(lon, lat)))
        cells = [f"{31000 + n}", f"Commune {n}", point, shape]
        if columns != HEADER:
            cells = [cells[0], point, shape]
        lines.append(";".join(cells))
    return "\n".join(lines) + "\n"


def test_quoted_geojson_cells_never_outvote_the_delimiter() -> None:
    """Under ',' the commas inside the quoted cells split every line alike; only the
    separators outside quoted cells may count."""
    text = export_text(40, columns="Code INSEE;Geo Point 2d;Geo Shape")
    assert detect_dialect(text) == (";", '"')


def test_geo_columns_are_typed_as_geography(tmp_path: Path) -> None:
    path = tmp_path / "communes.csv"
    path.write_text(export_text(30), encoding="utf-8")
    table = read_csv(path, ReadOptions(), scratch_dir=tmp_path / "scratch", limits=ReaderLimits())
    assert table.detection.delimiter == ";"
    assert table.labels == ["Code INSEE", "Nom", "Geo Point 2d", "Geo Shape"]
    con = duckdb.connect()
    rows = [list(row[3:]) for row in table.relation(con).fetchall()]
    con.close()
    schema = infer_schema(table.labels, rows)
    types = {field.name: field.type for field in schema.fields}
    assert types["Geo Shape"] == "geojson"
    assert types["Geo Point 2d"] == "geopoint"
    table.close()


@pytest.fixture
def cli(tmp_path: Path) -> Any:
    runner = CliRunner()
    home = tmp_path / "instance"

    def run(*args: str | Path) -> Any:
        return runner.invoke(app, ["--home", str(home), *map(str, args)])

    assert run("init").exit_code == 0
    return run


def test_an_opendatasoft_export_round_trips_to_geojson(cli: Any, tmp_path: Path) -> None:
    source = tmp_path / "communes-ods.csv"
    source.write_text(export_text(25), encoding="utf-8")
    ingested = cli("ingest", source, "--dataset", "communes")
    assert ingested.exit_code == 0, ingested.output
    out = tmp_path / "communes.geojson"
    exported = cli("export", "communes", "--format", "geojson", "-o", out)
    assert exported.exit_code == 0, exported.output
    collection = json.loads(out.read_text(encoding="utf-8"))
    features = collection["features"]
    assert collection["type"] == "FeatureCollection" and len(features) == 25
    assert features[3]["geometry"] == _square(1.03, 43.03)
    assert features[3]["properties"]["Nom"] == "Commune 3"
    assert "Geo Shape" not in features[3]["properties"]


def _stored(home: Path, slug: str) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    """The latest version's detection metadata and its stored rows, read from disk."""
    from territoria.catalog import repository as repo
    from territoria.config import Settings
    from territoria.services.instance import open_instance

    instance = open_instance(Settings(home=home))
    try:
        with instance.session() as session:
            version = repo.latest_version(session, slug)
            assert version is not None
            detection, lake_path = dict(version.detection), version.lake_path
        data = instance.lake.data_file(lake_path)
    finally:
        instance.close()
    con = duckdb.connect()
    rows = con.execute("SELECT * FROM read_parquet(?)", [str(data)]).fetchall()
    con.close()
    return detection, rows


def test_an_excel_export_keeps_its_detection_and_leaves_blank_rows_out(
    cli: Any, tmp_path: Path
) -> None:
    """UTF-8 BOM, Windows-1252 body, trailing ;; rows: the detection is stored with the
    version, the blank rows are reported and kept out of the stored rows."""
    source = tmp_path / "excel.csv"
    body = "code;ville\r\n1;Sète\r\n2;Besançon\r\n;\r\n;\r\n"
    source.write_bytes(b"\xef\xbb\xbf" + body.encode("cp1252"))
    checked = cli("validate", source, "--format", "json")
    assert checked.exit_code == 1, checked.output  # blank rows reported, as frictionless does
    ingested = cli("ingest", source, "--dataset", "villes")  # they hold no data: not refused
    assert ingested.exit_code == 0, ingested.output
    detection, rows = _stored(tmp_path / "instance", "villes")
    assert detection["encoding"] == "cp1252" and detection["bom"] is True
    assert detection["mixedEncoding"] == {"bom": "utf-8", "body": "cp1252"}
    assert detection["trailingEmptyRows"] == 2
    assert rows == [("1", "Sète"), ("2", "Besançon")]  # a "code" is text
