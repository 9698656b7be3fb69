"""CKAN's datastore_search through ckanapi on a live uvicorn: filters (CKAN 2.12 ranges, lists,
``$or``), q, fields, sort, limit/offset, include_total, records formats — every expectation
from DuckDB reading the stored Parquet (``_id`` is the row number from 1)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from ckan_oracle import PRIVATE, columns, count, objects, resource_of, rows
from ckanapi import NotFound, RemoteCKAN, ValidationError

from territoria.config import Settings

TRILIB = "trilib-paris"
FONTAINES = "fontaines-paris"


def test_default_page(ckan: RemoteCKAN, live_settings: Settings) -> None:
    rid = resource_of(ckan, TRILIB)
    result = ckan.action.datastore_search(resource_id=rid)
    names = ["_id"] + [n for n, _ in columns(live_settings, TRILIB)]
    assert [f["id"] for f in result["fields"]] == names
    types = {f["id"]: f["type"] for f in result["fields"]}
    assert (types["_id"], types["fillingRate"], types["name"]) == ("int", "int", "text")
    expected = objects(live_settings, TRILIB, names, "ORDER BY _id LIMIT 100")
    assert result["records"] == expected and len(expected) == 100
    assert result["total"] == count(live_settings, TRILIB)
    assert (result["limit"], result["offset"]) == (100, 0)
    assert "offset=100" in result["_links"]["next"]
    assert rid in result["_links"]["start"]


def test_ranges_and_equality(ckan: RemoteCKAN, live_settings: Settings) -> None:
    rid = resource_of(ckan, TRILIB)
    [(middle,)] = rows(live_settings, TRILIB, 'SELECT median("fillingLimit")::BIGINT FROM data')
    filters = {"fillingRate": {"gte": 20, "lt": 80}, "fillingLimit": {"lte": middle}}
    where = f'WHERE "fillingRate" >= 20 AND "fillingRate" < 80 AND "fillingLimit" <= {middle}'
    asked = {"filters": filters, "fields": ["_id", "fillingRate"], "limit": 1000}
    result = ckan.action.datastore_search(resource_id=rid, **asked)
    assert result["records"] == objects(
        live_settings, TRILIB, ["_id", "fillingRate"], f"{where} ORDER BY _id"
    )
    assert result["total"] == count(live_settings, TRILIB, where) > 0


def test_lists_or_and_booleans(ckan: RemoteCKAN, live_settings: Settings) -> None:
    rid = resource_of(ckan, TRILIB)
    names = [n for (n,) in rows(live_settings, TRILIB, "SELECT name FROM data ORDER BY 1")][:3]
    filters = {
        "$or": [{"name": names}, {"fillingRate": [{"lte": 5}, {"gte": 95}]}],
        "fillingLimit": {"gte": 0},
    }
    listed = ", ".join("'" + n.replace("'", "''") + "'" for n in names)
    where = (
        f'WHERE (name IN ({listed}) OR "fillingRate" <= 5 OR "fillingRate" >= 95) '
        'AND "fillingLimit" >= 0'
    )
    asked = {"filters": filters, "fields": ["_id"], "limit": 32000}
    result = ckan.action.datastore_search(resource_id=rid, **asked)
    assert result["records"] == objects(live_settings, TRILIB, ["_id"], f"{where} ORDER BY _id")
    assert result["total"] == count(live_settings, TRILIB, where) > len(names)
    fountains = resource_of(ckan, FONTAINES)
    available = ckan.action.datastore_search(
        resource_id=fountains, filters={"Disponibilité": False}, fields=["_id"], limit=32000
    )
    where = 'WHERE "Disponibilité" = false'
    assert available["records"] == objects(
        live_settings, FONTAINES, ["_id"], f"{where} ORDER BY _id"
    )
    top = ckan.action.datastore_search(resource_id=rid, filters=[{"_id": 1}, {"_id": 3}])
    assert [r["_id"] for r in top["records"]] == [1, 3]  # a top-level list is ORed


def test_full_text_q(ckan: RemoteCKAN, live_settings: Settings) -> None:
    rid = resource_of(ckan, FONTAINES)
    names = [n for n, _ in columns(live_settings, FONTAINES)]
    [(voie,)] = rows(live_settings, FONTAINES, "SELECT Voie FROM data WHERE Voie <> '' LIMIT 1")
    word = max(str(voie).split(), key=len).lower()
    row = "concat_ws(' ', " + ", ".join(f'CAST("{n}" AS VARCHAR)' for n in names) + ")"
    where = f"WHERE {row} ILIKE '%{word.replace(chr(39), chr(39) * 2)}%'"
    result = ckan.action.datastore_search(resource_id=rid, q=word, fields=["_id"], limit=32000)
    assert result["records"] == objects(live_settings, FONTAINES, ["_id"], f"{where} ORDER BY _id")
    assert result["total"] > 0
    by_field = ckan.action.datastore_search(resource_id=rid, q={"Voie": word.upper()})
    expected = f"WHERE Voie ILIKE '%{word.replace(chr(39), chr(39) * 2)}%'"
    assert by_field["total"] == count(live_settings, FONTAINES, expected) > 0


def test_sort_fields_and_paging(ckan_get: RemoteCKAN, live_settings: Settings) -> None:
    rid = resource_of(ckan_get, FONTAINES)
    result = ckan_get.action.datastore_search(
        resource_id=rid, sort='"Type Objet" desc, _id', fields="_id,Type Objet", limit=7, offset=30
    )
    assert [f["id"] for f in result["fields"]] == ["_id", "Type Objet"]
    assert result["records"] == objects(
        live_settings,
        FONTAINES,
        ["_id", "Type Objet"],
        'ORDER BY "Type Objet" DESC NULLS LAST, _id LIMIT 7 OFFSET 30',
    )


def test_records_formats_and_total(ckan: RemoteCKAN) -> None:
    rid = resource_of(ckan, "trilib-paris")
    asked = {"resource_id": rid, "fields": ["_id", "name", "fillingRate"], "limit": 5}
    as_objects = ckan.action.datastore_search(**asked)["records"]
    lists = ckan.action.datastore_search(records_format="lists", **asked)["records"]
    assert lists == [[r["_id"], r["name"], r["fillingRate"]] for r in as_objects]
    text = ckan.action.datastore_search(records_format="csv", **asked)["records"]
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed == [["" if v is None else str(v) for v in row] for row in lists]
    without = ckan.action.datastore_search(include_total=False, **asked)
    assert "total" not in without and without["include_total"] is False


def test_limits(ckan: RemoteCKAN) -> None:
    rid = resource_of(ckan, "trilib-paris")
    assert ckan.action.datastore_search(resource_id=rid, limit=10**6)["limit"] == 32000
    assert ckan.action.datastore_search(resource_id=rid, limit=0)["records"] == []
    for bad in ({"limit": -1}, {"offset": "x"}, {"records_format": "xml"}):
        with pytest.raises(ValidationError):
            ckan.action.datastore_search(resource_id=rid, **bad)


@pytest.mark.parametrize(
    "asked",
    [
        {"filters": {"nope": 1}},
        {"filters": {"fillingRate": "beaucoup"}},
        {"filters": {"fillingRate": {"gte": "pas un nombre"}}},
        {"filters": {"fillingRate": {"between": 3}}},
        {"filters": {"$or": [{"fillingRate": 1}]}},
        {"filters": "fillingRate = 1"},
        {"fields": ["nope"]},
        {"sort": "nope desc"},
        {"sort": "fillingRate; DROP TABLE x"},
        {"q": {"nope": "x"}},
        {"distinct": True},
    ],
)
def test_refused_parameters(ckan: RemoteCKAN, asked: dict[str, Any]) -> None:
    rid = resource_of(ckan, TRILIB)
    with pytest.raises(ValidationError):
        ckan.action.datastore_search(resource_id=rid, **asked)


def test_unknown_and_private_resources(ckan: RemoteCKAN, ckan_admin: RemoteCKAN) -> None:
    with pytest.raises(ValidationError):
        ckan.action.datastore_search()
    with pytest.raises(NotFound):
        ckan.action.datastore_search(resource_id="00000000-0000-0000-0000-000000000000")
    package = ckan.action.package_show(id=TRILIB)
    [other, *_] = [r for r in package["resources"] if not r["datastore_active"]]
    with pytest.raises(NotFound):
        ckan.action.datastore_search(resource_id=other["id"])
    private = resource_of(ckan_admin, PRIVATE)
    with pytest.raises(NotFound):
        ckan.action.datastore_search(resource_id=private)
    assert ckan_admin.action.datastore_search(resource_id=private, limit=1)["total"] > 0
