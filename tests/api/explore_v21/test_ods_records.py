"""Explore v2.1 records, one record and dataset facets against a live uvicorn; expected values
come from DuckDB reading the stored Parquet."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import httpx
import pytest
from ods_oracle import BASE, PRIVATE, fields_of, rows

from territoria.config import Settings

TRILIB = f"{BASE}/catalog/datasets/trilib-paris"
FONTAINES = f"{BASE}/catalog/datasets/fontaines-paris"


def test_default_page_is_the_first_ten_rows(anon: httpx.Client, live_settings: Settings) -> None:
    body = anon.get(f"{TRILIB}/records").json()
    names = [f.name for f in fields_of(live_settings, "trilib-paris")]
    expected = [
        dict(zip(names, r, strict=True))
        for r in rows(live_settings, "trilib-paris", "SELECT * FROM data LIMIT 10")
    ]
    [(count,)] = rows(live_settings, "trilib-paris", "SELECT count(*) FROM data")
    assert body == {"total_count": count, "results": expected}


def test_trailing_slash_as_the_js_client_asks(anon: httpx.Client) -> None:
    assert anon.get(f"{TRILIB}/records/").json() == anon.get(f"{TRILIB}/records").json()


def test_where_select_order_and_count(anon: httpx.Client, live_settings: Settings) -> None:
    body = anon.get(
        f"{TRILIB}/records",
        params={
            "where": "fillingrate > 50",
            "select": "name, fillingrate",
            "order_by": "fillingrate desc, name",
            "limit": 100,
        },
    ).json()
    expected = rows(
        live_settings,
        "trilib-paris",
        'SELECT name, "fillingRate" FROM data WHERE "fillingRate" > 50 '
        'ORDER BY "fillingRate" DESC, name',
    )
    assert body["total_count"] == len(expected)
    assert [(r["name"], r["fillingrate"]) for r in body["results"]] == expected[:100]


def test_several_where_are_anded_and_refine_filters(
    anon: httpx.Client, live_settings: Settings
) -> None:
    body = anon.get(
        f"{TRILIB}/records",
        params=[
            ("where", "fillingrate > 20"),
            ("where", "fillingrate < 60"),
            ("refine", "wastetype_designation:Can / Plastic"),
        ],
    ).json()
    [(count,)] = rows(
        live_settings,
        "trilib-paris",
        """SELECT count(*) FROM data WHERE "fillingRate" > 20 AND "fillingRate" < 60
           AND wastetype_designation = 'Can / Plastic'""",
    )
    assert body["total_count"] == count


def test_group_by_counts(anon: httpx.Client, live_settings: Settings) -> None:
    body = anon.get(
        f"{FONTAINES}/records",
        params={
            "select": "commune, count(*) as n",
            "group_by": "commune",
            "order_by": "n desc, commune",
            "limit": 200,
        },
    ).json()
    expected = rows(
        live_settings,
        "fontaines-paris",
        'SELECT "Commune", count(*) AS n FROM data GROUP BY 1 ORDER BY n DESC, 1',
    )
    assert body["total_count"] == len(expected)
    assert [(r["commune"], r["n"]) for r in body["results"]] == expected


def test_geo_values_as_opendatasoft(anon: httpx.Client, live_settings: Settings) -> None:
    [record] = anon.get(f"{FONTAINES}/records", params={"limit": 1}).json()["results"]
    [(shape, point)] = rows(
        live_settings, "fontaines-paris", "SELECT geo_shape, geo_point_2d FROM data LIMIT 1"
    )
    lat, lon = (float(x) for x in point.split(","))
    assert record["geo_point_2d"] == pytest.approx({"lon": lon, "lat": lat})
    assert record["geo_shape"] == {
        "type": "Feature",
        "geometry": json.loads(shape),
        "properties": {},
    }


@pytest.mark.parametrize(
    ("params", "code", "needle"),
    [
        ({"limit": 101}, "InvalidRESTParameterError", "-1 <= limit <= 100"),
        ({"offset": 9991, "limit": 10}, "InvalidRESTParameterError", "offset + limit <= 10000"),
        ({"where": "fillingrate >> 3"}, "ODSQLError", "position"),
        ({"where": "no_such_field = 1"}, "ODSQLError", "no_such_field"),
        ({"select": "sum(name)"}, "ODSQLError", "select"),
        ({"timezone": "Mars/Olympus"}, "InvalidRESTParameterError", "timezone"),
    ],
)
def test_bad_queries_answer_400_as_opendatasoft(
    anon: httpx.Client, params: dict[str, object], code: str, needle: str
) -> None:
    answer = anon.get(f"{TRILIB}/records", params=params)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error_code"] == code
    assert needle in answer.json()["message"]


def test_group_by_pages_go_beyond_one_hundred(anon: httpx.Client) -> None:
    answer = anon.get(f"{FONTAINES}/records", params={"group_by": "identifiant", "limit": 500})
    assert answer.status_code == 200
    assert len(answer.json()["results"]) == 500


def test_one_record_is_its_row(anon: httpx.Client, live_settings: Settings) -> None:
    names = [f.name for f in fields_of(live_settings, "trilib-paris")]
    expected = rows(live_settings, "trilib-paris", "SELECT * FROM data LIMIT 1 OFFSET 2")[0]
    assert anon.get(f"{TRILIB}/records/3").json() == dict(zip(names, expected, strict=True))
    assert anon.get(f"{TRILIB}/records/0").status_code == 404
    assert anon.get(f"{TRILIB}/records/not-a-record").status_code == 404


def test_dataset_facets_count_values(anon: httpx.Client, live_settings: Settings) -> None:
    body = anon.get(
        f"{TRILIB}/facets",
        params={"facet": "wastetype_designation", "refine": "wastetype_designation:Can / Plastic"},
    ).json()
    [facet] = body["facets"]
    expected = rows(
        live_settings,
        "trilib-paris",
        "SELECT wastetype_designation, count(*) FROM data "
        "WHERE wastetype_designation = 'Can / Plastic' GROUP BY 1",
    )
    assert [(v["value"], v["count"]) for v in facet["facets"]] == expected
    assert {v["state"] for v in facet["facets"]} == {"refined"}
    every = anon.get(f"{TRILIB}/facets", params={"facet": "wastetype_designation"}).json()
    counted = {v["value"]: v["count"] for v in every["facets"][0]["facets"]}
    assert counted == dict(
        rows(
            live_settings,
            "trilib-paris",
            "SELECT wastetype_designation, count(*) FROM data "
            "WHERE wastetype_designation IS NOT NULL GROUP BY 1",
        )
    )


@pytest.mark.parametrize(
    "path", ["", "/records", "/records/1", "/facets", "/exports", "/exports/csv", "/exports/json"]
)
def test_private_dataset_is_404_for_anonymous_and_200_for_admin(
    anon: httpx.Client, admin: httpx.Client, path: str
) -> None:
    url = f"{BASE}/catalog/datasets/{PRIVATE}{path}"
    hidden = anon.get(url)
    assert hidden.status_code == 404
    assert hidden.json() == anon.get(f"{BASE}/catalog/datasets/no-such{path}").json() | {
        "message": f"Unknown dataset: {PRIVATE}",
        "message_fr": f"Jeu de données inconnu : {PRIVATE}",
    }
    assert admin.get(url).status_code == 200


def test_unknown_dataset_records_is_opendatasoft_404(anon: httpx.Client) -> None:
    answer = anon.get(f"{BASE}/catalog/datasets/no-such/records")
    assert answer.status_code == 404
    assert answer.json()["error_code"] == "NotFoundError"


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "America/New_York"])
def test_datetimes_carry_the_offset_of_the_timezone_asked(anon: httpx.Client, zone: str) -> None:
    moment = dt.datetime(2024, 7, 1, 10, 0, tzinfo=dt.UTC)
    body = anon.get(
        f"{TRILIB}/records",
        params={"limit": 1, "select": "date'2024-07-01T10:00:00Z' as t", "timezone": zone},
    ).json()
    assert body["results"] == [{"t": moment.astimezone(ZoneInfo(zone)).isoformat()}]


def test_aggregate_without_group_by_is_one_result(
    anon: httpx.Client, live_settings: Settings
) -> None:
    body = anon.get(
        f"{TRILIB}/records", params={"select": "count(*) as n, avg(fillingrate) as m"}
    ).json()
    [(count, mean)] = rows(
        live_settings, "trilib-paris", 'SELECT count(*), avg("fillingRate") FROM data'
    )
    assert body["total_count"] == 1
    assert body["results"] == [{"n": count, "m": pytest.approx(mean)}]


def test_limit_minus_one_is_the_most_allowed(anon: httpx.Client, live_settings: Settings) -> None:
    [(count,)] = rows(live_settings, "fontaines-paris", "SELECT count(*) FROM data")
    body = anon.get(f"{FONTAINES}/records", params={"limit": -1}).json()
    assert len(body["results"]) == min(100, count)


def test_default_facets_are_text_boolean_and_date_fields(
    anon: httpx.Client, live_settings: Settings
) -> None:
    body = anon.get(f"{FONTAINES}/facets").json()
    eligible = [
        f.name
        for f in fields_of(live_settings, "fontaines-paris")
        if f.type in ("text", "boolean", "date", "datetime")
    ]
    assert [f["name"] for f in body["facets"]] == eligible[:10]
    [disponibilite] = [f for f in body["facets"] if f["name"] == "disponibilite"]
    expected = rows(
        live_settings,
        "fontaines-paris",
        'SELECT "Disponibilité", count(*) FROM data WHERE "Disponibilité" IS NOT NULL GROUP BY 1',
    )
    shown = {("true" if v else "false"): n for v, n in expected}
    assert {v["value"]: v["count"] for v in disponibilite["facets"]} == shown
