"""Export options and hard values: Opendatasoft's CSV defaults, delimiter, quote_all, BOM,
list_separator, labels, gzip, formulas, NULLs, unicode, huge cells, empty results, geo values,
and the refusals (unknown format, bad option, GeoJSON without geometry) before any byte."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import openpyxl
import pytest
from export_samples import ExportInstance, sample_instance
from sqlglot import exp

from territoria.errors import UserError
from territoria.query.fields import QueryField
from territoria.services.export_options import (
    FORMATS,
    ExportOptions,
    export_filename,
    media_type,
)
from territoria.services.export_stream import stream_export
from territoria.services.exporting import export_version, open_export

HUGE = 3_000_000
HOSTILE = f"""
SELECT * FROM (VALUES
  (1, '=1+2', 'Élodie « ça »', ['a', 'b'], 1.5::DOUBLE, TIMESTAMP '2024-03-01 10:20:30', DATE '2024-03-01', true),
  (2, '@SUM(A1)', '', ['=x'], 'inf'::DOUBLE, NULL, NULL, NULL),
  (3, '-3', 'a;b', [], NULL, NULL, NULL, false),
  (4, 'simple', e'deux\\nlignes "et" guillemets', NULL, -0.25::DOUBLE, NULL, NULL, NULL),
  (5, NULL, repeat('x', {HUGE}), NULL, 'nan'::DOUBLE, NULL, NULL, NULL),
  (6, '+33 1 23', e'\\ttab', NULL, 2.0::DOUBLE, NULL, NULL, NULL)
) t(id, formule, texte, liste, nombre, horodatage, jour, drapeau)
"""  # noqa: E501
FIELDS = [QueryField("texte", "texte", "Texte libre", "text")]
csv.field_size_limit(2 * HUGE)


@pytest.fixture(scope="session")
def export_instance(tmp_path_factory: pytest.TempPathFactory) -> ExportInstance:
    return sample_instance(tmp_path_factory)


@pytest.fixture()
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "data.parquet"
    with duckdb.connect() as db:
        db.execute(f"COPY ({HOSTILE}) TO '{path}' (FORMAT parquet)")
    return path


def run(
    con: Any, source: Path, fmt: str, options: ExportOptions, query: Any = None, **kw: Any
) -> bytes:
    return b"".join(stream_export(con, query, source, fmt, options, **kw))


def oracle_rows(con: Any, source: Path) -> list[tuple[Any, ...]]:
    return con.sql(f"SELECT * FROM read_parquet('{source}') ORDER BY id").fetchall()


def test_opendatasoft_csv_defaults(con: Any, hostile: Path) -> None:
    data = run(con, hostile, "csv", ExportOptions.opendatasoft())
    assert data.startswith(b"\xef\xbb\xbfid;formule;texte;")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    expected = oracle_rows(con, hostile)
    assert len(rows) == len(expected) + 1
    assert [r[1] for r in rows[1:]] == ["'=1+2", "'@SUM(A1)", "'-3", "simple", "", "'+33 1 23"]
    assert [r[2] for r in rows[1:]] == [
        "Élodie « ça »",
        "",
        "a;b",
        'deux\nlignes "et" guillemets',
        "x" * HUGE,
        "'\ttab",
    ]
    assert [r[3] for r in rows[1:]] == ["a,b", "'=x", "", "", "", ""]  # list_separator ","
    assert rows[1][5] == "2024-03-01T10:20:30+00:00" and rows[1][6] == "2024-03-01"
    assert b'\n3;\'-3;"a;b";' in data, "the delimiter inside a cell is quoted"
    assert b';"";' in data, "an empty string is told apart from NULL"


def test_cli_csv_defaults_are_comma_without_bom(con: Any, hostile: Path) -> None:
    data = run(con, hostile, "csv", ExportOptions())
    assert data.startswith(b"id,formule,texte,liste,nombre,horodatage,jour,drapeau\n")
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert rows[1][5] == "2024-03-01 10:20:30", "values as stored, as the CLI always wrote"
    assert rows[3][2] == "a;b" and b'"a;b"' not in data


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_delimiter_and_quote_all(con: Any, hostile: Path, delimiter: str) -> None:
    for quote_all in (False, True):
        options = ExportOptions(delimiter=delimiter, quote_all=quote_all, list_separator=" | ")
        data = run(con, hostile, "csv", options).decode()
        rows = list(csv.reader(io.StringIO(data), delimiter=delimiter))
        assert [r[2] for r in rows[1:4]] == ["Élodie « ça »", "", "a;b"]
        assert rows[1][3] == "a | b"
        first = data.splitlines()[1]
        if quote_all:
            assert first.startswith(f'1{delimiter}"\'=1+2"{delimiter}"Élodie'), first
        else:
            assert first.startswith(f"1{delimiter}'=1+2{delimiter}Élodie"), first


def test_labels_in_header(con: Any, hostile: Path) -> None:
    data = run(con, hostile, "csv", ExportOptions(use_labels=True), fields=FIELDS)
    assert data.startswith(b"id,formule,Texte libre,liste,")
    book = openpyxl.load_workbook(
        io.BytesIO(run(con, hostile, "xlsx", ExportOptions(use_labels=True), fields=FIELDS)),
        read_only=True,
    )
    try:
        header = next(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    assert header[:3] == ("id", "formule", "Texte libre")


def test_xlsx_neutralises_formulas(con: Any, hostile: Path, tmp_path: Path) -> None:
    data = run(con, hostile, "xlsx", ExportOptions(), tmp_dir=tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    assert [r[1] for r in rows[1:]][:4] == ["'=1+2", "'@SUM(A1)", "'-3", "simple"]
    assert rows[1][3] == "a,b" and rows[2][3] == "'=x"
    assert list(tmp_path.iterdir()) == []


def test_json_values(con: Any, hostile: Path) -> None:
    records = json.loads(run(con, hostile, "json", ExportOptions.opendatasoft()))
    expected = oracle_rows(con, hostile)
    assert [r["id"] for r in records] == [row[0] for row in expected]
    assert records[0]["formule"] == "=1+2", "JSON keeps the text as stored"
    assert records[0]["liste"] == ["a", "b"] and records[3]["liste"] is None
    assert [r["nombre"] for r in records] == [1.5, None, None, -0.25, None, 2.0]
    assert records[0]["horodatage"] == "2024-03-01T10:20:30+00:00"
    assert records[0]["jour"] == "2024-03-01" and records[0]["drapeau"] is True
    assert len(records[4]["texte"]) == HUGE


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"])
def test_datetimes_in_the_asked_time_zone(con: Any, hostile: Path, zone: str) -> None:
    options = ExportOptions.opendatasoft().but(timezone=zone)
    rows = list(
        csv.reader(
            io.StringIO(run(con, hostile, "csv", options).decode("utf-8-sig")), delimiter=";"
        )
    )
    stored = con.sql(f"SELECT horodatage FROM read_parquet('{hostile}') ORDER BY id").fetchone()[0]
    expected = stored.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(zone)).isoformat()
    assert rows[1][5] == expected
    record = json.loads(run(con, hostile, "json", options))[0]
    assert dt.datetime.fromisoformat(record["horodatage"]) == stored.replace(tzinfo=dt.UTC)


@pytest.mark.parametrize("fmt", FORMATS)
def test_gzip(con: Any, export_instance: ExportInstance, fmt: str, tmp_path: Path) -> None:
    stored = export_instance.versions["fontaines"]
    plain = run(con, stored.source, fmt, ExportOptions.opendatasoft(), fields=stored.fields)
    packed = run(
        con,
        stored.source,
        fmt,
        ExportOptions.opendatasoft().but(compressed=True),
        fields=stored.fields,
        tmp_dir=tmp_path,
    )
    if fmt in ("parquet", "xlsx"):  # the files carry their own timestamps and ids
        assert packed[:2] == b"\x1f\x8b" and gzip.decompress(packed)[:2] == plain[:2]
    else:
        assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) or fmt == "parquet"


def test_empty_results(con: Any, hostile: Path, tmp_path: Path) -> None:
    view = f"SELECT * FROM read_parquet('{hostile}')"
    con.execute(f"CREATE TEMP VIEW h AS {view}")
    empty = exp.select(exp.column("id").as_("id"), exp.column("texte")).from_("h").where("id < 0")
    assert (
        run(con, hostile, "csv", ExportOptions.opendatasoft(), empty) == "\ufeffid;texte\n".encode()
    )
    assert json.loads(run(con, hostile, "json", ExportOptions(), empty)) == []
    assert run(con, hostile, "jsonl", ExportOptions(), empty) == b""
    parquet = run(con, hostile, "parquet", ExportOptions(), empty, tmp_dir=tmp_path)
    found = con.sql(f"SELECT count(*) FROM read_parquet('{_write(tmp_path, parquet)}')")
    assert found.fetchone() == (0,)


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "out.parquet"
    path.write_bytes(data)
    return path


def test_geo_values_as_opendatasoft(con: Any, export_instance: ExportInstance) -> None:
    stored = export_instance.versions["fontaines"]
    query = (
        exp.select(exp.column("Identifiant", quoted=True).as_("identifiant"))
        .select(exp.column("geo_point_2d", quoted=True), exp.column("geo_shape", quoted=True))
        .from_("v")
        .order_by("identifiant")
        .limit(20)
    )
    con.execute(f"CREATE TEMP VIEW o AS SELECT * FROM read_parquet('{stored.source}')")
    truth = con.sql(
        "SELECT \"Identifiant\", split_part(geo_point_2d, ',', 1)::DOUBLE AS lat, "
        "split_part(geo_point_2d, ',', 2)::DOUBLE AS lon, geo_shape FROM o "
        'ORDER BY "Identifiant" LIMIT 20'
    ).fetchall()
    ods = ExportOptions.opendatasoft()
    kw = {"fields": stored.fields}
    rows = list(
        csv.reader(
            io.StringIO(run(con, stored.source, "csv", ods, query, **kw).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rows[0] == ["identifiant", "geo_point_2d", "geo_shape"]
    assert [r[1] for r in rows[1:]] == [f"{lat}, {lon}" for _i, lat, lon, _s in truth]
    records = json.loads(run(con, stored.source, "json", ods, query, **kw))
    assert [r["geo_point_2d"] for r in records] == [
        {"lon": lo, "lat": la} for _i, la, lo, _s in truth
    ]
    assert [r["geo_shape"]["geometry"] for r in records] == [json.loads(s) for *_x, s in truth]
    assert {r["geo_shape"]["type"] for r in records} == {"Feature"}
    points = query.select(exp.column("geo_point_2d", quoted=True), append=False)
    geo = json.loads(run(con, stored.source, "geojson", ods, points.select("'x' AS autre"), **kw))
    assert [f["geometry"] for f in geo["features"]] == [
        {"type": "Point", "coordinates": [lon, lat]} for _i, lat, lon, _s in truth
    ]
    assert {json.dumps(f["properties"]) for f in geo["features"]} == {'{"autre": "x"}'}


def test_refusals_come_before_any_byte(
    con: Any, hostile: Path, export_instance: ExportInstance
) -> None:
    with pytest.raises(UserError) as unknown:
        stream_export(con, None, hostile, "shp", ExportOptions())
    assert unknown.value.http_status == 400 and "csv, parquet" in str(unknown.value)
    assert "inconnu" in unknown.value.message_fr and "unknown" in unknown.value.message_en
    with pytest.raises(UserError) as geometry:
        stream_export(con, None, hostile, "geojson", ExportOptions())
    assert geometry.value.http_status == 400 and "geo" in geometry.value.message_en
    bad_options = (
        {"delimiter": ";;"},
        {"epsg": 2154},
        {"list_separator": ""},
        {"timezone": "Europe/Lutece"},
        {"parquet_compression": "lz4"},
    )
    for bad in bad_options:
        with pytest.raises(UserError) as option:
            stream_export(con, None, hostile, "csv", ExportOptions().but(**bad))
        assert option.value.http_status == 400 and next(iter(bad)) in str(option.value)
    stored = export_instance.versions["trilib"]
    with pytest.raises(UserError):
        open_export(export_instance.settings, "geojson", ExportOptions(), source=stored.source)


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_file_formats_leave_no_file(export_instance: ExportInstance, fmt: str) -> None:
    """The file DuckDB writes loses its name once open: nothing is left in the tmp folder,
    whether the stream is read, closed early (a client that went away) or never read."""
    settings = export_instance.settings
    stored = export_instance.versions["fontaines"]
    chunks = open_export(settings, fmt, ExportOptions(), source=stored.source)
    assert not list(settings.tmp_dir.glob("export-*"))
    assert next(chunks)[:2] in (b"PK", b"PA")
    chunks.close()
    never_read = open_export(settings, fmt, ExportOptions(), source=stored.source)
    assert not list(settings.tmp_dir.glob("export-*"))
    del never_read
    gc.collect()  # closes its file without an unclosed-file warning (an error here)
    whole = b"".join(open_export(settings, fmt, ExportOptions(), source=stored.source))
    assert whole[:2] in (b"PK", b"PA") and not list(settings.tmp_dir.glob("export-*"))


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "xlsx", "parquet"])
def test_engine_errors_come_before_any_byte(con: Any, hostile: Path, fmt: str) -> None:
    con.execute(f"CREATE OR REPLACE TEMP VIEW h AS SELECT * FROM read_parquet('{hostile}')")
    failing = exp.select("CAST(formule AS INTEGER) AS n").from_("h").order_by("n")
    with pytest.raises(duckdb.ConversionException):
        stream_export(con, failing, None, fmt, ExportOptions())


def test_repeated_names_stay_two_columns(con: Any, hostile: Path) -> None:
    con.execute(f"CREATE OR REPLACE TEMP VIEW h AS SELECT * FROM read_parquet('{hostile}')")
    twice = exp.select("id AS a", "texte AS a").from_("h").where("id < 4").order_by("id")
    data = run(con, hostile, "csv", ExportOptions(), twice).decode()
    assert data.splitlines()[:2] == ["a,a", "1,Élodie « ça »"]
    records = json.loads(run(con, hostile, "json", ExportOptions(), twice))
    assert records[0] == {"a": 1, "a_1": "Élodie « ça »"}


def test_file_names_and_media_types() -> None:
    assert export_filename("fontaines-paris", "csv", ExportOptions()) == "fontaines-paris.csv"
    zipped = ExportOptions(compressed=True)
    assert export_filename("fontaines-paris", "CSV", zipped) == "fontaines-paris.csv.gz"
    assert export_filename('a"b/c', "json", ExportOptions()) == "a_b_c.json"
    assert (
        media_type("csv").startswith("text/csv") and media_type("geojson") == "application/geo+json"
    )
    assert media_type("csv", compressed=True) == "application/gzip"
    with pytest.raises(UserError):
        media_type("pdf")


def test_wide_rows_come_in_smaller_batches(con: Any, tmp_path: Path) -> None:
    """Rows of 20 KB (a commune's contour is more): 2048 of them would be a 40 MB batch."""
    source = tmp_path / "wide.parquet"
    con.execute(
        "COPY (SELECT i, repeat(md5(CAST(i AS VARCHAR)), 625) AS contour FROM range(3000) t(i)) "
        f"TO '{source}' (FORMAT parquet)"
    )
    sizes = [len(chunk) for chunk in stream_export(con, None, source, "csv", ExportOptions())]
    assert sum(sizes) > 3000 * 20_000
    assert max(sizes) < 16 << 20, "a batch holds about 8 MB, not 2048 rows"
    lines = b"".join(stream_export(con, None, source, "jsonl", ExportOptions())).splitlines()
    assert [json.loads(line)["i"] for line in lines] == list(range(3000))


def test_export_version_writes_a_whole_file_or_refuses(
    export_instance: ExportInstance, tmp_path: Path
) -> None:
    settings = export_instance.settings
    target = tmp_path / "fontaines.jsonl"
    assert export_version("fontaines", "jsonl", None, target, settings) == 1
    stored = export_instance.versions["fontaines"]
    with duckdb.connect() as db:
        count = db.sql(f"SELECT count(*) FROM read_parquet('{stored.source}')").fetchone()
    assert count == (len(target.read_text().splitlines()),)
    assert [p.name for p in tmp_path.iterdir()] == ["fontaines.jsonl"], "no partial file left"
    with pytest.raises(UserError) as missing:
        export_version("fontaines", "csv", None, tmp_path / "absent" / "f.csv", settings)
    assert "dossier" in missing.value.message_fr and "folder" in missing.value.message_en
