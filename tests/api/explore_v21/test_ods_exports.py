"""Explore v2.1 exports and the URLs reusers copy from Opendatasoft portals, against a live
uvicorn; counts and values come from DuckDB reading the stored Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from zoneinfo import ZoneInfo

import httpx
import pyarrow.parquet as pq
import pytest
from ods_oracle import BASE, PUBLIC, rows

from territoria.config import Settings

TRILIB = f"{BASE}/catalog/datasets/trilib-paris"
FONTAINES = f"{BASE}/catalog/datasets/fontaines-paris"


def _csv(answer: httpx.Response, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_export_is_every_row_with_bom_and_semicolons(
    anon: httpx.Client, live_settings: Settings
) -> None:
    answer = anon.get(f"{TRILIB}/exports/csv")
    assert answer.status_code == 200
    assert answer.content.startswith(b"\xef\xbb\xbf")
    assert 'filename="trilib-paris.csv"' in answer.headers["content-disposition"]
    table = _csv(answer)
    [(count,)] = rows(live_settings, "trilib-paris", "SELECT count(*) FROM data")
    assert len(table) - 1 == count > 100  # no records limit on exports


def test_csv_options_pass_through(anon: httpx.Client, live_settings: Settings) -> None:
    answer = anon.get(
        f"{TRILIB}/exports/csv",
        params={
            "delimiter": ",",
            "with_bom": "false",
            "select": "name",
            "where": "fillingrate > 50",
        },
    )
    assert not answer.content.startswith(b"\xef\xbb\xbf")
    expected = rows(live_settings, "trilib-paris", 'SELECT name FROM data WHERE "fillingRate" > 50')
    assert sorted(r[0] for r in _csv(answer, ",")[1:]) == sorted(r[0] for r in expected)


def test_json_export_and_limit(anon: httpx.Client) -> None:
    answer = anon.get(f"{TRILIB}/exports/json", params={"limit": 5, "select": "name"})
    assert [set(r) for r in answer.json()] == [{"name"}] * 5


def test_export_formats_listed_and_unknown_refused(anon: httpx.Client) -> None:
    listed = {link["rel"] for link in anon.get(f"{TRILIB}/exports").json()["links"]}
    assert listed >= {"csv", "json", "geojson", "parquet", "xlsx", "jsonl"}
    refused = anon.get(f"{TRILIB}/exports/docx")
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "InvalidRESTParameterError"
    bad = anon.get(f"{TRILIB}/exports/csv", params={"where": "nope = 1"})
    assert bad.status_code == 400 and bad.json()["error_code"] == "ODSQLError"


def test_reuser_url_records_with_limit_and_refine(
    anon: httpx.Client, live_settings: Settings
) -> None:
    answer = anon.get(
        f"{TRILIB}/records?limit=20&refine=wastetype_designation%3A%22Can%20%2F%20Plastic%22"
    )
    assert answer.status_code == 200, answer.text
    [(count,)] = rows(
        live_settings,
        "trilib-paris",
        "SELECT count(*) FROM data WHERE wastetype_designation = 'Can / Plastic'",
    )
    assert answer.json()["total_count"] == count
    assert len(answer.json()["results"]) == min(20, count)


def test_reuser_url_csv_export_in_french_with_labels(anon: httpx.Client) -> None:
    answer = anon.get(
        f"{FONTAINES}/exports/csv?lang=fr&timezone=Europe%2FBerlin&use_labels=true&delimiter=%3B"
    )
    assert answer.status_code == 200
    header = _csv(answer)[0]
    assert "N° Voie Pair" in header  # labels, not names


def test_reuser_url_geojson_export(anon: httpx.Client, live_settings: Settings) -> None:
    answer = anon.get(f"{FONTAINES}/exports/geojson")
    assert answer.status_code == 200
    collection = json.loads(answer.content)
    [(count,)] = rows(live_settings, "fontaines-paris", "SELECT count(*) FROM data")
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == count


def test_catalog_exports_list_visible_datasets(anon: httpx.Client, admin: httpx.Client) -> None:
    public = _csv(anon.get(f"{BASE}/catalog/exports/csv"))
    assert sorted(r[0] for r in public[1:]) == sorted(PUBLIC)
    everything = admin.get(f"{BASE}/catalog/exports/json").json()
    assert len(everything) == len(PUBLIC) + 1


def test_export_offset_skips_rows(anon: httpx.Client, live_settings: Settings) -> None:
    answer = anon.get(f"{TRILIB}/exports/json", params={"offset": 120, "select": "name"})
    expected = rows(live_settings, "trilib-paris", "SELECT name FROM data OFFSET 120")
    assert [r["name"] for r in answer.json()] == [r[0] for r in expected]


def test_parquet_xlsx_and_gzip_exports(anon: httpx.Client, live_settings: Settings) -> None:
    [(count,)] = rows(live_settings, "trilib-paris", "SELECT count(*) FROM data")
    parquet = anon.get(f"{TRILIB}/exports/parquet")
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == count
    xlsx = anon.get(f"{TRILIB}/exports/xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    packed = anon.get(f"{TRILIB}/exports/jsonl", params={"compressed": "true"})
    assert packed.headers["content-type"] == "application/gzip"
    assert 'filename="trilib-paris.jsonl.gz"' in packed.headers["content-disposition"]
    assert len(gzip.decompress(packed.content).splitlines()) == count
    assert anon.get(f"{TRILIB}/exports/csv", params={"compressed": "maybe"}).status_code == 400


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "America/New_York"])
def test_exported_datetimes_carry_the_offset_of_the_timezone_asked(
    anon: httpx.Client, zone: str
) -> None:
    moment = dt.datetime(2024, 7, 1, 10, 0, tzinfo=dt.UTC)
    answer = anon.get(
        f"{FONTAINES}/exports/json",
        params={"limit": 1, "select": "date'2024-07-01T10:00:00Z' as t", "timezone": zone},
    )
    assert answer.status_code == 200, answer.text
    (row,) = json.loads(answer.content)
    assert dt.datetime.fromisoformat(row["t"]) == moment
    assert (
        dt.datetime.fromisoformat(row["t"]).utcoffset()
        == moment.astimezone(ZoneInfo(zone)).utcoffset()
    )
